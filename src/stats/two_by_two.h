// Comparisons of a binary outcome between two groups from a 2x2 table:
//
//                  event   no event
//   group 1 (x)      a        b        e.g. peer support
//   group 0 (y)      c        d        e.g. comparison
//
// which is R's matrix(c(a, c, b, d), nrow = 2). Matches R:
//   Pearson chi-square without and with Yates' correction: chisq.test(m,
//     correct = FALSE / TRUE) (Yates: |O - E| reduced by min(0.5, |O - E|));
//   Fisher's exact test: fisher.test(m): two-sided p = sum of the
//     hypergeometric probabilities <= p(observed) * (1 + 1e-7); the
//     conditional maximum-likelihood odds ratio and its exact CI found with
//     the same Brent root finder and tolerance as R's uniroot (tol =
//     .Machine$double.eps^0.25), so the values agree with R digit for digit.
// Also (formulas, no R function):
//   risk p1 = a/(a+b), p0 = c/(c+d);
//   relative risk p1/p0, CI exp(log RR +- z SE), SE = sqrt(1/a - 1/(a+b) +
//     1/c - 1/(c+d)) (Katz log method; NaN when a or c is 0);
//   risk difference p1 - p0, Wald CI with SE = sqrt(p1(1-p1)/(a+b) +
//     p0(1-p0)/(c+d));
//   number needed to treat by Altman's method (BMJ 1998;317:1309): the
//     inverse of the absolute risk reduction and of its CI limits; when the
//     RD CI includes 0 the NNT CI runs through infinity and is reported as
//     two ranges, one of benefit (NNTB) and one of harm (NNTH).
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace alongside::stats {

struct TwoByTwoTable {
  int64_t a = 0;  // group 1, event
  int64_t b = 0;  // group 1, no event
  int64_t c = 0;  // group 0, event
  int64_t d = 0;  // group 0, no event
};

struct ChiSquareResult {
  double statistic = 0;
  double df = 1;
  double p_value = 0;
};

struct FisherResult {
  double p_value = 0;      // two-sided
  double odds_ratio = 0;   // conditional MLE (0 or +inf at the edges)
  double ci_lower = 0;
  double ci_upper = 0;     // may be +inf
  double confidence_level = 0.95;
};

// Altman's NNT. The event is taken as adverse (e.g. a readmission) when
// event_is_adverse, so benefit = group 1 has fewer events; otherwise benefit
// = group 1 has more events. arr = absolute risk reduction in the benefit
// direction (p0 - p1 if adverse, p1 - p0 if not), with its Wald CI.
// A NaN bound means that side has no values in the CI.
struct NumberNeededToTreat {
  double arr = 0;
  double arr_ci_lower = 0;
  double arr_ci_upper = 0;
  double nnt = 0;       // 1/|arr| (+inf when arr == 0)
  bool benefit = true;  // arr > 0: nnt is an NNTB, otherwise an NNTH
  // The CI as ranges on the NNT scale: NNTB values in [nntb_lower,
  // nntb_upper] and NNTH values in [nnth_lower, nnth_upper]; an upper bound
  // of +inf means the CI runs through infinity (arr CI includes 0).
  double nntb_lower = 0, nntb_upper = 0;
  double nnth_lower = 0, nnth_upper = 0;
  bool ci_includes_infinity = false;
  // e.g. "NNTB 8.3 (95% CI NNTB 4.1 to infinity to NNTH 52.0)".
  std::string Describe() const;
};

struct TwoByTwoResult {
  TwoByTwoTable table;
  double confidence_level = 0.95;
  double risk1 = 0;  // a / (a + b)
  double risk0 = 0;  // c / (c + d)
  ChiSquareResult chi_square;       // no continuity correction
  ChiSquareResult chi_square_yates; // with Yates' correction
  FisherResult fisher;
  double relative_risk = 0, rr_ci_lower = 0, rr_ci_upper = 0;
  double risk_difference = 0, rd_ci_lower = 0, rd_ci_upper = 0;  // p1 - p0
  NumberNeededToTreat nnt;
};

// Errors: InvalidArgument("table") for a negative cell or an empty row.
// Chi-square statistics are NaN when an expected count is 0 (an empty
// column), as R returns NaN.
Result<TwoByTwoResult> CompareTwoByTwo(const TwoByTwoTable& table, double confidence_level = 0.95,
                                       bool event_is_adverse = true);

// Each piece alone (same conventions).
ChiSquareResult PearsonChiSquare(const TwoByTwoTable& table, bool yates);
Result<FisherResult> FisherExact(const TwoByTwoTable& table, double confidence_level = 0.95);

}  // namespace alongside::stats
