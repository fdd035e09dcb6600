// An in-process server over a small program with one sign-in per role, and a
// client that keeps its session cookie and CSRF token, for API tests.
#pragma once

#include <httplib.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>

#include "common/hash.h"
#include "server/server.h"
#include "store/sqlite/sqlite_store.h"
#include "running_server.h"
#include "support/test_support.h"

namespace alongside::server::testing {

using store::Id;

inline constexpr const char* kPassword = "correct horse battery";

using alongside::testing::TestAuthOptions;

struct ApiResponse {
  int status = 0;
  nlohmann::json body;
  std::string raw;
};

class ApiClient {
 public:
  explicit ApiClient(int port) : http_(std::make_shared<httplib::Client>("127.0.0.1", port)) {}

  ApiResponse SignIn(const std::string& username, const std::string& password = kPassword) {
    ApiResponse response =
        Send("POST", "/api/v1/session", nlohmann::json{{"username", username}, {"password", password}}.dump());
    if (response.status == 201) csrf_ = response.body["csrf_token"];
    return response;
  }

  ApiResponse Send(const std::string& method, const std::string& path, const std::string& body = "",
                   bool with_csrf = true) {
    httplib::Headers headers;
    if (!cookie_.empty()) headers.emplace("Cookie", cookie_);
    if (with_csrf && !csrf_.empty()) headers.emplace("X-CSRF-Token", csrf_);
    httplib::Result result = [&] {
      if (method == "GET") return http_->Get(path, headers);
      if (method == "POST") return http_->Post(path, headers, body, "application/json");
      if (method == "PUT") return http_->Put(path, headers, body, "application/json");
      return http_->Delete(path, headers, body, "application/json");
    }();
    ApiResponse response;
    if (!result) return response;
    response.status = result->status;
    response.raw = result->body;
    response.body = nlohmann::json::parse(result->body, nullptr, false);
    std::string set_cookie = result->get_header_value("Set-Cookie");
    if (!set_cookie.empty()) cookie_ = set_cookie.substr(0, set_cookie.find(';'));
    return response;
  }

  const std::string& cookie() const { return cookie_; }
  const std::string& csrf() const { return csrf_; }

 private:
  std::shared_ptr<httplib::Client> http_;
  std::string cookie_;
  std::string csrf_;
};

// Peer worker A is assigned person P1 and supervised by S (senior peer) and
// C (clinical); peer worker B is assigned P2 and supervised by other
// supervisors. Each role has a sign-in named after it.
class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ALONGSIDE_SKIP_WITHOUT_BACKEND();
    store_ = alongside::testing::OpenTestStore(dir_, "api.db");
    ASSERT_NE(store_, nullptr);
    store::Store& db = *store_;
    const store::Actor& actor = alongside::testing::kTestActor;
    Id program = db.AddProgram({0, "Program"}, actor).value();
    Id team = db.AddTeam({0, program, "Team", domain::TeamSetting::kCommunityAgency}, actor).value();
    auto staff = [&](const char* name, domain::Role role, std::optional<Id> peer_sup,
                     std::optional<Id> clin_sup) {
      return db.AddStaff({0, team, name, role, peer_sup, clin_sup, true}, actor).value();
    };
    peer_sup_ = staff("Sage S.", domain::Role::kSeniorPeerSupervisor, {}, {});
    clin_sup_ = staff("Casey C.", domain::Role::kClinicalSupervisor, {}, {});
    other_peer_sup_ = staff("Oak O.", domain::Role::kSeniorPeerSupervisor, {}, {});
    worker_a_ = staff("Alex A.", domain::Role::kPeerSpecialist, peer_sup_, clin_sup_);
    worker_b_ = staff("Blake B.", domain::Role::kPeerSpecialist, other_peer_sup_, {});
    Id clinician = staff("Cleo K.", domain::Role::kClinician, {}, {});
    Id manager = staff("Morgan M.", domain::Role::kProgramManager, {}, {});
    Id evaluator = staff("Eve E.", domain::Role::kEvaluator, {}, {});
    Id admin = staff("Ash D.", domain::Role::kAdministrator, {}, {});
    domain::Person person;
    person.team_id = team;
    person.enrolled_on = 20000;
    person.preferred_name = "Pat One";
    person_1_ = db.AddPerson(person, actor).value();
    person.preferred_name = "Pat Two";
    person_2_ = db.AddPerson(person, actor).value();
    db.AddAssignment({0, person_1_, worker_a_, 20000, std::nullopt}, actor).value();
    db.AddAssignment({0, person_2_, worker_b_, 20000, std::nullopt}, actor).value();
    contact_1_ = db.RecordContact(person_1_, worker_a_,
                                  alongside::testing::DraftVersion(worker_a_, 1'790'000'000), actor)
                     .value();
    contact_2_ = db.RecordContact(person_2_, worker_b_,
                                  alongside::testing::DraftVersion(worker_b_, 1'790'000'000), actor)
                     .value();
    // A final note on each side: what the person served sees and annotates,
    // and what a worker amends (a draft is only revised or finalised).
    auto final_note = [&](Id person, Id worker) {
      domain::ContactVersion version = alongside::testing::DraftVersion(worker, 1'780'000'000);
      version.status = domain::NoteStatus::kFinal;
      version.signed_by = worker;
      version.signed_at = version.written_at;
      return db.RecordContact(person, worker, version, actor).value();
    };
    final_1_ = final_note(person_1_, worker_a_);
    final_2_ = final_note(person_2_, worker_b_);
    domain::GoalVersion goal;
    goal.words = "Walk to the park three times a week.";
    goal.authored_by_person = false;
    goal_1_ = db.AddGoal(person_1_, goal, actor).value();
    goal_2_ = db.AddGoal(person_2_, goal, actor).value();

    AuthOptions auth = TestAuthOptions();
    std::string hash = HashPassword(kPassword, auth).value();
    auto account = [&](const std::string& username, std::optional<Id> staff_id,
                       std::optional<domain::Role> role, std::optional<Id> person_id) {
      store::Account item;
      item.username = username;
      item.password_hash = hash;
      item.kind = person_id ? store::AccountKind::kPerson : store::AccountKind::kStaff;
      item.staff_id = staff_id;
      item.role = role;
      item.person_id = person_id;
      db.AddAccount(item, actor).value();
    };
    account("peer", worker_a_, domain::Role::kPeerSpecialist, {});
    account("otherpeer", worker_b_, domain::Role::kPeerSpecialist, {});
    account("peersup", peer_sup_, domain::Role::kSeniorPeerSupervisor, {});
    account("clinsup", clin_sup_, domain::Role::kClinicalSupervisor, {});
    account("clinician", clinician, domain::Role::kClinician, {});
    account("manager", manager, domain::Role::kProgramManager, {});
    account("evaluator", evaluator, domain::Role::kEvaluator, {});
    account("admin", admin, domain::Role::kAdministrator, {});
    account("person", {}, {}, person_1_);
    account("otherperson", {}, {}, person_2_);

    ServerOptions options;
    options.port = 0;
    options.worker_threads = 8;
    options.auth = auth;
    Configure(options);
    server_ = std::make_unique<alongside::testing::RunningServer>(*store_, options);
    port_ = server_->port();
  }

  // A test fixture may tighten the server's limits before it starts.
  virtual void Configure(ServerOptions& /*options*/) {}

  ApiClient SignedIn(const std::string& username) {
    ApiClient client(port_);
    ApiResponse response = client.SignIn(username);
    EXPECT_EQ(response.status, 201) << username << ": " << response.raw;
    return client;
  }

  std::string ContactBody(Id person) const {
    return nlohmann::json{{"person_id", person},
                          {"start", "2026-11-20T14:00:00Z"},
                          {"duration_minutes", 45},
                          {"setting", "community"},
                          {"modalities", {"emotional", "companionship"}},
                          {"activities", {"goal_review"}},
                          {"note", "Walked to the park together."},
                          {"person_words", "It helped to get outside."}}
        .dump();
  }

  alongside::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<alongside::testing::RunningServer> server_;
  int port_ = 0;
  Id peer_sup_ = 0, clin_sup_ = 0, other_peer_sup_ = 0, worker_a_ = 0, worker_b_ = 0;
  Id person_1_ = 0, person_2_ = 0, contact_1_ = 0, contact_2_ = 0, goal_1_ = 0, goal_2_ = 0;
  Id final_1_ = 0, final_2_ = 0;  // final notes about person 1 (worker A) and 2 (worker B)
};

}  // namespace alongside::server::testing
