// Form posts and page reads for the page suites that run on the API
// fixture (safety, governance): a Browser carries the session cookie and
// CSRF token of a signed-in ApiClient, as the pages and the API share them.
#pragma once

#include <httplib.h>

#include <string>
#include <utility>

#include "api_fixture.h"

namespace alongside::server::testing {

struct PageAnswer {
  int status = 0;
  std::string body;
  std::string location;
};

class Browser {
 public:
  Browser(int port, ApiClient api) : http_("127.0.0.1", port), api_(std::move(api)) {}

  PageAnswer Get(const std::string& path) { return Answer(http_.Get(path, Headers())); }

  PageAnswer Post(const std::string& path, httplib::Params form, bool with_csrf = true) {
    if (with_csrf) form.emplace("csrf_token", api_.csrf());
    return Answer(http_.Post(path, Headers(), form));
  }

 private:
  httplib::Headers Headers() const { return {{"Cookie", api_.cookie()}}; }

  static PageAnswer Answer(const httplib::Result& result) {
    PageAnswer answer;
    if (!result) return answer;
    answer.status = result->status;
    answer.body = result->body;
    answer.location = result->get_header_value("Location");
    return answer;
  }

  httplib::Client http_;
  ApiClient api_;
};

inline bool Has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

}  // namespace alongside::server::testing
