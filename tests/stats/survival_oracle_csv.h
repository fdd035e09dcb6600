// A tiny reader for the R oracle's CSV files (tests/oracle/data and
// tests/oracle/reference, written by tests/oracle/survival.R) and the
// comparison rule the survival tests use. Private to tests/stats.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace alongside::stats::survival_oracle {

// One parsed file: a header and rows of cells, looked up by column name.
class OracleCsv {
 public:
  // Reads ALONGSIDE_SOURCE_DIR "/tests/oracle/" + relative_path. Throws
  // std::runtime_error when the file is missing or ragged (a test bug).
  static OracleCsv Load(const std::string& relative_path) {
    const std::string path = std::string(ALONGSIDE_SOURCE_DIR) + "/tests/oracle/" + relative_path;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    OracleCsv csv;
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      std::vector<std::string> cells;
      std::stringstream stream(line);
      std::string cell;
      while (std::getline(stream, cell, ',')) cells.push_back(cell);
      if (line.back() == ',') cells.emplace_back();
      if (header) {
        for (std::size_t col = 0; col < cells.size(); ++col) csv.columns_[cells[col]] = col;
        csv.width_ = cells.size();
        header = false;
      } else {
        if (cells.size() != csv.width_) throw std::runtime_error("ragged row in " + path);
        csv.rows_.push_back(std::move(cells));
      }
    }
    return csv;
  }

  std::size_t size() const { return rows_.size(); }

  const std::string& Text(std::size_t row, const std::string& column) const {
    auto it = columns_.find(column);
    if (it == columns_.end()) throw std::runtime_error("no column " + column);
    return rows_.at(row).at(it->second);
  }

  // "NA" (R's missing value) reads as NaN.
  double Number(std::size_t row, const std::string& column) const {
    const std::string& text = Text(row, column);
    if (text == "NA") return std::nan("");
    if (text == "Inf") return INFINITY;
    if (text == "-Inf") return -INFINITY;
    return std::stod(text);
  }

  std::vector<double> NumberColumn(const std::string& column) const {
    std::vector<double> values;
    for (std::size_t row = 0; row < rows_.size(); ++row) values.push_back(Number(row, column));
    return values;
  }

 private:
  std::map<std::string, std::size_t> columns_;
  std::size_t width_ = 0;
  std::vector<std::vector<std::string>> rows_;
};

// The oracle tolerance: |actual - expected| <= 1e-6 * max(|expected|, 1e-300).
// NaN (R's NA) must meet NaN; two values both below 1e-300 in magnitude (tiny
// p-values) count as equal.
inline ::testing::AssertionResult MatchesOracle(double actual, double expected,
                                                double relative_tolerance = 1e-6) {
  if (std::isnan(expected) || std::isnan(actual)) {
    if (std::isnan(expected) && std::isnan(actual)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "actual " << actual << " vs R " << expected;
  }
  if (std::isinf(expected) || std::isinf(actual)) {
    if (actual == expected) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "actual " << actual << " vs R " << expected;
  }
  if (std::fabs(expected) < 1e-300 && std::fabs(actual) < 1e-300) {
    return ::testing::AssertionSuccess();
  }
  const double allowed = relative_tolerance * std::max(std::fabs(expected), 1e-300);
  if (std::fabs(actual - expected) <= allowed) return ::testing::AssertionSuccess();
  std::ostringstream detail;
  detail.precision(17);
  detail << "actual " << actual << " vs R " << expected << " (relative error "
         << std::fabs(actual - expected) / std::max(std::fabs(expected), 1e-300) << ")";
  return ::testing::AssertionFailure() << detail.str();
}

// std::optional (nullopt = "not reached") against R's NA-or-number.
inline ::testing::AssertionResult MatchesOracle(const std::optional<double>& actual,
                                                double expected) {
  return MatchesOracle(actual.value_or(std::nan("")), expected);
}

// A data set of tests/oracle/data/survival_<name>.csv.
struct SurvivalData {
  std::vector<double> time;
  std::vector<int> event;
  std::vector<int> group;
  std::vector<double> arm;
  std::vector<double> age;
  std::vector<double> sex;
  std::vector<double> prior_admissions;
};

inline SurvivalData LoadSurvivalData(const std::string& name) {
  const OracleCsv csv = OracleCsv::Load("data/survival_" + name + ".csv");
  SurvivalData data;
  for (std::size_t row = 0; row < csv.size(); ++row) {
    data.time.push_back(csv.Number(row, "time"));
    data.event.push_back(static_cast<int>(csv.Number(row, "event")));
    data.group.push_back(static_cast<int>(csv.Number(row, "group")));
    data.arm.push_back(csv.Number(row, "arm"));
    data.age.push_back(csv.Number(row, "age"));
    data.sex.push_back(csv.Number(row, "sex"));
    data.prior_admissions.push_back(csv.Number(row, "prior_admissions"));
  }
  return data;
}

// Times and events of one hand-built case in survival_edge.csv.
inline void LoadEdgeCase(const std::string& edge_case, std::vector<double>& time,
                         std::vector<int>& event) {
  const OracleCsv csv = OracleCsv::Load("data/survival_edge.csv");
  time.clear();
  event.clear();
  for (std::size_t row = 0; row < csv.size(); ++row) {
    if (csv.Text(row, "case") != edge_case) continue;
    time.push_back(csv.Number(row, "time"));
    event.push_back(static_cast<int>(csv.Number(row, "event")));
  }
}

}  // namespace alongside::stats::survival_oracle
