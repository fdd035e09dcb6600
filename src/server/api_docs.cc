#include "server/api_docs.h"

#include <fmt/format.h>

#include "server/router.h"

namespace alongside::server {

std::string ApiReferenceMarkdown() {
  Router router;
  AddApiRoutes(router);
  std::string text =
      "# Alongside JSON API\n\n"
      "Generated from the route table by `alongside api-docs`; a test checks this file against\n"
      "the table, so it cannot drift. Do not edit by hand.\n\n"
      "All bodies are JSON. Sign in with `POST /api/v1/session`, which sets the session cookie\n"
      "(HttpOnly, SameSite=Strict) and returns a `csrf_token`: send it as the `X-CSRF-Token`\n"
      "header on every POST, PUT and DELETE. Errors are\n"
      "`{\"error\": kind, \"field\": name, \"detail\": words}` with 400 (invalid input; `field`\n"
      "names it, nothing was written), 401 (not signed in), 403 (not permitted; audited),\n"
      "404 (no such record, or one the caller may not know exists), 409 (conflicts with the\n"
      "record's state, e.g. editing a final note). Unknown body fields and query parameters\n"
      "are refused with 400. Lists take `limit` (1..200, default 50) and `offset`. Times are\n"
      "UTC, `YYYY-MM-DDTHH:MM:SSZ`; days are `YYYY-MM-DD`.\n\n"
      "| method | path | who |\n|---|---|---|\n";
  for (const Route& route : router.routes()) {
    text += fmt::format("| {} | `{}` | {} |\n", route.method, route.path,
                        route.access == RouteAccess::kPublic ? "anyone" : "signed in");
  }
  for (const Route& route : router.routes()) {
    text += fmt::format("\n## {} {}\n\n{}\n", route.method, route.path, route.summary);
    if (!route.example_request.empty()) {
      text += fmt::format("\nRequest:\n\n```json\n{}\n```\n", route.example_request);
    }
    if (!route.example_response.empty()) {
      text += fmt::format("\nResponse:\n\n```json\n{}\n```\n", route.example_response);
    }
  }
  return text;
}

}  // namespace alongside::server
