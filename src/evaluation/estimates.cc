#include "evaluation/estimates.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include <fmt/format.h>

namespace alongside::evaluation {
namespace {

std::string CsvText(std::string_view text) {
  if (text.find_first_of(",\"\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char ch : text) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  return quoted + "\"";
}

// Splits one CSV line honouring double quotes.
std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> cells(1);
  bool in_quotes = false;
  for (std::size_t pos = 0; pos < line.size(); ++pos) {
    const char ch = line[pos];
    if (in_quotes) {
      if (ch == '"' && pos + 1 < line.size() && line[pos + 1] == '"') {
        cells.back() += '"';
        ++pos;
      } else if (ch == '"') {
        in_quotes = false;
      } else {
        cells.back() += ch;
      }
    } else if (ch == '"') {
      in_quotes = true;
    } else if (ch == ',') {
      cells.emplace_back();
    } else {
      cells.back() += ch;
    }
  }
  return cells;
}

}  // namespace

std::string FormatFull(double value) {
  if (std::isnan(value)) return "";
  if (std::isinf(value)) return value > 0 ? "Inf" : "-Inf";
  char buffer[32];
  const int length = std::snprintf(buffer, sizeof(buffer), "%.17g", value);
  return std::string(buffer, static_cast<std::size_t>(length));
}

EstimateRow NotEstimableRow(std::string analysis, std::string term, std::string_view note) {
  EstimateRow row;
  row.analysis = std::move(analysis);
  row.term = std::move(term);
  row.note = std::string(note);
  return row;
}

std::string EstimatesCsv(const std::vector<EstimateRow>& rows) {
  std::string out(kEstimatesHeader);
  out += '\n';
  for (const EstimateRow& row : rows) {
    out += CsvText(row.analysis);
    out += ',';
    out += CsvText(row.term);
    for (double value : {row.estimate, row.std_error, row.statistic, row.p_value, row.conf_low,
                         row.conf_high}) {
      out += ',';
      out += FormatFull(value);
    }
    out += ',';
    out += CsvText(row.note);
    out += '\n';
  }
  return out;
}

Result<std::vector<EstimateRow>> ParseEstimatesCsv(std::string_view text, std::string_view source) {
  std::vector<EstimateRow> rows;
  std::size_t pos = 0;
  std::size_t line_number = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_number == 1) {
      if (line != kEstimatesHeader) {
        return Status::InvalidArgument("header", fmt::format("{}:1:1: header: expected \"{}\"",
                                                             source, kEstimatesHeader));
      }
      continue;
    }
    if (line.empty()) continue;
    std::vector<std::string> cells = SplitCsvLine(line);
    if (cells.size() != 9) {
      return Status::InvalidArgument(
          "row", fmt::format("{}:{}:1: row: expected 9 cells, got {}", source, line_number, cells.size()));
    }
    EstimateRow row;
    row.analysis = cells[0];
    row.term = cells[1];
    row.note = cells[8] == "NA" ? "" : cells[8];
    double* targets[] = {&row.estimate, &row.std_error, &row.statistic,
                         &row.p_value,  &row.conf_low,  &row.conf_high};
    for (std::size_t value_idx = 0; value_idx < 6; ++value_idx) {
      const std::string& cell = cells[value_idx + 2];
      if (cell.empty() || cell == "NA") continue;
      if (cell == "Inf" || cell == "-Inf") {
        *targets[value_idx] = cell == "Inf" ? HUGE_VAL : -HUGE_VAL;
        continue;
      }
      double value = 0;
      auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      if (ec != std::errc() || ptr != cell.data() + cell.size()) {
        return Status::InvalidArgument(
            "row", fmt::format("{}:{}:{}: not a number, got \"{}\"", source, line_number,
                               value_idx + 3, cell));
      }
      *targets[value_idx] = value;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace alongside::evaluation
