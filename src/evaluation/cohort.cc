#include "evaluation/cohort.h"

#include <array>
#include <limits>
#include <utility>

#include "evaluation/csv_columns.h"

namespace alongside::evaluation {
namespace {

constexpr double kHuge = std::numeric_limits<double>::max();

// One row per person (per trainee): the id columns are unique.
constexpr std::array kReadmissionRules = {
    ColumnRule{"person_id", CellKind::kText, 0, 0, false, "must not be empty", /*unique=*/true},
    ColumnRule{"arm", CellKind::kInteger, 0, 1, false, "must be 0 (comparison) or 1 (peer support)"},
    ColumnRule{"age", CellKind::kNumber, 0, 120, false, "must be a number from 0 to 120"},
    ColumnRule{"sex", CellKind::kInteger, 0, 1, false, "must be 0 or 1"},
    ColumnRule{"prior_admissions", CellKind::kInteger, 0, 1e9, false, "must be an integer >= 0"},
    ColumnRule{"followup_days", CellKind::kInteger, 1, 1e9, false, "must be an integer >= 1"},
    ColumnRule{"readmitted", CellKind::kInteger, 0, 1, false, "must be 0 or 1"},
    ColumnRule{"hope_baseline", CellKind::kNumber, 8, 64, true,
               "must be an Adult Hope Scale total from 8 to 64, or empty when missing"},
    ColumnRule{"hope_6m", CellKind::kNumber, 8, 64, true,
               "must be an Adult Hope Scale total from 8 to 64, or empty when missing"},
    ColumnRule{"cost", CellKind::kNumber, 0, kHuge, false, "must be a number >= 0"},
};
enum ReadmissionIdx { kArm = 1, kAge, kSex, kPrior, kFollowup, kReadmitted, kHopeBase, kHope6m, kCost };

constexpr std::array kHospitalizationRules = {
    ColumnRule{"person_id", CellKind::kText, 0, 0, false, "must not be empty", /*unique=*/true},
    ColumnRule{"admissions_before", CellKind::kInteger, 0, 1e9, false, "must be an integer >= 0"},
    ColumnRule{"days_before", CellKind::kInteger, 1, 1e9, false, "must be an integer >= 1"},
    ColumnRule{"admissions_after", CellKind::kInteger, 0, 1e9, false, "must be an integer >= 0"},
    ColumnRule{"days_after", CellKind::kInteger, 1, 1e9, false, "must be an integer >= 1"},
};

// Whole training cohorts are allocated, so the arm is constant within one.
constexpr std::array kStigmaRules = {
    ColumnRule{"trainee_id", CellKind::kText, 0, 0, false, "must not be empty", /*unique=*/true},
    ColumnRule{"training_cohort", CellKind::kInteger, 0, 1e9, false, "must be an integer >= 0"},
    ColumnRule{"arm", CellKind::kInteger, 0, 1, false,
               "must be 0 (education-only) or 1 (contact-based)", /*unique=*/false,
               /*same_within=*/"training_cohort",
               /*same_requirement=*/"must be the same for every trainee of training_cohort"},
    ColumnRule{"attitude_before", CellKind::kNumber, -kHuge, kHuge, true,
               "must be a number, or empty when missing"},
    ColumnRule{"attitude_after", CellKind::kNumber, -kHuge, kHuge, true,
               "must be a number, or empty when missing"},
};

}  // namespace

Result<ReadmissionCohort> ParseReadmissionCohort(std::string_view text, std::string_view source) {
  Result<CsvColumns> parsed = ParseCsvColumns(text, source, kReadmissionRules);
  if (!parsed.ok()) return parsed.status();
  CsvColumns& columns = *parsed;
  ReadmissionCohort cohort;
  cohort.arm = std::move(columns.values[kArm]);
  cohort.age = std::move(columns.values[kAge]);
  cohort.sex = std::move(columns.values[kSex]);
  cohort.prior_admissions = std::move(columns.values[kPrior]);
  cohort.followup_days = std::move(columns.values[kFollowup]);
  cohort.readmitted = std::move(columns.values[kReadmitted]);
  cohort.hope_baseline = std::move(columns.values[kHopeBase]);
  cohort.hope_6m = std::move(columns.values[kHope6m]);
  cohort.cost = std::move(columns.values[kCost]);
  cohort.missing_hope_baseline = columns.missing[kHopeBase];
  cohort.missing_hope_6m = columns.missing[kHope6m];
  return cohort;
}

Result<HospitalizationCohort> ParseHospitalizationCohort(std::string_view text,
                                                         std::string_view source) {
  Result<CsvColumns> parsed = ParseCsvColumns(text, source, kHospitalizationRules);
  if (!parsed.ok()) return parsed.status();
  HospitalizationCohort cohort;
  cohort.admissions_before = std::move(parsed->values[1]);
  cohort.days_before = std::move(parsed->values[2]);
  cohort.admissions_after = std::move(parsed->values[3]);
  cohort.days_after = std::move(parsed->values[4]);
  return cohort;
}

Result<StigmaCohort> ParseStigmaCohort(std::string_view text, std::string_view source) {
  Result<CsvColumns> parsed = ParseCsvColumns(text, source, kStigmaRules);
  if (!parsed.ok()) return parsed.status();
  StigmaCohort cohort;
  cohort.training_cohort = std::move(parsed->values[1]);
  cohort.arm = std::move(parsed->values[2]);
  cohort.attitude_before = std::move(parsed->values[3]);
  cohort.attitude_after = std::move(parsed->values[4]);
  cohort.missing_before = parsed->missing[3];
  cohort.missing_after = parsed->missing[4];
  return cohort;
}

std::vector<std::string> ReadmissionColumns() {
  std::vector<std::string> names;
  for (const ColumnRule& rule : kReadmissionRules) names.emplace_back(rule.name);
  return names;
}

}  // namespace alongside::evaluation
