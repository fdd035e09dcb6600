// Instants and calendar dates in UTC. An instant is whole seconds since the
// Unix epoch; text form is ISO 8601 "2026-03-14T09:30:00Z". A date is a day
// number since 1970-01-01; text form "2026-03-14". Parsers accept only those
// exact forms and return InvalidArgument naming `field` otherwise.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace alongside {

using Instant = std::int64_t;  // seconds since 1970-01-01T00:00:00Z
using Day = std::int32_t;      // days since 1970-01-01

// Dates and times parsed from input lie in these years (inclusive); others
// are InvalidArgument naming the field (0000-01-01 and 9999-12-31 are typos,
// not records).
inline constexpr int kEarliestYear = 1900;
inline constexpr int kLatestYear = 2200;

std::string FormatInstant(Instant instant);
Result<Instant> ParseInstant(std::string_view text, std::string_view field);
std::string FormatDay(Day day);
// "HH:MM" or "HH:MM:SS" (24 hours, as browsers send a time field) as seconds
// since midnight, to the minute; InvalidArgument naming `field` otherwise.
Result<int> ParseClockTime(std::string_view text, std::string_view field);
Result<Day> ParseDay(std::string_view text, std::string_view field);
// A day as people in a US program read it: "Wed, Dec 2, 2026". The one
// home of the format (the pages and the synthetic notes both write it).
std::string ReadableDay(Day day);
// "Dec 2026".
std::string ReadableMonth(Day day);
Day DayOf(Instant instant);
Instant StartOfDay(Day day);
// Monday-based week start of `day` (ISO week).
Day WeekStart(Day day);
// The first day of `day`'s calendar month, and of the month after it.
Day MonthStart(Day day);
Day NextMonthStart(Day day);
Instant NowUtc();

}  // namespace alongside
