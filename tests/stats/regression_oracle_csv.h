// Test helper: reads the R oracle's files (tests/oracle/regression.R) and
// compares to them. Data files are CSVs with a header and "NA" for missing;
// reference files are key,value CSVs. Kept apart from the survival tests'
// reader.
#pragma once

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace alongside::stats::regression_oracle {

inline std::string OraclePath(const std::string& relative) {
  return std::string(ALONGSIDE_SOURCE_DIR) + "/tests/oracle/" + relative;
}

inline double ParseOracleNumber(const std::string& text) {
  if (text == "NA" || text.empty()) return std::nan("");
  if (text == "Inf") return INFINITY;
  if (text == "-Inf") return -INFINITY;
  return std::strtod(text.c_str(), nullptr);
}

inline std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

// Columns of tests/oracle/data/<name>.csv by header name.
inline std::map<std::string, std::vector<double>> ReadOracleData(const std::string& name) {
  std::ifstream file(OraclePath("data/" + name + ".csv"));
  EXPECT_TRUE(file.good()) << "missing oracle data " << name;
  std::string line;
  std::getline(file, line);
  const std::vector<std::string> header = SplitCsvLine(line);
  std::map<std::string, std::vector<double>> columns;
  while (std::getline(file, line)) {
    if (line.empty()) continue;
    const std::vector<std::string> fields = SplitCsvLine(line);
    for (size_t column = 0; column < header.size(); ++column) {
      columns[header[column]].push_back(
          ParseOracleNumber(column < fields.size() ? fields[column] : ""));
    }
  }
  return columns;
}

// key -> value of tests/oracle/reference/<name>.csv.
class OracleReference {
 public:
  explicit OracleReference(const std::string& name) : name_(name) {
    std::ifstream file(OraclePath("reference/" + name + ".csv"));
    EXPECT_TRUE(file.good()) << "missing oracle reference " << name;
    std::string line;
    std::getline(file, line);
    while (std::getline(file, line)) {
      const std::vector<std::string> fields = SplitCsvLine(line);
      if (fields.size() == 2) values_[fields[0]] = ParseOracleNumber(fields[1]);
    }
  }

  bool Has(const std::string& key) const { return values_.count(key) > 0; }

  double Get(const std::string& key) const {
    auto it = values_.find(key);
    EXPECT_NE(it, values_.end()) << name_ << " has no key " << key;
    return it == values_.end() ? std::nan("") : it->second;
  }

 private:
  std::string name_;
  std::map<std::string, double> values_;
};

// |actual - expected| <= relative * |expected|, with an absolute floor for
// expected values at or near zero.
inline ::testing::AssertionResult RelativelyNear(double actual, double expected,
                                                 double relative = 1e-6, double absolute = 1e-12) {
  if (std::isinf(expected) && actual == expected) return ::testing::AssertionSuccess();
  const double tolerance = std::max(relative * std::fabs(expected), absolute);
  if (std::fabs(actual - expected) <= tolerance) return ::testing::AssertionSuccess();
  std::ostringstream message;
  message.precision(17);
  message << "actual " << actual << " vs expected " << expected << " (tolerance " << tolerance << ")";
  return ::testing::AssertionFailure() << message.str();
}

}  // namespace alongside::stats::regression_oracle
