// The person's plans on the pages (plan_pages.cc, docs/plans.md) without a
// browser: an in-process Server, a cpp-httplib client that keeps its
// cookies and CSRF token, and the store checked for what was (and was not)
// written.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "common/time.h"
#include "server/auth.h"
#include "server/server.h"
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

  // Posts `form` with the token of the last page read.
  httplib::Result Send(const std::string& path, httplib::Params form) {
    form.emplace("csrf_token", csrf_token_);
    return Post(path, std::move(form));
  }

  // Signs in through the form and opens the home page it leads to.
  void SignIn(const std::string& username) {
    Get("/login");
    httplib::Result signed_in = Post(
        "/login", {{"csrf_token", csrf_token_}, {"username", username}, {"password", kPassword}});
    ASSERT_TRUE(signed_in);
    ASSERT_EQ(signed_in->status, 303);
    Get(signed_in->get_header_value("Location"));
  }

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

bool Has(const httplib::Result& result, const std::string& text) {
  return result && result->body.find(text) != std::string::npos;
}

// The part of a page inside <main>: what the page itself says, without the
// layout's header and footer.
std::string MainOf(const httplib::Result& result) {
  if (!result) return "";
  const size_t open = result->body.find("<main");
  const size_t close = result->body.find("</main>");
  if (open == std::string::npos || close == std::string::npos) return "";
  return result->body.substr(open, close - open);
}

class PlanPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ALONGSIDE_SKIP_WITHOUT_BACKEND();
    store_ = testing::OpenTestStore(dir_, "plan_pages.db");
    ASSERT_NE(store_, nullptr);
    ids_ = testing::MakeSmallProgram(*store_);
    AddAccount("peer1", store::AccountKind::kStaff, domain::Role::kPeerSpecialist, ids_.worker,
               std::nullopt);
    AddAccount("peer2", store::AccountKind::kStaff, domain::Role::kPeerSpecialist,
               ids_.other_worker, std::nullopt);
    AddAccount("sam", store::AccountKind::kPerson, std::nullopt, std::nullopt, ids_.person);
    AddAccount("robin", store::AccountKind::kPerson, std::nullopt, std::nullopt,
               ids_.other_person);

    ServerOptions options;
    options.worker_threads = 4;
    options.auth = testing::TestAuthOptions();
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

  std::vector<domain::PersonPlan> PlansOf(store::Id person_id) {
    return store_->ListPersonPlans(person_id).value();
  }

  // A safety plan of Sam's, written by their worker with them (waiting for
  // their co-signature), stored directly.
  store::Id WrittenWithSam(std::optional<Day> review_on = std::nullopt) {
    domain::PersonPlan plan;
    plan.person_id = ids_.person;
    plan.kind = domain::PlanKind::kSafety;
    domain::PlanVersion version;
    version.sections = {{"warning_signs", "I stop answering my phone."},
                        {"people_to_ask", "My sister Ana, 555-0100."}};
    version.by_person = false;
    version.author_staff_id = ids_.worker;
    version.review_on = review_on;
    version.written_at = NowUtc();
    plan.versions.push_back(version);
    return store_->AddPersonPlan(plan, testing::kTestActor).value();
  }

  std::string PersonPath() const { return "/people/" + std::to_string(ids_.person); }

  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  testing::SmallProgram ids_;
  std::unique_ptr<testing::RunningServer> server_;
  int port_ = 0;
};

TEST_F(PlanPagesTest, AWorkerMakesASafetyPlanWithThePersonThatWaitsForTheirCosignature) {
  Visitor worker(port_);
  worker.SignIn("peer1");
  auto person_page = worker.Get(PersonPath());
  ASSERT_EQ(person_page->status, 200);
  EXPECT_TRUE(Has(person_page, "Plans, in Sam T.'s words"));
  EXPECT_TRUE(Has(person_page, PersonPath() + "/plans/new?kind=safety"));

  auto form = worker.Get(PersonPath() + "/plans/new?kind=safety");
  ASSERT_EQ(form->status, 200);
  EXPECT_TRUE(Has(form, "Write it together, in Sam T."));
  EXPECT_TRUE(Has(form, "name=\"sections.warning_signs\""));
  EXPECT_TRUE(Has(form, "Signs that a hard time may be coming"));  // the heading, as label
  EXPECT_TRUE(Has(form, "What do you notice first"));              // the section's help

  auto saved = worker.Send(PersonPath() + "/plans",
                           {{"kind", "safety"},
                            {"sections.warning_signs", "I stop answering my phone.\r\nI sleep all day."},
                            {"sections.internal_coping", ""},
                            {"review_on", ""}});
  ASSERT_EQ(saved->status, 303);
  const std::vector<domain::PersonPlan> plans = PlansOf(ids_.person);
  ASSERT_EQ(plans.size(), 1u);
  const domain::PersonPlan& plan = plans[0];
  EXPECT_EQ(saved->get_header_value("Location"),
            PersonPath() + "/plans/" + std::to_string(plan.id) + "?saved=plan#notice");
  EXPECT_FALSE(plan.latest().by_person);
  EXPECT_EQ(plan.latest().author_staff_id, std::optional<store::Id>(ids_.worker));
  ASSERT_EQ(plan.latest().sections.size(), 1u);  // the empty one left out
  EXPECT_EQ(plan.latest().sections[0].words, "I stop answering my phone.\nI sleep all day.");

  auto shown = worker.Get(saved->get_header_value("Location"));
  ASSERT_EQ(shown->status, 200);
  const std::string page = MainOf(shown);
  EXPECT_NE(page.find("waiting for Sam T."), std::string::npos) << page;
  EXPECT_NE(page.find("988 Suicide"), std::string::npos);  // the crisis lines, with every safety plan
  EXPECT_EQ(page.find("/cosign"), std::string::npos);   // only the person co-signs
  EXPECT_EQ(page.find("/sharing"), std::string::npos);  // and chooses who reads it
  EXPECT_NE(page.find("Who can read it"), std::string::npos);
  EXPECT_NE(page.find("Sam T. and their peer worker."), std::string::npos) << page;

  // The person page lists it, waiting; a second safety plan is not offered.
  auto listed = worker.Get(PersonPath());
  EXPECT_TRUE(Has(listed, PersonPath() + "/plans/" + std::to_string(plan.id)));
  EXPECT_TRUE(Has(listed, "co-signature"));
  EXPECT_FALSE(Has(listed, PersonPath() + "/plans/new?kind=safety"));
  EXPECT_TRUE(Has(listed, PersonPath() + "/plans/new?kind=wellness"));
  // Asking for a new one opens the one there is.
  auto again = worker.Get(PersonPath() + "/plans/new?kind=safety");
  EXPECT_EQ(again->status, 303);
  EXPECT_EQ(again->get_header_value("Location"),
            PersonPath() + "/plans/" + std::to_string(plan.id) + "/edit");
}

TEST_F(PlanPagesTest, ThePersonFindsTheirPlanFirstCosignsItAndChoosesWhoReadsIt) {
  const store::Id plan_id = WrittenWithSam();
  Visitor sam(port_);
  sam.SignIn("sam");
  auto me = sam.Get("/me");
  ASSERT_EQ(me->status, 200);
  const std::string main = MainOf(me);
  const size_t link = main.find("href=\"/me/plans/" + std::to_string(plan_id) + "\"");
  ASSERT_NE(link, std::string::npos) << main;
  // First on the page, before anything else of the record.
  EXPECT_LT(link, main.find("Name I go by"));
  EXPECT_NE(main.find("My safety plan"), std::string::npos);
  EXPECT_NE(main.find("Waiting for your co-signature"), std::string::npos);
  EXPECT_NE(main.find("href=\"/me/plans/new?kind=wellness\""), std::string::npos);
  EXPECT_NE(main.find("Make my wellness plan"), std::string::npos);

  const std::string address = "/me/plans/" + std::to_string(plan_id);
  auto plan_page = sam.Get(address);
  ASSERT_EQ(plan_page->status, 200);
  const std::string page = MainOf(plan_page);
  EXPECT_NE(page.find("Co-sign my plan"), std::string::npos);
  EXPECT_NE(page.find("These are my words"), std::string::npos);
  EXPECT_NE(page.find("My peer worker's supervisors"), std::string::npos) << page;
  EXPECT_NE(page.find("Other peer workers on my team"), std::string::npos);
  EXPECT_NE(page.find("Your peer worker always sees your plan"), std::string::npos);
  EXPECT_NE(page.find("href=\"#part-warning-signs\""), std::string::npos);  // the parts, linked
  EXPECT_NE(page.find("id=\"part-warning-signs\""), std::string::npos);
  EXPECT_NE(page.find("href=\"" + address + "/edit\""), std::string::npos);
  EXPECT_NE(page.find("href=\"" + address + "/print\""), std::string::npos);

  auto cosigned = sam.Send(address + "/cosign", {});
  ASSERT_EQ(cosigned->status, 303);
  EXPECT_TRUE(store_->GetPersonPlan(plan_id).value().latest().cosigned_at.has_value());
  auto after = sam.Get(cosigned->get_header_value("Location"));
  EXPECT_TRUE(Has(after, "You co-signed your plan."));
  EXPECT_FALSE(Has(after, "Co-sign my plan"));
  // Nothing left to co-sign.
  EXPECT_EQ(sam.Send(address + "/cosign", {})->status, 409);

  auto shared = sam.Send(address + "/sharing", {{"shared_with", "supervisors"}});
  ASSERT_EQ(shared->status, 303);
  EXPECT_EQ(store_->GetPersonPlan(plan_id).value().shared_with,
            std::vector<domain::PlanAudience>{domain::PlanAudience::kSupervisors});
  auto choice = sam.Get(shared->get_header_value("Location"));
  EXPECT_TRUE(Has(choice, "id=\"share-supervisors\" name=\"shared_with\" value=\"supervisors\" "
                          "aria-describedby=\"share-supervisors-hint\" checked"));
  // No box ticked: nobody beyond their peer worker.
  ASSERT_EQ(sam.Send(address + "/sharing", {})->status, 303);
  EXPECT_TRUE(store_->GetPersonPlan(plan_id).value().shared_with.empty());
}

TEST_F(PlanPagesTest, AMistakeIsShownBesideItsFieldKeepsWhatWasTypedAndWritesNothing) {
  Visitor sam(port_);
  sam.SignIn("sam");
  auto form = sam.Get("/me/plans/new?kind=wellness");
  ASSERT_EQ(form->status, 200);
  EXPECT_TRUE(Has(form, "<h1>Make my wellness plan</h1>"));

  // Nothing written at all: said beside the first part.
  auto empty = sam.Send("/me/plans", {{"kind", "wellness"}, {"sections.wellness_toolbox", "  "}});
  ASSERT_EQ(empty->status, 400);
  EXPECT_TRUE(Has(empty, "id=\"section-wellness_toolbox-error\""));
  EXPECT_TRUE(Has(empty, "Write something in at least one part of the plan."));
  EXPECT_TRUE(Has(empty, "aria-invalid=\"true\""));

  // A review day in the past: beside the day, with the words kept.
  auto past = sam.Send("/me/plans", {{"kind", "wellness"},
                                     {"sections.triggers", "Loud rooms & <crowds>"},
                                     {"review_on", "2001-01-01"}});
  ASSERT_EQ(past->status, 400);
  EXPECT_TRUE(Has(past, "id=\"review_on-error\""));
  EXPECT_TRUE(Has(past, "Loud rooms &amp; &lt;crowds&gt;"));
  EXPECT_TRUE(Has(past, "href=\"#review_on\""));  // the summary links to the field

  // Too long: beside that part.
  auto long_words = sam.Send(
      "/me/plans", {{"kind", "wellness"}, {"sections.triggers", std::string(4001, 'a')}});
  ASSERT_EQ(long_words->status, 400);
  EXPECT_TRUE(Has(long_words, "id=\"section-triggers-error\""));
  EXPECT_TRUE(Has(long_words, "This part is too long"));

  // A day that is not a day.
  auto not_a_day = sam.Send(
      "/me/plans", {{"kind", "wellness"}, {"sections.triggers", "Loud rooms"}, {"review_on", "soon"}});
  ASSERT_EQ(not_a_day->status, 400);
  EXPECT_TRUE(Has(not_a_day, "id=\"review_on-error\""));

  EXPECT_TRUE(PlansOf(ids_.person).empty());

  // Without the token: refused, nothing written.
  auto forged = sam.Post("/me/plans", {{"kind", "wellness"}, {"sections.triggers", "Loud rooms"}});
  EXPECT_EQ(forged->status, 403);
  EXPECT_TRUE(PlansOf(ids_.person).empty());

  // Written by the person: theirs, nothing to co-sign.
  sam.Get("/me/plans/new?kind=wellness");
  auto made = sam.Send("/me/plans", {{"kind", "wellness"}, {"sections.triggers", "Loud rooms"}});
  ASSERT_EQ(made->status, 303);
  ASSERT_EQ(PlansOf(ids_.person).size(), 1u);
  EXPECT_TRUE(PlansOf(ids_.person)[0].latest().by_person);
  auto mine = sam.Get(made->get_header_value("Location"));
  EXPECT_TRUE(Has(mine, "Your plan is saved."));
  EXPECT_FALSE(Has(mine, "Co-sign my plan"));
  EXPECT_FALSE(Has(mine, "988 Suicide"));  // the crisis lines go with the safety plan
}

TEST_F(PlanPagesTest, TheWorkerChangesThePlanWithThePersonAndTheReviewDayCanBeCleared) {
  const Day today = DayOf(NowUtc());
  const store::Id plan_id = WrittenWithSam(today + 30);
  Visitor worker(port_);
  worker.SignIn("peer1");
  const std::string address = PersonPath() + "/plans/" + std::to_string(plan_id);
  auto form = worker.Get(address + "/edit");
  ASSERT_EQ(form->status, 200);
  EXPECT_TRUE(Has(form, "I stop answering my phone."));  // the latest words, to change
  EXPECT_TRUE(Has(form, "value=\"" + FormatDay(today + 30) + "\""));
  auto revised = worker.Send(address + "/versions",
                             {{"sections.warning_signs", "I stop answering my phone."},
                              {"sections.what_matters_most", "My dog, Biscuit."},
                              {"review_on", ""}});
  ASSERT_EQ(revised->status, 303);
  const domain::PersonPlan plan = store_->GetPersonPlan(plan_id).value();
  EXPECT_EQ(plan.versions.size(), 2u);
  EXPECT_FALSE(plan.latest().review_on.has_value());
  EXPECT_FALSE(plan.latest().by_person);
  ASSERT_EQ(plan.latest().sections.size(), 2u);

  // A mistake: the plan's form again, nothing written.
  auto wrong = worker.Send(address + "/versions",
                           {{"sections.warning_signs", "Still the same."}, {"review_on", "2001-01-01"}});
  ASSERT_EQ(wrong->status, 400);
  EXPECT_TRUE(Has(wrong, "Still the same."));
  EXPECT_TRUE(Has(wrong, "id=\"review_on-error\""));
  EXPECT_EQ(store_->GetPersonPlan(plan_id).value().versions.size(), 2u);
}

TEST_F(PlanPagesTest, ThePrintViewHasEveryPartAndTheCrisisLinesAndNoControls) {
  const store::Id plan_id = WrittenWithSam();
  Visitor sam(port_);
  sam.SignIn("sam");
  auto print = sam.Get("/me/plans/" + std::to_string(plan_id) + "/print");
  ASSERT_EQ(print->status, 200);
  const std::string page = MainOf(print);
  EXPECT_NE(page.find("class=\"print-sheet\""), std::string::npos);
  EXPECT_NE(page.find("Sam T."), std::string::npos);
  EXPECT_NE(page.find("<h1>My safety plan</h1>"), std::string::npos);
  for (const char* heading :
       {"Signs that a hard time may be coming", "Things I can do on my own to get through it",
        "People and places that take my mind off things", "People I trust to reach out to",
        "Services and helplines I can contact", "Keeping myself safer where I am",
        "What matters most to me", "988 Suicide &amp; Crisis Lifeline", "Text HOME to 741741"}) {
    EXPECT_NE(page.find(heading), std::string::npos) << heading;
  }
  EXPECT_NE(page.find("My sister Ana, 555-0100."), std::string::npos);
  EXPECT_EQ(page.find("<form"), std::string::npos);
  EXPECT_EQ(page.find("<button"), std::string::npos);

  Visitor worker(port_);
  worker.SignIn("peer1");
  auto staff_print = worker.Get(PersonPath() + "/plans/" + std::to_string(plan_id) + "/print");
  ASSERT_EQ(staff_print->status, 200);
  EXPECT_TRUE(Has(staff_print, "Sam T."));
}

TEST_F(PlanPagesTest, OnlyThePersonAndThoseTheyChooseReadThePlan) {
  const store::Id plan_id = WrittenWithSam();
  const std::string plan = std::to_string(plan_id);
  // Another person: their own address for it is not found, nor is the
  // worker's.
  Visitor robin(port_);
  robin.SignIn("robin");
  EXPECT_EQ(robin.Get("/me/plans/" + plan)->status, 404);
  EXPECT_EQ(robin.Get("/me/plans/" + plan + "/print")->status, 404);
  EXPECT_EQ(robin.Send("/me/plans/" + plan + "/cosign", {})->status, 404);
  EXPECT_FALSE(store_->GetPersonPlan(plan_id).value().latest().cosigned_at.has_value());
  EXPECT_EQ(robin.Get(PersonPath() + "/plans/" + plan)->status, 404);

  // The worker has no plan of their own at /me/plans.
  Visitor worker(port_);
  worker.SignIn("peer1");
  EXPECT_EQ(worker.Send("/me/plans/" + plan + "/cosign", {})->status, 404);
  EXPECT_EQ(worker.Send("/me/plans/" + plan + "/sharing", {{"shared_with", "team"}})->status, 404);
  EXPECT_TRUE(store_->GetPersonPlan(plan_id).value().shared_with.empty());
  // The plan under another person's address is not found.
  EXPECT_EQ(worker.Get("/people/" + std::to_string(ids_.other_person) + "/plans/" + plan)->status,
            404);

  // A worker Sam is not assigned to.
  Visitor other(port_);
  other.SignIn("peer2");
  EXPECT_EQ(other.Get(PersonPath() + "/plans/" + plan)->status, 404);
  auto refused = other.Send(PersonPath() + "/plans/" + plan + "/versions",
                            {{"sections.warning_signs", "Not mine to write."}});
  EXPECT_NE(refused->status, 303);
  EXPECT_EQ(store_->GetPersonPlan(plan_id).value().versions.size(), 1u);
}

TEST_F(PlanPagesTest, ASupervisorSeesThePlanOnlyOnceThePersonSharesIt) {
  // A senior peer supervisor of a second worker walking with Sam.
  domain::Staff supervisor{0, ids_.team, "Jo Supervisor", domain::Role::kSeniorPeerSupervisor,
                           std::nullopt, std::nullopt, true};
  const store::Id supervisor_id = store_->AddStaff(supervisor, testing::kTestActor).value();
  AddAccount("sup", store::AccountKind::kStaff, domain::Role::kSeniorPeerSupervisor,
             supervisor_id, std::nullopt);
  domain::Staff helper{0, ids_.team, "Worker Three", domain::Role::kPeerSpecialist,
                       supervisor_id, std::nullopt, true};
  const store::Id helper_id = store_->AddStaff(helper, testing::kTestActor).value();
  store_->AddAssignment({0, ids_.person, helper_id, 20000, std::nullopt}, testing::kTestActor)
      .value();
  const store::Id plan_id = WrittenWithSam();
  const std::string address = PersonPath() + "/plans/" + std::to_string(plan_id);

  Visitor sup(port_);
  sup.SignIn("sup");
  auto before = sup.Get(PersonPath());
  ASSERT_EQ(before->status, 200);
  EXPECT_FALSE(Has(before, address));
  EXPECT_TRUE(Has(before, "has not shared a plan with you"));
  EXPECT_FALSE(Has(before, "/plans/new?kind="));  // a supervisor does not write it
  EXPECT_EQ(sup.Get(address)->status, 404);

  Visitor sam(port_);
  sam.SignIn("sam");
  sam.Get("/me/plans/" + std::to_string(plan_id));
  ASSERT_EQ(sam.Send("/me/plans/" + std::to_string(plan_id) + "/sharing",
                     {{"shared_with", "supervisors"}})->status,
            303);

  auto after = sup.Get(PersonPath());
  EXPECT_TRUE(Has(after, address));
  auto read = sup.Get(address);
  ASSERT_EQ(read->status, 200);
  const std::string page = MainOf(read);
  EXPECT_NE(page.find("their peer worker&apos;s supervisors"), std::string::npos) << page;
  EXPECT_EQ(page.find(address + "/edit"), std::string::npos);  // reading only
  // The form is not offered, and a write is refused.
  EXPECT_EQ(sup.Get(address + "/edit")->status, 303);
  sup.Get(address);
  EXPECT_EQ(sup.Send(address + "/versions", {{"sections.warning_signs", "No."}})->status, 403);
  EXPECT_EQ(store_->GetPersonPlan(plan_id).value().versions.size(), 1u);
}

TEST_F(PlanPagesTest, TodayListsThePlansToLookAtAgain) {
  Visitor worker(port_);
  worker.SignIn("peer1");
  EXPECT_FALSE(Has(worker.Get("/today"), "Plans to look at again"));

  const Day today = DayOf(NowUtc());
  const store::Id plan_id = WrittenWithSam(today - 3);
  auto day = worker.Get("/today");
  ASSERT_EQ(day->status, 200);
  EXPECT_TRUE(Has(day, "Plans to look at again"));
  EXPECT_TRUE(Has(day, "href=\"" + PersonPath() + "/plans/" + std::to_string(plan_id) + "\""));
  EXPECT_TRUE(Has(day, "safety plan"));
  EXPECT_TRUE(Has(day, "since "));
  // It comes after the goals to review.
  EXPECT_LT(day->body.find("Goals to review"), day->body.find("Plans to look at again"));

  // Someone else's worker is not reminded.
  Visitor other(port_);
  other.SignIn("peer2");
  EXPECT_FALSE(Has(other.Get("/today"), "Plans to look at again"));
}

TEST_F(PlanPagesTest, ThePersonsWordsAreEscaped) {
  Visitor sam(port_);
  sam.SignIn("sam");
  sam.Get("/me/plans/new?kind=safety");
  auto made = sam.Send("/me/plans", {{"kind", "safety"},
                                     {"sections.warning_signs", "<script>alert(1)</script>"}});
  ASSERT_EQ(made->status, 303);
  auto page = sam.Get(made->get_header_value("Location"));
  EXPECT_TRUE(Has(page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_FALSE(Has(page, "<script>alert(1)"));
}

}  // namespace
}  // namespace alongside::server
