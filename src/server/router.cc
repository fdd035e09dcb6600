#include "server/router.h"

#include <spdlog/spdlog.h>

#include "common/text.h"
#include "common/time.h"
#include "server/http_status.h"

namespace alongside::server {
namespace {

bool IsUnsafe(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH";
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

void Router::Add(Route route) { routes_.push_back(std::move(route)); }

void Router::Install(httplib::Server& http, Services& services) {
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
  Context context(request, response, services);
  context.actor = {"anonymous", request.remote_addr.empty() ? "unknown" : request.remote_addr};
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
  if (route.access == RouteAccess::kSignedIn) {
    Result<Principal> principal = services.auth.FromRequest(request);
    if (!principal.ok()) return Fail(route, context, principal.status());
    context.principal = std::move(principal).value();
    context.actor.who = context.principal->AuditName();
    if (IsUnsafe(route.method)) {
      std::string submitted = route.kind == RouteKind::kApi
                                  ? request.get_header_value("X-CSRF-Token")
                                  : request.get_param_value("csrf_token");
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
