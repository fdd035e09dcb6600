// A fast, strict reader of numeric CSV files with a header row, shared by the
// study-design input files (cohort files). Columns are found by name in the
// header, in any order; extra columns are ignored. Every cell of a wanted
// column is checked against its rule, and the first problem is reported as
// "<source>:<line>:<column>: <field>: <requirement>, got \"<cell>\"" in a
// Status::InvalidArgument whose field() is the column name (line and column
// are 1-based; the header is line 1). Parsing runs over one in-memory buffer
// with std::from_chars, with no allocation per cell.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace alongside::evaluation {

enum class CellKind {
  kText,     // any non-empty text (identifiers); not stored
  kInteger,  // a whole number in [min, max], stored as double
  kNumber,   // a finite decimal number in [min, max]
};

struct ColumnRule {
  std::string_view name;
  CellKind kind = CellKind::kNumber;
  double min = 0;
  double max = 0;
  bool allow_empty = false;      // an empty cell is a missing value (NaN)
  std::string_view requirement;  // e.g. "must be an integer >= 1"
};

struct CsvColumns {
  // values[rule_idx][row_idx]; empty for kText rules. Missing cells are NaN.
  std::vector<std::vector<double>> values;
  // missing[rule_idx]: number of empty cells in that column.
  std::vector<std::size_t> missing;
  std::size_t rows = 0;
};

// Parses `text` (the whole file) against `rules`. `source` names the file in
// messages. Accepts LF or CRLF line ends, a final line without a newline, and
// double-quoted cells without embedded line breaks. Refuses: an empty file, a
// header missing a required column or naming one twice, a row with the wrong
// number of cells, a cell breaking its rule, and a file with no data rows.
Result<CsvColumns> ParseCsvColumns(std::string_view text, std::string_view source,
                                   std::span<const ColumnRule> rules);

// Reads a whole file into memory. NotFound when it cannot be opened.
Result<std::string> ReadWholeFile(const std::string& path);

}  // namespace alongside::evaluation
