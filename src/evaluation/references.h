// What each analysis of estimates.csv follows in R, and what the test suite
// compares with R: the one home of the report's "How each result was
// computed" table and of docs/evaluation.md's claims. A test
// (EvaluateOracleTest.ReferenceTableMatchesWhatTheOracleChecks) holds every
// `checked` value to the committed oracle references, so the report can
// never claim a check the suite does not make.
#pragma once

#include <span>
#include <string_view>

#include "evaluation/design.h"
#include "evaluation/report.h"

namespace alongside::evaluation {

enum class OracleCheck {
  kEveryNumber,     // every cell compared with R at 1e-6 relative
  kPointEstimate,   // the estimate compared; the interval and SE are random (bootstrap)
  kCountsOnly,      // counts and inputs, compared exactly
};

struct AnalysisReference {
  std::string_view analysis;  // as in estimates.csv
  std::string_view r_call;    // the R function (package) the row follows
  OracleCheck checked;
};

// Every analysis a design writes, in report order.
std::span<const AnalysisReference> AnalysisReferences(Design design);

// The report table: analysis, R function, what the test suite compares.
ReportTable ReferenceTable(Design design);

}  // namespace alongside::evaluation
