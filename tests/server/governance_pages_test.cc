// The governance pages without a browser (docs/governance.md): a person
// raises a concern in their words and follows it; the manager forms its
// panel, refused naming what is missing, then accepted; the audit page
// shows both scores, each item and what would meet it, and takes a
// declaration; people propose and endorse metrics, which the manager sees as
// co-produced. The store is read directly for what was (and was not)
// written.
#include <httplib.h>

#include <string>
#include <utility>

#include "page_browser.h"

namespace alongside::server::testing {
namespace {

class GovernancePagesTest : public ApiTest {
 protected:
  Browser As(const std::string& username) { return Browser(port_, SignedIn(username)); }
};

TEST_F(GovernancePagesTest, APersonRaisesAConcernAndFollowsItThroughThePanel) {
  Browser person = As("person");
  PageAnswer page = person.Get("/me");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "href=\"/me/grievances\"")) << "the person's pages link to it";

  // Nothing typed: the mistake beside the field, nothing written.
  PageAnswer empty = person.Post("/me/grievances", {{"summary", "  "}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_TRUE(Has(empty.body, "Say what happened, in your own words"));
  EXPECT_TRUE(Has(empty.body, "aria-invalid=\"true\""));
  EXPECT_TRUE(store_->ListGrievances({}).value().empty());

  // The person may say which of their workers it is about: theirs only are
  // offered; a value not a number is refused beside the field.
  page = person.Get("/me/grievances");
  EXPECT_TRUE(Has(page.body, "<option value=\"" + std::to_string(worker_a_) +
                                 "\">Alex A. (works with you)</option>"))
      << page.body;
  EXPECT_FALSE(Has(page.body, "<option value=\"" + std::to_string(worker_b_) + "\""));
  PageAnswer bad_about = person.Post(
      "/me/grievances", {{"summary", "My visits were cancelled."}, {"about_worker_id", "Alex"}});
  EXPECT_EQ(bad_about.status, 400);
  EXPECT_TRUE(Has(bad_about.body, "Choose one of the names listed, or no one."));
  EXPECT_TRUE(Has(bad_about.body, "My visits were cancelled.")) << "what was typed is kept";
  EXPECT_TRUE(store_->ListGrievances({}).value().empty());

  PageAnswer filed =
      person.Post("/me/grievances", {{"summary", "My visits were cancelled without a call."},
                                     {"about_worker_id", std::to_string(worker_a_)}});
  ASSERT_EQ(filed.status, 303) << filed.body;
  std::vector<domain::Grievance> stored = store_->ListGrievances({}).value();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].filed_by_person_id, person_1_);
  EXPECT_EQ(stored[0].about_worker_id, worker_a_);
  page = person.Get(filed.location);
  EXPECT_TRUE(Has(page.body, "Your concern is received"));
  EXPECT_TRUE(Has(page.body, "My visits were cancelled without a call."));
  EXPECT_TRUE(Has(page.body, "Received"));

  // The manager's panel: the clinical supervisor alone is refused, naming
  // what is missing; with worker B (a peer) it is formed.
  Browser manager = As("manager");
  const std::string panel = "/grievances/" + std::to_string(stored[0].id) + "/panel";
  PageAnswer list = manager.Get("/grievances");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Has(list.body, "Form the panel"));
  httplib::Params clinical_only{{"staff_ids", std::to_string(clin_sup_)}};
  PageAnswer refused = manager.Post(panel, clinical_only);
  EXPECT_EQ(refused.status, 409);
  EXPECT_TRUE(Has(refused.body, "the panel needs a peer representative"));
  EXPECT_TRUE(store_->GetGrievance(stored[0].id).value().panel.empty());
  httplib::Params with_peer{{"staff_ids", std::to_string(clin_sup_)},
                            {"staff_ids", std::to_string(worker_b_)}};
  PageAnswer formed = manager.Post(panel, with_peer);
  ASSERT_EQ(formed.status, 303) << formed.body;
  EXPECT_EQ(store_->GetGrievance(stored[0].id).value().panel.size(), 2u);

  // An update in plain words reaches the person's page.
  PageAnswer updated =
      manager.Post("/grievances/" + std::to_string(stored[0].id) + "/updates",
                   {{"status", "heard"}, {"note", "The panel met and listened to you."}});
  ASSERT_EQ(updated.status, 303) << updated.body;
  page = person.Get("/me/grievances");
  EXPECT_TRUE(Has(page.body, "Heard by the panel"));
  EXPECT_TRUE(Has(page.body, "The panel met and listened to you."));
  EXPECT_TRUE(Has(page.body, "Blake B."));

  // Someone else's concerns stay out of reach.
  EXPECT_EQ(As("peer").Get("/grievances").status, 403);
}

// Whoever raised a concern may withdraw it until it is resolved; no one
// else may, and a concern withdrawn stays on the filer's page with its
// steps.
TEST_F(GovernancePagesTest, TheFilerWithdrawsTheirConcernAndNoOneElseCan) {
  Browser person = As("person");
  ASSERT_EQ(
      person.Post("/me/grievances", {{"summary", "My visits were cancelled without a call."}})
          .status,
      303);
  const Id id = store_->ListGrievances({}).value().at(0).id;
  const std::string withdraw = "/grievances/" + std::to_string(id) + "/withdraw";
  PageAnswer page = person.Get("/me/grievances");
  EXPECT_TRUE(Has(page.body, "action=\"" + withdraw + "\"")) << page.body;

  // Another person does not know of it; the manager, who reads it, may not
  // withdraw it for them.
  EXPECT_EQ(As("otherperson").Post(withdraw, {{"note", "x"}}).status, 404);
  EXPECT_EQ(As("manager").Post(withdraw, {{"note", "x"}}).status, 403);
  EXPECT_EQ(store_->GetGrievance(id).value().status, domain::GrievanceStatus::kReceived);

  // A note too long is refused on the concern's card, nothing changed.
  PageAnswer long_note = person.Post(withdraw, {{"note", std::string(4001, 'a')}});
  EXPECT_EQ(long_note.status, 400);
  EXPECT_TRUE(Has(long_note.body, "The concern is not withdrawn")) << long_note.body;
  EXPECT_EQ(store_->GetGrievance(id).value().status, domain::GrievanceStatus::kReceived);

  PageAnswer withdrawn = person.Post(withdraw, {{"note", "We talked it through."}});
  ASSERT_EQ(withdrawn.status, 303) << withdrawn.body;
  EXPECT_EQ(withdrawn.location,
            "/me/grievances?done=withdrawn#grievance-" + std::to_string(id));
  const domain::Grievance stored = store_->GetGrievance(id).value();
  EXPECT_EQ(stored.status, domain::GrievanceStatus::kWithdrawn);
  ASSERT_EQ(stored.updates.size(), 2u);
  EXPECT_EQ(stored.updates.back().note, "We talked it through.");
  EXPECT_FALSE(stored.updates.back().by_staff_id.has_value());
  page = person.Get(withdrawn.location);
  EXPECT_TRUE(Has(page.body, "Your concern is withdrawn"));
  EXPECT_TRUE(Has(page.body, "Withdrawn. We talked it through."));
  EXPECT_TRUE(Has(page.body, "My visits were cancelled without a call."));
  EXPECT_FALSE(Has(page.body, "action=\"" + withdraw + "\""));
  // Once withdrawn it cannot be withdrawn again.
  PageAnswer again = person.Post(withdraw, {});
  EXPECT_EQ(again.status, 409);
  EXPECT_TRUE(Has(again.body, "a concern that is withdrawn cannot become withdrawn"))
      << again.body;

  // A worker withdraws their own, with no note: the words say who did.
  Browser worker = As("peer");
  ASSERT_EQ(worker.Post("/grievances/new", {{"summary", "My supervision keeps being cancelled."}})
                .status,
            303);
  Id own = 0;
  const std::vector<domain::Grievance> all = store_->ListGrievances({}).value();
  for (const domain::Grievance& one : all) {
    if (one.filed_by_staff_id == worker_a_) own = one.id;
  }
  ASSERT_NE(own, 0);
  PageAnswer mine = worker.Post("/grievances/" + std::to_string(own) + "/withdraw", {});
  ASSERT_EQ(mine.status, 303) << mine.body;
  EXPECT_EQ(mine.location, "/grievances/new?done=withdrawn#grievance-" + std::to_string(own));
  EXPECT_EQ(store_->GetGrievance(own).value().updates.back().note,
            "Withdrawn by the person who raised it.");
}

TEST_F(GovernancePagesTest, APanelAboutAWorkerNeedsSomeoneOutsideTheirLineManagement) {
  domain::Grievance grievance;
  grievance.filed_by_person_id = person_1_;
  grievance.about_worker_id = worker_a_;
  grievance.filed_at = NowUtc() - 60;
  grievance.summary = "Alex spoke about me to my neighbour.";
  const Id id = store_->FileGrievance(grievance, alongside::testing::kTestActor).value();
  Browser manager = As("manager");
  // Worker A's senior peer supervisor is a peer but manages A.
  PageAnswer refused = manager.Post("/grievances/" + std::to_string(id) + "/panel",
                                    {{"staff_ids", std::to_string(peer_sup_)}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_TRUE(Has(refused.body, "the panel needs someone independent of Alex A.&#39;s line management") ||
              Has(refused.body, "the panel needs someone independent of Alex A.&apos;s line management") ||
              Has(refused.body, "the panel needs someone independent of Alex A.'s line management"))
      << refused.body;
}

TEST_F(GovernancePagesTest, TheAuditShowsEachItemAndTakesADeclaration) {
  Browser manager = As("manager");
  PageAnswer page = manager.Get("/governance");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "The audit does not pass yet."));
  EXPECT_TRUE(Has(page.body, "Accountability"));
  EXPECT_TRUE(Has(page.body, "Mutuality"));
  EXPECT_TRUE(Has(page.body, "What would meet it:"));
  EXPECT_TRUE(Has(page.body, "Not declared yet."));

  PageAnswer missing = manager.Post("/governance/declarations",
                                    {{"code", "parity_pay"}, {"met", "yes"}, {"evidence", ""}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_TRUE(Has(missing.body, "Say what shows it is met"));
  EXPECT_TRUE(store_->LatestGovernanceDeclarations().value().empty());
  PageAnswer declared =
      manager.Post("/governance/declarations",
                   {{"code", "parity_pay"}, {"met", "yes"}, {"evidence", "Pay scale 2026, grade 5"}});
  ASSERT_EQ(declared.status, 303) << declared.body;
  page = manager.Get("/governance");
  EXPECT_TRUE(Has(page.body, "Evidence: Pay scale 2026, grade 5"));
  EXPECT_EQ(As("evaluator").Get("/governance").status, 200);
  EXPECT_EQ(As("peer").Get("/governance").status, 403);
}

TEST_F(GovernancePagesTest, PeopleProposeAndEndorseMetricsTheManagerSeesAsCoProduced) {
  Browser person = As("person");
  PageAnswer proposed =
      person.Post("/me/metrics", {{"words", "People feel heard at their first visit"}});
  ASSERT_EQ(proposed.status, 303) << proposed.body;
  std::vector<store::MetricRow> metrics = store_->ListMetrics(std::nullopt).value();
  ASSERT_EQ(metrics.size(), 1u);
  const std::string endorse = "/me/metrics/" + std::to_string(metrics[0].metric.id) + "/endorse";
  ASSERT_EQ(person.Post(endorse, {}).status, 303);
  EXPECT_EQ(person.Post(endorse, {}).status, 409);
  PageAnswer mine = person.Get("/me/metrics");
  EXPECT_TRUE(Has(mine.body, "You back this idea."));

  Browser manager = As("manager");
  PageAnswer page = manager.Get("/governance");
  EXPECT_TRUE(Has(page.body, "Co-produced: yes (proposed by a person served, endorsed by 1 person)"))
      << page.body;
  ASSERT_EQ(manager.Post("/governance/metrics/" + std::to_string(metrics[0].metric.id) + "/adopt",
                         {}).status,
            303);
  page = manager.Get("/governance");
  EXPECT_TRUE(Has(page.body, "1 of 1 adopted metrics are co-produced with people served."));
}

}  // namespace
}  // namespace alongside::server::testing
