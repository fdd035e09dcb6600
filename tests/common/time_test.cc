#include "common/time.h"

#include <gtest/gtest.h>

#include "common/hash.h"

namespace alongside {
namespace {

TEST(TimeTest, InstantRoundTrips) {
  Result<Instant> parsed = ParseInstant("2026-03-14T09:30:05Z", "start");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(FormatInstant(*parsed), "2026-03-14T09:30:05Z");
  Result<Instant> no_seconds = ParseInstant("2026-03-14T09:30Z", "start");
  ASSERT_TRUE(no_seconds.ok());
  EXPECT_EQ(*parsed - *no_seconds, 5);
}

TEST(TimeTest, RejectsMalformedInstantsNamingTheField) {
  for (const char* bad : {"", "2026-03-14", "2026-02-30T10:00Z", "2026-03-14T24:00Z",
                          "2026-03-14T10:00", "2026-03-14 10:00Z", "x026-03-14T10:00Z"}) {
    Result<Instant> parsed = ParseInstant(bad, "start");
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().field(), "start");
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(TimeTest, DaysAndWeeks) {
  Result<Day> day = ParseDay("1970-01-05", "on");
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(*day, 4);
  EXPECT_EQ(WeekStart(*day), 4);  // 1970-01-05 was a Monday
  EXPECT_EQ(WeekStart(*day + 6), 4);
  EXPECT_EQ(FormatDay(*ParseDay("2024-02-29", "on")), "2024-02-29");
  EXPECT_FALSE(ParseDay("2023-02-29", "on").ok());
  EXPECT_EQ(DayOf(-1), -1);
}

TEST(TimeTest, MonthStarts) {
  auto day = [](const char* text) { return *ParseDay(text, "on"); };
  // {a day, its month's first day, the next month's first day}
  const char* cases[][3] = {{"2026-12-04", "2026-12-01", "2027-01-01"},
                            {"2026-12-01", "2026-12-01", "2027-01-01"},
                            {"2026-12-31", "2026-12-01", "2027-01-01"},
                            {"2024-02-29", "2024-02-01", "2024-03-01"},
                            {"2023-01-31", "2023-01-01", "2023-02-01"},
                            {"1969-12-31", "1969-12-01", "1970-01-01"}};
  for (const auto& one : cases) {
    EXPECT_EQ(FormatDay(MonthStart(day(one[0]))), one[1]) << one[0];
    EXPECT_EQ(FormatDay(NextMonthStart(day(one[0]))), one[2]) << one[0];
  }
}

TEST(HashTest, Sha256MatchesKnownVector) {
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256Stream stream;
  stream.Update("a");
  stream.Update("bc");
  EXPECT_EQ(stream.HexDigest(), Sha256Hex("abc"));
}

}  // namespace
}  // namespace alongside
