// Reading a JSON request body strictly: the body must be an object, every
// field is checked for type, and a field the endpoint does not know is
// refused (not ignored). Errors are InvalidArgument naming the field.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "common/time.h"

namespace alongside::server {

class JsonInput {
 public:
  // InvalidArgument("body", ...) when the text is not a JSON object.
  static Result<JsonInput> Parse(const std::string& body);

  Result<std::string> String(const std::string& field, bool required, size_t max_length = 20000);
  Result<std::optional<std::int64_t>> Integer(const std::string& field, bool required,
                                              std::int64_t min, std::int64_t max);
  Result<std::optional<bool>> Boolean(const std::string& field);
  Result<std::optional<std::vector<std::string>>> Strings(const std::string& field,
                                                          bool required);
  Result<std::optional<Instant>> Time(const std::string& field, bool required);
  // An object of texts ({"warning_signs": "..."}), at most `max_keys` keys
  // of at most 64 bytes and values of at most `max_length` bytes, each
  // valid UTF-8 without NUL; errors name "field.key" when a value is wrong.
  Result<std::optional<std::vector<std::pair<std::string, std::string>>>> TextObject(
      const std::string& field, bool required, size_t max_keys, size_t max_length);
  Result<std::optional<Day>> Date(const std::string& field, bool required);
  // A list of at most `max_items` objects {"subject": "<text>", "id": <positive
  // integer>} and nothing else; InvalidArgument naming `field` otherwise.
  Result<std::vector<std::pair<std::string, std::int64_t>>> SubjectIds(const std::string& field,
                                                                       size_t max_items);
  // Whether the body has `field` (null counts as absent).
  bool Has(const std::string& field) const {
    auto found = object_.find(field);
    return found != object_.end() && !found->is_null();
  }
  // Call last: InvalidArgument naming the first field that was not read.
  Status RejectUnknown() const;

 private:
  explicit JsonInput(nlohmann::json object) : object_(std::move(object)) {}
  const nlohmann::json* Find(const std::string& field);

  nlohmann::json object_;
  std::set<std::string> read_;
};

}  // namespace alongside::server
