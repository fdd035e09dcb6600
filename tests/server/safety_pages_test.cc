// The safety pages without a browser (docs/safety.md, docs/pages.md): the
// worker opens a safety event from the person's page and walks the
// protocol one step at a time, with the crisis lines on every page; a
// refused step shows the rule's sentence and keeps what was typed; the
// worker's supervisors see the event on /safety, past the review time
// first, and review it. The store is read directly for what was (and was
// not) written.
#include <httplib.h>

#include <string>
#include <utility>

#include "page_browser.h"

namespace alongside::server::testing {
namespace {

class SafetyPagesTest : public ApiTest {
 protected:
  Browser As(const std::string& username) { return Browser(port_, SignedIn(username)); }

  std::string EventPath(Id event) { return "/safety/" + std::to_string(event); }

  // An event worker A opened with person 1 `hours_ago`, straight in the
  // store (a page cannot open one in the past).
  Id EventOpenedHoursAgo(int hours_ago) {
    domain::SafetyEvent event;
    event.person_id = person_1_;
    event.worker_id = worker_a_;
    event.kind = domain::SafetyKind::kRiskToOthers;
    event.disclosed_at = NowUtc() - hours_ago * 3600 - 60;
    event.opened_at = NowUtc() - hours_ago * 3600;
    return store_->OpenSafetyEvent(event, {}, alongside::testing::kTestActor).value();
  }

  domain::SafetyEvent Stored(Id event) { return store_->GetSafetyEvent(event).value(); }

  // Opens an event on person 1 through the page; its id.
  Id OpenThroughThePage(Browser& worker, const std::string& kind) {
    PageAnswer opened = worker.Post("/people/" + std::to_string(person_1_) + "/safety/new",
                                    {{"kind", kind}, {"when", "now"}});
    EXPECT_EQ(opened.status, 303) << opened.body;
    const std::string prefix = "/safety/";
    EXPECT_EQ(opened.location.rfind(prefix, 0), 0u) << opened.location;
    if (opened.location.rfind(prefix, 0) != 0) return 0;
    return std::stoll(opened.location.substr(prefix.size()));
  }
};

// The crisis lines stand at the top of the page, before what happened.
void ExpectCrisisLinesFirst(const std::string& body) {
  const size_t lines = body.find("Crisis lines, any time");
  ASSERT_NE(lines, std::string::npos) << body;
  EXPECT_TRUE(Has(body, "988 Suicide &amp; Crisis Lifeline"));
  EXPECT_TRUE(Has(body, "Call 911"));
  const size_t main = body.find("<main");
  EXPECT_LT(main, lines);
  for (const char* later : {"Steps so far", "What they shared", "When they told you"}) {
    const size_t at = body.find(later);
    if (at != std::string::npos) {
      EXPECT_LT(lines, at) << later;
    }
  }
}

TEST_F(SafetyPagesTest, TheWorkerWalksTheProtocolInOrderFromThePersonPage) {
  Browser worker = As("peer");
  const std::string person = "/people/" + std::to_string(person_1_);
  PageAnswer page = worker.Get(person);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "href=\"" + person + "/safety/new\">A risk was disclosed</a>"));

  page = worker.Get(person + "/safety/new");
  ASSERT_EQ(page.status, 200) << page.body;
  ExpectCrisisLinesFirst(page.body);
  for (const char* words :
       {"Thoughts of not wanting to be alive", "Thoughts of suicide with a plan",
        "Thoughts of suicide with intent to act", "Thoughts of harming someone else",
        "Something else (describe)"}) {
    EXPECT_TRUE(Has(page.body, words)) << words;
  }
  EXPECT_TRUE(Has(page.body, "id=\"when-now\" name=\"when\" value=\"now\" checked"));

  // Nothing chosen: the mistake beside the field, nothing opened.
  PageAnswer wrong = worker.Post(person + "/safety/new", {{"when", "today"}, {"time", ""}});
  EXPECT_EQ(wrong.status, 400);
  EXPECT_TRUE(Has(wrong.body, "Choose what they shared."));
  EXPECT_TRUE(Has(wrong.body, "id=\"time-error\""));
  store::SafetyQuery query;
  query.person_id = person_1_;
  EXPECT_TRUE(store_->ListSafetyEvents(query).value().empty());

  const Id event = OpenThroughThePage(worker, "suicidal_thoughts_with_plan");
  ASSERT_NE(event, 0);
  page = worker.Get(EventPath(event) + "?saved=opened");
  ASSERT_EQ(page.status, 200);
  ExpectCrisisLinesFirst(page.body);
  EXPECT_TRUE(Has(page.body, "The safety event is open, and your supervisors are told."));
  EXPECT_TRUE(Has(page.body, "Thoughts of suicide with a plan"));
  EXPECT_TRUE(Has(page.body, "Next: What stays between us, explained"));
  EXPECT_TRUE(Has(page.body, "except when someone&apos;s life may be in danger"));
  EXPECT_TRUE(Has(page.body, "<summary>In an emergency: escalate now</summary>"));
  // The person's page links to the open event.
  EXPECT_TRUE(Has(worker.Get(person).body, "href=\"" + EventPath(event) + "\">Open safety event"));

  struct Step {
    httplib::Params form;
    const char* shown;  // what the page shows once it is recorded
  };
  const Step steps[] = {
      {{{"step", "confidentiality_explained"}, {"note", "She heard what stays between us."}},
       "She heard what stays between us."},
      {{{"step", "safety_planning"}, {"note", "Wrote her plan together."}},
       "Wrote her plan together."},
      {{{"step", "supervisor_consulted"}, {"note", "Called Casey."}}, "Called Casey."},
      {{{"step", "imminent_risk_judged"},
        {"imminent", "no"},
        {"reason", "Her sister is with her tonight."}},
       "Her sister is with her tonight."},
      {{{"step", "connected_with_consent"}, {"to", "The on-call psychiatrist"}},
       "The on-call psychiatrist"},
      {{{"step", "follow_up"}, {"note", "Called the next morning."}}, "Called the next morning."},
      {{{"step", "closed"}}, "The safety event is closed."},
  };
  for (const Step& step : steps) {
    const std::string code = step.form.find("step")->second;
    SCOPED_TRACE(code);
    httplib::Params form = step.form;
    form.emplace("when", "now");
    PageAnswer saved = worker.Post(EventPath(event) + "/steps", form);
    ASSERT_EQ(saved.status, 303) << saved.body;
    EXPECT_EQ(saved.location, EventPath(event) + "?saved=" + code + "#next-step");
    page = worker.Get(EventPath(event) + "?saved=" + code);
    ASSERT_EQ(page.status, 200);
    ExpectCrisisLinesFirst(page.body);
    EXPECT_TRUE(Has(page.body, step.shown));
  }
  EXPECT_TRUE(Has(page.body, "Every step of the protocol is recorded: it is complete."));
  EXPECT_FALSE(Has(page.body, "Save this step"));
  EXPECT_FALSE(Has(page.body, "In an emergency: escalate now"));
  EXPECT_EQ(Stored(event).steps.size(), 7u);
  EXPECT_FALSE(Has(worker.Get(person).body, "Open safety event"));
}

TEST_F(SafetyPagesTest, ARefusedStepShowsTheRuleAndKeepsWhatWasTyped) {
  Browser worker = As("peer");
  const Id event = OpenThroughThePage(worker, "suicidal_thoughts_passive");
  ASSERT_NE(event, 0);

  // An escalation without imminent risk and without the emergency ticked:
  // refused by the rule, the emergency form open with the words kept.
  PageAnswer refused = worker.Post(
      EventPath(event) + "/steps",
      {{"form", "emergency"}, {"justification", "I was worried about her."}, {"when", "now"}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_TRUE(Has(refused.body, "The escalation is not saved"));
  EXPECT_TRUE(Has(refused.body, "An escalation without consent comes only in an emergency"));
  EXPECT_TRUE(Has(refused.body, "Rule safety.escalation"));
  EXPECT_FALSE(Has(refused.body, "[safety.escalation]"));
  EXPECT_TRUE(Has(refused.body, "<details class=\"emergency\" id=\"emergency\" open>"));
  EXPECT_TRUE(Has(refused.body, ">I was worried about her.</textarea>"));
  ExpectCrisisLinesFirst(refused.body);
  EXPECT_TRUE(Stored(event).steps.empty());

  // A step the protocol does not expect yet, chosen by its address.
  PageAnswer chosen = worker.Get(EventPath(event) + "?step=supervisor_consulted");
  ASSERT_EQ(chosen.status, 200);
  EXPECT_TRUE(
      Has(chosen.body, "The protocol expects &ldquo;What stays between us, explained&rdquo;"));
  refused = worker.Post(EventPath(event) + "/steps",
                        {{"step", "supervisor_consulted"}, {"note", "Called Casey."}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_TRUE(Has(refused.body, "Consulting a supervisor comes after safety planning."));
  EXPECT_TRUE(Has(refused.body, "Rule safety.order"));
  EXPECT_TRUE(Has(refused.body, ">Called Casey.</textarea>"));
  EXPECT_TRUE(Stored(event).steps.empty());

  // A judgement without its yes or no: said beside the field, nothing written.
  for (const char* step :
       {"confidentiality_explained", "safety_planning", "supervisor_consulted"}) {
    ASSERT_EQ(worker.Post(EventPath(event) + "/steps", {{"step", step}}).status, 303) << step;
  }
  PageAnswer unjudged = worker.Post(EventPath(event) + "/steps",
                                    {{"step", "imminent_risk_judged"}, {"reason", "Calmer."}});
  EXPECT_EQ(unjudged.status, 400);
  EXPECT_TRUE(Has(unjudged.body, "id=\"imminent-error\""));
  EXPECT_TRUE(Has(unjudged.body, ">Calmer.</textarea>"));
  EXPECT_EQ(Stored(event).steps.size(), 3u);

  // A time in words the form cannot read is said beside the time.
  PageAnswer untimed = worker.Post(EventPath(event) + "/steps", {{"step", "imminent_risk_judged"},
                                                                 {"imminent", "no"},
                                                                 {"reason", "Calmer."},
                                                                 {"when", "today"},
                                                                 {"time", "half past"}});
  EXPECT_EQ(untimed.status, 400);
  EXPECT_TRUE(Has(untimed.body, "id=\"time-error\""));
  EXPECT_EQ(Stored(event).steps.size(), 3u);

  // Without the CSRF token nothing is written.
  PageAnswer forged = worker.Post(
      EventPath(event) + "/steps",
      {{"step", "imminent_risk_judged"}, {"imminent", "no"}, {"reason", "Calmer."}}, false);
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(Stored(event).steps.size(), 3u);

  // An emergency escalation, ticked and justified, is recorded.
  PageAnswer emergency =
      worker.Post(EventPath(event) + "/steps",
                  {{"form", "emergency"},
                   {"emergency", "1"},
                   {"justification", "She took the pills in front of me; I called 911."}});
  EXPECT_EQ(emergency.status, 303) << emergency.body;
  ASSERT_EQ(Stored(event).steps.size(), 4u);
  EXPECT_TRUE(Stored(event).steps.back().emergency);
}

TEST_F(SafetyPagesTest, OnlyTheWorkersOwnAndTheirSupervisorsSeeTheEvent) {
  Browser worker = As("peer");
  const Id event = OpenThroughThePage(worker, "suicidal_thoughts_active");
  ASSERT_NE(event, 0);
  EXPECT_EQ(As("otherpeer").Get(EventPath(event)).status, 404);
  EXPECT_EQ(As("otherpeer")
                .Post("/people/" + std::to_string(person_1_) + "/safety/new",
                      {{"kind", "other"}, {"description", "x"}})
                .status,
            403);
  EXPECT_EQ(worker.Get("/safety").status, 403);
  PageAnswer supervisor = As("clinsup").Get(EventPath(event));
  EXPECT_EQ(supervisor.status, 200);
  EXPECT_FALSE(Has(supervisor.body, "Save this step"));
  EXPECT_TRUE(Has(supervisor.body, "Save the review"));
}

TEST_F(SafetyPagesTest, TheSupervisorReviewsFromTheQueuePastTheReviewTimeFirst) {
  Browser worker = As("peer");
  // Something else needs a description, said beside it.
  PageAnswer undescribed = worker.Post("/people/" + std::to_string(person_1_) + "/safety/new",
                                       {{"kind", "other"}, {"when", "now"}});
  EXPECT_EQ(undescribed.status, 400);
  EXPECT_TRUE(Has(undescribed.body, "id=\"description-error\""));
  PageAnswer opened = worker.Post("/people/" + std::to_string(person_1_) + "/safety/new",
                                  {{"kind", "other"},
                                   {"when", "now"},
                                   {"description", "She said <script>x</script> scares her."}});
  ASSERT_EQ(opened.status, 303) << opened.body;
  const Id recent = std::stoll(opened.location.substr(std::string("/safety/").size()));
  EXPECT_TRUE(Has(worker.Get(EventPath(recent)).body, "&lt;script&gt;x&lt;/script&gt;"));
  const Id late = EventOpenedHoursAgo(26);

  Browser supervisor = As("clinsup");
  PageAnswer queue = supervisor.Get("/safety");
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_TRUE(Has(queue.body, "href=\"/safety\" aria-current=\"page\">Safety events</a>"));
  const size_t late_at = queue.body.find("id=\"event-" + std::to_string(late) + "\"");
  const size_t recent_at = queue.body.find("id=\"event-" + std::to_string(recent) + "\"");
  ASSERT_NE(late_at, std::string::npos);
  ASSERT_NE(recent_at, std::string::npos);
  EXPECT_LT(late_at, recent_at);  // past the review time first
  const std::string late_card = queue.body.substr(late_at, recent_at - late_at);
  EXPECT_TRUE(Has(late_card, "Past the review time"));
  EXPECT_TRUE(Has(late_card, "Opened 26 hours ago"));
  EXPECT_TRUE(Has(late_card, "Pat One"));
  EXPECT_TRUE(Has(late_card, "Alex A."));
  EXPECT_TRUE(Has(late_card, "Thoughts of harming someone else"));
  EXPECT_FALSE(Has(queue.body.substr(recent_at), "Past the review time"));
  EXPECT_TRUE(Has(queue.body, "2 events"));
  EXPECT_TRUE(Has(queue.body, "1 past the review time"));
  // New for you: the opening told the supervisor in the app.
  EXPECT_TRUE(Has(queue.body, "New for you"));
  EXPECT_TRUE(Has(queue.body, "A safety event was opened and needs review"));

  PageAnswer late_page = supervisor.Get(EventPath(late));
  EXPECT_TRUE(
      Has(late_page.body, "Past the review time</strong> Not reviewed yet: the review was due by"));
  PageAnswer overview = supervisor.Get("/supervision");
  ASSERT_EQ(overview.status, 200);
  EXPECT_TRUE(Has(overview.body, "Safety events to review: 2, 1 past the review time"));

  // A review needs a note: said beside it, nothing written.
  const std::string late_path = EventPath(late);
  PageAnswer empty = supervisor.Post(late_path + "/review", {{"note", "  "}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_TRUE(Has(empty.body, "id=\"review-note-" + std::to_string(late) + "-error\""));
  EXPECT_TRUE(Stored(late).reviews.empty());

  PageAnswer reviewed =
      supervisor.Post(late_path + "/review", {{"note", "Read it with Alex; plan in place."}});
  EXPECT_EQ(reviewed.status, 303) << reviewed.body;
  EXPECT_EQ(reviewed.location, "/safety?saved=review&event=" + std::to_string(late) + "#event-" +
                                   std::to_string(late));
  ASSERT_EQ(Stored(late).reviews.size(), 1u);
  EXPECT_EQ(Stored(late).reviews[0].reviewer_id, clin_sup_);
  queue = supervisor.Get(reviewed.location.substr(0, reviewed.location.find('#')));
  EXPECT_TRUE(Has(queue.body, "Your review is saved."));
  EXPECT_TRUE(Has(queue.body, "0 past the review time"));

  // From the event's page too; the review is listed there.
  reviewed = supervisor.Post(EventPath(recent) + "/review",
                             {{"note", "Spoke with Alex."}, {"back", "event"}});
  EXPECT_EQ(reviewed.status, 303);
  EXPECT_EQ(reviewed.location, EventPath(recent) + "?saved=review#reviews");
  PageAnswer page = supervisor.Get(EventPath(recent) + "?saved=review");
  EXPECT_TRUE(Has(page.body, "Spoke with Alex."));
  EXPECT_TRUE(Has(page.body, "Clinical supervisor, "));
}

}  // namespace
}  // namespace alongside::server::testing
