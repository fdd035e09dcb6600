// A program's local time: an IANA time zone ("America/New_York") from the
// system's tz database (Debian's tzdata, read through Howard Hinnant's
// date/tz, libhowardhinnant-date-dev). Instants stay UTC everywhere they
// are stored; a TimeZone turns them into the calendar days and clock times
// people enter and read, daylight-saving changes included.
//
// A TimeZone is a small value, cheap to copy and safe to share between
// threads (the tz database is loaded once, read-only afterwards).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "common/time.h"

namespace date {
class time_zone;
}

namespace alongside {

class TimeZone {
 public:
  // Coordinated Universal Time, the zone of a program that has not set one.
  static TimeZone Utc();
  // The zone named `name` in the tz database; InvalidArgument naming
  // `field` when there is no such zone.
  static Result<TimeZone> Named(std::string_view name, std::string_view field);
  // The machine's own zone (/etc/localtime), or UTC when it has none.
  static TimeZone Machine();

  // The IANA name: "America/New_York", "UTC".
  const std::string& name() const { return name_; }

  // The local calendar day of an instant.
  Day DayOf(Instant instant) const;
  // Seconds since local midnight (0 .. 86399) of an instant.
  int SecondsIntoDay(Instant instant) const;
  // The first instant of a local day (midnight, or the first time that
  // exists when a clock change skips midnight).
  Instant StartOfDay(Day day) const;
  // The instant of a local day and clock time (seconds since midnight). A
  // time that does not exist on that day (the hour skipped when the clocks
  // go forward) is InvalidArgument naming `field`; a time that happens twice
  // (the hour repeated when the clocks go back) is its first occurrence.
  Result<Instant> At(Day day, int seconds_into_day, std::string_view field) const;
  // The abbreviation in force at an instant: "EST", "EDT", "UTC".
  std::string Abbreviation(Instant instant) const;

 private:
  TimeZone(std::string name, const date::time_zone* zone) : name_(std::move(name)), zone_(zone) {}

  std::string name_;
  const date::time_zone* zone_ = nullptr;  // nullptr: UTC
};

}  // namespace alongside
