#include "server/api/api_common.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "common/time.h"

namespace alongside::server::api {

Result<std::optional<std::int64_t>> QueryInteger(const httplib::Request& request,
                                                 const std::string& name, std::int64_t min,
                                                 std::int64_t max) {
  if (!request.has_param(name)) return std::optional<std::int64_t>();
  std::string text = request.get_param_value(name);
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return Status::InvalidArgument(
        name, "must be an integer " + std::to_string(min) + ".." + std::to_string(max));
  }
  return std::optional<std::int64_t>(value);
}

Result<std::optional<Id>> QueryId(const httplib::Request& request, const std::string& name) {
  return QueryInteger(request, name, 1, std::numeric_limits<std::int64_t>::max());
}

Result<store::Page> ReadPage(const httplib::Request& request) {
  store::Page page;
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::int64_t> limit,
                             QueryInteger(request, "limit", 1, 200));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::int64_t> offset,
                             QueryInteger(request, "offset", 0, 10'000'000));
  if (limit) page.limit = static_cast<int>(*limit);
  if (offset) page.offset = static_cast<int>(*offset);
  return page;
}

Result<std::optional<Instant>> QueryDay(const httplib::Request& request, const std::string& name) {
  if (!request.has_param(name)) return std::optional<Instant>();
  ALONGSIDE_ASSIGN_OR_RETURN(Day day, ParseDay(request.get_param_value(name), name));
  return std::optional<Instant>(StartOfDay(day));
}

Status OnlyParams(const httplib::Request& request, std::initializer_list<const char*> known) {
  for (const auto& param : request.params) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const std::string& name = param.first;
    if (std::none_of(known.begin(), known.end(), [&](const char* item) { return name == item; })) {
      return Status::InvalidArgument(name, "is not a known query parameter");
    }
  }
  return Status::Ok();
}

Result<Id> BodyId(JsonInput& input, const std::string& field) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::optional<std::int64_t> id,
      input.Integer(field, true, 1, std::numeric_limits<std::int64_t>::max()));
  return *id;
}

nlohmann::json Items(const nlohmann::json& items, const store::Page& page) {
  return {{"items", items}, {"limit", page.limit}, {"offset", page.offset}};
}

Result<usecase::ContactFields> ReadContactFields(JsonInput& input) {
  usecase::ContactFields fields;
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Instant> start, input.Time("start", true));
  fields.start = *start;
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::int64_t> minutes,
                             input.Integer("duration_minutes", true, -1'000'000, 1'000'000));
  fields.duration_minutes = *minutes;
  ALONGSIDE_ASSIGN_OR_RETURN(std::string setting_text, input.String("setting", true, 64));
  ALONGSIDE_ASSIGN_OR_RETURN(fields.setting,
                             domain::ParseContactSetting(setting_text, "setting"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> modalities,
                             input.Strings("modalities", true));
  ALONGSIDE_ASSIGN_OR_RETURN(fields.modalities,
                             domain::ParseModalities(*modalities, "modalities"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> activities,
                             input.Strings("activities", false));
  if (activities) fields.activities = std::move(*activities);
  ALONGSIDE_ASSIGN_OR_RETURN(fields.note, input.String("note", false));
  // Absent keeps the words the note carries (an amendment of a final note).
  const bool has_words = input.Has("person_words");
  ALONGSIDE_ASSIGN_OR_RETURN(std::string words, input.String("person_words", false));
  if (has_words) fields.person_words = std::move(words);
  ALONGSIDE_ASSIGN_OR_RETURN(fields.wording_reason, input.String("wording_reason", false, 2000));
  return fields;
}

void AddRoute(Router& router, std::string method, std::string path, RouteAccess access,
              Handler handler, std::string summary, std::string request, std::string response) {
  router.Add({std::move(method), std::move(path), RouteKind::kApi, access, std::move(handler),
              std::move(summary), std::move(request), std::move(response)});
}

}  // namespace alongside::server::api
