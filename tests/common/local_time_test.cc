#include "common/local_time.h"

#include <gtest/gtest.h>

namespace alongside {
namespace {

Day D(const char* text) { return ParseDay(text, "day").value(); }
Instant I(const char* text) { return ParseInstant(text, "at").value(); }

TimeZone NewYork() { return TimeZone::Named("America/New_York", "time_zone").value(); }

TEST(LocalTimeTest, UnknownNamesAreRefusedNamingTheField) {
  for (const char* name : {"", "Mars/Olympus", "America/New York", "../../etc/passwd",
                           "/usr/share/zoneinfo/UTC", "America/New_York\n"}) {
    Result<TimeZone> zone = TimeZone::Named(name, "time_zone");
    ASSERT_FALSE(zone.ok()) << name;
    EXPECT_EQ(zone.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(zone.status().field(), "time_zone");
  }
  EXPECT_EQ(TimeZone::Named("Europe/Berlin", "time_zone").value().name(), "Europe/Berlin");
  EXPECT_EQ(TimeZone::Named("UTC", "time_zone").value().name(), "UTC");
}

TEST(LocalTimeTest, AnOrdinaryDayIsFiveHoursBehindUtcInWinter) {
  const TimeZone zone = NewYork();
  EXPECT_EQ(zone.At(D("2026-01-15"), 9 * 3600 + 30 * 60, "start").value(),
            I("2026-01-15T14:30:00Z"));
  EXPECT_EQ(zone.StartOfDay(D("2026-01-15")), I("2026-01-15T05:00:00Z"));
  // 23:30 in New York is already the next day in UTC.
  EXPECT_EQ(zone.DayOf(I("2026-01-16T04:30:00Z")), D("2026-01-15"));
  EXPECT_EQ(zone.SecondsIntoDay(I("2026-01-16T04:30:00Z")), 23 * 3600 + 30 * 60);
  EXPECT_EQ(zone.Abbreviation(I("2026-01-15T14:30:00Z")), "EST");
  EXPECT_EQ(zone.Abbreviation(I("2026-07-15T14:30:00Z")), "EDT");
}

// Sunday 8 March 2026: at 02:00 EST the clocks go forward to 03:00 EDT.
TEST(LocalTimeTest, TheDayTheClocksGoForwardHas23Hours) {
  const TimeZone zone = NewYork();
  const Day day = D("2026-03-08");
  EXPECT_EQ(zone.StartOfDay(day), I("2026-03-08T05:00:00Z"));
  EXPECT_EQ(zone.StartOfDay(day + 1) - zone.StartOfDay(day), 23 * 3600);
  EXPECT_EQ(zone.At(day, 1 * 3600 + 59 * 60, "start").value(), I("2026-03-08T06:59:00Z"));
  EXPECT_EQ(zone.At(day, 3 * 3600, "start").value(), I("2026-03-08T07:00:00Z"));
  EXPECT_EQ(zone.At(day, 9 * 3600, "start").value(), I("2026-03-08T13:00:00Z"));
  // 02:30 never happened that morning.
  Result<Instant> skipped = zone.At(day, 2 * 3600 + 30 * 60, "start_time");
  ASSERT_FALSE(skipped.ok());
  EXPECT_EQ(skipped.status().field(), "start_time");
  EXPECT_EQ(skipped.status().detail(),
            "02:30 did not happen on that day: the clocks went forward from 02:00 to 03:00");
  // Times read back as they were entered, on both sides of the change.
  for (int minutes : {0, 60, 119, 180, 600, 1439}) {
    const Instant at = zone.At(day, minutes * 60, "start").value();
    EXPECT_EQ(zone.DayOf(at), day) << minutes;
    EXPECT_EQ(zone.SecondsIntoDay(at), minutes * 60) << minutes;
  }
}

// Sunday 1 November 2026: at 02:00 EDT the clocks go back to 01:00 EST.
TEST(LocalTimeTest, TheDayTheClocksGoBackHas25Hours) {
  const TimeZone zone = NewYork();
  const Day day = D("2026-11-01");
  EXPECT_EQ(zone.StartOfDay(day), I("2026-11-01T04:00:00Z"));
  EXPECT_EQ(zone.StartOfDay(day + 1) - zone.StartOfDay(day), 25 * 3600);
  // 01:30 happens twice; the form's time is the first one (EDT).
  EXPECT_EQ(zone.At(day, 1 * 3600 + 30 * 60, "start").value(), I("2026-11-01T05:30:00Z"));
  EXPECT_EQ(zone.Abbreviation(I("2026-11-01T05:30:00Z")), "EDT");
  EXPECT_EQ(zone.Abbreviation(I("2026-11-01T06:30:00Z")), "EST");
  // The second 01:30 still reads as 01:30 on the same day.
  EXPECT_EQ(zone.DayOf(I("2026-11-01T06:30:00Z")), day);
  EXPECT_EQ(zone.SecondsIntoDay(I("2026-11-01T06:30:00Z")), 1 * 3600 + 30 * 60);
  EXPECT_EQ(zone.At(day, 9 * 3600, "start").value(), I("2026-11-01T14:00:00Z"));
  EXPECT_EQ(zone.DayOf(I("2026-11-02T04:59:59Z")), day);
  EXPECT_EQ(zone.DayOf(I("2026-11-02T05:00:00Z")), day + 1);
}

TEST(LocalTimeTest, UtcIsTheIdentity) {
  const TimeZone zone = TimeZone::Utc();
  EXPECT_EQ(zone.At(D("2026-03-08"), 2 * 3600 + 30 * 60, "start").value(),
            I("2026-03-08T02:30:00Z"));
  EXPECT_EQ(zone.DayOf(I("2026-03-08T23:59:59Z")), D("2026-03-08"));
  EXPECT_EQ(zone.Abbreviation(0), "UTC");
}

TEST(LocalTimeTest, TheMachineZoneIsAZone) {
  const TimeZone zone = TimeZone::Machine();
  EXPECT_FALSE(zone.name().empty());
  EXPECT_TRUE(TimeZone::Named(zone.name(), "time_zone").ok());
}

}  // namespace
}  // namespace alongside
