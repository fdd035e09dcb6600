// The route table. Every path the server answers is one Route, added by
// api_routes.cc (JSON under /api/v1) or page_routes.cc (HTML pages); the
// table is read top to bottom and also generates docs/api.md.
//
// The router does what every route needs, in one place:
// - signs the request in (a signed-in route without a valid session gets 401
//   JSON for the API, a redirect to /login for pages);
// - refuses unsafe methods (POST, PUT, DELETE) on signed-in routes without the
//   session's CSRF token: header X-CSRF-Token for the API, form field
//   csrf_token for pages (403, audited);
// - turns a handler's failed Status into the response (via RespondError for
//   the API; an HTML error page for pages) and audits denials.
#pragma once

#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "access/policy.h"
#include "common/time.h"
#include "server/auth.h"
#include "server/transport.h"
#include "store/store.h"
#include "usecase/settings.h"
#include "usecase/usecase.h"

namespace alongside::server {

using access::Action;
using access::Policy;

struct Services {
  store::Store& store;
  Authenticator& auth;
  Policy& policy;
  const TransportLimits& transport;
  usecase::Services use_cases{store, policy};
};

enum class RouteKind { kApi, kPage };
enum class RouteAccess { kPublic, kSignedIn };

class Context {
 public:
  Context(const httplib::Request& request, httplib::Response& response, Services& services)
      : request(request), response(response), services(services) {}

  const httplib::Request& request;
  httplib::Response& response;
  Services& services;
  std::optional<Principal> principal;  // set on signed-in routes
  store::Actor actor;                  // who and from where, for the audit log

  // The n-th {id} of the route's path (0-based), as parsed by the router.
  store::Id PathId(size_t index = 0) const;
  const Principal& Who() const { return *principal; }

  // Who is asking, from where and now: what every use case is given.
  // The zone is the program's, read with the session (no read of its own,
  // and a change shows on every server at once).
  usecase::Caller Caller() const {
    return usecase::Caller{*principal, actor, NowUtc(), usecase::ZoneOfSetting(principal->time_zone)};
  }
  usecase::Services& UseCases() { return services.use_cases; }

  // Writes an audit row for a request-level event with no record read
  // (a refused CSRF token); logs if it cannot be written.
  void AuditAccess(const std::string& action, const std::string& entity, store::Id entity_id,
                   std::optional<store::Id> person_id, const std::string& outcome,
                   const std::string& detail = "");
  void Json(const nlohmann::json& body, int status = 200);

  std::vector<store::Id> path_ids;
};

using Handler = std::function<Status(Context&)>;

struct Route {
  std::string method;  // GET, POST, PUT, DELETE
  std::string path;    // "/api/v1/people/{id}": each {id} is a positive integer
  RouteKind kind = RouteKind::kApi;
  RouteAccess access = RouteAccess::kSignedIn;
  Handler handler;     // an error Status is turned into the response by the router
  std::string summary;
  std::string example_request;   // for docs/api.md (API routes)
  std::string example_response;
};

// Renders an error page for a failed page route; set by the pages module.
using PageErrorRenderer = std::function<void(Context&, const Status&)>;

class Router {
 public:
  void Add(Route route);
  void SetPageErrorRenderer(PageErrorRenderer renderer) { page_error_ = std::move(renderer); }
  void Install(httplib::Server& http, Services& services);
  const std::vector<Route>& routes() const { return routes_; }
  // The route a request's method and path select, if any.
  const Route* Find(const std::string& method, const std::string& path) const;

  // Runs once a request's headers are read and before any byte of its body:
  // a body must come with a Content-Length within the limit (never chunked),
  // and a signed-in route reads no body without a valid session. Handled
  // when the request was answered here (the connection then closes).
  httplib::Server::HandlerResponse Admit(const httplib::Request& request,
                                         httplib::Response& response, Services& services) const;

 private:
  void Dispatch(const Route& route, const httplib::Request& request,
                httplib::Response& response, Services& services);
  void Fail(const Route& route, Context& context, const Status& status);

  std::vector<Route> routes_;
  std::vector<std::regex> patterns_;  // PathPattern of each route, compiled
  PageErrorRenderer page_error_;
};

// The JSON API routes (api_routes.cc) and the HTML pages (page_routes.cc).
void AddApiRoutes(Router& router);
void AddPageRoutes(Router& router);

// A field of an application/x-www-form-urlencoded body, ignoring the query
// string (cpp-httplib merges both into Request::params): "" when absent.
// Where a value must not travel in a URL (a CSRF token), read it with this.
std::string FormBodyField(const httplib::Request& request, const std::string& name);

// The regex cpp-httplib matches for a documented path ({id} -> (\d+)).
std::string PathPattern(const std::string& path);

}  // namespace alongside::server
