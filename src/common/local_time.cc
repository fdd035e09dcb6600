#include "common/local_time.h"

#include <chrono>
#include <exception>

#include <date/tz.h>
#include <fmt/format.h>

namespace alongside {
namespace {

namespace chr = std::chrono;

date::sys_seconds Sys(Instant instant) { return date::sys_seconds{chr::seconds{instant}}; }

// "02:30" of a local time.
std::string ClockTime(date::local_seconds local) {
  const auto seconds = (local - date::floor<date::days>(local)).count();
  return fmt::format("{:02}:{:02}", seconds / 3600, seconds / 60 % 60);
}

}  // namespace

TimeZone TimeZone::Utc() { return TimeZone("UTC", nullptr); }

Result<TimeZone> TimeZone::Named(std::string_view name, std::string_view field) {
  if (name == "UTC" || name == "Etc/UTC") return TimeZone(std::string(name), nullptr);
  // A name is letters, digits and "/_-+"; anything else is not worth a lookup
  // (and keeps file-system paths out of the tz database's search).
  bool plausible = !name.empty() && name.size() <= 64 && name.front() != '/';
  for (char ch : name) {
    const bool allowed = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                         (ch >= '0' && ch <= '9') || ch == '/' || ch == '_' || ch == '-' ||
                         ch == '+';
    if (!allowed) plausible = false;
  }
  if (plausible && name.find("..") == std::string_view::npos) {
    try {
      const date::time_zone* zone = date::locate_zone(name);
      return TimeZone(std::string(zone->name()), zone);
    } catch (const std::exception&) {
      // not in the database: the answer below
    }
  }
  return Status::InvalidArgument(
      std::string(field), fmt::format("'{}' is not a time zone name such as America/New_York",
                         name.substr(0, 64)));
}

TimeZone TimeZone::Machine() {
  try {
    const date::time_zone* zone = date::current_zone();
    if (zone != nullptr) {
      if (zone->name() == "UTC" || zone->name() == "Etc/UTC") return Utc();
      return TimeZone(std::string(zone->name()), zone);
    }
  } catch (const std::exception&) {
    // no /etc/localtime, or no tz database: UTC below
  }
  return Utc();
}

Day TimeZone::DayOf(Instant instant) const {
  if (zone_ == nullptr) return alongside::DayOf(instant);
  const date::local_seconds local = zone_->to_local(Sys(instant));
  return static_cast<Day>(date::floor<date::days>(local).time_since_epoch().count());
}

int TimeZone::SecondsIntoDay(Instant instant) const {
  if (zone_ == nullptr) {
    return static_cast<int>(instant - alongside::StartOfDay(alongside::DayOf(instant)));
  }
  const date::local_seconds local = zone_->to_local(Sys(instant));
  return static_cast<int>((local - date::floor<date::days>(local)).count());
}

Instant TimeZone::StartOfDay(Day day) const {
  if (zone_ == nullptr) return alongside::StartOfDay(day);
  const date::local_seconds midnight{date::days{day}};
  const date::local_info info = zone_->get_info(midnight);
  if (info.result == date::local_info::nonexistent) {
    // The clocks skipped midnight: the day starts when the new offset does.
    return info.second.begin.time_since_epoch().count();
  }
  return (midnight.time_since_epoch() - info.first.offset).count();
}

Result<Instant> TimeZone::At(Day day, int seconds_into_day, std::string_view field) const {
  if (zone_ == nullptr) return alongside::StartOfDay(day) + seconds_into_day;
  const date::local_seconds local = date::local_seconds{date::days{day}} +
                                    chr::seconds{seconds_into_day};
  const date::local_info info = zone_->get_info(local);
  if (info.result == date::local_info::nonexistent) {
    // The local clock jumped from `before` straight to `after`.
    const date::local_seconds before{info.first.end.time_since_epoch() + info.first.offset};
    const date::local_seconds after{info.second.begin.time_since_epoch() + info.second.offset};
    return Status::InvalidArgument(
        std::string(field), fmt::format("{} did not happen on that day: the clocks went forward from {} to {}",
                           ClockTime(local), ClockTime(before), ClockTime(after)));
  }
  // Unique, or ambiguous: the first occurrence (the earlier offset).
  return (local.time_since_epoch() - info.first.offset).count();
}

std::string TimeZone::Abbreviation(Instant instant) const {
  if (zone_ == nullptr) return "UTC";
  return zone_->get_info(Sys(instant)).abbrev;
}

}  // namespace alongside
