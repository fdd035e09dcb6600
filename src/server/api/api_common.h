// What the JSON API's handlers share: query parameters, pages of lists, the
// contact body, and the routes of each capability (one file each, added in
// order by AddApiRoutes in api_routes.cc). Handlers parse -> call the use
// case -> render; the router turns an error Status into the response.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/api_json.h"
#include "server/json_input.h"
#include "server/router.h"
#include "usecase/contacts.h"

namespace alongside::server::api {

using store::Id;

Result<std::optional<std::int64_t>> QueryInteger(const httplib::Request& request,
                                                 const std::string& name, std::int64_t min,
                                                 std::int64_t max);
Result<std::optional<Id>> QueryId(const httplib::Request& request, const std::string& name);
Result<store::Page> ReadPage(const httplib::Request& request);
// A YYYY-MM-DD query parameter as the start of that day.
Result<std::optional<Instant>> QueryDay(const httplib::Request& request, const std::string& name);
// Refuses query parameters the endpoint does not know.
Status OnlyParams(const httplib::Request& request, std::initializer_list<const char*> known);
// A required positive id in a JSON body.
Result<Id> BodyId(JsonInput& input, const std::string& field);

nlohmann::json Items(const nlohmann::json& items, const store::Page& page);

// Records as a JSON array, each through its ToJson (api_json.h).
template <typename Row>
nlohmann::json JsonArray(const std::vector<Row>& rows) {
  nlohmann::json items = nlohmann::json::array();
  for (const Row& row : rows) items.push_back(ToJson(row));
  return items;
}

// The fields of a contact in a JSON body (record, revise, amend).
Result<usecase::ContactFields> ReadContactFields(JsonInput& input);

// A route of the API, for the route table and docs/api.md.
void AddRoute(Router& router, std::string method, std::string path, RouteAccess access,
              Handler handler, std::string summary, std::string request, std::string response);

// The routes of each capability, in the order AddApiRoutes adds them.
void AddSessionRoutes(Router& router);
void AddProgramRoutes(Router& router);
void AddPeopleRoutes(Router& router);
void AddContactRoutes(Router& router);
void AddGoalRoutes(Router& router);
void AddStaffRoutes(Router& router);
void AddPlanRoutes(Router& router);
void AddGuardrailRoutes(Router& router);
void AddSafetyRoutes(Router& router);
void AddFidelityRoutes(Router& router);
void AddGovernanceRoutes(Router& router);

}  // namespace alongside::server::api
