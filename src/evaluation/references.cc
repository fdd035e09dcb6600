#include "evaluation/references.h"

#include <string>

namespace alongside::evaluation {
namespace {

constexpr AnalysisReference kReadmission[] = {
    {"sample, events, missing", "table(), sum(is.na())", OracleCheck::kCountsOnly},
    {"km, km_median", "survival::survfit, summary.survfit(times =, extend = TRUE)", OracleCheck::kEveryNumber},
    {"logrank", "survival::survdiff", OracleCheck::kEveryNumber},
    {"cox, cox_hr", "survival::coxph(ties = \"efron\"), confint", OracleCheck::kEveryNumber},
    {"cox_robust", "survival::coxph(robust = TRUE)", OracleCheck::kEveryNumber},
    {"cox_zph", "survival::cox.zph", OracleCheck::kEveryNumber},
    {"poisson", "stats::glm(family = poisson), confint.default", OracleCheck::kEveryNumber},
    {"poisson_robust", "sandwich::vcovHC(type = \"HC0\")", OracleCheck::kEveryNumber},
    {"ttest_paired, welch", "stats::t.test", OracleCheck::kEveryNumber},
    {"hedges_g", "Hedges and Olkin formula (no R function; src/stats/effect_size.h)", OracleCheck::kEveryNumber},
    {"bootstrap", "percentile bootstrap, quantile(type = 7)", OracleCheck::kPointEstimate},
    {"mediation", "stats::lm (product of coefficients)", OracleCheck::kPointEstimate},
    {"mediation_paths", "stats::lm coefficients a, b and their ratio", OracleCheck::kEveryNumber},
    {"cost_offset", "arithmetic on tapply() sums and on coxph's hazard ratio", OracleCheck::kPointEstimate},
};

constexpr AnalysisReference kHospitalization[] = {
    {"sample, events, exposure_days, rate_per_365_days", "sum()", OracleCheck::kCountsOnly},
    {"poisson", "stats::glm(family = poisson), confint.default", OracleCheck::kEveryNumber},
    {"poisson_cluster, rate_ratio_cluster", "sandwich::vcovCL(cluster = ~person, type = \"HC0\")",
     OracleCheck::kEveryNumber},
};

constexpr AnalysisReference kStigma[] = {
    {"sample, missing", "table(), sum(is.na())", OracleCheck::kCountsOnly},
    {"ancova", "stats::lm, confint", OracleCheck::kEveryNumber},
    {"ancova_cluster, ancova_cluster_df",
     "clubSandwich::coef_test(vcov = \"CR2\", test = \"Satterthwaite\"), conf_int", OracleCheck::kEveryNumber},
    {"hedges_g", "Hedges and Olkin formula (no R function; src/stats/effect_size.h)", OracleCheck::kEveryNumber},
    {"welch", "stats::t.test", OracleCheck::kEveryNumber},
};

std::string_view Describe(OracleCheck check) {
  switch (check) {
    case OracleCheck::kEveryNumber:
      return "every number, to 1e-6 relative";
    case OracleCheck::kPointEstimate:
      return "the estimate (bootstrap intervals are random and are not)";
    case OracleCheck::kCountsOnly:
      return "exactly";
  }
  return "";
}

}  // namespace

std::span<const AnalysisReference> AnalysisReferences(Design design) {
  switch (design) {
    case Design::kReadmission:
      return kReadmission;
    case Design::kHospitalizationRate:
      return kHospitalization;
    case Design::kStigmaTraining:
      return kStigma;
  }
  return {};
}

ReportTable ReferenceTable(Design design) {
  ReportTable table;
  table.caption =
      "How each result was computed: the R function each row of estimates.csv follows, and what Alongside's "
      "test suite compares with R on committed synthetic cohorts (tests/oracle)";
  table.header = {"Rows (analysis)", "R function", "Compared with R"};
  for (const AnalysisReference& reference : AnalysisReferences(design)) {
    table.rows.push_back({std::string(reference.analysis), std::string(reference.r_call),
                          std::string(Describe(reference.checked))});
  }
  return table;
}

}  // namespace alongside::evaluation
