// The HTML pages without a browser: an in-process Server, a cpp-httplib
// client that carries its own cookies, and the store checked directly for
// what was (and was not) written.
#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <sqlite3.h>

#include "common/local_time.h"
#include "common/time.h"
#include "server/auth.h"
#include "server/server.h"
#include "store/sqlite/sqlite_store.h"
#include "running_server.h"
#include "support/test_support.h"

namespace alongside::server {
namespace {

using testing::TempDir;

constexpr const char* kPassword = "a long enough test password";

// A browser in miniature: keeps the cookies it is sent and the CSRF token of
// the last page it read.
class Visitor {
 public:
  explicit Visitor(int port) : client_("127.0.0.1", port) {}

  httplib::Result Get(const std::string& path) {
    httplib::Result result = client_.Get(path, Headers());
    Remember(result);
    return result;
  }

  httplib::Result Post(const std::string& path, httplib::Params form) {
    httplib::Result result = client_.Post(path, Headers(), form);
    Remember(result);
    return result;
  }

  // Signs in through the form; returns the response to POST /login.
  httplib::Result SignIn(const std::string& username, const std::string& password) {
    Get("/login");
    return Post("/login",
                {{"csrf_token", csrf_token_}, {"username", username}, {"password", password}});
  }

  const std::string& csrf_token() const { return csrf_token_; }
  bool HasCookie(const std::string& name) const { return cookies_.count(name) > 0; }

 private:
  httplib::Headers Headers() const {
    std::string cookie;
    for (const auto& [name, value] : cookies_) {
      cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
    }
    if (cookie.empty()) return {};
    return {{"Cookie", cookie}};
  }

  void Remember(const httplib::Result& result) {
    if (!result) return;
    const size_t count = result->get_header_value_count("Set-Cookie");
    for (size_t cookie_idx = 0; cookie_idx < count; ++cookie_idx) {
      const std::string header = result->get_header_value("Set-Cookie", cookie_idx);
      const std::string pair = header.substr(0, header.find(';'));
      const size_t equals = pair.find('=');
      const std::string name = pair.substr(0, equals);
      const std::string value = pair.substr(equals + 1);
      if (value.empty() || header.find("Max-Age=0") != std::string::npos) {
        cookies_.erase(name);
      } else {
        cookies_[name] = value;
      }
    }
    static const std::regex kToken(R"(name="csrf_token" value="([0-9a-f]+)\")");
    std::smatch match;
    if (std::regex_search(result->body, match, kToken)) csrf_token_ = match[1].str();
  }

  httplib::Client client_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_token_;
};

// The page's own script, the only one a page may carry.
constexpr const char* kScriptTag = "<script src=\"/static/app.js\" defer></script>";

int ScriptTags(const std::string& body) {
  int count = 0;
  for (size_t at = body.find("<script"); at != std::string::npos; at = body.find("<script", at + 1)) {
    ++count;
  }
  return count;
}

class PagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ALONGSIDE_SKIP_WITHOUT_BACKEND();
    store_ = testing::OpenTestStore(dir_, "pages.db");
    ASSERT_NE(store_, nullptr);
    ids_ = testing::MakeSmallProgram(*store_);

    ServerOptions options;
    options.worker_threads = 4;
    options.auth = testing::TestAuthOptions();
    AddAccount("peer1", store::AccountKind::kStaff, domain::Role::kPeerSpecialist, ids_.worker,
               std::nullopt);
    AddAccount("peer2", store::AccountKind::kStaff, domain::Role::kPeerSpecialist,
               ids_.other_worker, std::nullopt);
    AddAccount("person" + std::to_string(ids_.person), store::AccountKind::kPerson, std::nullopt,
               std::nullopt, ids_.person);

    server_ = std::make_unique<testing::RunningServer>(*store_, options);
    port_ = server_->port();
  }

  void AddAccount(const std::string& username, store::AccountKind kind,
                  std::optional<domain::Role> role, std::optional<store::Id> staff_id,
                  std::optional<store::Id> person_id) {
    store::Account account;
    account.username = username;
    account.password_hash = HashPassword(kPassword, testing::TestAuthOptions()).value();
    account.kind = kind;
    account.role = role;
    account.staff_id = staff_id;
    account.person_id = person_id;
    ASSERT_TRUE(store_->AddAccount(account, testing::kTestActor).ok());
  }

  // An administrator on the team, signing in as `username`.
  void AddAdministrator(const std::string& username) {
    domain::Staff admin{0, ids_.team, "Ash D.", domain::Role::kAdministrator, std::nullopt,
                        std::nullopt, true};
    store::Id admin_id = store_->AddStaff(admin, testing::kTestActor).value();
    AddAccount(username, store::AccountKind::kStaff, domain::Role::kAdministrator, admin_id,
               std::nullopt);
  }

  // A staff member on the team with a sign-in named `username`.
  store::Id AddStaffAccount(const std::string& username, const std::string& name,
                            domain::Role role, std::optional<store::Id> peer_supervisor = {}) {
    domain::Staff staff{0, ids_.team, name, role, peer_supervisor, std::nullopt, true};
    store::Id staff_id = store_->AddStaff(staff, testing::kTestActor).value();
    AddAccount(username, store::AccountKind::kStaff, role, staff_id, std::nullopt);
    return staff_id;
  }

  // The one contact recorded about `person_id`.
  store::Id OnlyContactOf(store::Id person_id) {
    store::ContactQuery query;
    query.person_id = person_id;
    std::vector<store::ContactRow> rows = store_->ListContacts(query).value();
    EXPECT_EQ(rows.size(), 1u);
    return rows.empty() ? 0 : rows[0].id;
  }

  size_t ContactsOf(store::Id person_id) {
    store::ContactQuery query;
    query.person_id = person_id;
    return store_->ListContacts(query).value().size();
  }

  httplib::Params ContactForm(const std::string& csrf_token, const std::string& note) {
    httplib::Params form{{"person_id", std::to_string(ids_.person)},
                         {"date", "2026-03-14"},
                         {"start_time", "09:30"},
                         {"minutes", "30"},
                         {"setting", "community"},
                         {"modalities", "emotional"},
                         {"activities", "companionship"},
                         {"note", note}};
    if (!csrf_token.empty()) form.emplace("csrf_token", csrf_token);
    return form;
  }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  testing::SmallProgram ids_;
  std::unique_ptr<testing::RunningServer> server_;
  int port_ = 0;
};

TEST_F(PagesTest, SignInRedirectsEachRoleToItsHome) {
  Visitor worker(port_);
  auto signed_in = worker.SignIn("peer1", kPassword);
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->status, 303);
  EXPECT_EQ(signed_in->get_header_value("Location"), "/today");
  EXPECT_TRUE(worker.HasCookie(kSessionCookie));
  auto home = worker.Get("/");
  EXPECT_EQ(home->get_header_value("Location"), "/today");

  Visitor person(port_);
  auto person_in = person.SignIn("person" + std::to_string(ids_.person), kPassword);
  ASSERT_TRUE(person_in);
  EXPECT_EQ(person_in->get_header_value("Location"), "/me");
  auto me = person.Get("/me");
  EXPECT_EQ(me->status, 200);
  EXPECT_NE(me->body.find("Sam T."), std::string::npos);
}

TEST_F(PagesTest, WrongPasswordShowsTheFormAgainWithoutASession) {
  Visitor visitor(port_);
  auto refused = visitor.SignIn("peer1", "not the password");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  EXPECT_NE(refused->body.find("value=\"peer1\""), std::string::npos);  // kept what was typed
  EXPECT_FALSE(visitor.HasCookie(kSessionCookie));
}

TEST_F(PagesTest, SignInWithoutTheFormsCookieTokenIsRefused) {
  httplib::Client client("127.0.0.1", port_);
  auto refused = client.Post(
      "/login",
      httplib::Params{{"csrf_token", "abc"}, {"username", "peer1"}, {"password", kPassword}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_TRUE(refused->get_header_value("Set-Cookie").empty());
}

TEST_F(PagesTest, SignedInPagesRedirectToLoginWithoutASession) {
  httplib::Client client("127.0.0.1", port_);
  for (const char* path : {"/today", "/me", "/people/1", "/program"}) {
    auto response = client.Get(path);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 303) << path;
    EXPECT_EQ(response->get_header_value("Location"), "/login") << path;
  }
}

TEST_F(PagesTest, AWorkerFromAnotherCaseloadGetsA403PageAndTheDenialIsAudited) {
  Visitor other(port_);
  other.SignIn("peer2", kPassword);
  auto refused = other.Get("/people/" + std::to_string(ids_.person));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_NE(refused->body.find("<h1>You do not have access to this page</h1>"), std::string::npos);
  EXPECT_EQ(refused->body.find("Sam T."), std::string::npos);

  bool audited = false;
  const std::vector<store::AuditEntry> tail = store_->AuditTail(20).value();
  for (const store::AuditEntry& entry : tail) {
    // Named as the API names it, with the policy's words as the detail. The
    // page is the worker's view of the record (usecase::ReadCaseloadRecord),
    // so the policy's words are those of that action, no longer those of a
    // plain read.
    audited = audited ||
              (entry.outcome == "denied" && entry.person_id == ids_.person &&
               entry.action == "person.read" &&
               entry.detail.find("open the worker's view of this record") != std::string::npos);
  }
  EXPECT_TRUE(audited);

  auto own = other.Get("/people/" + std::to_string(ids_.other_person));
  EXPECT_EQ(own->status, 200);
}

TEST_F(PagesTest, APostWithoutTheCsrfTokenIsRefusedAndWritesNothing) {
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  worker.Get("/contacts/new");
  ASSERT_FALSE(worker.csrf_token().empty());
  auto refused = worker.Post("/contacts", ContactForm("", "No token here"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  auto forged = worker.Post("/contacts", ContactForm(std::string(64, 'a'), "Wrong token"));
  EXPECT_EQ(forged->status, 403);
  EXPECT_EQ(ContactsOf(ids_.person), 0u);

  auto accepted = worker.Post("/contacts", ContactForm(worker.csrf_token(), "With the token"));
  EXPECT_EQ(accepted->status, 303);
  EXPECT_EQ(ContactsOf(ids_.person), 1u);
}

// The language review on save (issue 13): a note with words to look at
// again comes back once, unsaved, with the words marked and a suggestion
// each; the worker keeps their words and saves in one more press, or
// changes them. Nothing is refused.
TEST_F(PagesTest, TheLanguageReviewShowsWordsToReconsiderOnceAndNeverRefusesTheNote) {
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  worker.Get("/contacts/new");
  const std::string note = "She was non-compliant with the plan. She said 'I am an addict'.";
  auto held = worker.Post("/contacts", ContactForm(worker.csrf_token(), note));
  ASSERT_TRUE(held);
  EXPECT_EQ(held->status, 200);
  EXPECT_EQ(ContactsOf(ids_.person), 0u);  // not saved yet
  const std::string body = held->body;
  EXPECT_NE(body.find("Words to look at again"), std::string::npos);
  EXPECT_NE(body.find("<mark>non-compliant</mark>"), std::string::npos) << body;
  // Her own words, in quotes, are not marked.
  EXPECT_EQ(body.find("<mark>addict</mark>"), std::string::npos);
  EXPECT_NE(body.find("name=\"keep_wording\" value=\"1\""), std::string::npos);
  // What was typed is kept in the form.
  EXPECT_NE(body.find("non-compliant with the plan"), std::string::npos);

  httplib::Params keep = ContactForm(worker.csrf_token(), note);
  keep.emplace("keep_wording", "1");
  auto kept = worker.Post("/contacts", keep);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->status, 303);
  EXPECT_EQ(ContactsOf(ids_.person), 1u);

  // Changed words save at the first press.
  auto changed = worker.Post(
      "/contacts", ContactForm(worker.csrf_token(), "She chose not to follow the plan this week."));
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 303);
  EXPECT_EQ(ContactsOf(ids_.person), 2u);
}

TEST_F(PagesTest, AValidationErrorNamesTheFieldKeepsTheInputAndWritesNothing) {
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  worker.Get("/contacts/new");
  // The length (the domain's rule, asked by the form) and the missing kind
  // of support are said together, each beside its field.
  httplib::Params form = ContactForm(worker.csrf_token(), "Kept after the mistake");
  form.erase("minutes");
  form.emplace("minutes", "0");
  form.erase("modalities");
  auto response = worker.Post("/contacts", form);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  std::string body = response->body;
  EXPECT_NE(body.find("aria-describedby=\"minutes-error\""), std::string::npos);
  EXPECT_NE(body.find("id=\"minutes-error\""), std::string::npos);
  EXPECT_NE(body.find("Must be from 1 to 720 minutes."), std::string::npos) << body;
  EXPECT_NE(body.find("id=\"modalities-error\""), std::string::npos);
  EXPECT_NE(body.find("Kept after the mistake</textarea>"), std::string::npos);
  EXPECT_NE(body.find("<a href=\"#minutes\">"), std::string::npos);  // the error summary
  EXPECT_EQ(ContactsOf(ids_.person), 0u);

  // What the form cannot read at all, likewise.
  httplib::Params unreadable = ContactForm(worker.csrf_token(), "Kept after the mistake");
  unreadable.erase("minutes");
  unreadable.emplace("minutes", "half an hour");
  unreadable.erase("modalities");
  unreadable.emplace("modalities", "telepathy");
  response = worker.Post("/contacts", unreadable);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  body = response->body;
  EXPECT_NE(body.find("Enter the length in whole minutes."), std::string::npos);
  EXPECT_NE(body.find("Choose from the kinds of support listed."), std::string::npos);
  EXPECT_NE(body.find("Kept after the mistake</textarea>"), std::string::npos);
  EXPECT_EQ(ContactsOf(ids_.person), 0u);
}

TEST_F(PagesTest, AContactStartInTheFutureIsRefusedBesideTheDate) {
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  worker.Get("/contacts/new");
  httplib::Params form = ContactForm(worker.csrf_token(), "Not yet happened");
  form.erase("date");
  form.emplace("date", FormatDay(DayOf(NowUtc()) + 2));
  auto response = worker.Post("/contacts", form);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  const std::string& body = response->body;
  EXPECT_NE(body.find("aria-describedby=\"date-error\""), std::string::npos);
  EXPECT_NE(body.find("id=\"date-error\"><span class=\"visually-hidden\">Error: </span>Must "
                      "not be in the future."),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("<a href=\"#date\">"), std::string::npos);
  EXPECT_EQ(ContactsOf(ids_.person), 0u);
}

TEST_F(PagesTest, ANoteIsEscapedWhereverItIsShown) {
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  worker.Get("/contacts/new");
  auto recorded = worker.Post(
      "/contacts", ContactForm(worker.csrf_token(), "<script>alert(1)</script> & \"quotes\""));
  ASSERT_TRUE(recorded);
  ASSERT_EQ(recorded->status, 303);
  auto page = worker.Get("/people/" + std::to_string(ids_.person));
  ASSERT_EQ(page->status, 200);
  // The one script tag is the page's own (app.js); the note's is text.
  EXPECT_EQ(ScriptTags(page->body), 1) << page->body;
  EXPECT_NE(page->body.find("&lt;script&gt;alert(1)&lt;"), std::string::npos);
  EXPECT_NE(page->body.find("&amp; &quot;quotes&quot;"), std::string::npos);
}

TEST_F(PagesTest, ADraftIsFinalisedThenOnlyAmendedAndThePersonsAnnotationStaysBesideIt) {
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  worker.Get("/contacts/new");
  auto recorded = worker.Post("/contacts", ContactForm(worker.csrf_token(), "First words"));
  ASSERT_EQ(recorded->status, 303);
  store::ContactQuery query;
  query.person_id = ids_.person;
  const store::Id contact_id = store_->ListContacts(query).value().at(0).id;
  const std::string contact_path = "/contacts/" + std::to_string(contact_id);

  auto finalised = worker.Post(contact_path + "/finalise", {{"csrf_token", worker.csrf_token()}});
  EXPECT_EQ(finalised->status, 303);
  EXPECT_EQ(store_->GetContact(contact_id).value().latest().status, domain::NoteStatus::kFinal);

  // A final note is not revised as a draft; the edit page offers an amendment.
  httplib::Params revise = ContactForm(worker.csrf_token(), "Changed words");
  EXPECT_EQ(worker.Post(contact_path + "/edit", revise)->status, 409);
  auto edit = worker.Get(contact_path + "/edit");
  EXPECT_NE(edit->body.find("name=\"amend_reason\""), std::string::npos);
  httplib::Params amend = ContactForm(worker.csrf_token(), "Corrected words");
  EXPECT_EQ(worker.Post(contact_path + "/amend", amend)->status, 400);  // no reason given
  amend.emplace("amend_reason", "The place was wrong");
  EXPECT_EQ(worker.Post(contact_path + "/amend", amend)->status, 303);
  const domain::Contact contact = store_->GetContact(contact_id).value();
  ASSERT_EQ(contact.versions.size(), 3u);
  EXPECT_EQ(contact.versions[1].note, "First words");
  EXPECT_EQ(contact.latest().amend_reason, "The place was wrong");

  Visitor person(port_);
  person.SignIn("person" + std::to_string(ids_.person), kPassword);
  person.Get("/me/contacts");
  auto annotated = person.Post("/me" + contact_path + "/annotations",
                               {{"csrf_token", person.csrf_token()}, {"words", "In my words"}});
  EXPECT_EQ(annotated->status, 303);
  auto person_page = worker.Get("/people/" + std::to_string(ids_.person));
  const size_t note_at = person_page->body.find("Corrected words");
  const size_t annotation_at = person_page->body.find("In my words");
  ASSERT_NE(note_at, std::string::npos);
  ASSERT_NE(annotation_at, std::string::npos);
  EXPECT_LT(note_at, annotation_at);
}

TEST_F(PagesTest, TodayListsTheOldestDraftsFirstAndCountsThemAll) {
  // Twelve drafts a day apart, the newest an hour ago: those of days 3 to 11
  // are more than 72 hours old, past the deadline.
  const Instant now = NowUtc();
  std::vector<store::Id> newest_first;
  for (int day = 0; day < 12; ++day) {
    newest_first.push_back(store_->RecordContact(ids_.person, ids_.worker,
                                                 testing::DraftVersion(ids_.worker,
                                                                       now - 3600 - day * 86400),
                                                 testing::kTestActor)
                               .value());
  }
  Visitor worker(port_);
  ASSERT_TRUE(worker.SignIn("peer1", kPassword));
  auto today = worker.Get("/today");
  ASSERT_TRUE(today);
  ASSERT_EQ(today->status, 200);
  const std::string& body = today->body;
  // A phone screen: counted in full, the three oldest listed, oldest first.
  EXPECT_NE(body.find("12 notes in draft"), std::string::npos) << body;
  EXPECT_NE(body.find("<strong>9 past the 72-hour deadline</strong>"), std::string::npos) << body;
  EXPECT_NE(body.find("And 9 more"), std::string::npos);
  auto position = [&](store::Id id) { return body.find("/contacts/" + std::to_string(id) + "/edit"); };
  for (int day = 11; day > 9; --day) {
    ASSERT_NE(position(newest_first[day]), std::string::npos) << day;
    EXPECT_LT(position(newest_first[day]), position(newest_first[day - 1])) << day;
  }
  ASSERT_NE(position(newest_first[9]), std::string::npos);
  for (int day = 8; day >= 0; --day) EXPECT_EQ(position(newest_first[day]), std::string::npos);
}

TEST_F(PagesTest, PagesCarryNoInlineScriptAndNoInlineStyle) {
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  const std::vector<std::string> paths = {"/today", "/caseload", "/contacts/new",
                                          "/people/" + std::to_string(ids_.person)};
  for (const std::string& path : paths) {
    auto page = worker.Get(path);
    ASSERT_EQ(page->status, 200) << path;
    // One script, from this origin, loaded after the page (the CSP allows
    // no other), and no inline script or style.
    EXPECT_EQ(ScriptTags(page->body), 1) << path;
    EXPECT_NE(page->body.find(kScriptTag), std::string::npos) << path;
    EXPECT_EQ(page->body.find("style="), std::string::npos) << path;
    EXPECT_EQ(page->body.find("onclick="), std::string::npos) << path;
    EXPECT_NE(page->body.find("<html lang=\"en\">"), std::string::npos) << path;
    EXPECT_NE(page->body.find("class=\"skip-link\" href=\"#main\""), std::string::npos) << path;
    EXPECT_EQ(page->get_header_value("Cache-Control"), "no-store") << path;
  }
  auto script = worker.Get("/static/app.js");
  EXPECT_EQ(script->status, 200);
  EXPECT_NE(script->get_header_value("Content-Type").find("text/javascript"), std::string::npos);
  EXPECT_NE(script->get_header_value("Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
  auto css = worker.Get("/static/app.css");
  EXPECT_EQ(css->status, 200);
  EXPECT_NE(css->get_header_value("Content-Type").find("text/css"), std::string::npos);
  EXPECT_NE(css->get_header_value("Cache-Control"), "no-store");
}


TEST_F(PagesTest, AdministratorSeesTheAuditChainCheckedAndTheLatestEntries) {
  AddAdministrator("admin1");
  Visitor visitor(port_);
  auto signed_in = visitor.SignIn("admin1", kPassword);
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->get_header_value("Location"), "/admin");
  auto page = visitor.Get("/admin");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  std::int64_t rows = store_->VerifyAudit().value().rows_checked;
  EXPECT_NE(page->body.find("The audit log is intact"), std::string::npos) << page->body;
  EXPECT_NE(page->body.find("session.sign_in"), std::string::npos);
  EXPECT_GE(rows, 10);
  // A peer worker is refused the page.
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  auto refused = worker.Get("/admin");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
}

TEST_F(PagesTest, AdministratorIsToldWhenTheAuditChainIsBroken) {
  AddAdministrator("admin1");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("pages.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE audit_log SET actor = 'someone' WHERE seq = 2", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  Visitor visitor(port_);
  visitor.SignIn("admin1", kPassword);
  auto page = visitor.Get("/admin");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("The audit log is broken at row 2"), std::string::npos)
      << page->body;
}

TEST_F(PagesTest, APersonServedOpeningTheWorkersViewOfTheirOwnRecordGets403) {
  // Their own view is /me; /people/{id} is the worker's view, with drafts.
  Visitor person(port_);
  person.SignIn("person" + std::to_string(ids_.person), kPassword);
  auto refused = person.Get("/people/" + std::to_string(ids_.person));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_NE(refused->body.find("<h1>You do not have access to this page</h1>"), std::string::npos);
  EXPECT_EQ(person.Get("/me")->status, 200);
}

TEST_F(PagesTest, AnUnknownContactOrSomeoneElsesIsNotFound) {
  const store::Id contact_id = store_->RecordContact(ids_.person, ids_.worker,
                                                    testing::DraftVersion(ids_.worker,
                                                                          NowUtc() - 3600),
                                                    testing::kTestActor)
                                   .value();
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  auto unknown = worker.Get("/contacts/" + std::to_string(contact_id + 1000) + "/edit");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_NE(unknown->body.find("<h1>Page not found</h1>"), std::string::npos);
  EXPECT_EQ(worker.Get("/contacts/" + std::to_string(contact_id) + "/edit")->status, 200);

  // Someone else's contact answers exactly like one that does not exist, so
  // ids reveal nothing (it was a 403, which told that the contact existed).
  Visitor other(port_);
  other.SignIn("peer2", kPassword);
  auto not_theirs = other.Get("/contacts/" + std::to_string(contact_id) + "/edit");
  ASSERT_TRUE(not_theirs);
  EXPECT_EQ(not_theirs->status, 404);
  EXPECT_EQ(not_theirs->body.find("Sam T."), std::string::npos);
  EXPECT_EQ(other.Post("/contacts/" + std::to_string(contact_id) + "/finalise",
                       {{"csrf_token", other.csrf_token()}})
                ->status,
            404);
  EXPECT_EQ(store_->GetContact(contact_id).value().versions.size(), 1u);
}

TEST_F(PagesTest, FinalisingWhileEditingWritesExactlyOneFinalVersion) {
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  worker.Get("/contacts/new");
  ASSERT_EQ(worker.Post("/contacts", ContactForm(worker.csrf_token(), "First words"))->status,
            303);
  const store::Id contact_id = OnlyContactOf(ids_.person);
  const std::string contact_path = "/contacts/" + std::to_string(contact_id);
  worker.Get(contact_path + "/edit");
  httplib::Params revise = ContactForm(worker.csrf_token(), "Final words");
  revise.emplace("finalise", "1");
  auto saved = worker.Post(contact_path + "/edit", revise);
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->status, 303);
  EXPECT_NE(saved->get_header_value("Location").find("?saved=final"), std::string::npos);
  // One transaction, one version: not a draft version and then a final one.
  const domain::Contact contact = store_->GetContact(contact_id).value();
  ASSERT_EQ(contact.versions.size(), 2u);
  EXPECT_EQ(contact.versions[0].status, domain::NoteStatus::kDraft);
  EXPECT_EQ(contact.latest().status, domain::NoteStatus::kFinal);
  EXPECT_EQ(contact.latest().note, "Final words");
  EXPECT_EQ(contact.latest().signed_by, ids_.worker);
}

TEST_F(PagesTest, ANoteIsNotFinalisedWithoutANarrative) {
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  worker.Get("/contacts/new");
  ASSERT_EQ(worker.Post("/contacts", ContactForm(worker.csrf_token(), ""))->status, 303);
  const store::Id contact_id = OnlyContactOf(ids_.person);
  const std::string contact_path = "/contacts/" + std::to_string(contact_id);

  // The finalise button: the draft opens in its form, the reason beside the note.
  auto refused = worker.Post(contact_path + "/finalise", {{"csrf_token", worker.csrf_token()}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("id=\"note-error\""), std::string::npos) << refused->body;
  EXPECT_NE(refused->body.find("action=\"" + contact_path + "/edit\""), std::string::npos);
  // Finalising from the form is refused the same way.
  httplib::Params revise = ContactForm(worker.csrf_token(), "   ");
  revise.emplace("finalise", "1");
  auto from_form = worker.Post(contact_path + "/edit", revise);
  EXPECT_EQ(from_form->status, 400);
  EXPECT_NE(from_form->body.find("id=\"note-error\""), std::string::npos);
  const domain::Contact contact = store_->GetContact(contact_id).value();
  EXPECT_EQ(contact.versions.size(), 1u);
  EXPECT_EQ(contact.latest().status, domain::NoteStatus::kDraft);
}

TEST_F(PagesTest, ADraftIsRevisedAndFinalisedOnlyByItsAuthor) {
  // Both workers walk with the person; the draft is peer1's unfinished text.
  ASSERT_TRUE(store_->AddAssignment({0, ids_.person, ids_.other_worker, 20000, std::nullopt},
                                    testing::kTestActor)
                  .ok());
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  worker.Get("/contacts/new");
  ASSERT_EQ(worker.Post("/contacts", ContactForm(worker.csrf_token(), "My draft"))->status, 303);
  const store::Id contact_id = OnlyContactOf(ids_.person);
  const std::string contact_path = "/contacts/" + std::to_string(contact_id);

  Visitor colleague(port_);
  colleague.SignIn("peer2", kPassword);
  EXPECT_EQ(colleague.Get("/people/" + std::to_string(ids_.person))->status, 200);
  EXPECT_EQ(
      colleague.Post(contact_path + "/finalise", {{"csrf_token", colleague.csrf_token()}})->status,
      403);
  EXPECT_EQ(colleague.Post(contact_path + "/edit", ContactForm(colleague.csrf_token(), "Mine now"))
                ->status,
            403);
  EXPECT_EQ(store_->GetContact(contact_id).value().versions.size(), 1u);

  EXPECT_EQ(worker.Post(contact_path + "/finalise", {{"csrf_token", worker.csrf_token()}})->status,
            303);
  EXPECT_EQ(store_->GetContact(contact_id).value().latest().status, domain::NoteStatus::kFinal);
}

TEST_F(PagesTest, TheAmendmentFormShowsThePersonsWordsReadOnlyAndAnAmendmentKeepsThem) {
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  worker.Get("/contacts/new");
  httplib::Params form = ContactForm(worker.csrf_token(), "We walked to the park.");
  form.emplace("person_words", "I felt heard today.");
  form.emplace("finalise", "1");
  ASSERT_EQ(worker.Post("/contacts", form)->status, 303);
  const store::Id contact_id = OnlyContactOf(ids_.person);
  const std::string contact_path = "/contacts/" + std::to_string(contact_id);

  auto amend_form = worker.Get(contact_path + "/edit");
  ASSERT_EQ(amend_form->status, 200);
  const std::string& body = amend_form->body;
  EXPECT_NE(body.find("name=\"amend_reason\""), std::string::npos);
  EXPECT_EQ(body.find("name=\"person_words\""), std::string::npos);  // not offered for editing
  EXPECT_NE(body.find("<blockquote class=\"their-words\">I felt heard today.</blockquote>"),
            std::string::npos)
      << body;

  // A forged field is not read: the words carry over as the person said them.
  httplib::Params amend = ContactForm(worker.csrf_token(), "We walked to the river.");
  amend.emplace("amend_reason", "The place was wrong");
  amend.emplace("person_words", "Words they never said");
  auto amended = worker.Post(contact_path + "/amend", amend);
  ASSERT_TRUE(amended);
  EXPECT_EQ(amended->status, 303);
  const domain::Contact contact = store_->GetContact(contact_id).value();
  ASSERT_EQ(contact.versions.size(), 2u);
  EXPECT_EQ(contact.latest().note, "We walked to the river.");
  EXPECT_EQ(contact.latest().person_words, "I felt heard today.");
  EXPECT_EQ(contact.latest().amend_reason, "The place was wrong");

  // Shown again after a mistake, the words are still there, still read-only.
  httplib::Params no_reason = ContactForm(worker.csrf_token(), "Another change");
  auto refused = worker.Post(contact_path + "/amend", no_reason);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("id=\"amend_reason-error\""), std::string::npos);
  EXPECT_EQ(refused->body.find("name=\"person_words\""), std::string::npos);
  EXPECT_NE(refused->body.find("I felt heard today."), std::string::npos);
}

TEST_F(PagesTest, AGoalThePersonWritesIsTheirsAndOneWrittenWithThemWaitsForTheirSignature) {
  Visitor person(port_);
  person.SignIn("person" + std::to_string(ids_.person), kPassword);
  person.Get("/me/goals");
  auto mine = person.Post("/me/goals",
                          {{"csrf_token", person.csrf_token()}, {"words", "Sleep better"}});
  ASSERT_EQ(mine->status, 303);
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  worker.Get("/people/" + std::to_string(ids_.person));
  auto together = worker.Post("/people/" + std::to_string(ids_.person) + "/goals",
                              {{"csrf_token", worker.csrf_token()}, {"words", "Find a choir"}});
  ASSERT_EQ(together->status, 303);

  std::vector<domain::Goal> goals = store_->ListGoals(ids_.person).value();
  ASSERT_EQ(goals.size(), 2u);
  const domain::Goal& own = goals[0].latest().words == "Sleep better" ? goals[0] : goals[1];
  const domain::Goal& written = goals[0].latest().words == "Find a choir" ? goals[0] : goals[1];
  EXPECT_TRUE(own.latest().authored_by_person);
  EXPECT_TRUE(own.latest().cosigned_at.has_value());
  EXPECT_FALSE(written.latest().authored_by_person);
  EXPECT_FALSE(written.latest().cosigned_at.has_value());

  auto page = person.Get("/me/goals");
  EXPECT_NE(page->body.find("written by the person"), std::string::npos);
  // A co-sign button for the goal written together only.
  const std::string cosign_own = "/me/goals/" + std::to_string(own.id) + "/cosign";
  const std::string cosign_written = "/me/goals/" + std::to_string(written.id) + "/cosign";
  EXPECT_EQ(page->body.find(cosign_own), std::string::npos);
  EXPECT_NE(page->body.find(cosign_written), std::string::npos);
  EXPECT_EQ(person.Post(cosign_own, {{"csrf_token", person.csrf_token()}})->status, 409);
  EXPECT_EQ(person.Post(cosign_written, {{"csrf_token", person.csrf_token()}})->status, 303);
  EXPECT_TRUE(store_->GetGoal(written.id).value().latest().cosigned_at.has_value());
  EXPECT_NE(person.Get("/me/goals")->body.find("written together, co-signed"), std::string::npos);
  // Someone else's goal, or none at all, is not found.
  EXPECT_EQ(person.Post("/me/goals/" + std::to_string(written.id + 1000) + "/cosign",
                        {{"csrf_token", person.csrf_token()}})
                ->status,
            404);
}

TEST_F(PagesTest, EmptyWordsAreRefusedBesideTheirFieldAndWriteNothing) {
  Visitor person(port_);
  person.SignIn("person" + std::to_string(ids_.person), kPassword);
  person.Get("/me/goals");
  auto refused = person.Post("/me/goals", {{"csrf_token", person.csrf_token()}, {"words", "  "}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("id=\"goal-words-error\""), std::string::npos) << refused->body;
  EXPECT_TRUE(store_->ListGoals(ids_.person).value().empty());

  // An annotation, on a final note: the error stands beside that note.
  domain::ContactVersion final_note = testing::DraftVersion(ids_.worker, NowUtc() - 3600);
  final_note.status = domain::NoteStatus::kFinal;
  final_note.signed_by = ids_.worker;
  final_note.signed_at = NowUtc();
  const store::Id contact_id =
      store_->RecordContact(ids_.person, ids_.worker, final_note, testing::kTestActor).value();
  person.Get("/me/contacts");
  auto empty = person.Post("/me/contacts/" + std::to_string(contact_id) + "/annotations",
                           {{"csrf_token", person.csrf_token()}, {"words", ""}});
  EXPECT_EQ(empty->status, 400);
  EXPECT_NE(empty->body.find("id=\"annotation-" + std::to_string(contact_id) + "-error\""),
            std::string::npos);
  EXPECT_TRUE(store_->ListAnnotations(contact_id).value().empty());
}

TEST_F(PagesTest, APersonSeesNoDraftsAndCannotAnnotateOne) {
  const store::Id draft_id = store_->RecordContact(ids_.person, ids_.worker,
                                                  testing::DraftVersion(ids_.worker,
                                                                        NowUtc() - 3600),
                                                  testing::kTestActor)
                                 .value();
  Visitor person(port_);
  person.SignIn("person" + std::to_string(ids_.person), kPassword);
  auto notes = person.Get("/me/contacts");
  ASSERT_EQ(notes->status, 200);
  EXPECT_EQ(notes->body.find("contact-" + std::to_string(draft_id)), std::string::npos);
  // A draft is still being written: to the person it does not exist yet.
  auto refused = person.Post("/me/contacts/" + std::to_string(draft_id) + "/annotations",
                             {{"csrf_token", person.csrf_token()}, {"words", "My words"}});
  EXPECT_EQ(refused->status, 404);
  EXPECT_TRUE(store_->ListAnnotations(draft_id).value().empty());
}

TEST_F(PagesTest, NotesAreSignedWithTheWorkersNameForTheWorkerAndForThePerson) {
  domain::ContactVersion final_note = testing::DraftVersion(ids_.worker, NowUtc() - 3600);
  final_note.status = domain::NoteStatus::kFinal;
  final_note.signed_by = ids_.worker;
  final_note.signed_at = NowUtc();
  ASSERT_TRUE(store_->RecordContact(ids_.person, ids_.worker, final_note, testing::kTestActor).ok());
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  EXPECT_NE(worker.Get("/people/" + std::to_string(ids_.person))->body.find("By Worker One"),
            std::string::npos);
  Visitor person(port_);
  person.SignIn("person" + std::to_string(ids_.person), kPassword);
  EXPECT_NE(person.Get("/me/contacts")->body.find("Written by Worker One"), std::string::npos);
}

TEST_F(PagesTest, TheEvaluatorSeesFiguresWithoutNamesAndSmallCountsHidden) {
  AddStaffAccount("manager1", "Morgan M.", domain::Role::kProgramManager);
  AddStaffAccount("evaluator1", "Eve E.", domain::Role::kEvaluator);
  Visitor manager(port_);
  manager.SignIn("manager1", kPassword);
  auto named = manager.Get("/program");
  ASSERT_EQ(named->status, 200);
  EXPECT_NE(named->body.find("Worker One"), std::string::npos);
  EXPECT_NE(named->body.find("Test team"), std::string::npos);
  // The program's fidelity with its components, by team, and the workers
  // without both supervisors flagged (the small program's have none).
  EXPECT_NE(named->body.find("Fidelity of the program"), std::string::npos) << named->body;
  EXPECT_NE(named->body.find("Risk oversight R "), std::string::npos);
  EXPECT_NE(named->body.find("Notes finalised by the deadline"), std::string::npos);
  EXPECT_NE(named->body.find("no clinical supervisor"), std::string::npos);
  EXPECT_EQ(manager.Get("/fidelity?by=program")->status, 200);

  Visitor evaluator(port_);
  evaluator.SignIn("evaluator1", kPassword);
  auto figures = evaluator.Get("/program");
  ASSERT_EQ(figures->status, 200);
  const std::string& body = figures->body;
  EXPECT_EQ(body.find("no clinical supervisor"), std::string::npos);
  EXPECT_EQ(body.find("Worker One"), std::string::npos);
  EXPECT_EQ(body.find("Worker Two"), std::string::npos);
  EXPECT_EQ(body.find("id=\"workers\""), std::string::npos);
  // Each worker has one person: a count under the minimum cell size.
  EXPECT_NE(body.find("<td class=\"num\" data-label=\"People\">fewer than 5</td>"),
            std::string::npos)
      << body;

  // A peer worker has no program page.
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  EXPECT_EQ(worker.Get("/program")->status, 403);
}

TEST_F(PagesTest, ASupervisorSeesLateDraftsAndRoleDriftOfTheirSupervisees) {
  const store::Id supervisor =
      AddStaffAccount("peersup1", "Sage S.", domain::Role::kSeniorPeerSupervisor);
  const store::Id supervisee =
      AddStaffAccount("peer3", "Worker Three", domain::Role::kPeerSpecialist, supervisor);
  ASSERT_TRUE(store_->AddAssignment({0, ids_.person, supervisee, 20000, std::nullopt},
                                    testing::kTestActor)
                  .ok());
  const Instant now = NowUtc();
  // A draft five days old (past the 72-hour deadline of practice.json) and a
  // recent contact with a clinical-only activity.
  ASSERT_TRUE(store_->RecordContact(ids_.person, supervisee,
                                    testing::DraftVersion(supervisee, now - 5 * 86400),
                                    testing::kTestActor)
                  .ok());
  domain::ContactVersion drift = testing::DraftVersion(supervisee, now - 3600);
  drift.activities = {"diagnosis"};
  ASSERT_TRUE(store_->RecordContact(ids_.person, supervisee, drift, testing::kTestActor).ok());

  Visitor visitor(port_);
  auto signed_in = visitor.SignIn("peersup1", kPassword);
  EXPECT_EQ(signed_in->get_header_value("Location"), "/supervision");
  auto page = visitor.Get("/supervision");
  ASSERT_EQ(page->status, 200);
  const std::string& body = page->body;
  // What needs attention comes first, per supervisee, counted.
  EXPECT_NE(body.find("documentation deadline of 72 hours"), std::string::npos);
  EXPECT_NE(body.find("Worker Three"), std::string::npos) << body;
  EXPECT_NE(body.find("1 draft past the deadline"), std::string::npos) << body;
  EXPECT_NE(body.find("1 contact outside peer scope"), std::string::npos);
  EXPECT_EQ(body.find("Worker One"), std::string::npos);  // not a supervisee

  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  EXPECT_EQ(worker.Get("/supervision")->status, 403);
}

// The session form records the structured reflection and a discussed drift
// flag; the supervisee's page lists what the session discussed; the
// supervisor's page shows each supervisee's scores with a link to the
// fidelity page, whose scores stand beside their components and whose
// trend is an SVG with its numbers in a table.
TEST_F(PagesTest, ASupervisionSessionRecordsItsReflectionAndWhatItDiscussed) {
  const store::Id supervisor =
      AddStaffAccount("peersup2", "Sage S.", domain::Role::kSeniorPeerSupervisor);
  const store::Id supervisee =
      AddStaffAccount("peer4", "Worker Four", domain::Role::kPeerSpecialist, supervisor);
  ASSERT_TRUE(store_->AddAssignment({0, ids_.person, supervisee, 20000, std::nullopt},
                                    testing::kTestActor)
                  .ok());
  domain::ContactVersion drift = testing::DraftVersion(supervisee, NowUtc() - 3600);
  drift.activities = {"diagnosis"};
  drift.status = domain::NoteStatus::kFinal;
  drift.signed_by = supervisee;
  drift.signed_at = drift.written_at;
  const store::Id drift_contact =
      store_->RecordContact(ids_.person, supervisee, drift, testing::kTestActor).value();
  domain::AdviceRequest advice;
  advice.contact_id = drift_contact;
  advice.person_id = ids_.person;
  advice.worker_id = supervisee;
  advice.recorded_at = NowUtc() - 1800;
  advice.asked = "whether to stop her tablets";
  const store::Id advice_id = store_->AddAdviceRequest(advice, testing::kTestActor).value();
  domain::SafetyEvent event;
  event.person_id = ids_.person;
  event.worker_id = supervisee;
  event.kind = domain::SafetyKind::kSuicidalThoughtsPassive;
  event.disclosed_at = NowUtc() - 1200;
  event.opened_at = NowUtc() - 1200;
  const store::Id event_id = store_->OpenSafetyEvent(event, {}, testing::kTestActor).value();
  store::DriftQuery drift_query;
  drift_query.worker_ids = std::vector<store::Id>{supervisee};
  std::vector<domain::DriftFlag> flags = store_->ListDriftFlags(drift_query).value();
  ASSERT_EQ(flags.size(), 1u);
  const std::string flag = std::to_string(flags[0].id);

  Visitor visitor(port_);
  visitor.SignIn("peersup2", kPassword);
  const std::string worker_path = "/supervision/workers/" + std::to_string(supervisee);
  auto form = visitor.Get(worker_path + "/sessions/new");
  ASSERT_EQ(form->status, 200);
  EXPECT_NE(form->body.find("What I will do"), std::string::npos);
  EXPECT_NE(form->body.find("value=\"drift_flag:" + flag + "\""), std::string::npos)
      << form->body;
  // Requests for advice and safety events of the last 28 days are offered too.
  EXPECT_NE(form->body.find("value=\"advice_request:" + std::to_string(advice_id) + "\""),
            std::string::npos) << form->body;
  EXPECT_NE(form->body.find("value=\"safety_event:" + std::to_string(event_id) + "\""),
            std::string::npos) << form->body;
  EXPECT_NE(form->body.find("Safety event: "), std::string::npos);
  auto bad = visitor.Post(worker_path + "/sessions",
                          {{"csrf_token", visitor.csrf_token()},
                           {"kind", "peer_practice"},
                           {"date", FormatDay(DayOf(NowUtc()))},
                           {"time", "00:00"},
                           {"minutes", "60"},
                           {"what_happened", "Kept as typed"},
                           {"discussed", "gossip:1"}});
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("Kept as typed"), std::string::npos);
  EXPECT_NE(bad->body.find("Choose from the records listed."), std::string::npos);
  auto saved = visitor.Post(worker_path + "/sessions",
                            {{"csrf_token", visitor.csrf_token()},
                             {"kind", "peer_practice"},
                             {"date", FormatDay(DayOf(NowUtc()))},
                             {"time", "00:00"},
                             {"minutes", "60"},
                             {"what_happened", "A question about tablets."},
                             {"what_i_felt", "Wanting to help."},
                             {"what_i_learned", "To ask who prescribed them."},
                             {"what_i_will_do", "Go with her to the prescriber."},
                             {"discussed", "drift_flag:" + flag}});
  ASSERT_EQ(saved->status, 303) << saved->body;
  store::SupervisionQuery query;
  query.supervisee_ids = std::vector<store::Id>{supervisee};
  std::vector<domain::SupervisionSession> sessions = store_->ListSupervision(query).value();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_TRUE(sessions[0].HasStructuredReflection());
  ASSERT_EQ(sessions[0].discussed.size(), 1u);
  EXPECT_EQ(sessions[0].discussed[0].subject, domain::SupervisionSubject::kDriftFlag);
  auto page = visitor.Get(worker_path);
  EXPECT_NE(page->body.find("structured reflection"), std::string::npos);
  EXPECT_NE(page->body.find("Role-drift flag " + flag), std::string::npos) << page->body;

  auto overview = visitor.Get("/supervision");
  ASSERT_EQ(overview->status, 200);
  EXPECT_NE(overview->body.find("Role fidelity F "), std::string::npos) << overview->body;
  EXPECT_NE(overview->body.find("/fidelity?by=worker&amp;id=" + std::to_string(supervisee)),
            std::string::npos);
  // Each score on the card folds out to the counts it comes from.
  const size_t card_score = overview->body.find("<details class=\"sup-score\"><summary>Role fidelity F ");
  ASSERT_NE(card_score, std::string::npos) << overview->body;
  EXPECT_NE(overview->body.find("Documented time in peer-scope activities: ", card_score),
            std::string::npos) << overview->body;
  auto fidelity = visitor.Get("/fidelity?by=worker&id=" + std::to_string(supervisee));
  ASSERT_EQ(fidelity->status, 200) << fidelity->body;
  EXPECT_NE(fidelity->body.find("Documented time in peer-scope activities"), std::string::npos);
  EXPECT_NE(fidelity->body.find(" minutes ("), std::string::npos) << fidelity->body;
  EXPECT_NE(fidelity->body.find("role=\"img\""), std::string::npos);
  EXPECT_NE(fidelity->body.find("stroke-dasharray"), std::string::npos);
  EXPECT_NE(fidelity->body.find("The numbers by month"), std::string::npos);
  // The charts draw the last 12 complete months; the current month, counted
  // only so far, is a labelled row of the table and not a point on a line.
  EXPECT_NE(fidelity->body.find("by month, last 12 months"), std::string::npos) << fidelity->body;
  EXPECT_NE(fidelity->body.find(" (so far, to "), std::string::npos) << fidelity->body;
  EXPECT_NE(fidelity->body.find("This month, counted so far,"), std::string::npos);
  EXPECT_EQ(visitor.Get("/fidelity?by=worker&id=" + std::to_string(ids_.other_worker))->status,
            404);
  EXPECT_EQ(visitor.Get("/fidelity?by=nobody")->status, 400);

  // The worker reaches their own scores from their account page (their
  // name in the header), and no one else's.
  Visitor self(port_);
  self.SignIn("peer4", kPassword);
  auto account = self.Get("/account");
  ASSERT_EQ(account->status, 200);
  EXPECT_NE(account->body.find("href=\"/fidelity\""), std::string::npos) << account->body;
  EXPECT_EQ(visitor.Get("/account")->body.find("href=\"/fidelity\""), std::string::npos)
      << "a supervisor's account page has no such link";
  auto own = self.Get("/fidelity");
  ASSERT_EQ(own->status, 200) << own->body;
  EXPECT_NE(own->body.find("Fidelity: Worker Four"), std::string::npos) << own->body;
  EXPECT_NE(own->body.find("The numbers by month"), std::string::npos);
  EXPECT_EQ(self.Get("/fidelity?by=worker&id=" + std::to_string(ids_.other_worker))->status, 404);
}

// The program's time zone decides what the contact form's date and time
// mean: America/New_York, on the two days the clocks change in 2026.
TEST_F(PagesTest, TheContactFormTakesLocalTimeAcrossBothClockChanges) {
  ASSERT_TRUE(
      store_->SaveProgramSettings(store::ProgramSettings{"America/New_York"}, testing::kTestActor)
          .ok());
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  auto form_page = worker.Get("/contacts/new");
  ASSERT_EQ(form_page->status, 200);
  EXPECT_EQ(form_page->body.find("(UTC)"), std::string::npos);
  EXPECT_NE(form_page->body.find("America/New_York"), std::string::npos);

  struct Case {
    const char* date;
    const char* time;
    const char* utc;
    const char* shown;
  };
  // 09:00 the morning the clocks went forward is EDT (13:00Z); 01:30 the
  // morning they went back happened twice and is the first (EDT, 05:30Z);
  // 09:00 that day is EST (14:00Z); a winter evening is the next UTC day.
  for (const Case& item :
       {Case{"2026-03-08", "09:00", "2026-03-08T13:00:00Z", "Sun, Mar 8, 2026, 9:00 AM"},
        Case{"2026-11-01", "01:30", "2026-11-01T05:30:00Z", "Sun, Nov 1, 2026, 1:30 AM"},
        Case{"2026-11-01", "09:00", "2026-11-01T14:00:00Z", "Sun, Nov 1, 2026, 9:00 AM"},
        Case{"2026-01-15", "23:30", "2026-01-16T04:30:00Z", "Thu, Jan 15, 2026, 11:30 PM"}}) {
    httplib::Params form = ContactForm(worker.csrf_token(), item.utc);
    form.erase("date");
    form.emplace("date", item.date);
    form.erase("start_time");
    form.emplace("start_time", item.time);
    form.emplace("when", "other");
    auto saved = worker.Post("/contacts", form);
    ASSERT_TRUE(saved);
    ASSERT_EQ(saved->status, 303) << item.date << " " << item.time << saved->body;
    EXPECT_NE(saved->get_header_value("Location").find("#notice"), std::string::npos);
    bool found = false;
    const std::vector<store::ContactRow> rows = store_->ListContacts(store::ContactQuery{}).value();
    for (const store::ContactRow& row : rows) {
      if (row.latest.note == item.utc) {
        EXPECT_EQ(FormatInstant(row.latest.start), item.utc);
        found = true;
      }
    }
    EXPECT_TRUE(found) << item.utc;
    // Shown back as it was entered.
    auto person_page = worker.Get("/people/" + std::to_string(ids_.person));
    EXPECT_NE(person_page->body.find(item.shown), std::string::npos) << item.shown;
  }

  // 02:30 never happened on 8 March: refused beside the time, nothing written.
  const size_t before = ContactsOf(ids_.person);
  httplib::Params skipped = ContactForm(worker.csrf_token(), "In the missing hour");
  skipped.erase("date");
  skipped.emplace("date", "2026-03-08");
  skipped.erase("start_time");
  skipped.emplace("start_time", "02:30");
  skipped.emplace("when", "other");
  auto refused = worker.Post("/contacts", skipped);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("id=\"start_time-error\""), std::string::npos) << refused->body;
  EXPECT_NE(refused->body.find("the clocks went forward from 02:00 to 03:00"), std::string::npos);
  EXPECT_EQ(ContactsOf(ids_.person), before);
}

TEST_F(PagesTest, QuickChoicesOfWhenAreNowEarlierTodayAndYesterday) {
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  worker.Get("/contacts/new");
  const Instant before = NowUtc();
  httplib::Params now_form = ContactForm(worker.csrf_token(), "Just now");
  now_form.emplace("when", "now");
  now_form.erase("date");
  now_form.erase("start_time");
  ASSERT_EQ(worker.Post("/contacts", now_form)->status, 303);
  httplib::Params yesterday = ContactForm(worker.csrf_token(), "Yesterday morning");
  yesterday.emplace("when", "yesterday");
  yesterday.erase("date");
  yesterday.erase("start_time");
  yesterday.emplace("start_time", "09:15");
  ASSERT_EQ(worker.Post("/contacts", yesterday)->status, 303);
  const TimeZone zone = TimeZone::Machine();
  const std::vector<store::ContactRow> rows = store_->ListContacts(store::ContactQuery{}).value();
  for (const store::ContactRow& row : rows) {
    if (row.latest.note == "Just now") {
      // It ended a moment ago: it started its 30 minutes before now.
      EXPECT_LE(row.latest.start, before - 30 * 60 + 60);
      EXPECT_GE(row.latest.start, before - 30 * 60 - 120);
    } else if (row.latest.note == "Yesterday morning") {
      EXPECT_EQ(zone.DayOf(row.latest.start), zone.DayOf(NowUtc()) - 1);
      EXPECT_EQ(zone.SecondsIntoDay(row.latest.start), 9 * 3600 + 15 * 60);
    }
  }
  EXPECT_EQ(ContactsOf(ids_.person), 2u);
}

TEST_F(PagesTest, PeopleAreFoundByNameAndPeopleWithTheSameNameAreToldApart) {
  // A second person on peer1's caseload with the same name as the first.
  domain::Person first = store_->GetPerson(ids_.person).value();
  domain::Person twin = first;
  twin.id = 0;
  twin.pronouns = "they/them";
  twin.enrolled_on = first.enrolled_on - 400;
  const store::Id twin_id = store_->AddPerson(twin, testing::kTestActor).value();
  domain::Assignment assignment{0, twin_id, ids_.worker, twin.enrolled_on, std::nullopt};
  ASSERT_TRUE(store_->AddAssignment(assignment, testing::kTestActor).ok());

  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  auto caseload = worker.Get("/caseload?q=" + first.preferred_name.substr(0, 3));
  ASSERT_EQ(caseload->status, 200);
  EXPECT_NE(caseload->body.find("no. " + std::to_string(twin_id)), std::string::npos)
      << caseload->body;
  EXPECT_NE(caseload->body.find("no. " + std::to_string(ids_.person)), std::string::npos);
  auto nobody = worker.Get("/caseload?q=zzzz");
  EXPECT_NE(nobody->body.find("0 people whose name contains"), std::string::npos) << nobody->body;

  auto form = worker.Get("/contacts/new?q=" + first.preferred_name);
  ASSERT_EQ(form->status, 200);
  EXPECT_NE(form->body.find(first.preferred_name + " (they/them), supported since"),
            std::string::npos)
      << form->body;
  EXPECT_NE(form->body.find(", no. " + std::to_string(twin_id)), std::string::npos);
  EXPECT_NE(form->body.find("2 on your caseload match"), std::string::npos);
}

TEST_F(PagesTest, AContactPlannedForTodayShowsOnTodayAndIsDoneOrCancelled) {
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  worker.Get("/plans/new?person_id=" + std::to_string(ids_.person));
  const TimeZone zone = TimeZone::Machine();
  const std::string today = FormatDay(zone.DayOf(NowUtc()));
  auto plan = [&](const std::string& date, const std::string& purpose) {
    return worker.Post("/plans", {{"csrf_token", worker.csrf_token()},
                                  {"person_id", std::to_string(ids_.person)},
                                  {"date", date},
                                  {"time", "23:59"},
                                  {"setting", "community"},
                                  {"place", "the pharmacy on Main Street"},
                                  {"purpose", purpose}});
  };
  auto saved = plan(today, "Pick up the new prescription together");
  ASSERT_EQ(saved->status, 303) << saved->body;
  EXPECT_EQ(saved->get_header_value("Location"), "/today?saved=plan#notice");
  ASSERT_EQ(plan(FormatDay(zone.DayOf(NowUtc()) + 1), "Tomorrow's walk")->status, 303);
  // A day gone by cannot be planned; the purpose is required.
  auto past = plan(FormatDay(zone.DayOf(NowUtc()) - 1), "Too late");
  EXPECT_EQ(past->status, 400);
  EXPECT_NE(past->body.find("id=\"date-error\""), std::string::npos);
  EXPECT_EQ(plan(today, "")->status, 400);
  // Someone else's person cannot be planned with.
  auto other = worker.Post("/plans", {{"csrf_token", worker.csrf_token()},
                                      {"person_id", std::to_string(ids_.other_person)},
                                      {"date", today},
                                      {"time", "23:59"},
                                      {"setting", "community"},
                                      {"purpose", "Not mine"}});
  EXPECT_EQ(other->status, 403);

  auto page = worker.Get("/today?saved=plan");
  ASSERT_EQ(page->status, 200);
  const std::string& body = page->body;
  EXPECT_NE(body.find("The planned contact is saved."), std::string::npos);
  EXPECT_NE(body.find("<strong>11:59 PM</strong>"), std::string::npos) << body;
  EXPECT_NE(body.find("Pick up the new prescription together"), std::string::npos);
  EXPECT_NE(body.find("the pharmacy on Main Street"), std::string::npos);
  EXPECT_EQ(body.find("Tomorrow's walk"), std::string::npos);
  // The planned contact comes before the drafts and the people to see.
  EXPECT_LT(body.find("Planned for today"), body.find("Notes to finish"));

  store::PlanQuery query;
  std::vector<store::PlannedContactRow> plans = store_->ListPlannedContacts(query).value();
  ASSERT_EQ(plans.size(), 2u);
  const std::string first = std::to_string(plans[0].plan.id);
  const std::string second = std::to_string(plans[1].plan.id);
  // Another worker cannot close it; its worker can, once.
  Visitor other_worker(port_);
  other_worker.SignIn("peer2", kPassword);
  other_worker.Get("/today");
  EXPECT_EQ(other_worker.Post("/plans/" + first + "/cancel",
                              {{"csrf_token", other_worker.csrf_token()}})->status,
            404);
  auto done = worker.Post("/plans/" + first + "/done", {{"csrf_token", worker.csrf_token()}});
  ASSERT_EQ(done->status, 303);
  EXPECT_EQ(done->get_header_value("Location"),
            "/contacts/new?person_id=" + std::to_string(ids_.person));
  EXPECT_EQ(worker.Post("/plans/" + first + "/cancel", {{"csrf_token", worker.csrf_token()}})
                ->status,
            409);
  EXPECT_EQ(worker.Post("/plans/" + second + "/cancel", {{"csrf_token", worker.csrf_token()}})
                ->status,
            303);
  EXPECT_EQ(store_->GetPlannedContact(plans[0].plan.id)->status, domain::PlanStatus::kDone);
  EXPECT_EQ(store_->GetPlannedContact(plans[1].plan.id)->status,
            domain::PlanStatus::kCancelled);
  EXPECT_EQ(worker.Get("/today")->body.find("Pick up the new prescription"), std::string::npos);
}

TEST_F(PagesTest, OnlyTheProgramManagerChangesTheTimeZone) {
  AddStaffAccount("manager", "Morgan M.", domain::Role::kProgramManager);
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  auto shown = worker.Get("/settings");
  ASSERT_EQ(shown->status, 200);
  EXPECT_EQ(shown->body.find("name=\"time_zone\""), std::string::npos);
  EXPECT_EQ(worker.Post("/settings/time-zone", {{"csrf_token", worker.csrf_token()},
                                                {"time_zone", "America/Chicago"}})
                ->status,
            403);
  Visitor manager(port_);
  manager.SignIn("manager", kPassword);
  manager.Get("/settings");
  auto wrong = manager.Post("/settings/time-zone",
                            {{"csrf_token", manager.csrf_token()}, {"time_zone", "Mars/Base"}});
  EXPECT_EQ(wrong->status, 400);
  EXPECT_NE(wrong->body.find("id=\"time_zone-error\""), std::string::npos) << wrong->body;
  EXPECT_EQ(store_->GetProgramSettings()->time_zone, "");
  auto saved = manager.Post("/settings/time-zone", {{"csrf_token", manager.csrf_token()},
                                                    {"time_zone", "America/Chicago"}});
  EXPECT_EQ(saved->status, 303);
  EXPECT_EQ(store_->GetProgramSettings()->time_zone, "America/Chicago");
  // This server uses it at once.
  EXPECT_NE(worker.Get("/today")->body.find("(America/Chicago)"), std::string::npos);
}

TEST_F(PagesTest, ACallWithNoAnswerIsNotedInOneTapAndIsNotAContact) {
  Visitor worker(port_);
  worker.SignIn("peer1", kPassword);
  auto today = worker.Get("/today");
  ASSERT_NE(today->body.find("action=\"/people/" + std::to_string(ids_.person) + "/attempts\""),
            std::string::npos)
      << today->body;
  auto noted = worker.Post("/people/" + std::to_string(ids_.person) + "/attempts",
                           {{"csrf_token", worker.csrf_token()},
                            {"setting", "phone"},
                            {"back", "today"}});
  ASSERT_EQ(noted->status, 303);
  EXPECT_EQ(noted->get_header_value("Location"), "/today?saved=attempt#notice");
  EXPECT_NE(worker.Get("/today?saved=attempt")->body.find("not counted as a contact"),
            std::string::npos);
  EXPECT_EQ(ContactsOf(ids_.person), 0u);
  std::vector<domain::ContactAttempt> attempts =
      store_->ListContactAttempts(ids_.person, 10).value();
  ASSERT_EQ(attempts.size(), 1u);
  EXPECT_EQ(attempts[0].worker_id, ids_.worker);
  EXPECT_EQ(attempts[0].setting, domain::ContactSetting::kPhone);
  EXPECT_NE(worker.Get("/people/" + std::to_string(ids_.person))->body.find("By phone, no answer"),
            std::string::npos);
  // Not someone else's person; not a group.
  EXPECT_EQ(worker.Post("/people/" + std::to_string(ids_.other_person) + "/attempts",
                        {{"csrf_token", worker.csrf_token()}, {"setting", "phone"}})
                ->status,
            403);
  EXPECT_EQ(worker.Post("/people/" + std::to_string(ids_.person) + "/attempts",
                        {{"csrf_token", worker.csrf_token()}, {"setting", "group"}})
                ->status,
            400);
  EXPECT_EQ(store_->ListContactAttempts(ids_.person, 10).value().size(), 1u);
}

}  // namespace
}  // namespace alongside::server
