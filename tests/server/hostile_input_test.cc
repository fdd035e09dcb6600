// No input crashes the server, and what it refuses changes nothing. Every
// API route is called, as a peer worker (the role that may write the most),
// with bodies that are not JSON or JSON of the wrong shape, with its
// documented example whose fields in turn carry values of other types and
// extremes, with hostile query parameters and with path ids out of range;
// the pages get form fields that are not UTF-8. Every answer must be a 2xx
// or a 4xx (a 4xx with a JSON error body for the API), every refused request
// must leave the database as it was, and the server must still answer.
// Run under AddressSanitizer and UBSan by scripts/test.sh.
#include <httplib.h>

#include <regex>
#include <string>
#include <vector>

#include "api_fixture.h"
#include "server/router.h"

namespace alongside::server::testing {
namespace {

class HostileInputTest : public ApiTest {
 protected:
  // Sends one request and checks the answer; tracks the database digest so
  // that a refused request is seen to have written nothing.
  void Expect(ApiClient& client, const std::string& method, const std::string& path,
              const std::string& body) {
    const std::string where = method + " " + path + " " + body.substr(0, 120);
    ApiResponse response = client.Send(method, path, body);
    ++requests_;
    ASSERT_NE(response.status, 0) << "no answer: " << where;
    EXPECT_LT(response.status, 500) << where << ": " << response.raw.substr(0, 300);
    const std::string after = store_->ContentDigest().value();
    if (response.status >= 400) {
      EXPECT_TRUE(response.body.is_object() && response.body.contains("error"))
          << where << ": " << response.raw.substr(0, 300);
      EXPECT_EQ(after, digest_) << "a refused request changed the database: " << where;
    }
    digest_ = after;
  }

  // The documented path with {id} replaced by a record the peer may reach.
  std::string OwnPath(const std::string& path) const {
    std::string id = "1";
    if (path.find("/people/") != std::string::npos) id = std::to_string(person_1_);
    if (path.find("/contacts/") != std::string::npos) id = std::to_string(contact_1_);
    if (path.find("/goals/") != std::string::npos) id = std::to_string(goal_1_);
    if (path.find("/staff/") != std::string::npos) id = std::to_string(worker_a_);
    return std::regex_replace(path, std::regex("\\{id\\}"), id);
  }

  std::string digest_;
  int requests_ = 0;
};

// Values of every JSON type, and the extremes of each.
std::vector<nlohmann::json> HostileValues() {
  return {nullptr,
          true,
          -1,
          0,
          9223372036854775807LL,
          1e308,
          2.5,
          "",
          std::string(100'000, 'x'),
          "2026-02-30T25:61:00Z",
          nlohmann::json::array(),
          nlohmann::json::array({"a", 1}),
          nlohmann::json::object({{"nested", "object"}})};
}

TEST_F(HostileInputTest, EveryApiRouteRefusesHostileInputWithoutHarm) {
  ApiClient peer = SignedIn("peer");
  ApiClient anonymous(port_);
  digest_ = store_->ContentDigest().value();
  Router router;
  AddApiRoutes(router);
  const std::vector<std::string> raw_bodies = {
      "", "{", "[]", "null", "42", "\"text\"", "{\"person_id\": 1, \"person_id\": 2}",
      std::string(50'000, '[') + std::string(50'000, ']'), "{\"note\": \"\\ud800\"}",
      "{\"note\": \"\xff\xfe\"}"};
  for (const Route& route : router.routes()) {
    if (route.method == "DELETE") continue;  // signing out is tested on its own
    ApiClient& client = route.path == "/api/v1/session" ? anonymous : peer;
    const std::string path = OwnPath(route.path);
    if (route.method == "GET") {
      for (const char* query : {"?limit=-1", "?limit=99999999999999999999", "?offset=x",
                                "?person_id=abc", "?person_id=1&person_id=2", "?from=2026-02-30",
                                "?until=9999999-01-01", "?unknown=1", "?person_id=%FF%FE",
                                "?%FF=1"}) {
        Expect(client, "GET", path + query, "");
      }
      continue;
    }
    for (const std::string& body : raw_bodies) Expect(client, route.method, path, body);
    const nlohmann::json example = nlohmann::json::parse(route.example_request, nullptr, false);
    if (!example.is_object()) continue;
    for (const auto& [field, unused] : example.items()) {
      for (const nlohmann::json& value : HostileValues()) {
        nlohmann::json body = example;
        body[field] = value;
        Expect(client, route.method, path, body.dump());
      }
    }
  }
  // Ids the route pattern accepts but no record has, including one past int64.
  for (const char* path : {"/api/v1/people/0", "/api/v1/people/99999999999999999999999",
                           "/api/v1/contacts/9223372036854775807", "/api/v1/goals/000001"}) {
    Expect(peer, "GET", path, "");
  }
  EXPECT_GT(requests_, 500);
  EXPECT_EQ(peer.Send("GET", "/healthz").status, 200);
  EXPECT_TRUE(store_->VerifyAudit().value().intact);
}

TEST_F(HostileInputTest, FormFieldsThatAreNotUtf8AreRefusedByName) {
  ApiClient peer = SignedIn("peer");
  digest_ = store_->ContentDigest().value();
  httplib::Client http("127.0.0.1", port_);
  httplib::Headers headers{{"Cookie", peer.cookie()}};
  httplib::Params form{{"csrf_token", peer.csrf()},
                       {"person_id", std::to_string(person_1_)},
                       {"date", "2026-03-14"},
                       {"start_time", "09:30"},
                       {"minutes", "30"},
                       {"setting", "community"},
                       {"modalities", "emotional"},
                       {"note", "Walked together \xff\xfe and talked."}};
  httplib::Result refused = http.Post("/contacts", headers, form);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("note"), std::string::npos);
  EXPECT_EQ(store_->ContentDigest().value(), digest_);

  // The same form in valid UTF-8 is recorded.
  form.erase("note");
  form.emplace("note", "Walked together and talked, café after.");
  httplib::Result recorded = http.Post("/contacts", headers, form);
  ASSERT_TRUE(recorded);
  EXPECT_EQ(recorded->status, 303) << recorded->body.substr(0, 300);
  EXPECT_NE(store_->ContentDigest().value(), digest_);
}

}  // namespace
}  // namespace alongside::server::testing
