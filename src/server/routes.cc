#include "server/routes.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "server/http_status.h"

namespace alongside::server {
namespace {

void SetSecurityHeaders(httplib::Response& response) {
  response.set_header("Content-Security-Policy",
                      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                      "form-action 'self'; "
                      "frame-ancestors 'none'; base-uri 'none'");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  // Addresses (which carry record ids) never leave for another site; within
  // Alongside the browser names the page's origin, which signing in checks
  // (a no-referrer policy would make it send "Origin: null" instead).
  response.set_header("Referrer-Policy", "same-origin");
  if (!response.has_header("Cache-Control")) response.set_header("Cache-Control", "no-store");
}

}  // namespace

void RegisterRoutes(httplib::Server& http, Router& router, Services& services) {
  http.set_post_routing_handler(
      [](const httplib::Request&, httplib::Response& response) { SetSecurityHeaders(response); });
  http.set_exception_handler(
      [](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& caught) {
          spdlog::error("{} {}: {}", request.method, request.path, caught.what());
        } catch (...) {
          spdlog::error("{} {}: unknown exception", request.method, request.path);
        }
        RespondError(Status::Internal("unhandled exception"), response);
      });
  http.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (response.body.empty()) {
      RespondError(response.status == 404 ? Status::NotFound("no such route")
                                          : Status::InvalidArgument("request", "not accepted"),
                   response);
    }
  });

  http.Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
    response.set_content(R"({"status":"ok"})", "application/json");
  });
  AddApiRoutes(router);
#ifdef ALONGSIDE_HAS_PAGES
  AddPageRoutes(router);
#endif
  router.Install(http, services);
}

}  // namespace alongside::server
