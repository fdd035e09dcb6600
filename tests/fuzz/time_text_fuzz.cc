// The date and time parsers (common/time.h: ParseDay, ParseInstant) and the
// text rule (common/text.h: IsValidText) on the same input.
// Invariants:
//  - a parsed day or instant lies in kEarliestYear..kLatestYear and its text
//    form is the input again (the parsers accept only the exact forms; an
//    instant without seconds comes back with ":00");
//  - IsValidText agrees with an independent reading of the well-formed
//    UTF-8 byte sequences (Unicode 15, table 3-7) that refuses NUL.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/text.h"
#include "common/time.h"
#include "fuzz_check.h"

namespace alongside::fuzz {
namespace {

// Table 3-7 of the Unicode Standard: the well-formed byte sequences, as
// ranges of the first byte and of the second (later bytes are 80..BF).
bool ReferenceIsValidText(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t at = 0;
  while (at < text.size()) {
    const unsigned lead = bytes[at];
    int length = 0;
    unsigned second_low = 0x80, second_high = 0xBF;
    if (lead >= 0x01 && lead <= 0x7F) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead == 0xE0) {
      length = 3;
      second_low = 0xA0;
    } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
      length = 3;
    } else if (lead == 0xED) {
      length = 3;
      second_high = 0x9F;
    } else if (lead == 0xF0) {
      length = 4;
      second_low = 0x90;
    } else if (lead >= 0xF1 && lead <= 0xF3) {
      length = 4;
    } else if (lead == 0xF4) {
      length = 4;
      second_high = 0x8F;
    } else {
      return false;  // NUL, a continuation byte, C0, C1, F5..FF
    }
    if (text.size() - at < static_cast<size_t>(length)) return false;
    for (int byte_idx = 1; byte_idx < length; ++byte_idx) {
      const unsigned byte = bytes[at + byte_idx];
      const unsigned low = byte_idx == 1 ? second_low : 0x80;
      const unsigned high = byte_idx == 1 ? second_high : 0xBF;
      if (byte < low || byte > high) return false;
    }
    at += length;
  }
  return true;
}

int YearOf(Day day) { return std::stoi(FormatDay(day).substr(0, 4)); }

void CheckDay(std::string_view text) {
  Result<Day> day = ParseDay(text, "on");
  if (!day.ok()) {
    ALONGSIDE_FUZZ_CHECK(day.status().field() == "on");
    return;
  }
  ALONGSIDE_FUZZ_CHECK(FormatDay(*day) == text);
  ALONGSIDE_FUZZ_CHECK(YearOf(*day) >= kEarliestYear && YearOf(*day) <= kLatestYear);
  ALONGSIDE_FUZZ_CHECK(DayOf(StartOfDay(*day)) == *day);
  const Day week_start = WeekStart(*day);
  ALONGSIDE_FUZZ_CHECK(week_start <= *day && *day - week_start < 7);
}

void CheckInstant(std::string_view text) {
  Result<Instant> instant = ParseInstant(text, "start");
  if (!instant.ok()) {
    ALONGSIDE_FUZZ_CHECK(instant.status().field() == "start");
    return;
  }
  const std::string formatted = FormatInstant(*instant);
  if (text.size() == 17) {  // YYYY-MM-DDTHH:MMZ
    ALONGSIDE_FUZZ_CHECK(formatted == std::string(text.substr(0, 16)) + ":00Z");
  } else {
    ALONGSIDE_FUZZ_CHECK(formatted == text);
  }
  const int year = YearOf(DayOf(*instant));
  ALONGSIDE_FUZZ_CHECK(year >= kEarliestYear && year <= kLatestYear);
}

}  // namespace
}  // namespace alongside::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace alongside;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  fuzz::CheckDay(text);
  fuzz::CheckInstant(text);
  ALONGSIDE_FUZZ_CHECK(IsValidText(text) == fuzz::ReferenceIsValidText(text));
  return 0;
}
