// The JSON API as an outside tool uses it.
#include <algorithm>

#include "api_fixture.h"

namespace alongside::server::testing {
namespace {

TEST_F(ApiTest, SignInReturnsCsrfAndSetsAStrictCookie) {
  ApiClient client(port_);
  ApiResponse response = client.SignIn("peer");
  ASSERT_EQ(response.status, 201);
  EXPECT_EQ(response.body["role"], "peer_specialist");
  EXPECT_EQ(response.body["staff_id"], worker_a_);
  EXPECT_EQ(response.body["csrf_token"].get<std::string>().size(), 64u);
  httplib::Client raw("127.0.0.1", port_);
  auto result = raw.Post("/api/v1/session", R"({"username":"peer","password":"correct horse battery"})",
                         "application/json");
  ASSERT_TRUE(result);
  std::string cookie = result->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // no TLS here
}

TEST_F(ApiTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  ApiClient client(port_);
  ApiResponse wrong = client.SignIn("peer", "not the password");
  ApiResponse unknown = client.SignIn("nobody", "not the password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body["detail"], unknown.body["detail"]);
}

TEST_F(ApiTest, RepeatedFailuresLockTheAccount) {
  ApiClient client(port_);
  for (int attempt = 0; attempt < 5; ++attempt) {
    EXPECT_EQ(client.SignIn("peer", "guess " + std::to_string(attempt)).status, 401);
  }
  ApiResponse locked = client.SignIn("peer");  // even the right password, for now
  EXPECT_EQ(locked.status, 401);
  EXPECT_NE(locked.body["detail"].get<std::string>().find("locked"), std::string::npos);
}

TEST_F(ApiTest, SignedOutSessionNoLongerWorks) {
  ApiClient client = SignedIn("peer");
  EXPECT_EQ(client.Send("GET", "/api/v1/people").status, 200);
  EXPECT_EQ(client.Send("DELETE", "/api/v1/session").status, 204);
  EXPECT_EQ(client.Send("GET", "/api/v1/people").status, 401);
}

TEST_F(ApiTest, ExpiredAndIdleSessionsEnd) {
  ApiClient client = SignedIn("peer");
  std::string token = client.cookie().substr(client.cookie().find('=') + 1);
  std::string token_hash = Sha256Hex(token);
  store::Session session = store_->FindSession(token_hash).value();
  // Idle for longer than the idle timeout.
  ASSERT_TRUE(store_->TouchSession(token_hash, session.last_seen_at - 31 * 60).ok());
  EXPECT_EQ(client.Send("GET", "/api/v1/people").status, 401);
  EXPECT_EQ(store_->FindSession(token_hash).status().code(), StatusCode::kNotFound);
}

TEST_F(ApiTest, OnlyTheTokenHashIsStored) {
  ApiClient client = SignedIn("peer");
  std::string token = client.cookie().substr(client.cookie().find('=') + 1);
  EXPECT_FALSE(store_->FindSession(token).ok());
  EXPECT_TRUE(store_->FindSession(Sha256Hex(token)).ok());
}

TEST_F(ApiTest, PeerRecordsFinalisesAndCannotEditAFinalNote) {
  ApiClient client = SignedIn("peer");
  ApiResponse recorded = client.Send("POST", "/api/v1/contacts", ContactBody(person_1_));
  ASSERT_EQ(recorded.status, 201) << recorded.raw;
  Id contact = recorded.body["id"];
  EXPECT_EQ(recorded.body["current"]["status"], "draft");
  EXPECT_EQ(recorded.body["current"]["person_words"], "It helped to get outside.");
  std::string path = "/api/v1/contacts/" + std::to_string(contact);
  ApiResponse finalised = client.Send("POST", path + "/finalise");
  ASSERT_EQ(finalised.status, 200) << finalised.raw;
  EXPECT_EQ(finalised.body["current"]["status"], "final");
  EXPECT_EQ(finalised.body["current"]["signed_by"], worker_a_);
  nlohmann::json edit = nlohmann::json::parse(ContactBody(person_1_));
  edit.erase("person_id");
  ApiResponse refused = client.Send("PUT", path, edit.dump());
  EXPECT_EQ(refused.status, 409);
  edit["amend_reason"] = "the walk was on Thursday";
  ApiResponse amended = client.Send("POST", path + "/amendments", edit.dump());
  ASSERT_EQ(amended.status, 201) << amended.raw;
  EXPECT_EQ(amended.body["versions"].size(), 3u);
  EXPECT_EQ(amended.body["current"]["amends_version"], 2);
}

// The note language review through the API (issue 13): POST /api/v1/review
// for words not yet saved, and "review" on a contact for staff.
// Role drift through the API (docs/scope.md): a final note recording a
// clinical-only activity saves, raises a flag the worker and the supervisor
// see, and a supervisor resolves it once, in supervision.
TEST_F(ApiTest, ADriftFlagIsRaisedSeenAndResolvedOnceInSupervision) {
  ApiClient worker = SignedIn("peer");
  nlohmann::json body = nlohmann::json::parse(ContactBody(person_1_));
  body["activities"] = {"medication_change", "companionship"};
  body["note"] = "We walked to the pharmacy together.";
  body["finalise"] = true;
  ApiResponse recorded = worker.Send("POST", "/api/v1/contacts", body.dump());
  ASSERT_EQ(recorded.status, 201) << recorded.raw;
  const std::string contact = recorded.body["id"].dump();

  ApiResponse mine = worker.Send("GET", "/api/v1/drift-flags");
  ASSERT_EQ(mine.status, 200) << mine.raw;
  ASSERT_EQ(mine.body["items"].size(), 1u) << mine.raw;
  const nlohmann::json& flag = mine.body["items"][0];
  EXPECT_EQ(flag["code"], "medication_change");
  EXPECT_EQ(flag["source"], "activity");
  EXPECT_EQ(flag["contact_id"].dump(), contact);
  EXPECT_TRUE(flag["resolution"].is_null());
  ApiResponse read = worker.Send("GET", "/api/v1/contacts/" + contact);
  ASSERT_EQ(read.body["drift_flags"].size(), 1u) << read.raw;

  // The worker does not resolve their own flag; the supervisor does, once,
  // naming a session held with the worker.
  const std::string resolve = "/api/v1/drift-flags/" + flag["id"].dump() + "/resolve";
  EXPECT_EQ(worker.Send("POST", resolve, R"({"resolution": "explained", "note": "x"})").status,
            404);
  ApiClient supervisor = SignedIn("peersup");
  ApiResponse session = supervisor.Send(
      "POST", "/api/v1/supervision-sessions",
      nlohmann::json{{"supervisee_id", worker_a_},
                     {"kind", "peer_practice"},
                     {"held_at", "2026-11-20T10:00:00Z"},
                     {"duration_minutes", 60}}
          .dump());
  ASSERT_EQ(session.status, 201) << session.raw;
  ApiResponse no_session =
      supervisor.Send("POST", resolve, R"({"resolution": "discussed_in_supervision"})");
  EXPECT_EQ(no_session.status, 400);
  EXPECT_EQ(no_session.body["field"], "supervision_session_id");
  ApiResponse no_note = supervisor.Send("POST", resolve, R"({"resolution": "explained"})");
  EXPECT_EQ(no_note.body["field"], "note");
  ApiResponse resolved = supervisor.Send(
      "POST", resolve,
      nlohmann::json{{"resolution", "discussed_in_supervision"},
                     {"supervision_session_id", session.body["id"]},
                     {"note", "Referred the question to her prescriber."}}
          .dump());
  ASSERT_EQ(resolved.status, 200) << resolved.raw;
  EXPECT_EQ(resolved.body["resolution"], "discussed_in_supervision");
  EXPECT_EQ(resolved.body["resolved_by"], peer_sup_);
  EXPECT_EQ(supervisor.Send("POST", resolve, R"({"resolution": "explained", "note": "x"})").status,
            409);
  ApiResponse open = worker.Send("GET", "/api/v1/drift-flags");
  EXPECT_TRUE(open.body["items"].empty());
  ApiResponse all = worker.Send("GET", "/api/v1/drift-flags?open=false");
  EXPECT_EQ(all.body["items"].size(), 1u);
  EXPECT_EQ(worker.Send("GET", "/api/v1/drift-flags?open=maybe").body["field"], "open");
}

// A supervision session with the structured reflection's four parts and
// the supervisee's drift flag it discussed, returned as sent; a subject
// that does not exist, a malformed list or another worker's record is 400
// naming "discussed".
TEST_F(ApiTest, ASupervisionSessionKeepsItsStructuredReflectionAndWhatItDiscussed) {
  ApiClient worker = SignedIn("peer");
  nlohmann::json body = nlohmann::json::parse(ContactBody(person_1_));
  body["activities"] = {"medication_change"};
  body["note"] = "We talked about her tablets.";
  body["finalise"] = true;
  ASSERT_EQ(worker.Send("POST", "/api/v1/contacts", body.dump()).status, 201);
  ApiResponse flags = worker.Send("GET", "/api/v1/drift-flags");
  ASSERT_EQ(flags.body["items"].size(), 1u) << flags.raw;
  const std::int64_t flag_id = flags.body["items"][0]["id"].get<std::int64_t>();

  ApiClient supervisor = SignedIn("peersup");
  nlohmann::json session{{"supervisee_id", worker_a_},
                         {"kind", "peer_practice"},
                         {"held_at", "2026-11-20T10:00:00Z"},
                         {"duration_minutes", 60},
                         {"what_happened", "She asked about her tablets."},
                         {"what_i_felt", "Wanting to help."},
                         {"what_i_learned", "To ask who prescribed them."},
                         {"what_i_will_do", "Go with her to the prescriber."},
                         {"discussed", {{{"subject", "drift_flag"}, {"id", flag_id}}}}};
  ApiResponse recorded =
      supervisor.Send("POST", "/api/v1/supervision-sessions", session.dump());
  ASSERT_EQ(recorded.status, 201) << recorded.raw;
  EXPECT_EQ(recorded.body["what_i_will_do"], "Go with her to the prescriber.");
  EXPECT_EQ(recorded.body["structured_reflection"], true);
  ASSERT_EQ(recorded.body["discussed"].size(), 1u) << recorded.raw;
  EXPECT_EQ(recorded.body["discussed"][0]["subject"], "drift_flag");
  EXPECT_EQ(recorded.body["discussed"][0]["id"], flag_id);
  ApiResponse listed = supervisor.Send(
      "GET", "/api/v1/supervision-sessions?supervisee_id=" + std::to_string(worker_a_));
  ASSERT_EQ(listed.status, 200) << listed.raw;
  EXPECT_EQ(listed.body["items"][0]["discussed"][0]["id"], flag_id) << listed.raw;
  EXPECT_EQ(listed.body["items"][0]["what_happened"], "She asked about her tablets.");

  for (const nlohmann::json& bad :
       {nlohmann::json{{{"subject", "gossip"}, {"id", flag_id}}},
        nlohmann::json{{{"subject", "drift_flag"}, {"id", "three"}}},
        nlohmann::json{{{"subject", "drift_flag"}, {"id", flag_id}, {"extra", 1}}},
        nlohmann::json("drift_flag:3"),
        nlohmann::json{{{"subject", "drift_flag"}, {"id", flag_id + 1000}}}}) {
    nlohmann::json refused_body = session;
    refused_body["discussed"] = bad;
    ApiResponse refused =
        supervisor.Send("POST", "/api/v1/supervision-sessions", refused_body.dump());
    EXPECT_EQ(refused.status, 400) << bad.dump() << " " << refused.raw;
    EXPECT_EQ(refused.body["field"], "discussed") << bad.dump() << " " << refused.raw;
  }
}

// The trend's months follow the calendar, end today, and mark the current
// month partial (its counts cover only the days so far).
TEST_F(ApiTest, TheFidelityTrendMarksTheCurrentMonthPartial) {
  ASSERT_TRUE(store_->SaveProgramSettings(store::ProgramSettings{"UTC"}, alongside::testing::kTestActor).ok());
  ApiClient manager = SignedIn("manager");
  ApiResponse trend = manager.Send("GET", "/api/v1/fidelity/trend?by=program&months=3");
  ASSERT_EQ(trend.status, 200) << trend.raw;
  const nlohmann::json& items = trend.body["items"];
  ASSERT_EQ(items.size(), 3u) << trend.raw;
  const Day today = DayOf(NowUtc());
  Day start = MonthStart(MonthStart(MonthStart(today) - 1) - 1);
  for (size_t idx = 0; idx < items.size(); ++idx) {
    EXPECT_EQ(items[idx]["from"], FormatDay(start)) << trend.raw;
    const bool current = idx + 1 == items.size();
    EXPECT_EQ(items[idx]["partial"], current) << trend.raw;
    const Day last = current ? today : NextMonthStart(start) - 1;
    EXPECT_EQ(items[idx]["to"], FormatDay(last)) << trend.raw;
    start = NextMonthStart(start);
  }
  ApiResponse refused = manager.Send("GET", "/api/v1/fidelity/trend?by=program&months=37");
  EXPECT_EQ(refused.status, 400) << refused.raw;
  EXPECT_EQ(refused.body["field"], "months");
}

// A peer activity the catalog gives to some roles (activities.json
// "roles"): refused to a worker in another role, naming the field; a
// clinical-only one is never refused (it is drift).
TEST_F(ApiTest, AnActivityOfAnotherPeerRoleIsRefusedNamingTheField) {
  ApiClient worker = SignedIn("peer");  // a Certified Peer Specialist
  nlohmann::json body = nlohmann::json::parse(ContactBody(person_1_));
  body["activities"] = {"hospital_bridging"};
  ApiResponse refused = worker.Send("POST", "/api/v1/contacts", body.dump());
  EXPECT_EQ(refused.status, 400) << refused.raw;
  EXPECT_EQ(refused.body["field"], "activities");
  EXPECT_NE(refused.raw.find("Bridging from hospital to community"), std::string::npos)
      << refused.raw;
  body["activities"] = {"psychotherapy"};
  EXPECT_EQ(worker.Send("POST", "/api/v1/contacts", body.dump()).status, 201);
}

// Boundary events through the API (docs/boundaries.md): guidance without a
// record, then the event recorded on a contact with the guidance given and
// the worker's own decision; a request for advice with its five steps.
TEST_F(ApiTest, BoundaryEventsAreGuidedAndRecordedWithTheDecision) {
  ApiClient worker = SignedIn("peer");
  ApiResponse guidance = worker.Send("POST", "/api/v1/boundary-guidance",
                                     R"({"kind": "personal_contact", "repeated": true})");
  ASSERT_EQ(guidance.status, 200) << guidance.raw;
  EXPECT_EQ(guidance.body["decision"], "decline_and_offer_alternative");
  EXPECT_FALSE(guidance.body["channels"].empty());
  EXPECT_EQ(guidance.body["reasons"][1]["rule"], "request.repeated");
  EXPECT_EQ(worker.Send("POST", "/api/v1/boundary-guidance", R"({"kind": "bribe"})").body["field"],
            "kind");

  const std::string contact = std::to_string(final_1_);
  ApiResponse recorded = worker.Send(
      "POST", "/api/v1/contacts/" + contact + "/boundary-events",
      R"({"kind": "gift", "gift_value_cents": 2600, "decision": "accept_and_document",)"
      R"( "conversation": "She made it for me; we talked about the limit."})");
  ASSERT_EQ(recorded.status, 201) << recorded.raw;
  EXPECT_EQ(recorded.body["guidance"], "decline_and_offer_alternative");  // over the limit
  EXPECT_EQ(recorded.body["decision"], "accept_and_document");            // the worker's call
  EXPECT_EQ(recorded.body["guidance_given"]["reasons"][0]["rule"], "gift.over_limit");
  ApiResponse bad = worker.Send("POST", "/api/v1/contacts/" + contact + "/boundary-events",
                                R"({"kind": "gift", "gift_value_cents": -5, "decision": "attend"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["field"], "gift_value_cents");

  ApiResponse advice = worker.Send(
      "POST", "/api/v1/contacts/" + contact + "/advice-requests",
      R"({"asked": "whether to stop her medication", "role_clarified": "done",)"
      R"( "supported_decision": "done", "experience_shared": "declined",)"
      R"( "clinical_connection_offered": "done"})");
  ASSERT_EQ(advice.status, 201) << advice.raw;
  EXPECT_EQ(advice.body["safety_addressed"], "not_recorded");
  EXPECT_EQ(advice.body["experience_shared"], "declined");
  EXPECT_EQ(worker.Send("POST", "/api/v1/contacts/" + contact + "/advice-requests",
                        R"({"role_clarified": "sort of"})").body["field"],
            "role_clarified");

  ApiResponse read = worker.Send("GET", "/api/v1/contacts/" + contact);
  EXPECT_EQ(read.body["boundary_events"].size(), 1u);
  EXPECT_EQ(read.body["advice_requests"].size(), 1u);
  // The billable-note check of the current version, for staff: the
  // fixture's worker holds no certification, so the credential is named.
  ASSERT_TRUE(read.body.contains("completeness")) << read.raw;
  EXPECT_EQ(read.body["completeness"]["complete"], false);
  std::vector<std::string> missing;
  for (const nlohmann::json& part : read.body["completeness"]["missing"]) {
    missing.push_back(part["part"]);
    EXPECT_FALSE(part["message"].get<std::string>().empty());
  }
  EXPECT_NE(std::find(missing.begin(), missing.end(), "worker_credential"), missing.end())
      << read.raw;
  // The person served reads the note, not the worker's practice records.
  ApiResponse as_person = SignedIn("person").Send("GET", "/api/v1/contacts/" + contact);
  ASSERT_EQ(as_person.status, 200);
  EXPECT_FALSE(as_person.body.contains("boundary_events"));
  EXPECT_FALSE(as_person.body.contains("drift_flags"));
}

TEST_F(ApiTest, TheLanguageReviewFlagsWordsToReconsiderAndNeverRefusesANote) {
  ApiClient client = SignedIn("peer");
  const std::string text = "He was non-compliant again. He said 'I am an addict in recovery'.";
  ApiResponse reviewed =
      client.Send("POST", "/api/v1/review", nlohmann::json{{"text", text}}.dump());
  ASSERT_EQ(reviewed.status, 200) << reviewed.raw;
  ASSERT_EQ(reviewed.body["flags"].size(), 1u) << reviewed.raw;  // the quote is his own words
  const nlohmann::json& flag = reviewed.body["flags"][0];
  EXPECT_EQ(flag["category"], "pathologizing");
  EXPECT_EQ(text.substr(flag["start"].get<size_t>(),
                        flag["end"].get<size_t>() - flag["start"].get<size_t>()),
            "non-compliant");
  EXPECT_FALSE(flag["suggestion"].get<std::string>().empty());
  EXPECT_FALSE(flag["rule"].get<std::string>().empty());

  ApiResponse clean = client.Send(
      "POST", "/api/v1/review", nlohmann::json{{"text", "We walked to the library."}}.dump());
  ASSERT_EQ(clean.status, 200);
  EXPECT_TRUE(clean.body["flags"].empty());

  ApiResponse missing = client.Send("POST", "/api/v1/review", "{}");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.body["field"], "text");
  ApiResponse too_long = client.Send(
      "POST", "/api/v1/review", nlohmann::json{{"text", std::string(20001, 'a')}}.dump());
  EXPECT_EQ(too_long.status, 400);
  EXPECT_EQ(too_long.body["field"], "text");

  // A note with such words is saved and finalised as written; the contact
  // carries its review for staff.
  nlohmann::json body = nlohmann::json::parse(ContactBody(person_1_));
  body["note"] = text;
  body["finalise"] = true;
  ApiResponse recorded = client.Send("POST", "/api/v1/contacts", body.dump());
  ASSERT_EQ(recorded.status, 201) << recorded.raw;
  EXPECT_EQ(recorded.body["current"]["status"], "final");
  EXPECT_EQ(recorded.body["review"]["flags"].size(), 1u);
  const std::string path = "/api/v1/contacts/" + recorded.body["id"].dump();
  ApiResponse read = client.Send("GET", path);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.body["review"]["flags"], recorded.body["review"]["flags"]);
  // The person reads the note about them without mark-up.
  ApiResponse own = SignedIn("person").Send("GET", path);
  ASSERT_EQ(own.status, 200) << own.raw;
  EXPECT_FALSE(own.body.contains("review"));

  ApiClient anonymous(port_);
  EXPECT_EQ(anonymous.Send("POST", "/api/v1/review", nlohmann::json{{"text", text}}.dump()).status,
            401);
}

TEST_F(ApiTest, InvalidInputNamesTheFieldAndWritesNothing) {
  ApiClient client = SignedIn("peer");
  std::string before = store_->ContentDigest().value();
  struct Case {
    std::string field;
    nlohmann::json value;
  };
  for (const Case& bad : std::vector<Case>{{"duration_minutes", 721},
                                           {"duration_minutes", "long"},
                                           {"start", "yesterday"},
                                           {"setting", "moon"},
                                           {"modalities", nlohmann::json::array()},
                                           {"activities", {"juggling"}},
                                           {"person_id", -3},
                                           {"colour", "blue"}}) {
    nlohmann::json body = nlohmann::json::parse(ContactBody(person_1_));
    body[bad.field] = bad.value;
    ApiResponse response = client.Send("POST", "/api/v1/contacts", body.dump());
    EXPECT_EQ(response.status, 400) << bad.field;
    EXPECT_EQ(response.body["error"], "invalid") << bad.field;
    EXPECT_EQ(response.body["field"], bad.field) << response.raw;
  }
  ApiResponse not_json = client.Send("POST", "/api/v1/contacts", "{not json");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(not_json.body["field"], "body");
  EXPECT_EQ(client.Send("GET", "/api/v1/contacts?limit=0").body["field"], "limit");
  EXPECT_EQ(client.Send("GET", "/api/v1/contacts?shape=round").body["field"], "shape");
  EXPECT_EQ(store_->ContentDigest().value(), before);
}

TEST_F(ApiTest, WritesWithoutTheCsrfTokenAreRefusedAndAudited) {
  ApiClient client = SignedIn("peer");
  std::string before = store_->ContentDigest().value();
  ApiResponse refused =
      client.Send("POST", "/api/v1/contacts", ContactBody(person_1_), /*with_csrf=*/false);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(store_->ContentDigest().value(), before);
  std::vector<store::AuditEntry> tail = store_->AuditTail(1).value();
  EXPECT_EQ(tail[0].action, "csrf.refused");
  EXPECT_EQ(tail[0].outcome, "denied");
}

TEST_F(ApiTest, ReadsOfARecordAreAuditedWithWhoAndWhere) {
  ApiClient client = SignedIn("peer");
  ASSERT_EQ(client.Send("GET", "/api/v1/people/" + std::to_string(person_1_)).status, 200);
  store::AuditEntry read = store_->AuditTail(1).value()[0];
  EXPECT_EQ(read.action, "person.read");
  EXPECT_EQ(read.person_id, person_1_);
  EXPECT_EQ(read.actor, "staff:" + std::to_string(worker_a_));
  EXPECT_EQ(read.address, "127.0.0.1");
  EXPECT_EQ(read.outcome, "ok");
  ASSERT_EQ(client.Send("GET", "/api/v1/people/" + std::to_string(person_2_)).status, 403);
  store::AuditEntry denied = store_->AuditTail(1).value()[0];
  EXPECT_EQ(denied.outcome, "denied");
  EXPECT_EQ(denied.person_id, person_2_);
  EXPECT_TRUE(store_->VerifyAudit().value().intact);
}

TEST_F(ApiTest, PersonAnnotatesAndCosignsTheirOwnRecord) {
  ApiClient person = SignedIn("person");
  // A draft is the worker's unfinished text: the person neither sees nor
  // annotates it (the API answered 201 here before; the page refused).
  std::string draft_path = "/api/v1/contacts/" + std::to_string(contact_1_);
  EXPECT_EQ(person.Send("GET", draft_path).status, 404);
  EXPECT_EQ(person.Send("POST", draft_path + "/annotations", R"({"words": "Hm."})").status, 404);
  std::string contact_path = "/api/v1/contacts/" + std::to_string(final_1_);
  ApiResponse annotated = person.Send("POST", contact_path + "/annotations",
                                      R"({"words": "The walk was my idea."})");
  ASSERT_EQ(annotated.status, 201) << annotated.raw;
  EXPECT_EQ(annotated.body["annotations"][0]["words"], "The walk was my idea.");
  ApiResponse cosigned =
      person.Send("POST", "/api/v1/goals/" + std::to_string(goal_1_) + "/cosign");
  ASSERT_EQ(cosigned.status, 200) << cosigned.raw;
  EXPECT_FALSE(cosigned.body["current"]["cosigned_at"].is_null());
  EXPECT_EQ(cosigned.body["versions"].size(), 2u);
  ApiResponse added = person.Send("POST", "/api/v1/goals", R"({"words": "Cook five meals I like."})");
  ASSERT_EQ(added.status, 201) << added.raw;
  EXPECT_EQ(added.body["person_id"], person_1_);
  EXPECT_TRUE(added.body["current"]["authored_by_person"]);
  // The worker sees the annotation beside the note.
  ApiClient worker = SignedIn("peer");
  ApiResponse seen = worker.Send("GET", contact_path);
  EXPECT_EQ(seen.body["annotations"][0]["words"], "The walk was my idea.");
  EXPECT_EQ(seen.body["current"]["note"], "Met for coffee and talked about the week.");
}

TEST_F(ApiTest, ListsArePagedAndScoped) {
  ApiClient worker = SignedIn("peer");
  ApiResponse people = worker.Send("GET", "/api/v1/people?limit=10");
  ASSERT_EQ(people.status, 200);
  ASSERT_EQ(people.body["items"].size(), 1u);
  EXPECT_EQ(people.body["items"][0]["id"], person_1_);
  ApiClient supervisor = SignedIn("peersup");
  ApiResponse contacts = supervisor.Send("GET", "/api/v1/contacts?status=draft");
  ASSERT_EQ(contacts.status, 200);
  ASSERT_EQ(contacts.body["items"].size(), 1u);
  EXPECT_EQ(contacts.body["items"][0]["id"], contact_1_);
  // Person 1 has a draft and a final note; the second page holds the other.
  EXPECT_EQ(supervisor.Send("GET", "/api/v1/contacts?offset=1").body["items"].size(), 1u);
  EXPECT_EQ(supervisor.Send("GET", "/api/v1/contacts?offset=2").body["items"].size(), 0u);
}

TEST_F(ApiTest, EvaluatorSeesAggregatesWithoutNames) {
  ApiClient evaluator = SignedIn("evaluator");
  ApiResponse caseloads = evaluator.Send("GET", "/api/v1/program/caseloads");
  ASSERT_EQ(caseloads.status, 200);
  ASSERT_EQ(caseloads.body["items"].size(), 2u);
  EXPECT_FALSE(caseloads.body["items"][0].contains("display_name"));
  EXPECT_FALSE(caseloads.body["items"][0].contains("worker_id"));
  EXPECT_EQ(evaluator.Send("GET", "/api/v1/people").status, 403);
  ApiClient manager = SignedIn("manager");
  EXPECT_TRUE(manager.Send("GET", "/api/v1/program/caseloads").body["items"][0].contains(
      "display_name"));
}

}  // namespace
}  // namespace alongside::server::testing

namespace alongside::server::testing {
namespace {

// The person's own words (issue 11): only they change them, through
// PUT /api/v1/me/profile; their worker reads them; too long names the field.
TEST_F(ApiTest, ThePersonChangesTheirOwnWordsAndTheWorkerReadsThem) {
  ApiClient person = SignedIn("person");
  ApiResponse changed = person.Send("PUT", "/api/v1/me/profile",
                                    R"({"pronouns": "she/her", "self_description": "A gardener."})");
  ASSERT_EQ(changed.status, 200) << changed.raw;
  EXPECT_EQ(changed.body["pronouns"], "she/her");
  ApiResponse only_pronouns = person.Send("PUT", "/api/v1/me/profile", R"({"pronouns": "they/them"})");
  ASSERT_EQ(only_pronouns.status, 200) << only_pronouns.raw;
  EXPECT_EQ(only_pronouns.body["self_description"], "A gardener.");
  ApiResponse too_long = person.Send(
      "PUT", "/api/v1/me/profile",
      nlohmann::json{{"pronouns", std::string(61, 'x')}}.dump());
  EXPECT_EQ(too_long.status, 400);
  EXPECT_EQ(too_long.body["field"], "pronouns");

  ApiClient worker = SignedIn("peer");
  ApiResponse read = worker.Send("GET", "/api/v1/people/" + std::to_string(person_1_));
  EXPECT_EQ(read.body["pronouns"], "they/them");
  EXPECT_EQ(read.body["self_description"], "A gardener.");
  ApiResponse refused =
      worker.Send("PUT", "/api/v1/me/profile", R"({"self_description": "Not my words."})");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(store_->GetPerson(person_1_).value().self_description, "A gardener.");
}

TEST_F(ApiTest, AStayKeepsWhereItWas) {
  ApiClient worker = SignedIn("peer");
  ApiResponse added = worker.Send(
      "POST", "/api/v1/admissions",
      nlohmann::json{{"person_id", person_1_},
                     {"kind", "crisis_stabilisation"},
                     {"admitted_on", "2026-11-01"},
                     {"place", "Harbor crisis house"}}
          .dump());
  ASSERT_EQ(added.status, 201) << added.raw;
  EXPECT_EQ(added.body["place"], "Harbor crisis house");
  EXPECT_TRUE(added.body["discharged_on"].is_null());
  ApiResponse listed =
      worker.Send("GET", "/api/v1/admissions?person_id=" + std::to_string(person_1_));
  EXPECT_EQ(listed.body["items"][0]["place"], "Harbor crisis house");
  ApiResponse backwards = worker.Send(
      "POST", "/api/v1/admissions",
      nlohmann::json{{"person_id", person_1_},
                     {"kind", "crisis_stabilisation"},
                     {"admitted_on", "2026-11-01"},
                     {"discharged_on", "2026-10-01"}}
          .dump());
  EXPECT_EQ(backwards.status, 400);
  EXPECT_EQ(backwards.body["field"], "discharged_on");
}

}  // namespace
}  // namespace alongside::server::testing
