// The one loader for Alongside's data files (thresholds, vocabularies,
// catalogs: see docs/data-files.md). A DataFile is a parsed JSON document
// that remembers its file name and where each value sits in the text, so
// every error it reports reads "practice.json:4:35: <path> <what is wrong>".
//
// Errors are Status::InvalidArgument with field() = "<file>:<line>:<column>"
// and detail() = "<path> <what>", where <path> is the JSON path written as
// "activities[3].scope" (or "the top level"); Status::ToString() then reads
// "invalid: activities.json:12:5: activities[3].scope must be peer or
// clinical-only". No exception leaves this module.
//
// Pointers are RFC 6901 JSON pointers ("/activities/3/scope", "" for the
// whole document); build them with Child(). A DataFile is immutable after
// Parse and safe to read from several threads.
//
// This is its own small library (alongside_data_file) below both domain and
// rules: domain::ActivityCatalog parses through it, and rules loads every
// other file through it, without domain linking rules.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "rules/json_positions.h"

namespace alongside::rules {

class DataFile {
 public:
  // Parses `text` as JSON. A syntax error, an object key given twice, or
  // objects and arrays nested deeper than kMaxJsonDepth (64) levels is
  // InvalidArgument naming file:line:column and what is wrong.
  static Result<DataFile> Parse(std::string file_name, std::string_view text);

  // `pointer` extended by one object key (escaped as RFC 6901 asks) or one
  // array index.
  static std::string Child(std::string_view pointer, std::string_view key);
  static std::string Child(std::string_view pointer, size_t index);

  const std::string& file_name() const { return file_name_; }
  const nlohmann::json& root() const { return root_; }

  // The value at `pointer`, or nullptr when there is none.
  const nlohmann::json* Find(std::string_view pointer) const;
  // Where the value at `pointer` starts; for a missing value, where its
  // nearest present ancestor starts (the object that lacks the key).
  TextPosition PositionOf(std::string_view pointer) const;
  // "activities[3].scope" for "/activities/3/scope"; "the top level" for "".
  std::string PathOf(std::string_view pointer) const;

  // InvalidArgument("<file>:<line>:<column>", "<path> <what>") for the value
  // at `pointer`; `what` reads after the path ("must be peer or clinical-only").
  Status Error(std::string_view pointer, std::string_view what) const;

  // Typed reads. Each fails with Error(): "is missing" when absent, "must
  // be ..." when the value has the wrong type or is out of range.
  Result<const nlohmann::json*> Object(std::string_view pointer) const;
  Result<const nlohmann::json*> Array(std::string_view pointer) const;
  // Text that is not empty (nor only spaces).
  Result<std::string> String(std::string_view pointer) const;
  // A stable code: text of lower-case letters, digits and '_' only.
  Result<std::string> Code(std::string_view pointer) const;
  // A whole number in [min, max] (72, not 72.0 nor "72").
  Result<int> Integer(std::string_view pointer, int min, int max) const;

  // Ok when the value at `pointer` is an object whose keys are all in
  // `allowed`; otherwise an error at the first other key in the text
  // ("practice.json:3:3: contact_due_after_day is not expected here (expected: ...)").
  Status RejectUnknownKeys(std::string_view pointer,
                           const std::vector<std::string_view>& allowed) const;

 private:
  DataFile(std::string file_name, nlohmann::json root, JsonPositions positions)
      : file_name_(std::move(file_name)),
        root_(std::move(root)),
        positions_(std::move(positions)) {}

  std::string file_name_;
  nlohmann::json root_;
  JsonPositions positions_;
};

// The text of a data file compiled into the binary from src/rules/data/
// ("practice.json", "roles.json", "labels.json", "activities.json",
// "language.json", "boundaries.json", "note_completeness.json",
// "plan_templates.json", "governance.json"), or
// nullopt for any other name.
std::optional<std::string_view> BuiltinDataFile(std::string_view file_name);

// Writes "built-in <what> is invalid: <status>" to stderr and aborts: a
// built-in data file ships inside the binary, so one that does not load is
// a build defect.
[[noreturn]] void AbortOnInvalidBuiltin(std::string_view what, const Status& status);

// What `parse` (a FromJson) makes of the built-in file `file_name`, for a
// rule set's Default() or Current() before a program's own is installed;
// aborts through AbortOnInvalidBuiltin when the file is missing or does not
// load.
template <typename T>
T ParseBuiltinOrAbort(std::string_view file_name, std::string_view what,
                      Result<T> (*parse)(std::string_view, std::string)) {
  Result<T> loaded = parse(BuiltinDataFile(file_name).value_or(""), std::string(file_name));
  if (!loaded.ok()) AbortOnInvalidBuiltin(what, loaded.status());
  return std::move(loaded).value();
}

}  // namespace alongside::rules
