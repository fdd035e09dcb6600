// Cohort files of the evaluation engine (evaluation/cohort.h over
// csv_columns.h): the same text through the three designs' parsers, which
// parse in memory (ParseCsvColumns), as `alongside evaluate` does after
// ReadWholeFile.
// Invariants: a parsed cohort has one value per row in every column, each
// value within its column's rule or NaN where the rule allows a missing
// cell, and the missing counts are the NaNs counted; a refusal is an
// InvalidArgument whose detail starts with the source name.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "evaluation/cohort.h"
#include "fuzz_check.h"

namespace alongside::fuzz {
namespace {

constexpr std::string_view kSource = "cohort.csv";

// Every value of `column` is in [min, max] (or NaN when `missing` allows).
void CheckColumn(const std::vector<double>& column, std::size_t rows, double min, double max,
                 const std::size_t* missing) {
  ALONGSIDE_FUZZ_CHECK(column.size() == rows);
  std::size_t nans = 0;
  for (double value : column) {
    if (std::isnan(value)) {
      ++nans;
      continue;
    }
    ALONGSIDE_FUZZ_CHECK(std::isfinite(value) && value >= min && value <= max);
  }
  ALONGSIDE_FUZZ_CHECK(nans == (missing != nullptr ? *missing : 0));
}

void CheckWhole(const std::vector<double>& column) {
  for (double value : column) ALONGSIDE_FUZZ_CHECK(value == std::floor(value));
}

void CheckRefusal(const Status& status) {
  ALONGSIDE_FUZZ_CHECK(status.code() == StatusCode::kInvalidArgument);
  ALONGSIDE_FUZZ_CHECK(status.detail().substr(0, kSource.size()) == kSource);
}

void Readmission(std::string_view text) {
  Result<evaluation::ReadmissionCohort> cohort = evaluation::ParseReadmissionCohort(text, kSource);
  if (!cohort.ok()) {
    CheckRefusal(cohort.status());
    return;
  }
  const std::size_t rows = cohort->size();
  ALONGSIDE_FUZZ_CHECK(rows >= 1);
  CheckColumn(cohort->arm, rows, 0, 1, nullptr);
  CheckColumn(cohort->age, rows, 0, 120, nullptr);
  CheckColumn(cohort->sex, rows, 0, 1, nullptr);
  CheckColumn(cohort->prior_admissions, rows, 0, 1e9, nullptr);
  CheckColumn(cohort->followup_days, rows, 1, 1e9, nullptr);
  CheckColumn(cohort->readmitted, rows, 0, 1, nullptr);
  CheckColumn(cohort->hope_baseline, rows, 8, 64, &cohort->missing_hope_baseline);
  CheckColumn(cohort->hope_6m, rows, 8, 64, &cohort->missing_hope_6m);
  CheckColumn(cohort->cost, rows, 0, HUGE_VAL, nullptr);
  for (const std::vector<double>* whole : {&cohort->arm, &cohort->sex, &cohort->prior_admissions,
                                           &cohort->followup_days, &cohort->readmitted}) {
    CheckWhole(*whole);
  }
}

void Hospitalization(std::string_view text) {
  Result<evaluation::HospitalizationCohort> cohort =
      evaluation::ParseHospitalizationCohort(text, kSource);
  if (!cohort.ok()) {
    CheckRefusal(cohort.status());
    return;
  }
  const std::size_t rows = cohort->size();
  ALONGSIDE_FUZZ_CHECK(rows >= 1);
  CheckColumn(cohort->admissions_before, rows, 0, 1e9, nullptr);
  CheckColumn(cohort->days_before, rows, 1, 1e9, nullptr);
  CheckColumn(cohort->admissions_after, rows, 0, 1e9, nullptr);
  CheckColumn(cohort->days_after, rows, 1, 1e9, nullptr);
  for (const std::vector<double>* whole : {&cohort->admissions_before, &cohort->days_before,
                                           &cohort->admissions_after, &cohort->days_after}) {
    CheckWhole(*whole);
  }
}

void Stigma(std::string_view text) {
  Result<evaluation::StigmaCohort> cohort = evaluation::ParseStigmaCohort(text, kSource);
  if (!cohort.ok()) {
    CheckRefusal(cohort.status());
    return;
  }
  const std::size_t rows = cohort->size();
  ALONGSIDE_FUZZ_CHECK(rows >= 1);
  CheckColumn(cohort->training_cohort, rows, 0, 1e9, nullptr);
  CheckColumn(cohort->arm, rows, 0, 1, nullptr);
  CheckColumn(cohort->attitude_before, rows, -HUGE_VAL, HUGE_VAL, &cohort->missing_before);
  CheckColumn(cohort->attitude_after, rows, -HUGE_VAL, HUGE_VAL, &cohort->missing_after);
  CheckWhole(cohort->training_cohort);
  CheckWhole(cohort->arm);
}

}  // namespace
}  // namespace alongside::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  alongside::fuzz::Readmission(text);
  alongside::fuzz::Hospitalization(text);
  alongside::fuzz::Stigma(text);
  return 0;
}
