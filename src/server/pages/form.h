// Reading HTML form posts and cookies for the page routes. cpp-httplib puts
// the fields of an application/x-www-form-urlencoded body (and the query
// string) in Request::params; these helpers read them as typed values, each
// failure an InvalidArgument naming the form field, so the page can put the
// message next to that field.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "store/store.h"

namespace alongside::server::pages {

// The field's first value, or "" when absent.
std::string Field(const httplib::Request& request, const std::string& name);
// Every value of a repeated field (checkboxes), in the order sent.
std::vector<std::string> Fields(const httplib::Request& request, const std::string& name);
bool Checked(const httplib::Request& request, const std::string& name);

// A positive id; InvalidArgument naming `name` otherwise.
Result<store::Id> IdField(const httplib::Request& request, const std::string& name);
// A whole number in [min, max].
Result<int> IntField(const httplib::Request& request, const std::string& name, int min, int max);
// "HH:MM" or "HH:MM:SS" (24 hours) as seconds since midnight, to the minute.
Result<int> ParseTimeOfDay(std::string_view text, const std::string& field);
// Text that must not be blank (after trimming) and not longer than `max_length`.
Result<std::string> RequiredText(const httplib::Request& request, const std::string& name,
                                 size_t max_length);

// The value of cookie `name` from the Cookie header, if sent.
std::optional<std::string> Cookie(const httplib::Request& request, std::string_view name);

// "HH:MM" of an instant (UTC).
std::string FormatTimeOfDay(Instant instant);
// "Tue 14 Mar 2026, 09:30" (UTC), for people to read.
std::string FormatReadable(Instant instant);
std::string FormatReadableDay(Day day);

}  // namespace alongside::server::pages
