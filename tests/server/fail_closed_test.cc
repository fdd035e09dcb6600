// Fail closed. Every write route of the route table (API and pages) is sent a
// valid request while the store fails its N-th call, for every N the request
// reaches (measured first with nothing failing), and the answer must be a
// clean error that leaves nothing half-written:
// - the answer is a 5xx (JSON for the API, an HTML error page for pages)
//   that does not carry the injected error's words; the one exception is a
//   failure of the lookup of who is asking (the session, FindSignedIn),
//   which may be answered as "not signed in": 401, or for a page a 303 to
//   /login;
// - the rows of every table either did not change or changed exactly as the
//   same request changes them when nothing fails, and then with the audit
//   rows that request writes; a failure before the call went through leaves
//   no audit row claiming the write happened;
// - the audit chain verifies and the server still answers.
// The same request with nothing failing must succeed (2xx or 303) and change
// something, so no case passes by always failing.
//
// Reads of a person's record must send none of it when the audit row of the
// read cannot be written (nor when any other call fails).
#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "api_fixture.h"
#include "server/router.h"
#include "support/faulty_store.h"

namespace alongside::server::testing {
namespace {

using alongside::testing::FaultyStore;
using alongside::testing::kTestActor;

// The words of every injected error: they must never reach a client.
constexpr const char* kInjected = "injected-fault-7c1e";

bool IsWriteMethod(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH";
}

// Write routes no request here exercises, each with the reason. Empty: every
// write route is exercised. A route added to the table without a request in
// Recipes() and without a line here fails EveryWriteRouteHasARequest.
const std::map<std::string, std::string>& NotExercised() {
  static const std::map<std::string, std::string> routes = {
      {"POST /api/v1/metrics/{id}/adopt",
       "one UPDATE of program_metrics.adopted_at with its audit row in one transaction: the "
       "row counts compared here cannot see it (StoreContractTest."
       "GovernanceDeclarationsFactsAndMetrics checks adopt once, Conflict on a second)"},
      {"POST /governance/metrics/{id}/adopt",
       "the page's form for POST /api/v1/metrics/{id}/adopt: one UPDATE the row counts "
       "cannot see (GovernancePagesTest adopts through it)"},
      {"POST /api/v1/review",
       "a POST that neither reads a record nor writes: it reviews the words it is sent "
       "(ApiTest.TheLanguageReviewFlagsWordsToReconsiderAndNeverRefusesANote)"},
      {"POST /api/v1/boundary-guidance",
       "a POST that neither reads a record nor writes: it answers the program's policy for "
       "the facts it is sent (ApiTest.BoundaryEventsAreGuidedAndRecordedWithTheDecision)"},
  };
  return routes;
}

// Failed calls after which a request may still succeed, its change made
// without its audit row: the row is written on its own after the change, and
// the change is the safe one to make anyway. Key: "METHOD /path FailedCall".
const std::map<std::string, std::string>& ToleratedFailures() {
  // Empty: signing out ends the session and writes its audit row in one
  // transaction (Store::EndSession).
  static const std::map<std::string, std::string> tolerated;
  return tolerated;
}

// Cases that leave a record without its audit row or an audit row without
// its record, found by this test in code this change did not touch; each is
// reported with its fix and stays listed until that fix lands (the answer is
// still checked). Key: "METHOD /path FailedCall before|after".
const std::map<std::string, std::string>& KnownDefects() {
  // Empty: the four found by this test (an orphan session when the name read
  // or the session's acknowledgement failed, a sign-out audited when it did
  // not happen, other sessions ended unaudited) are fixed in auth.cc and
  // Store::EndOtherSessions. A new one goes here with its fix, until fixed.
  static const std::map<std::string, std::string> defects;
  return defects;
}

// One request as sent.
struct Request {
  std::string method;
  std::string path;  // with ids filled in
  RouteKind kind = RouteKind::kApi;
  std::string json;      // the API body
  httplib::Params form;  // a page's form; the client adds csrf_token
};

struct Answer {
  int status = 0;  // 0: no answer at all
  std::string body;
  httplib::Headers headers;

  std::string Header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? "" : found->second;
  }
  bool Mentions(const std::string& text) const {
    if (body.find(text) != std::string::npos) return true;
    for (const auto& [name, value] : headers) {
      if (value.find(text) != std::string::npos) return true;
    }
    return false;
  }
};

// A browser and an API client in one: keeps its cookies, signs in through
// the API (the session and its CSRF token serve the pages too), and sends
// the token with every write (header for the API, form field for pages).
class Client {
 public:
  explicit Client(int port) : http_("127.0.0.1", port) {}

  bool SignIn(const std::string& username) {
    Answer answer = Send({"POST",
                          "/api/v1/session",
                          RouteKind::kApi,
                          nlohmann::json{{"username", username}, {"password", kPassword}}.dump(),
                          {}});
    if (answer.status != 201) return false;
    csrf_token_ = nlohmann::json::parse(answer.body)["csrf_token"];
    return true;
  }

  Answer Get(const std::string& path) { return Send({"GET", path, RouteKind::kPage, "", {}}); }

  Answer Send(const Request& request) {
    httplib::Headers headers;
    std::string cookie;
    for (const auto& [name, value] : cookies_) {
      cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
    }
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    httplib::Result result = [&] {
      if (request.method == "GET") return http_.Get(request.path, headers);
      if (request.kind == RouteKind::kApi) {
        if (!csrf_token_.empty()) headers.emplace("X-CSRF-Token", csrf_token_);
        if (request.method == "POST") {
          return http_.Post(request.path, headers, request.json, "application/json");
        }
        if (request.method == "PUT") {
          return http_.Put(request.path, headers, request.json, "application/json");
        }
        return http_.Delete(request.path, headers, request.json, "application/json");
      }
      httplib::Params form = request.form;
      if (!form.count("csrf_token")) form.emplace("csrf_token", csrf_token_);
      return http_.Post(request.path, headers, form);
    }();
    Answer answer;
    if (!result) return answer;
    answer.status = result->status;
    answer.body = result->body;
    answer.headers = result->headers;
    Remember(*result);
    return answer;
  }

  std::optional<std::string> Cookie(const std::string& name) const {
    auto found = cookies_.find(name);
    if (found == cookies_.end()) return std::nullopt;
    return found->second;
  }

 private:
  void Remember(const httplib::Response& response) {
    const size_t count = response.get_header_value_count("Set-Cookie");
    for (size_t cookie_idx = 0; cookie_idx < count; ++cookie_idx) {
      const std::string header = response.get_header_value("Set-Cookie", cookie_idx);
      const std::string pair = header.substr(0, header.find(';'));
      const size_t equals = pair.find('=');
      const std::string name = pair.substr(0, equals);
      const std::string value = equals == std::string::npos ? "" : pair.substr(equals + 1);
      if (value.empty() || header.find("Max-Age=0") != std::string::npos) {
        cookies_.erase(name);
      } else {
        cookies_[name] = value;
      }
    }
  }

  httplib::Client http_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_token_;
};

// Rows per table, read straight from the database file: every table, so a
// table added later is covered too. The audit log is counted apart.
struct Snapshot {
  std::map<std::string, std::int64_t> rows;
  std::int64_t audit_rows = 0;
  // The whole content of the tables a write route changes in place (their
  // row count stays): kUpdatedInPlace.
  std::map<std::string, std::string> contents;
};

// Tables whose rows a write route updates rather than adds to: a person's
// own words about themselves (PUT /api/v1/me/profile, POST /me/profile), a
// planned contact marked done or cancelled (POST /plans/{id}/done|cancel),
// the program's time zone (POST /settings/time-zone), a role-drift flag
// resolved (POST /api/v1/drift-flags/{id}/resolve and its page).
// A person's plan's sharing and current version (PUT .../sharing and every
// new version) and a safety event's place in its protocol (each step and
// review) are kept on their rows too.
const std::set<std::string> kUpdatedInPlace = {"people", "planned_contacts", "program_settings",
                                               "drift_flags", "person_plans", "safety_events"};

// What changed between two snapshots: table -> rows added (negative: removed).
using Delta = std::map<std::string, std::int64_t>;

Delta Difference(const Snapshot& before, const Snapshot& after) {
  Delta delta;
  for (const auto& [table, count] : after.rows) {
    auto old = before.rows.find(table);
    const std::int64_t change = count - (old == before.rows.end() ? 0 : old->second);
    auto old_content = before.contents.find(table);
    auto new_content = after.contents.find(table);
    const bool rewritten = new_content != after.contents.end() &&
                           (old_content == before.contents.end() ||
                            old_content->second != new_content->second);
    if (change != 0 || rewritten) delta[table] = change;  // 0: changed in place
  }
  return delta;
}

std::string Describe(const Delta& delta) {
  if (delta.empty()) return "nothing";
  std::string text;
  for (const auto& [table, change] : delta) {
    text += (text.empty() ? "" : ", ") + table +
            (change == 0 ? std::string(" changed in place")
                         : (change > 0 ? " +" : " ") + std::to_string(change));
  }
  return text;
}

// Audit rows as "action/outcome", counted.
using AuditRows = std::map<std::string, int>;

std::string Describe(const AuditRows& rows) {
  if (rows.empty()) return "none";
  std::string text;
  for (const auto& [row, count] : rows) {
    text += (text.empty() ? "" : ", ") + row + (count > 1 ? " x" + std::to_string(count) : "");
  }
  return text;
}

std::string Describe(const std::vector<FaultyStore::Call>& calls) {
  std::string text;
  for (size_t call_idx = 0; call_idx < calls.size(); ++call_idx) {
    text += (call_idx ? " " : "") + std::to_string(call_idx + 1) + "." + calls[call_idx].name;
  }
  return text;
}

// How one case fails the store.
struct Plan {
  const char* name;
  FaultyStore::Counting counting;
  FaultyStore::Timing timing;
  Status error;
};

const std::vector<Plan>& Plans() {
  static const std::vector<Plan> plans = {
      {"every call, before it goes through, Unavailable", FaultyStore::Counting::kAllCalls,
       FaultyStore::Timing::kBeforeCall, Status::Unavailable(kInjected)},
      {"every write, before it goes through, Internal", FaultyStore::Counting::kWritesOnly,
       FaultyStore::Timing::kBeforeCall, Status::Internal(kInjected)},
      {"every write, after it went through (acknowledgement lost), Unavailable",
       FaultyStore::Counting::kWritesOnly, FaultyStore::Timing::kAfterCall,
       Status::Unavailable(kInjected)},
  };
  return plans;
}

class FailClosedTest : public ApiTest {
 protected:
  // How a write route is exercised: who signs in first (nobody for the
  // sign-in routes), and one valid request, made afresh for each case where
  // a request uses its record up (a draft is finalised once, a goal
  // co-signed once, a person assigned to a worker once).
  struct Recipe {
    std::string user;
    std::function<Request(Client&)> make;
  };

  void SetUp() override {
    ApiTest::SetUp();
    if (HasFatalFailure()) return;
    // The fixture's server reads the store directly: serve over the faulty
    // one instead (the fixture's records and sign-ins stay).
    server_.reset();
    faulty_ = std::make_unique<FaultyStore>(*store_);
    options_.port = 0;
    options_.worker_threads = 8;
    options_.auth = TestAuthOptions();
    server_ = std::make_unique<alongside::testing::RunningServer>(*faulty_, options_);
    port_ = server_->port();
    // Sign-ins of their own for the routes that change a sign-in (its
    // password, its other sessions), so that no other case is disturbed.
    for (const char* username :
         {"keyholder-api", "keyholder-page", "elsewhere-api", "elsewhere-page"}) {
      store::Account account;
      account.username = username;
      account.password_hash = HashPassword(kPassword, TestAuthOptions()).value();
      account.kind = store::AccountKind::kStaff;
      account.staff_id = clin_sup_;
      account.role = domain::Role::kClinicalSupervisor;
      ASSERT_TRUE(store_->AddAccount(account, kTestActor).ok());
    }
  }

  void TearDown() override { server_.reset(); }  // before faulty_, which it serves

  // Every route the running server installs: the same table, built the same way.
  std::vector<Route> WriteRoutes() {
    Server probe(*faulty_, options_);
    std::vector<Route> routes;
    for (const Route& route : probe.router().routes()) {
      if (IsWriteMethod(route.method)) routes.push_back(route);
    }
    return routes;
  }

  static std::string Key(const std::string& method, const std::string& path) {
    return method + " " + path;
  }

  static std::string WithId(std::string path, Id id) {
    return std::regex_replace(path, std::regex("\\{id\\}"), std::to_string(id));
  }

  Request Api(const std::string& method, const std::string& path, const nlohmann::json& body) {
    return {method, path, RouteKind::kApi, body.is_null() ? "" : body.dump(), {}};
  }
  Request Page(const std::string& path, httplib::Params form) {
    return {"POST", path, RouteKind::kPage, "", std::move(form)};
  }

  nlohmann::json ContactFields() const {
    nlohmann::json fields = nlohmann::json::parse(ContactBody(person_1_));
    fields.erase("person_id");
    return fields;
  }

  httplib::Params ContactForm() const {
    return {{"person_id", std::to_string(person_1_)},
            {"date", "2026-03-14"},
            {"start_time", "09:30"},
            {"minutes", "30"},
            {"setting", "community"},
            {"modalities", "emotional"},
            {"activities", "companionship"},
            {"note", "Walked to the market together."}};
  }

  // A new draft by worker A about person 1: finalising uses one up.
  Id FreshDraft() {
    return store_
        ->RecordContact(person_1_, worker_a_,
                        alongside::testing::DraftVersion(worker_a_, 1'790'000'000), kTestActor)
        .value();
  }

  // A time zone other than the program's: setting it changes something.
  std::string AnotherZone() {
    return store_->GetProgramSettings().value().time_zone == "America/Chicago" ? "America/Denver"
                                                                               : "America/Chicago";
  }

  // A contact worker A plans with person 1 for tomorrow: closing uses one up.
  Id FreshPlan() {
    domain::PlannedContact plan;
    plan.person_id = person_1_;
    plan.worker_id = worker_a_;
    plan.at = NowUtc() + 86'400;
    plan.purpose = "Walk to the library together.";
    plan.created_at = NowUtc();
    return store_->AddPlannedContact(plan, kTestActor).value();
  }

  // An open role-drift flag on worker A's contact with person 1: resolving
  // uses one up.
  Id FreshDriftFlag() {
    domain::ContactVersion version = alongside::testing::DraftVersion(worker_a_, 1'780'000'000);
    version.activities = {"diagnosis"};
    version.status = domain::NoteStatus::kFinal;
    version.signed_by = worker_a_;
    version.signed_at = version.written_at;
    const Id contact = store_->RecordContact(person_1_, worker_a_, version, kTestActor).value();
    store::DriftQuery query;
    query.contact_id = contact;
    return store_->ListDriftFlags(query).value().front().id;
  }

  // A goal written with person 1, waiting for their co-signature.
  Id FreshGoalToCosign() {
    domain::GoalVersion together;
    together.words = "A goal written together.";
    together.authored_by_person = false;
    return store_->AddGoal(person_1_, together, kTestActor).value();
  }

  // Person 1's safety plan (made once), for revising, co-signing, sharing.
  Id SafetyPlanOfPerson1() {
    const std::vector<domain::PersonPlan> plans = store_->ListPersonPlans(person_1_).value();
    for (const domain::PersonPlan& plan : plans) {
      if (plan.kind == domain::PlanKind::kSafety) return plan.id;
    }
    domain::PersonPlan plan;
    plan.person_id = person_1_;
    plan.kind = domain::PlanKind::kSafety;
    domain::PlanVersion first;
    first.sections = {{"warning_signs", "I stop answering my phone."}};
    first.written_at = NowUtc();
    plan.versions.push_back(first);
    return store_->AddPersonPlan(plan, kTestActor).value();
  }

  // Person 1's safety plan with a version worker A wrote with them on top:
  // co-signing uses it up.
  Id FreshPlanToCosign() {
    const Id plan_id = SafetyPlanOfPerson1();
    EXPECT_TRUE(store_
                    ->AppendPlanVersion(
                        plan_id,
                        [&](const domain::PersonPlan& current) -> Result<domain::PlanVersion> {
                          domain::PlanVersion next = current.latest();
                          next.by_person = false;
                          next.author_staff_id = worker_a_;
                          next.cosigned_at.reset();
                          return next;
                        },
                        kTestActor, "plan.revise")
                    .ok());
    return plan_id;
  }

  std::string PlanPath(Id plan_id, const std::string& tail) {
    return "/api/v1/people/" + std::to_string(person_1_) + "/plans/" + std::to_string(plan_id) +
           tail;
  }

  // A person assigned to worker A with no plan yet: one plan of each kind.
  Id FreshAssignedPerson() {
    const Id person = FreshPerson();
    EXPECT_TRUE(store_->AddAssignment({0, person, worker_a_, 20000, std::nullopt}, kTestActor).ok());
    return person;
  }

  // A safety event worker A opened with person 1: its first step uses it up.
  Id FreshSafetyEvent() {
    domain::SafetyEvent event;
    event.person_id = person_1_;
    event.worker_id = worker_a_;
    event.kind = domain::SafetyKind::kSuicidalThoughtsPassive;
    event.disclosed_at = NowUtc() - 600;
    event.opened_at = NowUtc() - 600;
    return store_->OpenSafetyEvent(event, {}, kTestActor).value();
  }

  // A concern person 1 filed about worker A: received, or with a panel
  // (worker B, a peer outside A's line management) that an update moves on.
  Id FreshGrievance(bool with_panel) {
    domain::Grievance grievance;
    grievance.filed_by_person_id = person_1_;
    grievance.about_worker_id = worker_a_;
    grievance.filed_at = NowUtc() - 600;
    grievance.summary = "My visits were cancelled without a call.";
    const Id id = store_->FileGrievance(grievance, kTestActor).value();
    if (with_panel) {
      store::GrievanceChange change;
      change.update.at = NowUtc() - 300;
      change.update.status = domain::GrievanceStatus::kPanelFormed;
      change.update.note = "A panel has been formed.";
      change.panel = {{worker_b_, true, true}};
      EXPECT_TRUE(store_->UpdateGrievance(
                            id,
                            [&](const domain::Grievance&) -> Result<store::GrievanceChange> {
                              return change;
                            },
                            kTestActor)
                      .ok());
    }
    return id;
  }
  // A metric worker A proposed, not yet adopted nor endorsed.
  Id FreshMetric() {
    domain::ProgramMetric metric;
    metric.words = "Days from referral to first contact";
    metric.proposed_by_staff_id = worker_a_;
    metric.proposed_at = NowUtc() - 600;
    return store_->ProposeMetric(metric, kTestActor).value();
  }

  // A person assigned to no one: assigning the same pair twice is 409.
  Id FreshPerson() {
    domain::Person newcomer;
    newcomer.team_id = store_->GetPerson(person_1_).value().team_id;
    newcomer.preferred_name = "Newcomer N.";
    newcomer.enrolled_on = 20000;
    return store_->AddPerson(newcomer, kTestActor).value();
  }

  // Signs `client` in as `username` with exactly one other session of that
  // sign-in open beside it (ending others always ends one).
  void SignInWithOneOtherSession(Client& client, const std::string& username) {
    const Id account = store_->FindAccount(username).value().id;
    EXPECT_TRUE(store_->EndOtherSessions(account, "", kTestActor).ok());
    Client other(port_);
    EXPECT_TRUE(other.SignIn(username));
    EXPECT_TRUE(client.SignIn(username));
  }

  // Sets the sign-in's password back to kPassword (a case may have changed it).
  void ResetPassword(const std::string& username) {
    const Id account = store_->FindAccount(username).value().id;
    EXPECT_TRUE(store_
                    ->ChangePassword(account, HashPassword(kPassword, TestAuthOptions()).value(),
                                     "", kTestActor)
                    .ok());
  }

  std::map<std::string, Recipe> Recipes() {
    const nlohmann::json kNoBody;
    return {
        // The JSON API.
        {Key("POST", "/api/v1/session"),
         {"",
          [this](Client&) {
            return Api("POST", "/api/v1/session", {{"username", "peer"}, {"password", kPassword}});
          }}},
        {Key("DELETE", "/api/v1/session"),
         {"peer", [=, this](Client&) { return Api("DELETE", "/api/v1/session", kNoBody); }}},
        {Key("DELETE", "/api/v1/session/others"),
         {"",
          [=, this](Client& client) {
            SignInWithOneOtherSession(client, "elsewhere-api");
            return Api("DELETE", "/api/v1/session/others", kNoBody);
          }}},
        {Key("PUT", "/api/v1/session/password"),
         {"",
          [this](Client& client) {
            ResetPassword("keyholder-api");
            SignInWithOneOtherSession(client, "keyholder-api");
            return Api("PUT", "/api/v1/session/password",
                       {{"current_password", kPassword},
                        {"new_password", "another long enough password"}});
          }}},
        {Key("POST", "/api/v1/contacts"),
         {"peer",
          [this](Client&) {
            return Api("POST", "/api/v1/contacts", nlohmann::json::parse(ContactBody(person_1_)));
          }}},
        {Key("PUT", "/api/v1/contacts/{id}"),
         {"peer",
          [this](Client&) {
            return Api("PUT", WithId("/api/v1/contacts/{id}", contact_1_), ContactFields());
          }}},
        {Key("POST", "/api/v1/contacts/{id}/finalise"),
         {"peer",
          [=, this](Client&) {
            return Api("POST", WithId("/api/v1/contacts/{id}/finalise", FreshDraft()), kNoBody);
          }}},
        {Key("POST", "/api/v1/contacts/{id}/amendments"),
         {"peer",
          [this](Client&) {
            nlohmann::json body = ContactFields();
            body.erase("person_words");  // the person's words are carried over
            body["amend_reason"] = "The place was wrong.";
            return Api("POST", WithId("/api/v1/contacts/{id}/amendments", final_1_), body);
          }}},
        {Key("POST", "/api/v1/contacts/{id}/annotations"),
         {"person",
          [this](Client&) {
            return Api("POST", WithId("/api/v1/contacts/{id}/annotations", final_1_),
                       {{"words", "The walk was my idea."}});
          }}},
        {Key("POST", "/api/v1/goals"),
         {"peer",
          [this](Client&) {
            return Api("POST", "/api/v1/goals",
                       {{"person_id", person_1_}, {"words", "Cook a meal for friends."}});
          }}},
        {Key("POST", "/api/v1/goals/{id}/versions"),
         {"peer",
          [this](Client&) {
            return Api("POST", WithId("/api/v1/goals/{id}/versions", goal_1_),
                       {{"words", "Walk to the park four times a week."}});
          }}},
        {Key("POST", "/api/v1/goals/{id}/cosign"),
         {"person",
          [=, this](Client&) {
            return Api("POST", WithId("/api/v1/goals/{id}/cosign", FreshGoalToCosign()), kNoBody);
          }}},
        {Key("POST", "/api/v1/goals/{id}/progress"),
         {"peer",
          [this](Client&) {
            return Api("POST", WithId("/api/v1/goals/{id}/progress", goal_1_),
                       {{"words", "Went twice this week."}});
          }}},
        {Key("POST", "/api/v1/assignments"),
         {"manager",
          [this](Client&) {
            return Api("POST", "/api/v1/assignments",
                       {{"person_id", FreshPerson()},
                        {"worker_id", worker_a_},
                        {"start_on", "2026-11-01"}});
          }}},
        {Key("POST", "/api/v1/supervision-sessions"),
         {"peersup",
          [this](Client&) {
            return Api("POST", "/api/v1/supervision-sessions",
                       {{"supervisee_id", worker_a_},
                        {"kind", "peer_practice"},
                        {"held_at", "2026-11-20T10:00:00Z"},
                        {"duration_minutes", 60}});
          }}},
        {Key("POST", "/api/v1/admissions"),
         {"peer",
          [this](Client&) {
            return Api("POST", "/api/v1/admissions",
                       {{"person_id", person_1_},
                        {"kind", "psychiatric_inpatient"},
                        {"admitted_on", "2026-11-01"}});
          }}},
        {Key("PUT", "/api/v1/me/profile"),
         {"person",
          [this](Client&) {
            // New words on every run, so that each one changes the record.
            static int run = 0;
            return Api("PUT", "/api/v1/me/profile",
                       {{"pronouns", "they/them"},
                        {"self_description", "I walk by the sea, " + std::to_string(++run)}});
          }}},
        // The pages.
        {Key("POST", "/login"),
         {"",
          [this](Client& client) {
            // The sign-in form's double-submit token: its cookie, and the
            // same value in the form.
            client.Get("/login");
            return Page("/login",
                        {{"csrf_token", client.Cookie("alongside_login_csrf").value_or("")},
                         {"username", "peer"},
                         {"password", kPassword}});
          }}},
        {Key("POST", "/logout"), {"peer", [this](Client&) { return Page("/logout", {}); }}},
        {Key("POST", "/account/password"),
         {"",
          [this](Client& client) {
            ResetPassword("keyholder-page");
            SignInWithOneOtherSession(client, "keyholder-page");
            return Page("/account/password", {{"current_password", kPassword},
                                              {"new_password", "another long enough password"}});
          }}},
        {Key("POST", "/account/sign-out-elsewhere"),
         {"",
          [this](Client& client) {
            SignInWithOneOtherSession(client, "elsewhere-page");
            return Page("/account/sign-out-elsewhere", {});
          }}},
        {Key("POST", "/plans"),
         {"peer",
          [this](Client&) {
            return Page("/plans", {{"person_id", std::to_string(person_1_)},
                                   {"date", FormatDay(TimeZone::Machine().DayOf(NowUtc()) + 1)},
                                   {"time", "10:00"},
                                   {"setting", "community"},
                                   {"purpose", "Walk to the library together."}});
          }}},
        {Key("POST", "/api/v1/plans"),
         {"peer",
          [this](Client&) {
            return Api("POST", "/api/v1/plans",
                       {{"person_id", person_1_},
                        {"date", FormatDay(DayOf(NowUtc()) + 2)},
                        {"time", "10:00"},
                        {"setting", "community"},
                        {"purpose", "Walk to the library together."}});
          }}},
        {Key("POST", "/api/v1/plans/{id}/done"),
         {"peer",
          [=, this](Client&) {
            return Api("POST", WithId("/api/v1/plans/{id}/done", FreshPlan()), kNoBody);
          }}},
        {Key("POST", "/api/v1/plans/{id}/cancel"),
         {"peer",
          [=, this](Client&) {
            return Api("POST", WithId("/api/v1/plans/{id}/cancel", FreshPlan()), kNoBody);
          }}},
        {Key("POST", "/api/v1/people/{id}/attempts"),
         {"peer",
          [this](Client&) {
            return Api("POST", WithId("/api/v1/people/{id}/attempts", person_1_),
                       {{"setting", "phone"}});
          }}},
        {Key("PUT", "/api/v1/settings"),
         {"manager",
          [this](Client&) {
            return Api("PUT", "/api/v1/settings", {{"time_zone", AnotherZone()}});
          }}},
        {Key("POST", "/people/{id}/attempts"),
         {"peer",
          [this](Client&) {
            return Page(WithId("/people/{id}/attempts", person_1_), {{"setting", "phone"}});
          }}},
        {Key("POST", "/plans/{id}/done"),
         {"peer", [this](Client&) { return Page(WithId("/plans/{id}/done", FreshPlan()), {}); }}},
        {Key("POST", "/plans/{id}/cancel"),
         {"peer",
          [this](Client&) { return Page(WithId("/plans/{id}/cancel", FreshPlan()), {}); }}},
        {Key("POST", "/settings/time-zone"),
         {"manager",
          [this](Client&) {
            return Page("/settings/time-zone", {{"time_zone", AnotherZone()}});
          }}},
        {Key("POST", "/settings/safety-review"),
         {"manager",
          [this](Client&) {
            // Another number of hours than the program's: saving changes it.
            const int hours = store_->GetProgramSettings().value().safety_review_hours;
            return Page("/settings/safety-review",
                        {{"safety_review_hours", std::to_string(hours == 24 ? 12 : 24)}});
          }}},
        {Key("POST", "/people/{id}/goals"),
         {"peer",
          [this](Client&) {
            return Page(WithId("/people/{id}/goals", person_1_),
                        {{"words", "Find a quiet place to read."}});
          }}},
        {Key("POST", "/people/{id}/goals/{id}/progress"),
         {"peer",
          [this](Client&) {
            return Page("/people/" + std::to_string(person_1_) + "/goals/" +
                            std::to_string(goal_1_) + "/progress",
                        {{"words", "Went to the library twice."}});
          }}},
        {Key("POST", "/people/{id}/goals/{id}/status"),
         {"peer",
          [this](Client&) {
            return Page("/people/" + std::to_string(person_1_) + "/goals/" +
                            std::to_string(goal_1_) + "/status",
                        {{"status", "achieved"}});
          }}},
        {Key("POST", "/people/{id}/admissions"),
         {"peer",
          [this](Client&) {
            return Page(WithId("/people/{id}/admissions", person_1_),
                        {{"kind", "crisis_stabilisation"},
                         {"admitted_on", "2026-11-01"},
                         {"place", "Harbor crisis house"}});
          }}},
        {Key("POST", "/contacts"),
         {"peer", [this](Client&) { return Page("/contacts", ContactForm()); }}},
        {Key("POST", "/contacts/{id}/edit"),
         {"peer",
          [this](Client&) {
            return Page(WithId("/contacts/{id}/edit", contact_1_), ContactForm());
          }}},
        {Key("POST", "/contacts/{id}/finalise"),
         {"peer",
          [this](Client&) { return Page(WithId("/contacts/{id}/finalise", FreshDraft()), {}); }}},
        {Key("POST", "/contacts/{id}/amend"),
         {"peer",
          [this](Client&) {
            httplib::Params form = ContactForm();
            form.emplace("amend_reason", "The time was wrong.");
            return Page(WithId("/contacts/{id}/amend", final_1_), form);
          }}},
        {Key("POST", "/me/goals"),
         {"person",
          [this](Client&) {
            return Page("/me/goals", {{"words", "Call my sister on Sundays."}});
          }}},
        {Key("POST", "/me/goals/{id}/progress"),
         {"person",
          [this](Client&) {
            return Page(WithId("/me/goals/{id}/progress", goal_1_), {{"words", "Went once."}});
          }}},
        {Key("POST", "/me/profile"),
         {"person",
          [this](Client&) {
            static int run = 0;
            return Page("/me/profile", {{"pronouns", "she/her"},
                                        {"self_description",
                                         "I like long walks, " + std::to_string(++run)}});
          }}},
        {Key("POST", "/me/goals/{id}/words"),
         {"person",
          [this](Client&) {
            return Page(WithId("/me/goals/{id}/words", goal_1_),
                        {{"words", "Walk to the park on my own."}});
          }}},
        {Key("POST", "/me/goals/{id}/cosign"),
         {"person",
          [this](Client&) {
            return Page(WithId("/me/goals/{id}/cosign", FreshGoalToCosign()), {});
          }}},
        {Key("POST", "/api/v1/drift-flags/{id}/resolve"),
         {"peersup",
          [this](Client&) {
            return Api("POST", WithId("/api/v1/drift-flags/{id}/resolve", FreshDriftFlag()),
                       {{"resolution", "explained"}, {"note", "Talked it through."}});
          }}},
        {Key("POST", "/api/v1/contacts/{id}/advice-requests"),
         {"peer",
          [this](Client&) {
            return Api("POST", WithId("/api/v1/contacts/{id}/advice-requests", final_1_),
                       {{"asked", "a job offer"}, {"role_clarified", "done"}});
          }}},
        {Key("POST", "/api/v1/contacts/{id}/boundary-events"),
         {"peer",
          [this](Client&) {
            return Api("POST", WithId("/api/v1/contacts/{id}/boundary-events", final_1_),
                       {{"kind", "gift"}, {"gift_value_cents", 800},
                        {"decision", "accept_and_document"}});
          }}},
        {Key("POST", "/api/v1/people/{id}/plans"),
         {"peer",
          [this](Client&) {
            return Api("POST", WithId("/api/v1/people/{id}/plans", FreshAssignedPerson()),
                       {{"kind", "safety"},
                        {"sections", {{"warning_signs", "I stop answering my phone."}}}});
          }}},
        {Key("POST", "/api/v1/people/{id}/plans/{id}/versions"),
         {"peer",
          [this](Client&) {
            static int run = 0;
            return Api("POST", PlanPath(SafetyPlanOfPerson1(), "/versions"),
                       {{"sections",
                         {{"warning_signs", "I stop sleeping, " + std::to_string(++run)}}}});
          }}},
        {Key("POST", "/api/v1/people/{id}/plans/{id}/cosign"),
         {"person",
          [this](Client&) {
            return Api("POST", PlanPath(FreshPlanToCosign(), "/cosign"), nlohmann::json::object());
          }}},
        {Key("PUT", "/api/v1/people/{id}/plans/{id}/sharing"),
         {"person",
          [this](Client&) {
            // The other choice than the plan's: sharing changes something.
            const Id plan_id = SafetyPlanOfPerson1();
            const domain::PersonPlan plan = store_->GetPersonPlan(plan_id).value();
            nlohmann::json audiences = plan.shared_with.size() == 2
                                           ? nlohmann::json{"supervisors"}
                                           : nlohmann::json{"supervisors", "team"};
            return Api("PUT", PlanPath(plan_id, "/sharing"),
                       {{"shared_with", audiences}});
          }}},
        // The person's plans on the pages (plan_pages.cc).
        {Key("POST", "/me/plans"),
         {"",
          [this](Client& client) {
            // A person of their own, signed in, with no plan yet.
            static int run = 0;
            const std::string username = "planner-" + std::to_string(++run);
            store::Account account;
            account.username = username;
            account.password_hash = HashPassword(kPassword, TestAuthOptions()).value();
            account.kind = store::AccountKind::kPerson;
            account.person_id = FreshAssignedPerson();
            EXPECT_TRUE(store_->AddAccount(account, kTestActor).ok());
            EXPECT_TRUE(client.SignIn(username));
            return Page("/me/plans",
                        {{"kind", "safety"}, {"sections.warning_signs", "I stop answering."}});
          }}},
        {Key("POST", "/me/plans/{id}/versions"),
         {"person",
          [this](Client&) {
            static int run = 0;
            return Page(WithId("/me/plans/{id}/versions", SafetyPlanOfPerson1()),
                        {{"sections.warning_signs", "I stop eating, " + std::to_string(++run)},
                         {"review_on", ""}});
          }}},
        {Key("POST", "/me/plans/{id}/cosign"),
         {"person",
          [this](Client&) {
            return Page(WithId("/me/plans/{id}/cosign", FreshPlanToCosign()), {});
          }}},
        {Key("POST", "/me/plans/{id}/sharing"),
         {"person",
          [this](Client&) {
            const Id plan_id = SafetyPlanOfPerson1();
            const domain::PersonPlan plan = store_->GetPersonPlan(plan_id).value();
            httplib::Params choice{{"shared_with", "supervisors"}};
            if (plan.shared_with.size() != 2) choice.emplace("shared_with", "team");
            return Page(WithId("/me/plans/{id}/sharing", plan_id), choice);
          }}},
        {Key("POST", "/people/{id}/plans"),
         {"peer",
          [this](Client&) {
            return Page(WithId("/people/{id}/plans", FreshAssignedPerson()),
                        {{"kind", "wellness"}, {"sections.triggers", "Loud rooms."}});
          }}},
        {Key("POST", "/people/{id}/plans/{id}/versions"),
         {"peer",
          [this](Client&) {
            static int run = 0;
            const std::string path = "/people/" + std::to_string(person_1_) + "/plans/" +
                                     std::to_string(SafetyPlanOfPerson1()) + "/versions";
            return Page(path, {{"sections.warning_signs",
                                "I stop sleeping well, " + std::to_string(++run)}});
          }}},
        {Key("POST", "/api/v1/people/{id}/safety-events"),
         {"peer",
          [this](Client&) {
            return Api("POST", WithId("/api/v1/people/{id}/safety-events", person_1_),
                       {{"kind", "suicidal_thoughts_passive"},
                        {"disclosed_at", FormatInstant(NowUtc() - 60)}});
          }}},
        {Key("POST", "/api/v1/safety-events/{id}/steps"),
         {"peer",
          [this](Client&) {
            return Api("POST", WithId("/api/v1/safety-events/{id}/steps", FreshSafetyEvent()),
                       {{"step", "confidentiality_explained"}});
          }}},
        {Key("POST", "/api/v1/safety-events/{id}/reviews"),
         {"peersup",
          [this](Client&) {
            return Api("POST", WithId("/api/v1/safety-events/{id}/reviews", FreshSafetyEvent()),
                       {{"note", "Read the steps; her choices were respected."}});
          }}},
        {Key("POST", "/api/v1/governance/declarations"),
         {"manager",
          [this](Client&) {
            return Api("POST", "/api/v1/governance/declarations",
                       {{"code", "parity_pay"}, {"met", true}, {"evidence", "Pay scale 2026"}});
          }}},
        {Key("POST", "/api/v1/grievances"),
         {"person",
          [this](Client&) {
            return Api("POST", "/api/v1/grievances",
                       {{"summary", "Nobody called me back after my visit was cancelled."}});
          }}},
        {Key("POST", "/api/v1/grievances/{id}/panel"),
         {"manager",
          [this](Client&) {
            return Api("POST", WithId("/api/v1/grievances/{id}/panel", FreshGrievance(false)),
                       {{"staff_ids", {worker_b_}}});
          }}},
        {Key("POST", "/api/v1/grievances/{id}/updates"),
         {"manager",
          [this](Client&) {
            return Api("POST", WithId("/api/v1/grievances/{id}/updates", FreshGrievance(true)),
                       {{"status", "heard"}, {"note", "The panel met with the person."}});
          }}},
        {Key("POST", "/api/v1/grievances/{id}/withdraw"),
         {"person",
          [this](Client&) {
            return Api("POST", WithId("/api/v1/grievances/{id}/withdraw", FreshGrievance(true)),
                       {{"note", "We talked it through."}});
          }}},
        {Key("POST", "/api/v1/metrics"),
         {"person",
          [this](Client&) {
            return Api("POST", "/api/v1/metrics",
                       {{"words", "People feel heard at their first visit"}});
          }}},
        {Key("POST", "/api/v1/metrics/{id}/endorse"),
         {"person",
          [this](Client&) {
            return Api("POST", WithId("/api/v1/metrics/{id}/endorse", FreshMetric()),
                       nlohmann::json::object());
          }}},
        {Key("POST", "/governance/declarations"),
         {"manager",
          [this](Client&) {
            return Page("/governance/declarations",
                        {{"code", "career_ladder"}, {"met", "yes"}, {"evidence", "Ladder 2026"}});
          }}},
        {Key("POST", "/grievances/{id}/panel"),
         {"manager",
          [this](Client&) {
            return Page(WithId("/grievances/{id}/panel", FreshGrievance(false)),
                        {{"staff_ids", std::to_string(worker_b_)}});
          }}},
        {Key("POST", "/grievances/{id}/updates"),
         {"manager",
          [this](Client&) {
            return Page(WithId("/grievances/{id}/updates", FreshGrievance(true)),
                        {{"status", "heard"}, {"note", "The panel met with the person."}});
          }}},
        {Key("POST", "/grievances/{id}/withdraw"),
         {"person",
          [this](Client&) {
            return Page(WithId("/grievances/{id}/withdraw", FreshGrievance(true)),
                        {{"note", "We talked it through."}});
          }}},
        {Key("POST", "/grievances/new"),
         {"peer",
          [this](Client&) {
            return Page("/grievances/new", {{"summary", "My supervision keeps being cancelled."}});
          }}},
        {Key("POST", "/me/grievances"),
         {"person",
          [this](Client&) {
            return Page("/me/grievances", {{"summary", "Nobody called me back."}});
          }}},
        {Key("POST", "/me/metrics"),
         {"person",
          [this](Client&) {
            return Page("/me/metrics", {{"words", "People feel heard at their first visit"}});
          }}},
        {Key("POST", "/me/metrics/{id}/endorse"),
         {"person",
          [this](Client&) { return Page(WithId("/me/metrics/{id}/endorse", FreshMetric()), {}); }}},
        {Key("POST", "/people/{id}/safety/new"),
         {"peer",
          [this](Client&) {
            return Page(WithId("/people/{id}/safety/new", person_1_),
                        {{"kind", "suicidal_thoughts_passive"}, {"when", "now"}});
          }}},
        {Key("POST", "/safety/{id}/steps"),
         {"peer",
          [this](Client&) {
            return Page(WithId("/safety/{id}/steps", FreshSafetyEvent()),
                        {{"step", "confidentiality_explained"}, {"when", "now"}});
          }}},
        {Key("POST", "/safety/{id}/review"),
         {"peersup",
          [this](Client&) {
            return Page(WithId("/safety/{id}/review", FreshSafetyEvent()),
                        {{"note", "Read the steps; her choices were respected."}});
          }}},
        {Key("POST", "/contacts/{id}/advice"),
         {"peer",
          [this](Client&) {
            return Page(WithId("/contacts/{id}/advice", final_1_),
                        {{"asked", "a job offer"}, {"role_clarified", "done"}});
          }}},
        {Key("POST", "/contacts/{id}/boundary"),
         {"peer",
          [this](Client&) {
            return Page(WithId("/contacts/{id}/boundary", final_1_),
                        {{"kind", "gift"}, {"gift_value", "8"}, {"step", "save"},
                         {"decision", "accept_and_document"}});
          }}},
        {Key("POST", "/supervision/workers/{id}/drift/{id}"),
         {"peersup",
          [this](Client&) {
            return Page("/supervision/workers/" + std::to_string(worker_a_) + "/drift/" +
                            std::to_string(FreshDriftFlag()),
                        {{"resolution", "explained"}, {"note", "Talked it through."}});
          }}},
        {Key("POST", "/supervision/workers/{id}/sessions"),
         {"peersup",
          [this](Client&) {
            return Page(WithId("/supervision/workers/{id}/sessions", worker_a_),
                        {{"kind", "peer_practice"},
                         {"date", "2026-11-20"},
                         {"time", "10:00"},
                         {"minutes", "60"},
                         {"focus", "role_fidelity"}});
          }}},
        {Key("POST", "/me/contacts/{id}/annotations"),
         {"person",
          [this](Client&) {
            return Page(WithId("/me/contacts/{id}/annotations", final_1_),
                        {{"words", "I chose the route."}});
          }}},
    };
  }

  Snapshot Take() {
    Snapshot snapshot;
    sqlite3* db = nullptr;
    const std::string path = dir_.File("api.db");
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "cannot open " << path;
      sqlite3_close(db);
      return snapshot;
    }
    std::vector<std::string> tables;
    sqlite3_stmt* list = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                       "'sqlite_%' ORDER BY name",
                       -1, &list, nullptr);
    while (list && sqlite3_step(list) == SQLITE_ROW) {
      tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(list, 0)));
    }
    sqlite3_finalize(list);
    for (const std::string& table : tables) {
      // A table's name cannot be a bound parameter; these come from the
      // schema itself, quoted as identifiers.
      sqlite3_stmt* count = nullptr;
      const std::string sql = "SELECT count(*) FROM \"" + table + "\"";
      sqlite3_prepare_v2(db, sql.c_str(), -1, &count, nullptr);
      if (count && sqlite3_step(count) == SQLITE_ROW) {
        const std::int64_t rows = sqlite3_column_int64(count, 0);
        if (table == "audit_log") {
          snapshot.audit_rows = rows;
        } else if (table != "audit_head") {  // one row, always
          snapshot.rows[table] = rows;
        }
      } else {
        ADD_FAILURE() << "cannot count " << table << ": " << sqlite3_errmsg(db);
      }
      sqlite3_finalize(count);
      if (kUpdatedInPlace.count(table)) {
        sqlite3_stmt* rows = nullptr;
        const std::string select = "SELECT * FROM \"" + table + "\" ORDER BY rowid";
        sqlite3_prepare_v2(db, select.c_str(), -1, &rows, nullptr);
        std::string& content = snapshot.contents[table];
        while (rows && sqlite3_step(rows) == SQLITE_ROW) {
          for (int column = 0; column < sqlite3_column_count(rows); ++column) {
            const unsigned char* text = sqlite3_column_text(rows, column);
            content += text ? reinterpret_cast<const char*>(text) : "\x01null";
            content += '\x1f';
          }
          content += '\x1e';
        }
        sqlite3_finalize(rows);
      }
    }
    sqlite3_close(db);
    return snapshot;
  }

  // The audit rows written since `before`.
  AuditRows AuditSince(const Snapshot& before, const Snapshot& after) {
    AuditRows rows;
    const std::int64_t added = after.audit_rows - before.audit_rows;
    if (added <= 0) return rows;
    const std::vector<store::AuditEntry> tail =
        store_->AuditTail(static_cast<size_t>(added)).value();
    for (const store::AuditEntry& entry : tail) ++rows[entry.action + "/" + entry.outcome];
    return rows;
  }

  // A client signed in as `user` (none for ""), and the request to send.
  std::pair<std::unique_ptr<Client>, Request> Prepare(const Recipe& recipe) {
    auto client = std::make_unique<Client>(port_);
    if (!recipe.user.empty()) {
      EXPECT_TRUE(client->SignIn(recipe.user)) << recipe.user;
    }
    Request request = recipe.make(*client);
    return {std::move(client), std::move(request)};
  }

  void ExpectStillAnswering(const std::string& where) {
    Client anyone(port_);
    EXPECT_EQ(anyone.Send({"GET", "/api/v1/program/summary", RouteKind::kApi, "", {}}).status, 200)
        << where << ": the server stopped answering";
  }

  void ExpectAuditIntact(const std::string& where) {
    Result<store::AuditVerification> verified = store_->VerifyAudit();
    ASSERT_TRUE(verified.ok()) << where;
    EXPECT_TRUE(verified->intact) << where << ": audit chain broken at row "
                                  << verified->first_bad_seq.value_or(0) << ": "
                                  << verified->problem;
  }

  // Whether `answer` is an acceptable answer to a request whose store call
  // `failed` failed (see the rule at the top of this file).
  static std::string JudgeFailure(const Route& route, const Answer& answer,
                                  const FaultyStore::Call& failed) {
    if (answer.status == 0) return "no answer at all";
    if (answer.Mentions(kInjected)) return "the injected error's words reached the client";
    const bool api = route.kind == RouteKind::kApi;
    const bool server_error = answer.status >= 500 && answer.status <= 599;
    const bool identity_lookup = failed.name == "FindSignedIn";
    if (identity_lookup && api && answer.status == 401) return "";
    if (identity_lookup && !api && answer.status == 303 && answer.Header("Location") == "/login") {
      return "";
    }
    if (!server_error) return "answered " + std::to_string(answer.status) + ", not a 5xx";
    if (api) {
      nlohmann::json body = nlohmann::json::parse(answer.body, nullptr, false);
      if (!body.is_object() || !body.contains("error")) return "a 5xx without a JSON error body";
    } else if (answer.Header("Content-Type").find("text/html") == std::string::npos) {
      return "a 5xx that is not an HTML error page";
    }
    return "";
  }

  // Whether a failed request left the records whole: the change the same
  // request makes with nothing failing (`written`, with the audit rows
  // `audited`), or none of it. Empty when it did; otherwise what is wrong.
  // `audit_may_lack` for a tolerated failure of an audit row of its own.
  static std::string JudgeRecord(const Delta& written, const AuditRows& audited, const Delta& delta,
                                 const AuditRows& audit, FaultyStore::Timing timing,
                                 bool audit_may_lack) {
    if (delta.empty()) {
      // Not written. When the failure came before the call went through, no
      // audit row may claim it was (under a lost acknowledgement a row
      // committed on its own before the failure may remain).
      if (timing == FaultyStore::Timing::kAfterCall) return "";
      for (const auto& [row, count] : audited) {
        if (audit.count(row)) {
          return "nothing was written, yet the audit log says " + row +
                 " (audit rows: " + Describe(audit) + ")";
        }
      }
      return "";
    }
    if (delta != written) {
      return "half-written: " + Describe(delta) + " where the request writes " + Describe(written);
    }
    if (audit_may_lack) return "";
    for (const auto& [row, count] : audited) {
      auto found = audit.find(row);
      if (found == audit.end() || found->second < count) {
        return "written (" + Describe(delta) + ") without its audit row " + row +
               " (audit rows: " + Describe(audit) + ")";
      }
    }
    return "";
  }

  // Sends `route` its request with nothing failing, then once for every
  // store call it made under each plan, failing that call.
  void Exercise(const Route& route, const Recipe& recipe, int& cases) {
    const std::string key = Key(route.method, route.path);
    // With nothing failing: it succeeds, changes something, and makes this
    // many calls.
    auto [clean_client, clean_request] = Prepare(recipe);
    const Snapshot clean_before = Take();
    faulty().Disarm();
    const Answer clean = clean_client->Send(clean_request);
    const std::vector<FaultyStore::Call> clean_calls = faulty().Calls();
    const Snapshot clean_after = Take();
    ASSERT_TRUE((clean.status >= 200 && clean.status < 300) || clean.status == 303)
        << clean_request.path << " with nothing failing answered " << clean.status << ": "
        << clean.body;
    const Delta written = Difference(clean_before, clean_after);
    const AuditRows audited = AuditSince(clean_before, clean_after);
    ASSERT_FALSE(written.empty()) << clean_request.path << " with nothing failing wrote nothing";
    int clean_writes = 0;
    for (const FaultyStore::Call& call : clean_calls) clean_writes += call.write ? 1 : 0;

    for (const Plan& plan : Plans()) {
      const bool writes_only = plan.counting == FaultyStore::Counting::kWritesOnly;
      const int reach = writes_only ? clean_writes : static_cast<int>(clean_calls.size());
      for (int nth = 1; nth <= reach; ++nth) {
        auto [client, request] = Prepare(recipe);
        const Snapshot before = Take();
        faulty().Arm({nth, plan.counting, plan.timing, plan.error});
        const Answer answer = client->Send(request);
        const std::optional<FaultyStore::Call> failed = faulty().Failed();
        const std::vector<FaultyStore::Call> calls = faulty().Calls();
        faulty().Disarm();
        const Snapshot after = Take();
        ++cases;
        const std::string where = key + ", " + plan.name + ", call " + std::to_string(nth) + " (" +
                                  (failed ? failed->name : "none") + ")";
        ASSERT_TRUE(failed) << where << ": the request made fewer calls than with nothing "
                            << "failing: " << Describe(calls) << " vs " << Describe(clean_calls);

        const std::string failed_key = key + " " + failed->name;
        const bool tolerated = ToleratedFailures().count(failed_key) > 0;
        const std::string defect_key =
            failed_key + (plan.timing == FaultyStore::Timing::kAfterCall ? " after" : " before");
        const bool known_defect = KnownDefects().count(defect_key) > 0;
        const bool succeeded =
            (answer.status >= 200 && answer.status < 300) || answer.status == 303;
        const std::string trace = " (calls: " + Describe(calls) + ")";
        if (!(tolerated && succeeded)) {
          EXPECT_EQ(JudgeFailure(route, answer, *failed), "")
              << where << ": " << answer.status << " " << answer.body << trace;
        }
        const std::string record = JudgeRecord(written, audited, Difference(before, after),
                                               AuditSince(before, after), plan.timing, tolerated);
        if (known_defect) {
          if (!record.empty()) reproduced_.insert(defect_key);
        } else {
          EXPECT_EQ(record, "") << where << trace;
        }
        ExpectAuditIntact(where);
        ExpectStillAnswering(where);
      }
    }
  }

  FaultyStore& faulty() { return *faulty_; }

  ServerOptions options_;
  std::unique_ptr<FaultyStore> faulty_;
  std::set<std::string> reproduced_;  // KnownDefects() keys seen again
};

TEST_F(FailClosedTest, EveryWriteRouteHasARequest) {
  const std::map<std::string, Recipe> recipes = Recipes();
  std::set<std::string> routes;
  for (const Route& route : WriteRoutes()) {
    const std::string key = Key(route.method, route.path);
    routes.insert(key);
    const bool has_recipe = recipes.count(key) > 0;
    const bool listed = NotExercised().count(key) > 0;
    EXPECT_TRUE(has_recipe || listed)
        << key << " has no valid request in Recipes() and no reason in NotExercised()";
    EXPECT_FALSE(has_recipe && listed) << key << " is both exercised and listed as not";
  }
  for (const auto& [key, recipe] : recipes) {
    EXPECT_TRUE(routes.count(key)) << key << " is not a write route of the table any more";
  }
  EXPECT_GE(routes.size(), 20u);  // the table was read: API and pages
}

TEST_F(FailClosedTest, EveryWriteRouteFailsClosedAtEveryStoreCall) {
  const std::map<std::string, Recipe> recipes = Recipes();
  int cases = 0;
  for (const Route& route : WriteRoutes()) {
    auto recipe = recipes.find(Key(route.method, route.path));
    if (recipe == recipes.end()) continue;  // EveryWriteRouteHasARequest says why
    SCOPED_TRACE(recipe->first);
    Exercise(route, recipe->second, cases);
  }
  for (const auto& [defect, fix] : KnownDefects()) {
    if (!reproduced_.count(defect)) {
      std::cout << "[ fail closed ] known defect not seen any more, remove it from "
                   "KnownDefects(): "
                << defect << "\n";
    }
  }
  RecordProperty("cases", cases);
  std::cout << "[ fail closed ] " << cases << " cases over " << recipes.size() << " write routes\n";
}

// A person's record read with the audit row of the read (or any other call)
// failing: an error, and none of the record in it.
TEST_F(FailClosedTest, ReadsOfARecordSendNothingWhenTheirAuditFails) {
  // A person whose record holds words found nowhere else in the answers.
  domain::Person person;
  person.team_id = store_->GetPerson(person_1_).value().team_id;
  person.enrolled_on = 20000;
  person.preferred_name = "Quill Example";
  person.self_description = "I like the lighthouse walk on Sundays.";
  const Id quill = store_->AddPerson(person, kTestActor).value();
  store_->AddAssignment({0, quill, worker_a_, 20000, std::nullopt}, kTestActor).value();
  domain::ContactVersion version = alongside::testing::DraftVersion(worker_a_, 1'780'000'000);
  version.note = "Planned the library visit together.";
  version.person_words = "The library felt calm.";
  version.status = domain::NoteStatus::kFinal;
  version.signed_by = worker_a_;
  version.signed_at = version.written_at;
  const Id note = store_->RecordContact(quill, worker_a_, version, kTestActor).value();
  domain::GoalVersion goal;
  goal.words = "Swim at the harbour pool.";
  goal.authored_by_person = true;
  store_->AddGoal(quill, goal, kTestActor).value();
  store::Account account;
  account.username = "quill";
  account.password_hash = HashPassword(kPassword, TestAuthOptions()).value();
  account.kind = store::AccountKind::kPerson;
  account.person_id = quill;
  store_->AddAccount(account, kTestActor).value();

  struct Read {
    std::string user;
    Request request;
    std::vector<std::string> record;  // words of the record: in the answer only when it succeeds
  };
  const std::string id = std::to_string(quill);
  const std::vector<std::string> profile = {"Quill Example", "lighthouse"};
  const std::vector<std::string> notes = {"library"};
  const std::vector<Read> reads = {
      {"peer", {"GET", "/api/v1/people/" + id, RouteKind::kApi, "", {}}, profile},
      {"peer",
       {"GET", "/people/" + id, RouteKind::kPage, "", {}},
       {"Quill Example", "lighthouse", "library"}},
      {"peer", {"GET", "/api/v1/contacts/" + std::to_string(note), RouteKind::kApi, "", {}}, notes},
      {"peer", {"GET", "/api/v1/contacts?person_id=" + id, RouteKind::kApi, "", {}}, notes},
      {"quill", {"GET", "/api/v1/contacts", RouteKind::kApi, "", {}}, notes},
      // The person's own pages greet them by name: their words are the record.
      {"quill", {"GET", "/me/contacts", RouteKind::kPage, "", {}}, notes},
      {"quill", {"GET", "/me", RouteKind::kPage, "", {}}, {"lighthouse"}},
      // Lists of people and goals.
      {"peer", {"GET", "/api/v1/people", RouteKind::kApi, "", {}}, {"Quill Example"}},
      {"peer", {"GET", "/caseload", RouteKind::kPage, "", {}}, {"Quill Example"}},
      {"peer", {"GET", "/api/v1/goals?person_id=" + id, RouteKind::kApi, "", {}}, {"harbour"}},
      {"quill", {"GET", "/me/goals", RouteKind::kPage, "", {}}, {"harbour"}},
  };
  int cases = 0;
  for (const Read& read : reads) {
    SCOPED_TRACE(read.request.path + " as " + read.user);
    Route route;
    route.kind = read.request.kind;
    Client client(port_);
    ASSERT_TRUE(client.SignIn(read.user));
    faulty().Disarm();
    const Answer clean = client.Send(read.request);
    const std::vector<FaultyStore::Call> clean_calls = faulty().Calls();
    ASSERT_EQ(clean.status, 200) << clean.body;
    for (const std::string& words : read.record) {
      ASSERT_TRUE(clean.Mentions(words))
          << "the record's words \"" << words << "\" are not in the answer: " << clean.body;
    }
    const bool audits = std::any_of(clean_calls.begin(), clean_calls.end(), [](const auto& call) {
      return call.name == "AppendAudit" || call.name == "AppendAuditRows";
    });
    ASSERT_TRUE(audits) << "the read writes no audit row: " << Describe(clean_calls);

    for (int nth = 1; nth <= static_cast<int>(clean_calls.size()); ++nth) {
      for (const Status& error : {Status::Unavailable(kInjected), Status::Internal(kInjected)}) {
        // A fresh session each time: the same calls as the measured read
        // (an older one would also slide its idle window, a write).
        Client reader(port_);
        ASSERT_TRUE(reader.SignIn(read.user));
        faulty().Arm(
            {nth, FaultyStore::Counting::kAllCalls, FaultyStore::Timing::kBeforeCall, error});
        const Answer answer = reader.Send(read.request);
        const std::optional<FaultyStore::Call> failed = faulty().Failed();
        faulty().Disarm();
        ++cases;
        const std::string where = read.request.path + ", call " + std::to_string(nth) + " (" +
                                  (failed ? failed->name : "none") + ") failing with " +
                                  StatusCodeName(error.code());
        ASSERT_TRUE(failed) << where << ": fewer calls than with nothing failing";
        EXPECT_EQ(JudgeFailure(route, answer, *failed), "")
            << where << ": " << answer.status << " " << answer.body;
        for (const std::string& words : read.record) {
          EXPECT_FALSE(answer.Mentions(words))
              << where << ": the record's \"" << words << "\" was sent: " << answer.body;
        }
      }
    }
    ExpectAuditIntact(read.request.path);
    ExpectStillAnswering(read.request.path);
  }
  std::cout << "[ fail closed ] " << cases << " read cases over " << reads.size() << " reads\n";
}

}  // namespace
}  // namespace alongside::server::testing
