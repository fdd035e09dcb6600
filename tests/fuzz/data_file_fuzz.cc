// Data files in memory: rules::DataFile::Parse (nlohmann's parser, then
// rules::ScanJsonPositions for the line and column of every value), the
// typed reads and messages of DataFile, and the activity catalog and the
// note completeness rules that parse through it
// (domain::ActivityCatalog::FromJson, domain::NoteCompletenessRules::FromJson).
// Invariants:
//  - ScanJsonPositions is safe on any text (json_positions.h promises it);
//  - when Parse succeeds, every value the scanner found is a value of the
//    parsed document, the scanner found every value of it (no key is given
//    twice in a document that parsed), and PositionOf gives the scanner's
//    place;
//  - a catalog that loads has unique codes of [a-z0-9_] and non-blank
//    labels, each found by its code;
//  - completeness rules that load have a non-blank message for every part.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/activity_catalog.h"
#include "domain/note_completeness.h"
#include "fuzz_check.h"
#include "rules/data_file.h"
#include "rules/json_positions.h"

namespace alongside::fuzz {
namespace {

using rules::DataFile;

// The number of values in `root`, the root included. Iterative: a document
// may nest thousands of levels deep.
std::size_t CountValues(const nlohmann::json& root) {
  std::size_t count = 0;
  std::vector<const nlohmann::json*> pending = {&root};
  while (!pending.empty()) {
    const nlohmann::json* value = pending.back();
    pending.pop_back();
    ++count;
    if (value->is_structured()) {
      for (const nlohmann::json& child : *value) pending.push_back(&child);
    }
  }
  return count;
}

void CheckParsed(const DataFile& file, std::string_view text) {
  const rules::JsonPositions positions = rules::ScanJsonPositions(text);
  ALONGSIDE_FUZZ_CHECK(positions.duplicate_keys.empty());
  ALONGSIDE_FUZZ_CHECK(positions.values.size() == CountValues(file.root()));
  const rules::TextPosition end = rules::PositionOfOffset(text, text.size());
  std::size_t checked = 0;
  for (const auto& [pointer, position] : positions.values) {
    ALONGSIDE_FUZZ_CHECK(file.Find(pointer) != nullptr);
    const rules::TextPosition found = file.PositionOf(pointer);
    ALONGSIDE_FUZZ_CHECK(found.line == position.line && found.column == position.column);
    ALONGSIDE_FUZZ_CHECK(found.line < end.line ||
                         (found.line == end.line && found.column <= end.column));
    if (++checked > 64) continue;  // the reads below are slower; a sample is enough
    const Status error = file.Error(pointer, "is wrong");
    ALONGSIDE_FUZZ_CHECK(error.code() == StatusCode::kInvalidArgument &&
                         error.field().rfind("fuzz.json:", 0) == 0);
    Result<std::string> text_value = file.String(pointer);
    if (text_value.ok()) ALONGSIDE_FUZZ_CHECK(file.Find(pointer)->is_string());
    Result<int> number = file.Integer(pointer, -5, 100);
    if (number.ok()) ALONGSIDE_FUZZ_CHECK(*number >= -5 && *number <= 100);
    if (file.Object(pointer).ok()) {
      Status unknown = file.RejectUnknownKeys(pointer, {"code", "label", "scope"});
      ALONGSIDE_FUZZ_CHECK(unknown.ok() || unknown.code() == StatusCode::kInvalidArgument);
    }
    Result<const nlohmann::json*> array = file.Array(pointer);
    if (array.ok()) ALONGSIDE_FUZZ_CHECK((*array)->is_array());
    // A key the document lacks is placed where the value that lacks it starts.
    const std::string missing = DataFile::Child(pointer, "\x01missing");
    if (file.Find(missing) == nullptr) {
      const rules::TextPosition parent = file.PositionOf(missing);
      ALONGSIDE_FUZZ_CHECK(parent.line == position.line && parent.column == position.column);
    }
  }
}

void CheckCatalog(std::string_view text) {
  Result<domain::ActivityCatalog> catalog = domain::ActivityCatalog::FromJson(text, "fuzz.json");
  if (!catalog.ok()) {
    ALONGSIDE_FUZZ_CHECK(catalog.status().code() == StatusCode::kInvalidArgument);
    return;
  }
  ALONGSIDE_FUZZ_CHECK(!catalog->activities().empty());
  for (const domain::Activity& activity : catalog->activities()) {
    ALONGSIDE_FUZZ_CHECK(!activity.code.empty());
    for (char c : activity.code) {
      ALONGSIDE_FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    }
    ALONGSIDE_FUZZ_CHECK(activity.label.find_first_not_of(" \t\r\n\f\v") != std::string::npos);
    ALONGSIDE_FUZZ_CHECK(catalog->Find(activity.code) == &activity);
  }
}

void CheckNoteCompletenessRules(std::string_view text) {
  Result<domain::NoteCompletenessRules> rules =
      domain::NoteCompletenessRules::FromJson(text, "fuzz.json");
  if (!rules.ok()) {
    ALONGSIDE_FUZZ_CHECK(rules.status().code() == StatusCode::kInvalidArgument &&
                         rules.status().field().rfind("fuzz.json:", 0) == 0);
    return;
  }
  for (std::string_view code : domain::kNotePartCodes) {
    const std::string& message = rules->Message(code);
    ALONGSIDE_FUZZ_CHECK(message.find_first_not_of(" \t\r\n\f\v") != std::string::npos);
  }
}

}  // namespace
}  // namespace alongside::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace alongside;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Promised safe on any text, valid JSON or not.
  const rules::JsonPositions positions = rules::ScanJsonPositions(text);
  ALONGSIDE_FUZZ_CHECK(positions.values.size() <= size + 1);

  Result<rules::DataFile> file = rules::DataFile::Parse("fuzz.json", text);
  if (file.ok()) {
    fuzz::CheckParsed(*file, text);
  } else {
    ALONGSIDE_FUZZ_CHECK(file.status().code() == StatusCode::kInvalidArgument &&
                         file.status().field().rfind("fuzz.json:", 0) == 0);
  }
  fuzz::CheckCatalog(text);
  fuzz::CheckNoteCompletenessRules(text);
  return 0;
}
