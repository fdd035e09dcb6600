// The person's plans and the safety protocol through the JSON API: the
// names outside tools depend on, the rules' refusals (409 naming the rule,
// 400 naming the field), who sees what, and the outbox rows an event writes.
#include "api_fixture.h"

namespace alongside::server::testing {
namespace {

std::string Path(const std::string& head, Id id, const std::string& tail = "") {
  return head + std::to_string(id) + tail;
}

class SafetyApiTest : public ApiTest {
 protected:
  // Opens an event on person 1 as worker A (disclosed a minute ago).
  Id Open(ApiClient& worker, const std::string& kind = "suicidal_thoughts_passive") {
    ApiResponse opened = worker.Send(
        "POST", Path("/api/v1/people/", person_1_, "/safety-events"),
        nlohmann::json{{"kind", kind}, {"disclosed_at", FormatInstant(NowUtc() - 60)}}.dump());
    EXPECT_EQ(opened.status, 201) << opened.raw;
    return opened.body.value("id", Id{0});
  }
  ApiResponse Step(ApiClient& worker, Id event, const nlohmann::json& body) {
    return worker.Send("POST", Path("/api/v1/safety-events/", event, "/steps"), body.dump());
  }
};

TEST_F(SafetyApiTest, TheLeastRestrictivePathRunsInOrderAndTheSupervisorsAreTold) {
  ApiClient worker = SignedIn("peer");
  const Id event = Open(worker);
  ASSERT_NE(event, 0);
  ApiResponse read = worker.Send("GET", Path("/api/v1/safety-events/", event));
  ASSERT_EQ(read.status, 200) << read.raw;
  EXPECT_EQ(read.body["next_step"], "confidentiality_explained");
  EXPECT_EQ(read.body["kind"], "suicidal_thoughts_passive");

  // Escalating first is refused, naming the rule: least restrictive first.
  ApiResponse early = Step(worker, event, {{"step", "escalated_without_consent"},
                                           {"justification", "Worried."}});
  EXPECT_EQ(early.status, 409) << early.raw;
  EXPECT_EQ(early.body["detail"].get<std::string>().rfind("[safety.escalation]", 0), 0u)
      << early.raw;
  // So is a step out of order.
  ApiResponse skipped = Step(worker, event, {{"step", "supervisor_consulted"}});
  EXPECT_EQ(skipped.status, 409);
  EXPECT_EQ(skipped.body["detail"].get<std::string>().rfind("[safety.order]", 0), 0u)
      << skipped.raw;

  for (const nlohmann::json& step :
       {nlohmann::json{{"step", "confidentiality_explained"}},
        nlohmann::json{{"step", "safety_planning"}, {"note", "Made her plan together."}},
        nlohmann::json{{"step", "supervisor_consulted"}, {"note", "Called Sam."}},
        nlohmann::json{{"step", "imminent_risk_judged"},
                       {"imminent", false},
                       {"reason", "She has her plan and her sister is with her."}},
        nlohmann::json{{"step", "connected_with_consent"}, {"to", "The walk-in clinic"}},
        nlohmann::json{{"step", "follow_up"}, {"note", "Called the next morning."}},
        nlohmann::json{{"step", "closed"}}}) {
    ApiResponse recorded = Step(worker, event, step);
    ASSERT_EQ(recorded.status, 201) << step.dump() << ": " << recorded.raw;
  }
  read = worker.Send("GET", Path("/api/v1/safety-events/", event));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.body["steps"].size(), 7u);
  EXPECT_TRUE(read.body["complete"].get<bool>());
  EXPECT_TRUE(read.body["closed"].get<bool>());
  EXPECT_EQ(read.body["steps"][4]["to"], "The walk-in clinic");
  EXPECT_EQ(read.body["steps"][3]["imminent"], false);
  // Nothing after closing.
  ApiResponse after = Step(worker, event, {{"step", "follow_up"}});
  EXPECT_EQ(after.status, 409);
  EXPECT_EQ(after.body["detail"].get<std::string>().rfind("[safety.closed]", 0), 0u);

  // The worker's two supervisors were told in the app, in the transaction
  // that opened the event, without the person's name.
  for (Id supervisor : {clin_sup_, peer_sup_}) {
    std::vector<domain::Notification> notices =
        store_->ListNotifications(supervisor, false, 10).value();
    ASSERT_EQ(notices.size(), 1u) << supervisor;
    EXPECT_EQ(notices[0].topic, "safety_event.opened");
    EXPECT_EQ(notices[0].channel, domain::NotificationChannel::kInApp);
    const std::string name = store_->GetPerson(person_1_).value().preferred_name;
    EXPECT_EQ(notices[0].subject.find(name), std::string::npos);
    EXPECT_EQ(notices[0].body.find(name), std::string::npos);
  }

  // The person reads their own; another worker is told there is no such event.
  EXPECT_EQ(SignedIn("person").Send("GET", Path("/api/v1/safety-events/", event)).status, 200);
  EXPECT_EQ(SignedIn("otherpeer").Send("GET", Path("/api/v1/safety-events/", event)).status, 404);
}

TEST_F(SafetyApiTest, EscalationNeedsImminentRiskAndAJustificationOrAnEmergency) {
  ApiClient worker = SignedIn("peer");
  const Id event = Open(worker, "suicidal_thoughts_with_intent");
  for (const char* step : {"confidentiality_explained", "safety_planning", "supervisor_consulted"}) {
    ASSERT_EQ(Step(worker, event, {{"step", step}}).status, 201) << step;
  }
  ASSERT_EQ(Step(worker, event, {{"step", "imminent_risk_judged"}, {"imminent", false},
                                 {"reason", "Calmer now."}})
                .status,
            201);
  // Judged not imminent: no escalation without consent.
  EXPECT_EQ(Step(worker, event, {{"step", "escalated_without_consent"},
                                 {"justification", "To be safe."}})
                .status,
            409);
  ASSERT_EQ(Step(worker, event, {{"step", "imminent_risk_judged"}, {"imminent", true},
                                 {"reason", "She left with the means and will not talk."}})
                .status,
            201);
  // Imminent, but no written justification: refused, naming the rule.
  ApiResponse bare = Step(worker, event, {{"step", "escalated_without_consent"}});
  EXPECT_EQ(bare.status, 409);
  EXPECT_EQ(bare.body["detail"].get<std::string>().rfind("[safety.escalation]", 0), 0u);
  // Closing while imminent risk stands unanswered is refused too.
  EXPECT_EQ(Step(worker, event, {{"step", "closed"}, {"reason", "no answer"}}).status, 409);
  ApiResponse escalated = Step(
      worker, event,
      {{"step", "escalated_without_consent"},
       {"justification", "Imminent risk remained after planning and consultation; she declined "
                         "every voluntary option, so the mobile crisis team was called."}});
  ASSERT_EQ(escalated.status, 201) << escalated.raw;
  const std::vector<domain::Notification> notices =
      store_->ListNotifications(clin_sup_, false, 10).value();
  ASSERT_EQ(notices.size(), 2u);
  EXPECT_EQ(notices[0].topic, "safety_event.escalated");  // newest first

  // An emergency may skip straight to escalation, with its reason.
  const Id emergency = Open(worker, "risk_to_others");
  ApiResponse skipped = Step(worker, emergency,
                             {{"step", "escalated_without_consent"},
                              {"emergency", true},
                              {"justification", "He had a weapon and named a person; 911."}});
  EXPECT_EQ(skipped.status, 201) << skipped.raw;
}

TEST_F(SafetyApiTest, BadInputNamesTheFieldAndChangesNothing) {
  ApiClient worker = SignedIn("peer");
  const std::string events = Path("/api/v1/people/", person_1_, "/safety-events");
  const std::int64_t before = store_->VerifyAudit().value().rows_checked;
  struct Case {
    std::string body, field;
  };
  const std::vector<Case> cases = {
      {R"({"kind": "sad", "disclosed_at": "2026-12-01T10:00:00Z"})", "kind"},
      {R"({"kind": "other", "disclosed_at": ")" + FormatInstant(NowUtc() - 60) + R"("})",
       "description"},
      {R"({"kind": "other"})", "disclosed_at"},
      {R"({"kind": "risk_to_others", "disclosed_at": "2099-01-01T00:00:00Z"})", "disclosed_at"},
      {R"({"kind": "risk_to_others", "disclosed_at": "yesterday"})", "disclosed_at"},
      {R"({"kind": "risk_to_others", "disclosed_at": "2026-12-01T10:00:00Z", "mood": 3})", "mood"},
  };
  for (const Case& bad : cases) {
    ApiResponse answer = worker.Send("POST", events, bad.body);
    EXPECT_EQ(answer.status, 400) << bad.body << ": " << answer.raw;
    EXPECT_EQ(answer.body["field"], bad.field) << bad.body;
  }
  EXPECT_EQ(store_->VerifyAudit().value().rows_checked, before);

  const Id event = Open(worker);
  ApiResponse step = Step(worker, event, {{"step", "dancing"}});
  EXPECT_EQ(step.body["field"], "step");
  // A step dated before the disclosure is refused: never back-dated.
  ApiResponse early = Step(worker, event, {{"step", "confidentiality_explained"},
                                           {"at", FormatInstant(NowUtc() - 3600)}});
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.body["detail"].get<std::string>().rfind("[safety.time]", 0), 0u) << early.raw;
  EXPECT_EQ(store_->GetSafetyEvent(event).value().steps.size(), 0u);
}

TEST_F(SafetyApiTest, TheQueueShowsSupervisorsTheirSuperviseesEventsUntilReviewed) {
  ApiClient worker = SignedIn("peer");
  const Id event = Open(worker);
  ApiClient clinical = SignedIn("clinsup");
  ApiResponse queue = clinical.Send("GET", "/api/v1/safety-queue");
  ASSERT_EQ(queue.status, 200) << queue.raw;
  ASSERT_EQ(queue.body["items"].size(), 1u);
  EXPECT_EQ(queue.body["items"][0]["id"], event);
  EXPECT_EQ(queue.body["review_hours"], 24);
  EXPECT_FALSE(queue.body["items"][0]["overdue"].get<bool>());
  // The other worker's supervisor sees nothing of it.
  EXPECT_EQ(SignedIn("otherpeer").Send("GET", "/api/v1/safety-queue").status, 403);

  ApiResponse empty = clinical.Send("POST", Path("/api/v1/safety-events/", event, "/reviews"),
                                    R"({"note": "  "})");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.body["field"], "note");
  ApiResponse reviewed = clinical.Send("POST", Path("/api/v1/safety-events/", event, "/reviews"),
                                       R"({"note": "Read it; call me after the follow-up."})");
  ASSERT_EQ(reviewed.status, 201) << reviewed.raw;
  EXPECT_EQ(reviewed.body["reviews"][0]["reviewer_role"], "clinical_supervisor");
  // Reviewed but still open: it stays on the queue until closed.
  EXPECT_EQ(clinical.Send("GET", "/api/v1/safety-queue").body["items"].size(), 1u);
  // A worker does not review.
  EXPECT_EQ(worker.Send("POST", Path("/api/v1/safety-events/", event, "/reviews"),
                        R"({"note": "Fine."})")
                .status,
            403);
}

TEST_F(SafetyApiTest, TheManagerSetsTheReviewTimeAndTheTimeZoneIsKept) {
  ApiClient manager = SignedIn("manager");
  ASSERT_EQ(manager.Send("PUT", "/api/v1/settings", R"({"time_zone": "America/Chicago"})").status,
            200);
  ApiResponse set = manager.Send("PUT", "/api/v1/settings", R"({"safety_review_hours": 12})");
  ASSERT_EQ(set.status, 200) << set.raw;
  EXPECT_EQ(set.body["safety_review_hours"], 12);
  EXPECT_EQ(set.body["time_zone"], "America/Chicago");
  // Setting the zone again keeps the hours.
  ApiResponse zone = manager.Send("PUT", "/api/v1/settings", R"({"time_zone": "America/Denver"})");
  EXPECT_EQ(zone.body["safety_review_hours"], 12);
  for (const char* bad : {R"({"safety_review_hours": 0})", R"({"safety_review_hours": 169})",
                          R"({"safety_review_hours": "a day"})"}) {
    ApiResponse refused = manager.Send("PUT", "/api/v1/settings", bad);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_EQ(refused.body["field"], "safety_review_hours") << bad;
  }
  EXPECT_EQ(manager.Send("PUT", "/api/v1/settings", "{}").status, 400);
  EXPECT_EQ(SignedIn("clinsup").Send("PUT", "/api/v1/settings", R"({"safety_review_hours": 2})")
                .status,
            403);
  // The queue uses it: an event opened 13 hours ago is past the review time.
  domain::SafetyEvent event;
  event.person_id = person_1_;
  event.worker_id = worker_a_;
  event.kind = domain::SafetyKind::kSuicidalThoughtsActive;
  event.disclosed_at = NowUtc() - 13 * 3600;
  event.opened_at = NowUtc() - 13 * 3600;
  ASSERT_TRUE(store_->OpenSafetyEvent(event, {}, alongside::testing::kTestActor).ok());
  ApiResponse queue = SignedIn("clinsup").Send("GET", "/api/v1/safety-queue");
  ASSERT_EQ(queue.body["items"].size(), 1u);
  EXPECT_TRUE(queue.body["items"][0]["overdue"].get<bool>());
  EXPECT_EQ(queue.body["overdue"], 1);
  EXPECT_EQ(queue.body["review_hours"], 12);
}

TEST_F(SafetyApiTest, ThePersonOwnsTheirPlanCoSignsItAndChoosesWhoSeesIt) {
  ApiClient worker = SignedIn("peer");
  const std::string plans = Path("/api/v1/people/", person_1_, "/plans");
  ApiResponse made = worker.Send(
      "POST", plans,
      R"({"kind": "safety", "sections": {"people_to_ask": "My sister Ana", )"
      R"("warning_signs": "I stop answering my phone"}, "review_on": "2027-06-01"})");
  ASSERT_EQ(made.status, 201) << made.raw;
  const Id plan = made.body["id"];
  EXPECT_TRUE(made.body["awaiting_cosign"].get<bool>());
  EXPECT_EQ(made.body["current"]["sections"]["people_to_ask"], "My sister Ana");
  EXPECT_EQ(made.body["current"]["review_on"], "2027-06-01");
  EXPECT_EQ(made.body["shared_with"].size(), 0u);
  // One safety plan per person: revise it.
  EXPECT_EQ(worker.Send("POST", plans, R"({"kind": "safety", "sections": {"warning_signs": "x"}})")
                .status,
            409);
  ApiResponse unknown = worker.Send("POST", plans,
                                    R"({"kind": "wellness", "sections": {"warning_signs": "x"}})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.body["field"], "sections.warning_signs");
  EXPECT_EQ(worker.Send("POST", plans, R"({"kind": "wellness", "sections": {}})").body["field"],
            "sections");

  const std::string one = plans + "/" + std::to_string(plan);
  // Not shared yet: the supervisor is told there is no such plan.
  ApiClient supervisor = SignedIn("peersup");
  EXPECT_EQ(supervisor.Send("GET", one).status, 404);
  EXPECT_EQ(supervisor.Send("GET", plans).body["items"].size(), 0u);
  // Only the person chooses the sharing and co-signs.
  EXPECT_EQ(worker.Send("PUT", one + "/sharing", R"({"shared_with": ["supervisors"]})").status,
            403);
  EXPECT_EQ(worker.Send("POST", one + "/cosign", "{}").status, 403);
  ApiClient person = SignedIn("person");
  ApiResponse shared = person.Send("PUT", one + "/sharing", R"({"shared_with": ["supervisors"]})");
  ASSERT_EQ(shared.status, 200) << shared.raw;
  EXPECT_EQ(shared.body["shared_with"][0], "supervisors");
  EXPECT_EQ(supervisor.Send("GET", one).status, 200);
  EXPECT_EQ(person.Send("PUT", one + "/sharing", R"({"shared_with": ["family"]})").body["field"],
            "shared_with");

  ApiResponse signed_plan = person.Send("POST", one + "/cosign", "{}");
  ASSERT_EQ(signed_plan.status, 200) << signed_plan.raw;
  EXPECT_FALSE(signed_plan.body["awaiting_cosign"].get<bool>());
  EXPECT_EQ(signed_plan.body["versions"].size(), 2u);
  EXPECT_EQ(person.Send("POST", one + "/cosign", "{}").status, 409);

  // The person's own new version is theirs: nothing to co-sign.
  ApiResponse own = person.Send(
      "POST", one + "/versions",
      R"({"sections": {"warning_signs": "I stop answering my phone", )"
      R"("what_matters_most": "My cat, Pepper, and my niece."}})");
  ASSERT_EQ(own.status, 201) << own.raw;
  EXPECT_TRUE(own.body["current"]["by_person"].get<bool>());
  EXPECT_FALSE(own.body["awaiting_cosign"].get<bool>());
  EXPECT_EQ(own.body["current"]["review_on"], "2027-06-01");  // kept
  // Another person's path to the plan answers as if there were none.
  EXPECT_EQ(worker.Send("GET", Path("/api/v1/people/", person_2_, "/plans/") +
                                   std::to_string(plan))
                .status,
            404);
  EXPECT_EQ(SignedIn("otherpeer").Send("GET", one).status, 404);
}

}  // namespace
}  // namespace alongside::server::testing
