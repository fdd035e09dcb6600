// The tidy table of estimates every design produces: one row per estimate,
// written as estimates.csv with the columns
//   analysis,term,estimate,std_error,statistic,p_value,conf_low,conf_high,note
// Numbers are written with %.17g (full double precision, so a value read back
// is the same double); a NaN is written as an empty cell (the column does not
// apply, or the value is not defined, e.g. a median not reached). `note` is
// empty for an ordinary row; a row whose estimate does not exist for this
// data has every number empty and one of the codes below.
#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace alongside::evaluation {

inline constexpr double kNotApplicable = std::numeric_limits<double>::quiet_NaN();

// The model's estimates do not exist for this data: a group with no events
// (the likelihood has no maximum; R warns "coefficient may be infinite").
inline constexpr std::string_view kNoteSeparation = "separation";
// Too few complete pairs (before and after scores) in a group to estimate.
inline constexpr std::string_view kNoteTooFewPairs = "too_few_pairs";

struct EstimateRow {
  std::string analysis;
  std::string term;
  double estimate = kNotApplicable;
  double std_error = kNotApplicable;
  double statistic = kNotApplicable;
  double p_value = kNotApplicable;
  double conf_low = kNotApplicable;
  double conf_high = kNotApplicable;
  std::string note;  // empty, or kNoteSeparation / kNoteTooFewPairs

  bool estimable() const { return note.empty(); }
};

// A row whose estimate does not exist: every number empty, the note set.
EstimateRow NotEstimableRow(std::string analysis, std::string term, std::string_view note);

inline constexpr std::string_view kEstimatesHeader =
    "analysis,term,estimate,std_error,statistic,p_value,conf_low,conf_high,note";

// The CSV text, header first, rows in order, "\n" line ends. Terms holding a
// comma or quote are quoted.
std::string EstimatesCsv(const std::vector<EstimateRow>& rows);

// Reads a file in the same format (the R oracle writes one); empty cells and
// "NA" become NaN. InvalidArgument on a wrong header or a bad number.
Result<std::vector<EstimateRow>> ParseEstimatesCsv(std::string_view text, std::string_view source);

// "%.17g", or "" for NaN.
std::string FormatFull(double value);

}  // namespace alongside::evaluation
