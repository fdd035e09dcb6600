// JSON request bodies: server::JsonInput::Parse, then the readers the API's
// handlers use. Each input is read twice, on copies of the parsed body:
//  1. as POST /contacts reads it (BodyId, ReadContactFields, Boolean,
//     RejectUnknown), the richest body of the API;
//  2. every key of the body through every typed reader (String, Integer,
//     Boolean, Strings, Time, Date, Has), which reaches the readers of every
//     other handler whatever the field's name.
// Invariants: what a reader accepts obeys its contract (text is valid and
// within its length, numbers within their range, times and dates round-trip
// through their text form), and once every key has been read RejectUnknown
// has nothing left to refuse.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/text.h"
#include "common/time.h"
#include "domain/vocabulary.h"
#include "fuzz_check.h"
#include "server/api/api_common.h"
#include "server/json_input.h"

namespace alongside::fuzz {
namespace {

using server::JsonInput;

void CheckInstant(Instant instant) {
  Result<Instant> again = ParseInstant(FormatInstant(instant), "t");
  ALONGSIDE_FUZZ_CHECK(again.ok() && *again == instant);
}

void CheckDay(Day day) {
  Result<Day> again = ParseDay(FormatDay(day), "d");
  ALONGSIDE_FUZZ_CHECK(again.ok() && *again == day);
}

// POST /contacts (contacts_api.cc): the body a peer worker records a contact with.
void ReadAsRecordContact(JsonInput input) {
  Result<store::Id> person_id = server::api::BodyId(input, "person_id");
  if (person_id.ok()) ALONGSIDE_FUZZ_CHECK(*person_id >= 1);
  Result<usecase::ContactFields> fields = server::api::ReadContactFields(input);
  if (!fields.ok()) {
    ALONGSIDE_FUZZ_CHECK(!fields.status().field().empty());
    return;
  }
  CheckInstant(fields->start);
  ALONGSIDE_FUZZ_CHECK(fields->duration_minutes >= -1'000'000 &&
                       fields->duration_minutes <= 1'000'000);
  ALONGSIDE_FUZZ_CHECK(!domain::Name(fields->setting).empty());
  ALONGSIDE_FUZZ_CHECK((fields->modalities & ~domain::kAllModalities) == 0);
  ALONGSIDE_FUZZ_CHECK(IsValidText(fields->note));
  if (fields->person_words) ALONGSIDE_FUZZ_CHECK(IsValidText(*fields->person_words));
  for (const std::string& code : fields->activities) ALONGSIDE_FUZZ_CHECK(IsUtf8(code));
  Result<std::optional<bool>> finalise = input.Boolean("finalise");
  ALONGSIDE_FUZZ_CHECK(finalise.ok() || finalise.status().field() == "finalise");
  Status unknown = input.RejectUnknown();
  ALONGSIDE_FUZZ_CHECK(unknown.ok() || unknown.code() == StatusCode::kInvalidArgument);
}

// Every typed reader on `key`, each on its own copy so that one reader's
// refusal does not hide the next; the last copy reads the key with all of
// them, as a handler reads each of its fields once.
void ReadKeyEveryWay(const JsonInput& parsed, const std::string& key, JsonInput& all_keys) {
  JsonInput input = parsed;
  const bool present = input.Has(key);

  Result<std::string> text = input.String(key, false, 64);
  if (text.ok()) {
    ALONGSIDE_FUZZ_CHECK(text->size() <= 64 && IsValidText(*text));
    if (!present) ALONGSIDE_FUZZ_CHECK(text->empty());
  }
  Result<std::string> required = input.String(key, true);
  ALONGSIDE_FUZZ_CHECK(required.ok() || required.status().field() == key);
  if (!present) ALONGSIDE_FUZZ_CHECK(!required.ok());

  Result<std::optional<std::int64_t>> number = input.Integer(key, false, -720, 720);
  if (number.ok() && number->has_value()) {
    ALONGSIDE_FUZZ_CHECK(**number >= -720 && **number <= 720);
  }
  Result<std::optional<std::int64_t>> id =
      input.Integer(key, true, 1, std::numeric_limits<std::int64_t>::max());
  if (id.ok()) ALONGSIDE_FUZZ_CHECK(id->has_value() && **id >= 1);

  Result<std::optional<bool>> flag = input.Boolean(key);
  if (flag.ok() && !present) ALONGSIDE_FUZZ_CHECK(!flag->has_value());

  Result<std::optional<std::vector<std::string>>> list = input.Strings(key, false);
  if (list.ok() && list->has_value()) {
    ALONGSIDE_FUZZ_CHECK((*list)->size() <= 50);
    for (const std::string& item : **list) ALONGSIDE_FUZZ_CHECK(IsUtf8(item));
    Result<domain::ModalitySet> modalities = domain::ParseModalities(**list, key);
    if (modalities.ok()) ALONGSIDE_FUZZ_CHECK((*modalities & ~domain::kAllModalities) == 0);
  }

  Result<std::optional<Instant>> time = input.Time(key, false);
  if (time.ok() && time->has_value()) CheckInstant(**time);
  Result<std::optional<Day>> date = input.Date(key, false);
  if (date.ok() && date->has_value()) CheckDay(**date);

  // Everything read: nothing is left for RejectUnknown to refuse on this key.
  Result<std::string> once = all_keys.String(key, false);
  ALONGSIDE_FUZZ_CHECK(once.ok() || once.status().field() == key);
}

}  // namespace
}  // namespace alongside::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace alongside;
  const std::string body(reinterpret_cast<const char*>(data), size);
  Result<server::JsonInput> parsed = server::JsonInput::Parse(body);
  if (!parsed.ok()) {
    ALONGSIDE_FUZZ_CHECK(parsed.status().field() == "body");
    return 0;
  }
  fuzz::ReadAsRecordContact(*parsed);

  // The keys as nlohmann reads them (a repeated key keeps its last value).
  const nlohmann::json object = nlohmann::json::parse(body, nullptr, false);
  ALONGSIDE_FUZZ_CHECK(object.is_object());
  server::JsonInput all_keys = *parsed;
  size_t key_count = 0;
  for (auto it = object.begin(); it != object.end() && key_count < 32; ++it, ++key_count) {
    fuzz::ReadKeyEveryWay(*parsed, it.key(), all_keys);
  }
  if (key_count == object.size()) ALONGSIDE_FUZZ_CHECK(all_keys.RejectUnknown().ok());
  return 0;
}
