#include "server/pages/form.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cstdio>

namespace alongside::server::pages {
namespace {

std::string_view Trim(std::string_view text) {
  const char* kSpace = " \t\r\n";
  const size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}


}  // namespace

std::string Field(const httplib::Request& request, const std::string& name) {
  return request.has_param(name) ? request.get_param_value(name) : std::string();
}

std::vector<std::string> Fields(const httplib::Request& request, const std::string& name) {
  std::vector<std::string> values;
  const size_t count = request.get_param_value_count(name);
  for (size_t value_idx = 0; value_idx < count; ++value_idx) {
    values.push_back(request.get_param_value(name, value_idx));
  }
  return values;
}

std::string TrimmedField(const httplib::Request& request, const std::string& name) {
  return std::string(Trim(Field(request, name)));
}

bool Checked(const httplib::Request& request, const std::string& name) {
  return request.has_param(name) && !request.get_param_value(name).empty();
}

Result<store::Id> IdField(const httplib::Request& request, const std::string& name) {
  const std::string text(Trim(Field(request, name)));
  store::Id id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Status::InvalidArgument(name, "Choose one from the list.");
  }
  return id;
}

Result<int> CountField(const httplib::Request& request, const std::string& name) {
  const std::string text(Trim(Field(request, name)));
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || text.size() > 9 || error != std::errc() ||
      end != text.data() + text.size() || value < 0) {
    return Status::InvalidArgument(name, "must be a whole number");
  }
  return value;
}

Result<int> ParseTimeOfDay(std::string_view text, const std::string& field) {
  return ParseClockTime(Trim(text), field);
}

Result<std::optional<Day>> OptionalDayField(const httplib::Request& request,
                                            const std::string& name) {
  const std::string text(Trim(Field(request, name)));
  if (text.empty()) return std::optional<Day>();
  Result<Day> day = ParseDay(text, name);
  if (!day.ok()) {
    return Status::InvalidArgument(
        name, "Enter the date as year-month-day, like 2026-03-14, or leave it empty.");
  }
  return std::optional<Day>(*day);
}

std::string AsSentence(const std::string& detail) {
  std::string sentence = detail;
  if (sentence.empty()) return sentence;
  sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
  const char last = sentence.back();
  if (last != '.' && last != '!' && last != '?') sentence += '.';
  return sentence;
}

bool AddFieldError(const Status& status, std::initializer_list<std::string_view> fields,
                   std::map<std::string, std::string>& errors) {
  if (status.code() != StatusCode::kInvalidArgument) return false;
  for (std::string_view field : fields) {
    if (status.field() == field) {
      errors[status.field()] = AsSentence(status.detail());
      return true;
    }
  }
  return false;
}

std::optional<std::string> Cookie(const httplib::Request& request, std::string_view name) {
  const size_t count = request.get_header_value_count("Cookie");
  for (size_t header_idx = 0; header_idx < count; ++header_idx) {
    const std::string header = request.get_header_value("Cookie", header_idx);
    std::string_view rest(header);
    while (!rest.empty()) {
      const size_t semicolon = rest.find(';');
      std::string_view pair = Trim(rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
      const size_t equals = pair.find('=');
      if (equals == std::string_view::npos) continue;
      if (Trim(pair.substr(0, equals)) == name) return std::string(Trim(pair.substr(equals + 1)));
    }
  }
  return std::nullopt;
}

std::string FormatTimeOfDay(Instant instant, const TimeZone& zone) {
  const int seconds = zone.SecondsIntoDay(instant);
  return fmt::format("{:02}:{:02}", seconds / 3600, seconds / 60 % 60);
}

std::string FormatReadableDay(Day day) { return ReadableDay(day); }

std::string FormatClock(Instant instant, const TimeZone& zone) {
  const int minutes = zone.SecondsIntoDay(instant) / 60;
  const int hour = minutes / 60;
  const int twelve = hour % 12 == 0 ? 12 : hour % 12;
  return fmt::format("{}:{:02} {}", twelve, minutes % 60, hour < 12 ? "AM" : "PM");
}

std::string FormatReadable(Instant instant, const TimeZone& zone) {
  return FormatReadableDay(zone.DayOf(instant)) + ", " + FormatClock(instant, zone);
}

}  // namespace alongside::server::pages
