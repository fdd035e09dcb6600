#include "server/http_status.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

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
  // An Unavailable may carry the store's own words (SQLite's "step: database
  // is locked"), so it is answered in fixed words too, and logged here.
  if (status.code() == StatusCode::kInternal) {
    body["detail"] = "internal error";
  } else if (status.code() == StatusCode::kUnavailable) {
    spdlog::warn("answered unavailable: {}", status.detail());
    body["detail"] = "not possible right now; try again shortly";
  } else {
    body["detail"] = status.detail();
  }
  response.status = HttpStatusFor(status.code());
  response.set_content(body.dump(), "application/json");
}

}  // namespace alongside::server
