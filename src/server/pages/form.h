// Reading HTML form posts and cookies for the page routes. cpp-httplib puts
// the fields of an application/x-www-form-urlencoded body (and the query
// string) in Request::params; these helpers read them as typed values, each
// failure an InvalidArgument naming the form field, so the page can put the
// message next to that field. They check syntax only: ranges, lengths and
// every other rule belong to the use cases (usecase/).
#pragma once

#include <httplib.h>

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/local_time.h"
#include "common/time.h"
#include "store/store.h"

namespace alongside::server::pages {

// The field's first value, or "" when absent.
std::string Field(const httplib::Request& request, const std::string& name);
// Every value of a repeated field (checkboxes), in the order sent.
std::vector<std::string> Fields(const httplib::Request& request, const std::string& name);
bool Checked(const httplib::Request& request, const std::string& name);

// The field's first value without leading and trailing white space. Whether
// text may be empty, and how long it may be, is the use case's rule.
std::string TrimmedField(const httplib::Request& request, const std::string& name);

// A positive id; InvalidArgument naming `name` otherwise.
Result<store::Id> IdField(const httplib::Request& request, const std::string& name);
// A whole number of at most 9 digits (a page offset); InvalidArgument naming
// `name` otherwise.
Result<int> CountField(const httplib::Request& request, const std::string& name);
// "HH:MM" or "HH:MM:SS" (24 hours) as seconds since midnight, to the minute.
Result<int> ParseTimeOfDay(std::string_view text, const std::string& field);
// An optional date field: nullopt when left empty, the day when it reads
// YYYY-MM-DD, InvalidArgument naming `name` otherwise.
Result<std::optional<Day>> OptionalDayField(const httplib::Request& request,
                                            const std::string& name);

// A use case's message as a sentence for people, beside a field: "must not
// be in the future" -> "Must not be in the future."
std::string AsSentence(const std::string& detail);
// Puts a use case's InvalidArgument beside its field, as a sentence, when
// the field is one of the form's `fields`; false otherwise (the handler then
// returns the status, and the router renders the error page).
bool AddFieldError(const Status& status, std::initializer_list<std::string_view> fields,
                   std::map<std::string, std::string>& errors);

// The value of cookie `name` from the Cookie header, if sent.
std::optional<std::string> Cookie(const httplib::Request& request, std::string_view name);

// "HH:MM" (24 hours) of an instant in the program's time zone
// (Caller::zone): the value of a time field.
std::string FormatTimeOfDay(Instant instant, const TimeZone& zone);
// "9:30 AM" in the program's time zone, for people to read.
std::string FormatClock(Instant instant, const TimeZone& zone);
// "Sat, Mar 14, 2026, 9:30 AM" in the program's time zone, for people to read.
std::string FormatReadable(Instant instant, const TimeZone& zone);
// "Sat, Mar 14, 2026" (common/time.h ReadableDay).
std::string FormatReadableDay(Day day);

}  // namespace alongside::server::pages
