// The cohort files of the three study designs, parsed into columns.
//
// Readmission cohort (design "readmission"): one row per person (person_id
//   unique) with arm (1 peer support, 0 comparison), age (0..120), sex (0/1),
//   prior_admissions (integer >= 0), followup_days (integer >= 1),
//   readmitted (1 if readmitted at followup_days, else 0), hope_baseline and
//   hope_6m (Adult Hope Scale totals 8..64, empty = missing), cost (>= 0).
// Hospitalization-rate file (design "hospitalization-rate"): one row per
//   person (person_id unique) with admissions_before, days_before,
//   admissions_after, days_after (counts >= 0, exposure days >= 1).
// Stigma-training file (design "stigma-training"): one row per trainee
//   (trainee_id unique) with training_cohort, arm (1 contact-based, 0
//   education-only; the same for every trainee of a training_cohort, as
//   whole cohorts are allocated), attitude_before, attitude_after (numbers,
//   empty = missing).
//
// Columns may come in any order and extra columns are ignored; cells follow
// RFC 4180 (see csv_columns.h). A malformed file is refused with
// Status::InvalidArgument naming the field, and a detail
// "<source>:<line>:<column>: <field>: <requirement>, got \"<cell>\"", the
// line being the file's physical line; a repeated id adds "(also on line
// <first>)".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace alongside::evaluation {

struct ReadmissionCohort {
  std::vector<double> arm;
  std::vector<double> age;
  std::vector<double> sex;
  std::vector<double> prior_admissions;
  std::vector<double> followup_days;
  std::vector<double> readmitted;
  std::vector<double> hope_baseline;  // NaN where missing
  std::vector<double> hope_6m;        // NaN where missing
  std::vector<double> cost;
  std::size_t missing_hope_baseline = 0;
  std::size_t missing_hope_6m = 0;
  std::size_t size() const { return arm.size(); }
};

struct HospitalizationCohort {
  std::vector<double> admissions_before;
  std::vector<double> days_before;
  std::vector<double> admissions_after;
  std::vector<double> days_after;
  std::size_t size() const { return days_before.size(); }
};

struct StigmaCohort {
  std::vector<double> training_cohort;
  std::vector<double> arm;
  std::vector<double> attitude_before;  // NaN where missing
  std::vector<double> attitude_after;   // NaN where missing
  std::size_t missing_before = 0;
  std::size_t missing_after = 0;
  std::size_t size() const { return arm.size(); }
};

// Parse the whole text of a file; `source` names it in error messages.
Result<ReadmissionCohort> ParseReadmissionCohort(std::string_view text, std::string_view source);
Result<HospitalizationCohort> ParseHospitalizationCohort(std::string_view text,
                                                         std::string_view source);
Result<StigmaCohort> ParseStigmaCohort(std::string_view text, std::string_view source);

// The column names each design requires, in their canonical order.
std::vector<std::string> ReadmissionColumns();

}  // namespace alongside::evaluation
