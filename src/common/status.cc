#include "common/status.h"

#include <cstdio>

namespace alongside {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kForbidden: return "forbidden";
    case StatusCode::kUnauthenticated: return "unauthenticated";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kInternal: return "internal";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string text = StatusCodeName(code_);
  if (!field_.empty()) text += ": " + field_;
  text += ": " + detail_;
  return text;
}

void LogIfFailed(const Status& status, const char* what) {
  if (!status.ok()) std::fprintf(stderr, "alongside: %s failed: %s\n", what, status.ToString().c_str());
}

}  // namespace alongside
