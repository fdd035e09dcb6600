#include "rules/data_file.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "common/text.h"

namespace alongside::embedded {
extern const std::string_view data_activities_json;
extern const std::string_view data_labels_json;
extern const std::string_view data_language_json;
extern const std::string_view data_boundaries_json;
extern const std::string_view data_note_completeness_json;
extern const std::string_view data_plan_templates_json;
extern const std::string_view data_fidelity_json;
extern const std::string_view data_governance_json;
extern const std::string_view data_practice_json;
extern const std::string_view data_roles_json;
}  // namespace alongside::embedded

namespace alongside::rules {
namespace {

using nlohmann::json;

// Records the first syntax error of a document and ignores everything else:
// nlohmann reports the byte position through SAX without throwing.
class SyntaxErrorFinder : public nlohmann::json_sax<json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::json::exception& error) override {
    found_ = true;
    position_ = position;
    message_ = error.what();
    return false;
  }

  bool found() const { return found_; }
  // Bytes read when the error was found: the offending byte is the last one.
  std::size_t position() const { return position_; }
  // nlohmann's words without its "[json.exception...] parse error at line
  // L, column C: " prefix (we give the position ourselves), and without the
  // text it last read when that is not valid UTF-8.
  std::string what() const {
    std::string what = message_;
    size_t start = what.find("parse error");
    size_t colon = start == std::string::npos ? std::string::npos : what.find(": ", start);
    if (colon != std::string::npos) what = what.substr(colon + 2);
    if (!IsValidText(what)) what = what.substr(0, what.find("; last read:"));
    return what;
  }

 private:
  bool found_ = false;
  std::size_t position_ = 0;
  std::string message_;
};

std::string Location(const std::string& file_name, TextPosition position) {
  return file_name + ":" + std::to_string(position.line) + ":" + std::to_string(position.column);
}

// The unescaped reference tokens of a pointer ("/a~1b/0" -> {"a/b", "0"}).
std::vector<std::string> SplitPointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  size_t start = pointer.front() == '/' ? 1 : 0;
  while (true) {
    size_t slash = pointer.find('/', start);
    std::string_view raw = pointer.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    std::string token;
    for (size_t char_idx = 0; char_idx < raw.size(); ++char_idx) {
      if (raw[char_idx] == '~' && char_idx + 1 < raw.size() &&
          (raw[char_idx + 1] == '0' || raw[char_idx + 1] == '1')) {
        token.push_back(raw[char_idx + 1] == '0' ? '~' : '/');
        ++char_idx;
      } else {
        token.push_back(raw[char_idx]);
      }
    }
    tokens.push_back(std::move(token));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return tokens;
}

std::optional<size_t> ArrayIndex(const std::string& token) {
  if (token.empty() || token.size() > 9) return std::nullopt;
  for (char c : token) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return static_cast<size_t>(std::stoul(token));
}

const json* ChildOf(const json& value, const std::string& token) {
  if (value.is_object()) {
    auto found = value.find(token);
    return found == value.end() ? nullptr : &*found;
  }
  if (value.is_array()) {
    std::optional<size_t> index = ArrayIndex(token);
    return index && *index < value.size() ? &value[*index] : nullptr;
  }
  return nullptr;
}

// A short rendering of a value for "(got ...)", cut at a character boundary.
std::string Shown(const json& value) {
  std::string text = value.dump();
  if (text.size() <= 40) return text;
  size_t cut = 37;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

bool IsBlank(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isspace(c) != 0; });
}

}  // namespace

Result<DataFile> DataFile::Parse(std::string file_name, std::string_view text) {
  json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    SyntaxErrorFinder finder;
    json::sax_parse(text, &finder);
    TextPosition position =
        PositionOfOffset(text, finder.position() > 0 ? finder.position() - 1 : 0);
    return Status::InvalidArgument(Location(file_name, position),
                                   finder.found() ? finder.what() : "not valid JSON");
  }
  JsonPositions positions = ScanJsonPositions(text);
  if (positions.too_deep) {
    const auto& [pointer, position] = *positions.too_deep;
    DataFile partial(file_name, std::move(root), {});
    return Status::InvalidArgument(Location(file_name, position),
                                   partial.PathOf(pointer) + " nests deeper than " +
                                       std::to_string(kMaxJsonDepth) + " levels");
  }
  if (!positions.duplicate_keys.empty()) {
    const auto& [pointer, position] = positions.duplicate_keys.front();
    DataFile partial(file_name, std::move(root), {});
    return Status::InvalidArgument(Location(file_name, position),
                                   partial.PathOf(pointer) + " is given more than once");
  }
  return DataFile(std::move(file_name), std::move(root), std::move(positions));
}

std::string DataFile::Child(std::string_view pointer, std::string_view key) {
  return std::string(pointer) + "/" + EscapePointerToken(key);
}

std::string DataFile::Child(std::string_view pointer, size_t index) {
  return std::string(pointer) + "/" + std::to_string(index);
}

const json* DataFile::Find(std::string_view pointer) const {
  const json* value = &root_;
  for (const std::string& token : SplitPointer(pointer)) {
    value = ChildOf(*value, token);
    if (value == nullptr) return nullptr;
  }
  return value;
}

TextPosition DataFile::PositionOf(std::string_view pointer) const {
  std::string prefix(pointer);
  while (true) {
    auto found = positions_.values.find(prefix);
    if (found != positions_.values.end()) return found->second;
    if (prefix.empty()) return TextPosition{};
    size_t slash = prefix.rfind('/');
    prefix.erase(slash == std::string::npos ? 0 : slash);
  }
}

std::string DataFile::PathOf(std::string_view pointer) const {
  std::vector<std::string> tokens = SplitPointer(pointer);
  if (tokens.empty()) return "the top level";
  std::string path;
  const json* value = &root_;
  for (const std::string& token : tokens) {
    bool in_array = value != nullptr ? value->is_array() : ArrayIndex(token).has_value();
    if (in_array) {
      path += "[" + token + "]";
    } else {
      if (!path.empty()) path += ".";
      path += token;
    }
    value = value != nullptr ? ChildOf(*value, token) : nullptr;
  }
  return path;
}

Status DataFile::Error(std::string_view pointer, std::string_view what) const {
  return Status::InvalidArgument(Location(file_name_, PositionOf(pointer)),
                                 PathOf(pointer) + " " + std::string(what));
}

Result<const json*> DataFile::Object(std::string_view pointer) const {
  const json* value = Find(pointer);
  if (value == nullptr) return Error(pointer, "is missing");
  if (!value->is_object()) return Error(pointer, "must be a JSON object ({...})");
  return value;
}

Result<const json*> DataFile::Array(std::string_view pointer) const {
  const json* value = Find(pointer);
  if (value == nullptr) return Error(pointer, "is missing");
  if (!value->is_array()) return Error(pointer, "must be a JSON array ([...])");
  return value;
}

Result<std::string> DataFile::String(std::string_view pointer) const {
  const json* value = Find(pointer);
  if (value == nullptr) return Error(pointer, "is missing");
  if (!value->is_string()) {
    return Error(pointer, "must be text in quotes (got " + Shown(*value) + ")");
  }
  std::string text = value->get<std::string>();
  if (IsBlank(text)) return Error(pointer, "must not be empty");
  return text;
}

Result<std::string> DataFile::Code(std::string_view pointer) const {
  ALONGSIDE_ASSIGN_OR_RETURN(std::string text, String(pointer));
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return Error(pointer, "must be lower-case letters, digits and _");
    }
  }
  return text;
}

Result<int> DataFile::Integer(std::string_view pointer, int min, int max) const {
  const json* value = Find(pointer);
  if (value == nullptr) return Error(pointer, "is missing");
  std::string expected =
      "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  if (!value->is_number_integer()) return Error(pointer, expected + " (got " + Shown(*value) + ")");
  // nlohmann keeps non-negative integers unsigned; anything past int's range is out.
  bool in_range;
  if (value->is_number_unsigned()) {
    std::uint64_t number = value->get<std::uint64_t>();
    in_range = max >= 0 && number <= static_cast<std::uint64_t>(max) &&
               static_cast<std::int64_t>(number) >= min;
  } else {
    std::int64_t number = value->get<std::int64_t>();
    in_range = number >= min && number <= max;
  }
  if (!in_range) return Error(pointer, expected + " (got " + Shown(*value) + ")");
  return static_cast<int>(value->get<std::int64_t>());
}

Status DataFile::RejectUnknownKeys(std::string_view pointer,
                                   const std::vector<std::string_view>& allowed) const {
  ALONGSIDE_ASSIGN_OR_RETURN(const json* object, Object(pointer));
  std::optional<std::string> first_unknown;
  TextPosition first_position;
  for (const auto& item : object->items()) {
    const std::string& key = item.key();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string child = Child(pointer, key);
    TextPosition position = PositionOf(child);
    if (!first_unknown || position.line < first_position.line ||
        (position.line == first_position.line && position.column < first_position.column)) {
      first_unknown = std::move(child);
      first_position = position;
    }
  }
  if (!first_unknown) return Status::Ok();
  std::string expected;
  for (std::string_view name : allowed) {
    if (!expected.empty()) expected += ", ";
    expected += name;
  }
  return Error(*first_unknown, "is not expected here (expected: " + expected + ")");
}

std::optional<std::string_view> BuiltinDataFile(std::string_view file_name) {
  if (file_name == "activities.json") return embedded::data_activities_json;
  if (file_name == "labels.json") return embedded::data_labels_json;
  if (file_name == "language.json") return embedded::data_language_json;
  if (file_name == "boundaries.json") return embedded::data_boundaries_json;
  if (file_name == "note_completeness.json") return embedded::data_note_completeness_json;
  if (file_name == "plan_templates.json") return embedded::data_plan_templates_json;
  if (file_name == "fidelity.json") return embedded::data_fidelity_json;
  if (file_name == "governance.json") return embedded::data_governance_json;
  if (file_name == "practice.json") return embedded::data_practice_json;
  if (file_name == "roles.json") return embedded::data_roles_json;
  return std::nullopt;
}

void AbortOnInvalidBuiltin(std::string_view what, const Status& status) {
  std::fprintf(stderr, "built-in %.*s is invalid: %s\n", static_cast<int>(what.size()), what.data(),
               status.ToString().c_str());
  std::abort();
}

}  // namespace alongside::rules
