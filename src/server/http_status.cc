#include "server/http_status.h"

#include <nlohmann/json.hpp>

namespace alongside::server {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kForbidden: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kConflict: return 409;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

void RespondError(const Status& status, httplib::Response& response) {
  nlohmann::json body = {{"error", StatusCodeName(status.code())}};
  if (!status.field().empty()) body["field"] = status.field();
  // Internal details stay in the log; the client learns only that it failed.
  body["detail"] = status.code() == StatusCode::kInternal ? "internal error" : status.detail();
  response.status = HttpStatusFor(status.code());
  response.set_content(body.dump(), "application/json");
}

}  // namespace alongside::server
