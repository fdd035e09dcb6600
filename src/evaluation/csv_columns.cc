#include "evaluation/csv_columns.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>

#include <fmt/format.h>

namespace alongside::evaluation {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kUnwanted = -1;

// One cell as found in the line: its text without quotes, and where it ends.
struct Cell {
  std::string_view text;
  bool quoted = false;
};

std::string Shown(std::string_view cell) {
  constexpr std::size_t kMaxShown = 40;
  if (cell.size() > kMaxShown) return std::string(cell.substr(0, kMaxShown)) + "...";
  return std::string(cell);
}

Status CellError(std::string_view source, std::size_t line, std::size_t column,
                 std::string_view field, std::string_view requirement, std::string_view cell) {
  return Status::InvalidArgument(
      std::string(field),
      fmt::format("{}:{}:{}: {}: {}, got \"{}\"", source, line, column, field, requirement,
                  Shown(cell)));
}

// Splits one line (without its line end) into cells. Returns false on a
// malformed quote, setting *bad_column.
bool SplitLine(std::string_view line, std::vector<Cell>* cells, std::size_t* bad_column) {
  cells->clear();
  std::size_t pos = 0;
  while (true) {
    if (pos < line.size() && line[pos] == '"') {
      // Quoted cell: "" inside stands for one quote; we keep the raw text
      // between the quotes, which is enough for numbers and identifiers.
      std::size_t end = pos + 1;
      while (true) {
        end = line.find('"', end);
        if (end == std::string_view::npos) {
          *bad_column = cells->size() + 1;
          return false;
        }
        if (end + 1 < line.size() && line[end + 1] == '"') {
          end += 2;
          continue;
        }
        break;
      }
      cells->push_back({line.substr(pos + 1, end - pos - 1), true});
      pos = end + 1;
      if (pos == line.size()) return true;
      if (line[pos] != ',') {
        *bad_column = cells->size();
        return false;
      }
      ++pos;
      if (pos == line.size()) {
        cells->push_back({std::string_view(), false});
        return true;
      }
      continue;
    }
    std::size_t comma = line.find(',', pos);
    if (comma == std::string_view::npos) {
      cells->push_back({line.substr(pos), false});
      return true;
    }
    cells->push_back({line.substr(pos, comma - pos), false});
    pos = comma + 1;
  }
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Parses a numeric cell; false when it is not a number of the rule's kind.
bool ParseNumberCell(std::string_view cell, CellKind kind, double* out) {
  const char* first = cell.data();
  const char* last = first + cell.size();
  if (first != last && *first == '+') ++first;
  if (first == last) return false;
  if (kind == CellKind::kInteger) {
    long long whole = 0;
    auto [ptr, ec] = std::from_chars(first, last, whole);
    if (ec != std::errc() || ptr != last) return false;
    *out = static_cast<double>(whole);
    return true;
  }
  double number = 0;
  auto [ptr, ec] = std::from_chars(first, last, number);
  if (ec != std::errc() || ptr != last || !std::isfinite(number)) return false;
  *out = number;
  return true;
}

}  // namespace

Result<CsvColumns> ParseCsvColumns(std::string_view text, std::string_view source,
                                   std::span<const ColumnRule> rules) {
  // Strip a UTF-8 byte order mark, which spreadsheet exports often add.
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (text.empty()) {
    return Status::InvalidArgument("header", fmt::format("{}:1:1: header: the file is empty", source));
  }

  std::size_t pos = 0;
  auto next_line = [&](std::string_view* line) -> bool {
    if (pos >= text.size()) return false;
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view found = text.substr(pos, end - pos);
    if (!found.empty() && found.back() == '\r') found.remove_suffix(1);
    *line = found;
    pos = end + 1;
    return true;
  };

  std::vector<Cell> cells;
  std::size_t bad_column = 0;
  std::string_view header;
  next_line(&header);
  if (!SplitLine(header, &cells, &bad_column)) {
    return Status::InvalidArgument(
        "header", fmt::format("{}:1:{}: header: unbalanced quote in the header", source, bad_column));
  }
  const std::size_t header_cells = cells.size();
  std::vector<int> rule_of_column(header_cells, kUnwanted);
  std::vector<std::size_t> column_of_rule(rules.size(), 0);
  for (std::size_t column_idx = 0; column_idx < header_cells; ++column_idx) {
    std::string_view name = Trim(cells[column_idx].text);
    for (std::size_t rule_idx = 0; rule_idx < rules.size(); ++rule_idx) {
      if (rules[rule_idx].name != name) continue;
      if (column_of_rule[rule_idx] != 0) {
        return Status::InvalidArgument(
            std::string(name), fmt::format("{}:1:{}: {}: column named twice in the header (first at column {})",
                                           source, column_idx + 1, name, column_of_rule[rule_idx]));
      }
      column_of_rule[rule_idx] = column_idx + 1;
      rule_of_column[column_idx] = static_cast<int>(rule_idx);
    }
  }
  for (std::size_t rule_idx = 0; rule_idx < rules.size(); ++rule_idx) {
    if (column_of_rule[rule_idx] == 0) {
      return Status::InvalidArgument(
          std::string(rules[rule_idx].name),
          fmt::format("{}:1:{}: {}: required column is missing from the header", source,
                      header_cells + 1, rules[rule_idx].name));
    }
  }

  CsvColumns out;
  out.values.resize(rules.size());
  out.missing.assign(rules.size(), 0);
  // Size guess from the header line length keeps reallocation rare.
  const std::size_t row_guess = text.size() / (header.size() + 1) + 1;
  for (std::size_t rule_idx = 0; rule_idx < rules.size(); ++rule_idx) {
    if (rules[rule_idx].kind != CellKind::kText) out.values[rule_idx].reserve(row_guess);
  }

  std::string_view line;
  std::size_t line_number = 1;
  std::size_t blank_run_start = 0;  // first of a run of blank lines, 0 if none
  while (next_line(&line)) {
    ++line_number;
    if (line.empty()) {
      if (blank_run_start == 0) blank_run_start = line_number;
      continue;
    }
    if (blank_run_start != 0) {
      return Status::InvalidArgument(
          "row", fmt::format("{}:{}:1: row: blank line inside the data", source, blank_run_start));
    }
    if (!SplitLine(line, &cells, &bad_column)) {
      return Status::InvalidArgument(
          "row", fmt::format("{}:{}:{}: row: unbalanced quote", source, line_number, bad_column));
    }
    if (cells.size() != header_cells) {
      std::size_t column = std::min(cells.size(), header_cells) + 1;
      return Status::InvalidArgument(
          "row", fmt::format("{}:{}:{}: row: expected {} cells as in the header, got {}", source,
                             line_number, column, header_cells, cells.size()));
    }
    for (std::size_t column_idx = 0; column_idx < header_cells; ++column_idx) {
      const int rule_idx = rule_of_column[column_idx];
      if (rule_idx == kUnwanted) continue;
      const ColumnRule& rule = rules[rule_idx];
      std::string_view cell = cells[column_idx].text;
      if (cells[column_idx].quoted || cell.find(' ') != std::string_view::npos) cell = Trim(cell);
      if (rule.kind == CellKind::kText) {
        if (cell.empty()) {
          return CellError(source, line_number, column_idx + 1, rule.name, rule.requirement, cell);
        }
        continue;
      }
      if (cell.empty() || cell == "NA") {
        if (!rule.allow_empty) {
          return CellError(source, line_number, column_idx + 1, rule.name, rule.requirement, cell);
        }
        out.values[rule_idx].push_back(kNaN);
        ++out.missing[rule_idx];
        continue;
      }
      double value = 0;
      if (!ParseNumberCell(cell, rule.kind, &value) || value < rule.min || value > rule.max) {
        return CellError(source, line_number, column_idx + 1, rule.name, rule.requirement, cell);
      }
      out.values[rule_idx].push_back(value);
    }
    ++out.rows;
  }
  if (out.rows == 0) {
    return Status::InvalidArgument(
        "row", fmt::format("{}:2:1: row: the file has a header but no data rows", source));
  }
  return out;
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return Status::NotFound(fmt::format("{}: cannot open the file", path));
  std::string content;
  if (std::fseek(file.get(), 0, SEEK_END) != 0) return Status::Internal(fmt::format("{}: cannot seek", path));
  const long size = std::ftell(file.get());
  if (size < 0) return Status::Internal(fmt::format("{}: cannot tell the size", path));
  std::fseek(file.get(), 0, SEEK_SET);
  content.resize(static_cast<std::size_t>(size));
  const std::size_t got = std::fread(content.data(), 1, content.size(), file.get());
  if (got != content.size() || std::ferror(file.get())) {
    return Status::Internal(fmt::format("{}: read error", path));
  }
  return content;
}

}  // namespace alongside::evaluation
