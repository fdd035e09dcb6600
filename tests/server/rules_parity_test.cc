// One home for every rule: the same case driven through the JSON API and
// through the pages gets the same decision and the same stored result, and
// each defect the outside tests found has its regression test here (each
// failed on the code before the use-case layer).
#include <httplib.h>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "server/api_fixture.h"

namespace alongside::server::testing {
namespace {

// A browser in miniature for the pages: keeps cookies and the last CSRF token.
class PageVisitor {
 public:
  explicit PageVisitor(int port) : client_("127.0.0.1", port) {}
  httplib::Result Get(const std::string& path) { return Remember(client_.Get(path, Headers())); }
  httplib::Result Post(const std::string& path, httplib::Params form) {
    form.emplace("csrf_token", csrf_);
    return Remember(client_.Post(path, Headers(), form));
  }
  void SignIn(const std::string& username) {
    Get("/login");
    auto signed_in = Post("/login", {{"username", username}, {"password", kPassword}});
    // The home page carries the session's CSRF token for the forms.
    if (signed_in) Get(signed_in->get_header_value("Location"));
  }

 private:
  httplib::Headers Headers() const {
    std::string cookie;
    for (const auto& [name, value] : cookies_) cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
    return cookie.empty() ? httplib::Headers{} : httplib::Headers{{"Cookie", cookie}};
  }
  httplib::Result Remember(httplib::Result result) {
    if (!result) return result;
    for (size_t idx = 0; idx < result->get_header_value_count("Set-Cookie"); ++idx) {
      std::string header = result->get_header_value("Set-Cookie", idx);
      std::string pair = header.substr(0, header.find(';'));
      size_t equals = pair.find('=');
      if (header.find("Max-Age=0") != std::string::npos) {
        cookies_.erase(pair.substr(0, equals));
      } else {
        cookies_[pair.substr(0, equals)] = pair.substr(equals + 1);
      }
    }
    static const std::regex kToken(R"(name="csrf_token" value="([0-9a-f]+)\")");
    std::smatch match;
    if (std::regex_search(result->body, match, kToken)) csrf_ = match[1].str();
    return result;
  }
  httplib::Client client_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

class RulesParityTest : public ApiTest {
 protected:
  PageVisitor Page(const std::string& username) {
    PageVisitor visitor(port_);
    visitor.SignIn(username);
    return visitor;
  }
  int Annotations(Id contact) { return static_cast<int>(store_->ListAnnotations(contact).value().size()); }
  std::string Path(const char* prefix, Id id, const char* suffix = "") {
    return std::string(prefix) + std::to_string(id) + suffix;
  }
};

TEST_F(RulesParityTest, Parity1_PersonAnnotatesFinalNotesNeverDrafts) {
  ApiClient api = SignedIn("person");
  PageVisitor page = Page("person");
  // A draft: refused alike, nothing stored.
  EXPECT_EQ(api.Send("POST", Path("/api/v1/contacts/", contact_1_, "/annotations"),
                     R"({"words": "Mine."})").status, 404);
  auto refused = page.Post(Path("/me/contacts/", contact_1_, "/annotations"), {{"words", "Mine."}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 404);
  EXPECT_EQ(Annotations(contact_1_), 0);
  // A final note: accepted alike, one annotation each.
  EXPECT_EQ(api.Send("POST", Path("/api/v1/contacts/", final_1_, "/annotations"),
                     R"({"words": "From the API."})").status, 201);
  auto accepted = page.Post(Path("/me/contacts/", final_1_, "/annotations"), {{"words", "From the page."}});
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 303);
  EXPECT_EQ(Annotations(final_1_), 2);
  // The person's lists never show the draft.
  ApiResponse listed = api.Send("GET", "/api/v1/contacts");
  ASSERT_EQ(listed.status, 200);
  for (const auto& item : listed.body["items"]) EXPECT_NE(item["id"], contact_1_);
}

TEST_F(RulesParityTest, Parity2_CosignIsOneRule) {
  // goal_1_ was written with the worker: the person co-signs it once.
  ApiClient api = SignedIn("person");
  PageVisitor page = Page("person");
  auto signed_on_page = page.Post(Path("/me/goals/", goal_1_, "/cosign"), {});
  ASSERT_TRUE(signed_on_page);
  EXPECT_EQ(signed_on_page->status, 303);
  EXPECT_TRUE(store_->GetGoal(goal_1_).value().latest().cosigned_at.has_value());
  EXPECT_EQ(api.Send("POST", Path("/api/v1/goals/", goal_1_, "/cosign")).status, 409);
  // A goal the person adds is theirs and signed by writing it, on both fronts.
  ApiResponse added = api.Send("POST", "/api/v1/goals", R"({"words": "Paint on Sundays."})");
  ASSERT_EQ(added.status, 201);
  EXPECT_TRUE(added.body["current"]["authored_by_person"]);
  EXPECT_FALSE(added.body["current"]["cosigned_at"].is_null());
  auto page_added = page.Post("/me/goals", {{"words", "Call my sister weekly."}});
  ASSERT_TRUE(page_added);
  EXPECT_EQ(page_added->status, 303);
  const std::vector<domain::Goal> goals = store_->ListGoals(person_1_).value();
  for (const domain::Goal& goal : goals) {
    if (goal.id == goal_1_) continue;
    EXPECT_TRUE(goal.latest().authored_by_person) << goal.latest().words;
    EXPECT_TRUE(goal.latest().cosigned_at.has_value()) << goal.latest().words;
    // Nothing to co-sign: refused alike.
    EXPECT_EQ(api.Send("POST", Path("/api/v1/goals/", goal.id, "/cosign")).status, 409);
    auto page_refused = page.Post(Path("/me/goals/", goal.id, "/cosign"), {});
    ASSERT_TRUE(page_refused);
    EXPECT_EQ(page_refused->status, 409);
  }
}

TEST_F(RulesParityTest, Parity3_UnknownContactIsNotFoundEverywhere) {
  ApiClient api = SignedIn("peer");
  PageVisitor page = Page("peer");
  EXPECT_EQ(api.Send("GET", "/api/v1/contacts/987654").status, 404);
  auto edit = page.Get("/contacts/987654/edit");
  ASSERT_TRUE(edit);
  EXPECT_EQ(edit->status, 404);
  // Someone else's contact answers the same.
  EXPECT_EQ(api.Send("GET", Path("/api/v1/contacts/", contact_2_)).status, 404);
  auto other = page.Get(Path("/contacts/", contact_2_, "/edit"));
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
}

TEST_F(RulesParityTest, Parity4_PersonServedDoesNotOpenTheWorkersView) {
  PageVisitor page = Page("person");
  auto view = page.Get(Path("/people/", person_1_));
  ASSERT_TRUE(view);
  EXPECT_EQ(view->status, 403);
  EXPECT_EQ(view->body.find("Met for coffee"), std::string::npos);
}

TEST_F(RulesParityTest, Regression1_PersonsWordsSurviveAnAmendment) {
  ApiClient worker = SignedIn("peer");
  nlohmann::json amendment = nlohmann::json::parse(ContactBody(person_1_));
  amendment.erase("person_id");
  amendment["amend_reason"] = "typo";
  amendment["person_words"] = "It was fine.";
  ApiResponse refused = worker.Send("POST", Path("/api/v1/contacts/", final_1_, "/amendments"),
                                    amendment.dump());
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.body["field"], "person_words");
  amendment.erase("person_words");
  ApiResponse amended = worker.Send("POST", Path("/api/v1/contacts/", final_1_, "/amendments"),
                                    amendment.dump());
  ASSERT_EQ(amended.status, 201) << amended.raw;
  EXPECT_EQ(amended.body["current"]["person_words"], "It helped to talk.");
  EXPECT_EQ(store_->GetContact(final_1_).value().latest().person_words, "It helped to talk.");
}

TEST_F(RulesParityTest, Regression2_FutureStartAndEmptyFinalAreRefused) {
  ApiClient worker = SignedIn("peer");
  nlohmann::json body = nlohmann::json::parse(ContactBody(person_1_));
  body["start"] = FormatInstant(NowUtc() + 21 * 86400);
  ApiResponse future = worker.Send("POST", "/api/v1/contacts", body.dump());
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(future.body["field"], "start");
  body = nlohmann::json::parse(ContactBody(person_1_));
  body["note"] = "";
  body["finalise"] = true;
  ApiResponse empty = worker.Send("POST", "/api/v1/contacts", body.dump());
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.body["field"], "note");
  for (const char* impossible : {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
    body = nlohmann::json::parse(ContactBody(person_1_));
    body["start"] = impossible;
    EXPECT_EQ(worker.Send("POST", "/api/v1/contacts", body.dump()).status, 400) << impossible;
  }
  body = nlohmann::json::parse(ContactBody(person_1_));
  body["note"] = std::string("before") + '\0' + "after";
  ApiResponse nul = worker.Send("POST", "/api/v1/contacts", body.dump());
  EXPECT_EQ(nul.status, 400);
  EXPECT_EQ(nul.body["field"], "note");
}

TEST_F(RulesParityTest, Regression3_AccessFollowsAssignmentsInForceToday) {
  const store::Actor actor{"test", "local"};
  const Day today = DayOf(NowUtc());
  // Worker B gets person 1 from next year: no access yet.
  ASSERT_TRUE(store_->AddAssignment({0, person_1_, worker_b_, today + 365, std::nullopt}, actor).ok());
  ApiClient other = SignedIn("otherpeer");
  EXPECT_EQ(other.Send("GET", Path("/api/v1/people/", person_1_)).status, 403);
  // The same assignment twice is refused.
  ApiClient manager = SignedIn("manager");
  ApiResponse duplicate = manager.Send(
      "POST", "/api/v1/assignments",
      nlohmann::json{{"person_id", person_2_}, {"worker_id", worker_b_}, {"start_on", FormatDay(today)}}
          .dump());
  EXPECT_EQ(duplicate.status, 409);
  // Worker A's list never shows notes about people no longer assigned to them.
  ApiClient worker = SignedIn("peer");
  ASSERT_GT(worker.Send("GET", "/api/v1/contacts").body["items"].size(), 0u);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("api.db").c_str(), &db), SQLITE_OK);
  std::string end = "UPDATE assignments SET end_on = " + std::to_string(today) +
                    " WHERE person_id = " + std::to_string(person_1_) +
                    " AND worker_id = " + std::to_string(worker_a_);
  ASSERT_EQ(sqlite3_exec(db, end.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  ApiResponse listed = worker.Send("GET", "/api/v1/contacts");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body["items"].size(), 0u) << listed.raw;
  EXPECT_EQ(worker.Send("GET", Path("/api/v1/contacts/", final_1_)).status, 404);
}

TEST_F(RulesParityTest, Regression4_DraftsBelongToTheirAuthor) {
  const store::Actor actor{"test", "local"};
  ASSERT_TRUE(store_->AddAssignment({0, person_1_, worker_b_, 20000, std::nullopt}, actor).ok());
  ApiClient other = SignedIn("otherpeer");
  nlohmann::json body = nlohmann::json::parse(ContactBody(person_1_));
  body.erase("person_id");
  ApiResponse revised = other.Send("PUT", Path("/api/v1/contacts/", contact_1_), body.dump());
  EXPECT_EQ(revised.status, 403) << revised.raw;
  EXPECT_EQ(other.Send("POST", Path("/api/v1/contacts/", contact_1_, "/finalise")).status, 403);
  EXPECT_EQ(store_->GetContact(contact_1_).value().versions.size(), 1u);
}

TEST_F(RulesParityTest, Regression5_WorkersChangeToAPersonsGoalNeedsTheirSignature) {
  ApiClient person = SignedIn("person");
  ApiResponse added = person.Send("POST", "/api/v1/goals", R"({"words": "Swim twice a week."})");
  ASSERT_EQ(added.status, 201);
  ApiClient worker = SignedIn("peer");
  ApiResponse changed = worker.Send("POST", "/api/v1/goals/" + added.body["id"].dump() + "/versions",
                                    R"({"words": "Swim once a week."})");
  ASSERT_EQ(changed.status, 200) << changed.raw;
  EXPECT_FALSE(changed.body["current"]["authored_by_person"]);
  EXPECT_TRUE(changed.body["current"]["cosigned_at"].is_null());
  EXPECT_EQ(person.Send("POST", "/api/v1/goals/" + added.body["id"].dump() + "/cosign").status, 200);
}

TEST_F(RulesParityTest, Regression6_ListsAuditEachPersonShown) {
  ApiClient supervisor = SignedIn("peersup");
  ASSERT_EQ(supervisor.Send("GET", "/api/v1/contacts").status, 200);
  std::vector<store::AuditEntry> tail = store_->AuditTail(1).value();
  EXPECT_EQ(tail[0].action, "contacts.list");
  EXPECT_EQ(tail[0].person_id, person_1_);
  ApiClient worker = SignedIn("peer");
  ASSERT_EQ(worker.Send("GET", "/api/v1/staff").status, 200);
  EXPECT_EQ(store_->AuditTail(1).value()[0].action, "staff.list");
  ASSERT_EQ(worker.Send("GET", "/api/v1/assignments").status, 200);
  EXPECT_EQ(store_->AuditTail(1).value()[0].person_id, person_1_);
}

TEST_F(RulesParityTest, Regression7_EvaluatorCaseloadsRevealNoOrderOrSmallCounts) {
  ApiClient evaluator = SignedIn("evaluator");
  ApiResponse caseloads = evaluator.Send("GET", "/api/v1/program/caseloads");
  ASSERT_EQ(caseloads.status, 200);
  EXPECT_EQ(caseloads.body["suppressed_below"], 5);
  for (const auto& item : caseloads.body["items"]) {
    EXPECT_FALSE(item.contains("worker_id"));
    // Each worker has one person and two notes: counts under 5 are hidden.
    EXPECT_TRUE(item["people"].is_null()) << item.dump();
  }
}

TEST_F(RulesParityTest, Regression8_AReadIsNotAnsweredWithoutItsAuditRow) {
  ApiClient worker = SignedIn("peer");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("api.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN "
                         "SELECT RAISE(FAIL, 'injected audit failure'); END",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  ApiResponse read = worker.Send("GET", Path("/api/v1/people/", person_1_));
  EXPECT_EQ(read.status, 503) << read.raw;
  EXPECT_EQ(read.raw.find("Pat One"), std::string::npos);
  ApiResponse notes = worker.Send("GET", Path("/api/v1/contacts/", final_1_));
  EXPECT_EQ(notes.status, 503);
  EXPECT_EQ(notes.raw.find("Met for coffee"), std::string::npos);
  PageVisitor page = Page("peer");
  auto person_page = page.Get(Path("/people/", person_1_));
  ASSERT_TRUE(person_page);
  EXPECT_NE(person_page->status, 200);
  EXPECT_EQ(person_page->body.find("Met for coffee"), std::string::npos);
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER fail_audit", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(worker.Send("GET", Path("/api/v1/people/", person_1_)).status, 200);
}

}  // namespace
}  // namespace alongside::server::testing
