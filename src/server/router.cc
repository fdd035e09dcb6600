#include "server/router.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/text.h"
#include "common/time.h"
#include "server/http_status.h"

namespace alongside::server {
namespace {

// The principal that admission found for the request this thread serves.
// cpp-httplib runs a request's pre-routing handler and then its route
// handler on one thread, so the route handler takes the principal from here
// rather than reading the session a second time (a database round trip on
// every write). It counts only for the same Cookie header and for one
// second, and the next dispatch on the thread takes it whatever it is, so a
// request whose handler never ran (its body did not arrive) leaves nothing
// another request could use.
struct Admitted {
  std::string cookie;
  Principal principal;
  std::chrono::steady_clock::time_point at;
};
thread_local std::optional<Admitted> admitted_on_this_thread;

// The principal for `request`: the one admission found (`admitted`, taken
// from this thread when dispatch began), if it is for this request's cookie
// and fresh, else read from the session.
Result<Principal> PrincipalOf(const httplib::Request& request, std::optional<Admitted> admitted,
                              Services& services) {
  if (admitted && admitted->cookie == request.get_header_value("Cookie") &&
      std::chrono::steady_clock::now() - admitted->at < std::chrono::seconds(1)) {
    return std::move(admitted->principal);
  }
  return services.auth.FromRequest(request);
}

bool IsUnsafe(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH";
}

// Whether cpp-httplib reads a body for this request (its expect_content).
bool ReadsBody(const httplib::Request& request) {
  return request.method == "POST" || request.method == "PUT" || request.method == "PATCH" ||
         request.method == "PRI" ||
         (request.method == "DELETE" && request.has_header("Content-Length"));
}

// A JSON body's media type, with or without parameters ("; charset=utf-8").
bool IsJsonMediaType(std::string value) {
  for (char& ch : value) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const std::string_view kJson = "application/json";
  if (value.compare(0, kJson.size(), kJson) != 0) return false;
  return value.size() == kJson.size() || value[kJson.size()] == ';' || value[kJson.size()] == ' ';
}

// Forbidden when the browser says the request came from another site:
// Sec-Fetch-Site decides where the browser sends it; otherwise an Origin
// header must name this host ("null", sent from sandboxed frames and some
// privacy modes, is refused).
Status CheckSameOrigin(const httplib::Request& request) {
  const std::string site = request.get_header_value("Sec-Fetch-Site");
  if (!site.empty()) {
    if (site == "same-origin" || site == "none") return Status::Ok();
    return Status::Forbidden("this form must be sent from Alongside's own pages");
  }
  if (request.has_header("Origin")) {
    const std::string origin = request.get_header_value("Origin");
    const std::string host = request.get_header_value("Host");
    if (host.empty() || (origin != "http://" + host && origin != "https://" + host)) {
      return Status::Forbidden("this form must be sent from Alongside's own pages");
    }
  }
  return Status::Ok();
}

// A Content-Length of digits only, at most 18 of them.
std::optional<size_t> ParseContentLength(const std::string& value) {
  if (value.empty() || value.size() > 18 ||
      value.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return static_cast<size_t>(std::stoull(value));
}

}  // namespace

std::string PathPattern(const std::string& path) {
  std::string pattern;
  for (size_t pos = 0; pos < path.size();) {
    if (path.compare(pos, 4, "{id}") == 0) {
      pattern += "(\\d{1,18})";
      pos += 4;
    } else {
      char ch = path[pos++];
      if (std::string_view(".+*?()[]^$|\\").find(ch) != std::string_view::npos) pattern += '\\';
      pattern += ch;
    }
  }
  return pattern;
}

std::string FormBodyField(const httplib::Request& request, const std::string& name) {
  httplib::Params fields;
  httplib::detail::parse_query_text(request.body, fields);
  auto found = fields.find(name);
  return found == fields.end() ? "" : found->second;
}

store::Id Context::PathId(size_t index) const {
  return index < path_ids.size() ? path_ids[index] : 0;
}

void Context::AuditAccess(const std::string& action, const std::string& entity,
                          store::Id entity_id, std::optional<store::Id> person_id,
                          const std::string& outcome, const std::string& detail) {
  store::AuditEntry entry;
  entry.at = NowUtc();
  entry.actor = actor.who;
  entry.address = actor.address;
  entry.action = action;
  entry.entity = entity;
  entry.entity_id = entity_id;
  entry.person_id = person_id;
  entry.outcome = outcome;
  entry.detail = detail;
  Result<std::int64_t> written = services.store.AppendAudit(entry);
  if (!written.ok()) spdlog::error("audit write failed: {}", written.status().ToString());
}

void Context::Json(const nlohmann::json& body, int status) {
  response.status = status;
  response.set_content(body.dump(), "application/json");
}

void Router::Add(Route route) {
  patterns_.emplace_back(PathPattern(route.path));
  routes_.push_back(std::move(route));
}

const Route* Router::Find(const std::string& method, const std::string& path) const {
  for (size_t idx = 0; idx < routes_.size(); ++idx) {
    if (routes_[idx].method == method && std::regex_match(path, patterns_[idx])) {
      return &routes_[idx];
    }
  }
  return nullptr;
}

httplib::Server::HandlerResponse Router::Admit(const httplib::Request& request,
                                               httplib::Response& response,
                                               Services& services) const {
  using httplib::Server;
  RequestBudget* budget = CurrentRequestBudget();
  const bool framed = request.has_header("Content-Length") || request.has_header("Transfer-Encoding");
  auto refuse = [&](int http_status, const Status& status) {
    RespondError(status, response);
    response.status = http_status;
    if (budget) budget->CloseAfterResponse();
    return Server::HandlerResponse::Handled;
  };
  if (!ReadsBody(request)) {
    // A body nobody reads would be taken for the next request: end the
    // connection after this answer instead.
    if (framed && budget) budget->CloseAfterResponse();
    if (budget) budget->AdmitBody(0);
    return Server::HandlerResponse::Unhandled;
  }
  if (request.has_header("Transfer-Encoding")) {
    return refuse(411, Status::InvalidArgument(
                           "Transfer-Encoding",
                           "is not accepted; send the body with a Content-Length"));
  }
  std::optional<size_t> length = ParseContentLength(request.get_header_value("Content-Length"));
  if (!length) {
    return refuse(411, Status::InvalidArgument("Content-Length",
                                               "is required: a number of bytes"));
  }
  if (*length > services.transport.max_body_bytes) {
    return refuse(413, Status::InvalidArgument(
                           "body", "is larger than the " +
                                       std::to_string(services.transport.max_body_bytes) +
                                       " bytes a request may carry"));
  }
  const Route* route = Find(request.method, request.path);
  if (route && *length > 0) {
    if (route->kind == RouteKind::kApi &&
        !IsJsonMediaType(request.get_header_value("Content-Type"))) {
      return refuse(415, Status::InvalidArgument("Content-Type", "must be application/json"));
    }
    // No session, no body: an unauthenticated client cannot make the server
    // read (and parse) what it sends to a signed-in route.
    if (route->access == RouteAccess::kSignedIn) {
      admitted_on_this_thread.reset();
      Result<Principal> principal = services.auth.FromRequest(request);
      if (principal.ok()) {
        admitted_on_this_thread = Admitted{request.get_header_value("Cookie"), *principal,
                                           std::chrono::steady_clock::now()};
      } else {
        if (route->kind == RouteKind::kPage) {
          response.status = 303;
          response.set_header("Location", "/login");
          if (budget) budget->CloseAfterResponse();
          return Server::HandlerResponse::Handled;
        }
        return refuse(401, principal.status());
      }
    }
  }
  if (budget) budget->AdmitBody(*length);
  return Server::HandlerResponse::Unhandled;
}

void Router::Install(httplib::Server& http, Services& services) {
  http.set_pre_routing_handler(
      [this, &services](const httplib::Request& request, httplib::Response& response) {
        return Admit(request, response, services);
      });
  for (const Route& route : routes_) {
    auto handler = [this, &route, &services](const httplib::Request& request,
                                             httplib::Response& response) {
      Dispatch(route, request, response, services);
    };
    std::string pattern = PathPattern(route.path);
    if (route.method == "GET") {
      http.Get(pattern, handler);
    } else if (route.method == "POST") {
      http.Post(pattern, handler);
    } else if (route.method == "PUT") {
      http.Put(pattern, handler);
    } else if (route.method == "DELETE") {
      http.Delete(pattern, handler);
    }
  }
}

void Router::Fail(const Route& route, Context& context, const Status& status) {
  if (status.code() == StatusCode::kInternal) {
    spdlog::error("{} {}: {}", route.method, context.request.path, status.ToString());
  }
  if (route.kind == RouteKind::kPage) {
    if (status.code() == StatusCode::kUnauthenticated) {
      context.response.status = 303;
      context.response.set_header("Location", "/login");
      return;
    }
    if (page_error_) {
      page_error_(context, status);
    } else {
      context.response.status = HttpStatusFor(status.code());
      context.response.set_content(status.detail(), "text/plain; charset=utf-8");
    }
    return;
  }
  RespondError(status, context.response);
}

void Router::Dispatch(const Route& route, const httplib::Request& request,
                      httplib::Response& response, Services& services) {
  std::optional<Admitted> admitted = std::exchange(admitted_on_this_thread, std::nullopt);
  Context context(request, response, services);
  context.actor = {"anonymous", ClientAddress(request, services.transport)};
  for (size_t match_idx = 1; match_idx < request.matches.size(); ++match_idx) {
    try {
      context.path_ids.push_back(std::stoll(request.matches[match_idx].str()));
    } catch (const std::exception&) {
      return Fail(route, context, Status::NotFound("no such record"));
    }
  }
  // Form fields and query parameters are text that may be stored and shown
  // again, in pages and in JSON: refuse any that is not valid UTF-8 (a JSON
  // body is checked by its parser). An invalid name is not echoed back.
  for (const auto& [name, value] : request.params) {
    if (!IsValidText(name) || !IsValidText(value)) {
      return Fail(route, context,
                  Status::InvalidArgument(IsValidText(name) ? name : "parameter name",
                                          "must be UTF-8 text without NUL characters"));
    }
  }
  if (route.access == RouteAccess::kPublic && IsUnsafe(route.method)) {
    // Signing in from another site's page (login CSRF) is refused: a browser
    // says where a request came from; a client that is not a browser says
    // nothing and cannot be made to send a victim's request.
    Status origin = CheckSameOrigin(request);
    if (!origin.ok()) {
      context.AuditAccess("origin.refused", "request", 0, std::nullopt, "denied",
                          route.method + " " + request.path);
      return Fail(route, context, origin);
    }
  }
  if (route.access == RouteAccess::kSignedIn) {
    Result<Principal> principal = PrincipalOf(request, std::move(admitted), services);
    if (!principal.ok()) return Fail(route, context, principal.status());
    context.principal = std::move(principal).value();
    context.actor.who = context.principal->AuditName();
    if (IsUnsafe(route.method)) {
      // A form's token counts only in its body: in a query string it would
      // travel in logs and Referer headers.
      std::string submitted = route.kind == RouteKind::kApi
                                  ? request.get_header_value("X-CSRF-Token")
                                  : FormBodyField(request, "csrf_token");
      if (!CsrfTokenMatches(*context.principal, submitted)) {
        context.AuditAccess("csrf.refused", "request", 0, std::nullopt, "denied",
                            route.method + " " + request.path);
        return Fail(route, context,
                    Status::Forbidden("this form has expired or did not come from Alongside; "
                                      "reload the page and try again"));
      }
    }
  }
  Status handled = route.handler(context);
  if (!handled.ok()) Fail(route, context, handled);
}

}  // namespace alongside::server
