// A fast, strict reader of numeric CSV files (RFC 4180) with a header row,
// shared by the study-design input files (cohort files). Columns are found by
// name in the header, in any order; extra columns are ignored. Every cell of a
// wanted column is checked against its rule, and the first problem is
// reported as "<source>:<line>:<column>: <field>: <requirement>, got
// \"<cell>\"" in a Status::InvalidArgument whose field() is the column name
// (the cell cut to 40 bytes, its line breaks shown as \n and \r).
// The line is the physical line of the file where the cell starts (the
// header is line 1; a record whose quoted cells hold line breaks spans several
// lines; a row-level problem names the line its record starts on), the
// column is the 1-based cell index in its record. Parsing runs over one
// in-memory buffer with std::from_chars (and an exact fast path for short
// decimals), with no allocation per numeric cell.
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
  // kText only (else std::logic_error): no two rows may hold the same text
  // (compared as checked: unquoted and trimmed), e.g. one row per person. A
  // repeat is refused as "<field>: must be unique, got \"<cell>\" (also on
  // line <first>)", unless another problem comes earlier in the file.
  bool unique = false;
  // Numeric rules only: the name of another numeric rule's column; rows with
  // equal values there must have equal values here (rows with a missing value
  // in either are not compared). The first row that disagrees is refused as
  // "<field>: <same_requirement> <group cell> (line <first> has <value>),
  // got \"<cell>\"", e.g. same_requirement "must be the same for every
  // trainee of training_cohort". Naming an unknown or kText rule is a
  // programmer error (std::logic_error).
  std::string_view same_within = {};
  std::string_view same_requirement = {};
};

struct CsvColumns {
  // values[rule_idx][row_idx]; empty for kText rules. Missing cells are NaN.
  std::vector<std::vector<double>> values;
  // missing[rule_idx]: number of empty cells in that column.
  std::vector<std::size_t> missing;
  std::size_t rows = 0;
};

// Parses `text` (the whole file) against `rules`. `source` names the file in
// messages. Accepts LF or CRLF line ends, a final line without a newline,
// blank lines at the end, and double-quoted cells, which may hold commas,
// doubled quotes ("" for one ") and line breaks. Refuses: an empty file, a
// header missing a required column or naming one twice, a quote left open or
// followed by text other than a comma or line end, a blank line inside the
// data, a row with the wrong number of cells, a cell breaking its rule
// (including `unique` and `same_within`), and a file with no data rows.
Result<CsvColumns> ParseCsvColumns(std::string_view text, std::string_view source,
                                   std::span<const ColumnRule> rules);

// Reads a whole file into memory. NotFound when it cannot be opened.
Result<std::string> ReadWholeFile(const std::string& path);

}  // namespace alongside::evaluation
