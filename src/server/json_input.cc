#include "server/json_input.h"

#include "common/text.h"

#include <set>
#include <string>
#include <vector>

namespace alongside::server {

Result<JsonInput> JsonInput::Parse(const std::string& body) {
  // A field named twice is refused, at any depth: parsers disagree on which
  // value wins, and a form-shaped body can smuggle a second value that way.
  std::vector<std::set<std::string>> keys_by_depth;
  std::string repeated;
  auto watch = [&](int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& value) {
    using Event = nlohmann::json::parse_event_t;
    if (event == Event::object_start) {
      keys_by_depth.emplace_back();
    } else if (event == Event::object_end) {
      if (!keys_by_depth.empty()) keys_by_depth.pop_back();
    } else if (event == Event::key && !keys_by_depth.empty() && repeated.empty() &&
               !keys_by_depth.back().insert(value.get<std::string>()).second) {
      repeated = value.get<std::string>();
    }
    return true;
  };
  nlohmann::json parsed = nlohmann::json::parse(body, watch, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::InvalidArgument("body", "is not valid JSON");
  if (!repeated.empty()) {
    return Status::InvalidArgument(
        "body", "names a field more than once" +
                    (IsValidText(repeated) && repeated.size() <= 64 ? " (" + repeated + ")" : ""));
  }
  if (!parsed.is_object()) return Status::InvalidArgument("body", "must be a JSON object");
  return JsonInput(std::move(parsed));
}

const nlohmann::json* JsonInput::Find(const std::string& field) {
  read_.insert(field);
  auto found = object_.find(field);
  if (found == object_.end() || found->is_null()) return nullptr;
  return &*found;
}

Result<std::string> JsonInput::String(const std::string& field, bool required,
                                      size_t max_length) {
  const nlohmann::json* value = Find(field);
  if (!value) {
    if (required) return Status::InvalidArgument(field, "is required");
    return std::string();
  }
  if (!value->is_string()) return Status::InvalidArgument(field, "must be a string");
  std::string text = value->get<std::string>();
  if (text.size() > max_length) {
    return Status::InvalidArgument(field, "must be at most " + std::to_string(max_length) +
                                              " bytes");
  }
  // The same text rule as forms and query parameters (common/text.h).
  if (!IsValidText(text)) {
    return Status::InvalidArgument(field, "must be UTF-8 text without NUL characters");
  }
  return text;
}

Result<std::optional<std::int64_t>> JsonInput::Integer(const std::string& field, bool required,
                                                       std::int64_t min, std::int64_t max) {
  const nlohmann::json* value = Find(field);
  if (!value) {
    if (required) return Status::InvalidArgument(field, "is required");
    return std::optional<std::int64_t>();
  }
  if (!value->is_number_integer()) return Status::InvalidArgument(field, "must be an integer");
  std::int64_t number = value->get<std::int64_t>();
  if (number < min || number > max) {
    return Status::InvalidArgument(field, "must be " + std::to_string(min) + ".." +
                                              std::to_string(max));
  }
  return std::optional<std::int64_t>(number);
}

Result<std::optional<bool>> JsonInput::Boolean(const std::string& field) {
  const nlohmann::json* value = Find(field);
  if (!value) return std::optional<bool>();
  if (!value->is_boolean()) return Status::InvalidArgument(field, "must be true or false");
  return std::optional<bool>(value->get<bool>());
}

Result<std::optional<std::vector<std::string>>> JsonInput::Strings(const std::string& field,
                                                                   bool required) {
  const nlohmann::json* value = Find(field);
  if (!value) {
    if (required) return Status::InvalidArgument(field, "is required");
    return std::optional<std::vector<std::string>>();
  }
  if (!value->is_array() || value->size() > 50) {
    return Status::InvalidArgument(field, "must be a list of at most 50 strings");
  }
  std::vector<std::string> items;
  for (const nlohmann::json& item : *value) {
    if (!item.is_string()) return Status::InvalidArgument(field, "must be a list of strings");
    std::string text = item.get<std::string>();
    if (text.size() > 200 || !IsValidText(text)) {
      return Status::InvalidArgument(
          field, "must be a list of UTF-8 texts of at most 200 bytes without NUL characters");
    }
    items.push_back(std::move(text));
  }
  return std::optional<std::vector<std::string>>(std::move(items));
}

Result<std::vector<std::pair<std::string, std::int64_t>>> JsonInput::SubjectIds(
    const std::string& field, size_t max_items) {
  std::vector<std::pair<std::string, std::int64_t>> items;
  const nlohmann::json* value = Find(field);
  if (!value) return items;
  const std::string shape = "must be a list of at most " + std::to_string(max_items) +
                            " objects {\"subject\": text, \"id\": positive integer}";
  if (!value->is_array() || value->size() > max_items) {
    return Status::InvalidArgument(field, shape);
  }
  for (const nlohmann::json& item : *value) {
    if (!item.is_object() || item.size() != 2 || !item.contains("subject") ||
        !item.contains("id") || !item["subject"].is_string() ||
        !item["id"].is_number_integer() || item["id"].get<std::int64_t>() <= 0) {
      return Status::InvalidArgument(field, shape);
    }
    std::string subject = item["subject"].get<std::string>();
    if (subject.size() > 64 || !IsValidText(subject)) {
      return Status::InvalidArgument(field, shape);
    }
    items.emplace_back(std::move(subject), item["id"].get<std::int64_t>());
  }
  return items;
}

Result<std::optional<std::vector<std::pair<std::string, std::string>>>> JsonInput::TextObject(
    const std::string& field, bool required, size_t max_keys, size_t max_length) {
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  const nlohmann::json* value = Find(field);
  if (!value) {
    if (required) return Status::InvalidArgument(field, "is required");
    return std::optional<Pairs>();
  }
  if (!value->is_object() || value->size() > max_keys) {
    return Status::InvalidArgument(
        field, "must be an object of at most " + std::to_string(max_keys) + " texts");
  }
  Pairs pairs;
  for (const auto& [key, text] : value->items()) {
    if (key.empty() || key.size() > 64 || !IsValidText(key)) {
      return Status::InvalidArgument(field, "has a key that is empty, too long or not UTF-8");
    }
    const std::string named = field + "." + key;
    if (!text.is_string()) return Status::InvalidArgument(named, "must be a text");
    std::string words = text.get<std::string>();
    if (words.size() > max_length || !IsValidText(words)) {
      return Status::InvalidArgument(
          named, "must be UTF-8 text of at most " + std::to_string(max_length) +
                     " bytes without NUL characters");
    }
    pairs.emplace_back(key, std::move(words));
  }
  return std::optional<Pairs>(std::move(pairs));
}

namespace {

// The text of `field` (at most `max_length` bytes) read by `parse`; absent
// or empty is nullopt, or "is required" when `required`.
template <typename T, typename Parse>
Result<std::optional<T>> ParsedText(JsonInput& input, const std::string& field, bool required,
                                    size_t max_length, Parse parse) {
  ALONGSIDE_ASSIGN_OR_RETURN(std::string text, input.String(field, required, max_length));
  if (text.empty()) {
    if (required) return Status::InvalidArgument(field, "is required");
    return std::optional<T>();
  }
  ALONGSIDE_ASSIGN_OR_RETURN(T value, parse(text, field));
  return std::optional<T>(value);
}

}  // namespace

Result<std::optional<Instant>> JsonInput::Time(const std::string& field, bool required) {
  return ParsedText<Instant>(*this, field, required, 40, ParseInstant);
}

Result<std::optional<Day>> JsonInput::Date(const std::string& field, bool required) {
  return ParsedText<Day>(*this, field, required, 20, ParseDay);
}

Status JsonInput::RejectUnknown() const {
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (!read_.count(it.key())) return Status::InvalidArgument(it.key(), "is not a known field");
  }
  return Status::Ok();
}

}  // namespace alongside::server
