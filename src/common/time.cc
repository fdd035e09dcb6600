#include "common/time.h"

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

namespace alongside {
namespace {

namespace chr = std::chrono;

bool ReadDigits(std::string_view text, size_t pos, size_t count, int* out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (size_t idx = pos; idx < pos + count; ++idx) {
    char ch = text[idx];
    if (ch < '0' || ch > '9') return false;
    value = value * 10 + (ch - '0');
  }
  *out = value;
  return true;
}

// Parses "YYYY-MM-DD" at the start of `text`; false when it is not a real date.
bool ParseDate(std::string_view text, chr::year_month_day* out) {
  int year, month, day;
  if (!ReadDigits(text, 0, 4, &year) || text.size() < 10 || text[4] != '-' ||
      !ReadDigits(text, 5, 2, &month) || text[7] != '-' || !ReadDigits(text, 8, 2, &day)) {
    return false;
  }
  chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                          chr::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return false;
  *out = ymd;
  return true;
}

}  // namespace

std::string FormatDay(Day day) {
  chr::year_month_day ymd{chr::sys_days{chr::days{day}}};
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string FormatInstant(Instant instant) {
  Day day = DayOf(instant);
  std::int64_t secs = instant - StartOfDay(day);
  return fmt::format("{}T{:02d}:{:02d}:{:02d}Z", FormatDay(day), secs / 3600, (secs / 60) % 60,
                     secs % 60);
}

// The one plausible-time rule every front shares: a date or time typed or
// sent to Alongside lies in the years kEarliestYear..kLatestYear.
static Status CheckPlausibleYear(const chr::year_month_day& ymd, std::string_view field) {
  int year = static_cast<int>(ymd.year());
  if (year < kEarliestYear || year > kLatestYear) {
    return Status::InvalidArgument(std::string(field),
                                   "must be a date between " + std::to_string(kEarliestYear) +
                                       " and " + std::to_string(kLatestYear));
  }
  return Status::Ok();
}

Result<Day> ParseDay(std::string_view text, std::string_view field) {
  chr::year_month_day ymd;
  if (text.size() != 10 || !ParseDate(text, &ymd)) {
    return Status::InvalidArgument(std::string(field), "must be a date as YYYY-MM-DD");
  }
  ALONGSIDE_RETURN_IF_ERROR(CheckPlausibleYear(ymd, field));
  return static_cast<Day>(chr::sys_days{ymd}.time_since_epoch().count());
}

Result<Instant> ParseInstant(std::string_view text, std::string_view field) {
  chr::year_month_day ymd;
  int hour, minute, second = 0;
  bool shape = text.size() >= 17 && ParseDate(text, &ymd) && text[10] == 'T' &&
               ReadDigits(text, 11, 2, &hour) && text[13] == ':' &&
               ReadDigits(text, 14, 2, &minute);
  size_t pos = 16;
  if (shape && pos < text.size() && text[pos] == ':') {
    shape = ReadDigits(text, pos + 1, 2, &second);
    pos += 3;
  }
  shape = shape && pos + 1 == text.size() && text[pos] == 'Z' && hour < 24 && minute < 60 &&
          second < 60;
  if (!shape) {
    return Status::InvalidArgument(std::string(field),
                                   "must be a UTC time as YYYY-MM-DDTHH:MM[:SS]Z");
  }
  ALONGSIDE_RETURN_IF_ERROR(CheckPlausibleYear(ymd, field));
  Day day = static_cast<Day>(chr::sys_days{ymd}.time_since_epoch().count());
  return StartOfDay(day) + hour * 3600 + minute * 60 + second;
}

namespace {
constexpr const char* kWeekdays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
}  // namespace

Result<int> ParseClockTime(std::string_view text, std::string_view field) {
  int hours = -1, minutes = -1;
  const bool shaped = (text.size() == 5 || text.size() == 8) && text[2] == ':';
  if (shaped && (!ReadDigits(text, 0, 2, &hours) || !ReadDigits(text, 3, 2, &minutes))) {
    hours = -1;
  }
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
    return Status::InvalidArgument(std::string(field),
                                   "Enter the time as hours and minutes, like 14:30.");
  }
  return hours * 3600 + minutes * 60;
}

std::string ReadableDay(Day day) {
  const chr::year_month_day ymd{chr::sys_days{chr::days{day}}};
  const int weekday = ((day % 7) + 7) % 7;  // 1970-01-01 was a Thursday
  return fmt::format("{}, {} {}, {}", kWeekdays[weekday],
                     kMonths[static_cast<unsigned>(ymd.month()) - 1],
                     static_cast<unsigned>(ymd.day()), static_cast<int>(ymd.year()));
}

std::string ReadableMonth(Day day) {
  const chr::year_month_day ymd{chr::sys_days{chr::days{day}}};
  return fmt::format("{} {}", kMonths[static_cast<unsigned>(ymd.month()) - 1],
                     static_cast<int>(ymd.year()));
}

Day DayOf(Instant instant) {
  return static_cast<Day>(instant >= 0 ? instant / 86400 : (instant - 86399) / 86400);
}

Instant StartOfDay(Day day) { return static_cast<Instant>(day) * 86400; }

Day WeekStart(Day day) {
  // 1970-01-01 was a Thursday: day 0 has weekday index 3 (Monday = 0).
  int weekday = ((day % 7) + 7 + 3) % 7;
  return day - weekday;
}

Day MonthStart(Day day) {
  const chr::year_month_day ymd{chr::sys_days{chr::days{day}}};
  return static_cast<Day>(
      chr::sys_days{ymd.year() / ymd.month() / chr::day{1}}.time_since_epoch().count());
}

Day NextMonthStart(Day day) {
  const chr::year_month_day ymd{chr::sys_days{chr::days{day}}};
  const chr::year_month next = ymd.year() / ymd.month() + chr::months{1};
  return static_cast<Day>(chr::sys_days{next / chr::day{1}}.time_since_epoch().count());
}

Instant NowUtc() {
  return chr::duration_cast<chr::seconds>(chr::system_clock::now().time_since_epoch()).count();
}

}  // namespace alongside
