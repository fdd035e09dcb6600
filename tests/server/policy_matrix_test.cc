// The whole access matrix: every API route x every role x (own record,
// someone else's record). "Own" targets person P1 / worker A, whom the
// supervisors "peersup" and "clinsup" supervise; "other" targets P2 / worker
// B, outside every relationship. A route missing from the table fails the
// test, so no route can skip the policy.
#include <regex>

#include "api_fixture.h"
#include "server/router.h"

namespace alongside::server::testing {
namespace {

// Decisions per role, in this order, as two letters each: own then other.
// A = allowed (passed authorization), D = denied (403, or 404 where the
// answer must not reveal that a record exists).
const std::vector<std::string> kRoles = {"peer",    "peersup",   "clinsup", "clinician",
                                         "manager", "evaluator", "admin",   "person"};

struct Row {
  std::string method, path;
  std::vector<std::string> decisions;  // one per role in kRoles
};

const std::vector<Row>& Matrix() {
  static const std::vector<Row> rows = {
      //                                         peer  psup  csup  clin  mgr   eval  admin person
      {"POST", "/api/v1/session",                {"AA", "AA", "AA", "AA", "AA", "AA", "AA", "AA"}},
      {"GET", "/api/v1/session",                 {"AA", "AA", "AA", "AA", "AA", "AA", "AA", "AA"}},
      {"DELETE", "/api/v1/session",              {"AA", "AA", "AA", "AA", "AA", "AA", "AA", "AA"}},
      {"GET", "/api/v1/program/summary",         {"AA", "AA", "AA", "AA", "AA", "AA", "AA", "AA"}},
      {"GET", "/api/v1/program/caseloads",       {"DD", "DD", "DD", "DD", "AA", "AA", "AA", "DD"}},
      {"GET", "/api/v1/program/contacts-per-week", {"DD", "DD", "DD", "DD", "AA", "AA", "AA", "DD"}},
      {"GET", "/api/v1/people",                  {"AA", "AA", "AA", "DD", "DD", "DD", "DD", "AA"}},
      {"GET", "/api/v1/people/{id}",             {"AD", "AD", "AD", "DD", "DD", "DD", "DD", "AD"}},
      {"GET", "/api/v1/contacts",                {"AD", "AD", "AD", "DD", "DD", "DD", "DD", "AD"}},
      {"POST", "/api/v1/contacts",               {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "DD"}},
      {"GET", "/api/v1/contacts/{id}",           {"AD", "AD", "AD", "DD", "DD", "DD", "DD", "AD"}},
      // A passage's words, no record: any signed-in caller (own = other).
      {"POST", "/api/v1/review",                 {"AA", "AA", "AA", "AA", "AA", "AA", "AA", "AA"}},
      {"PUT", "/api/v1/contacts/{id}",           {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "DD"}},
      {"POST", "/api/v1/contacts/{id}/finalise", {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "DD"}},
      {"POST", "/api/v1/contacts/{id}/amendments", {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "DD"}},
      {"POST", "/api/v1/contacts/{id}/annotations", {"DD", "DD", "DD", "DD", "DD", "DD", "DD", "AD"}},
      {"GET", "/api/v1/goals",                   {"AD", "AD", "AD", "DD", "DD", "DD", "DD", "AD"}},
      {"POST", "/api/v1/goals",                  {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "AD"}},
      {"POST", "/api/v1/goals/{id}/versions",    {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "AD"}},
      {"POST", "/api/v1/goals/{id}/cosign",      {"DD", "DD", "DD", "DD", "DD", "DD", "DD", "AD"}},
      {"POST", "/api/v1/goals/{id}/progress",    {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "AD"}},
      {"GET", "/api/v1/assignments",             {"AD", "AD", "AD", "DD", "AA", "DD", "DD", "AD"}},
      {"POST", "/api/v1/assignments",            {"DD", "DD", "DD", "DD", "AA", "DD", "DD", "DD"}},
      {"GET", "/api/v1/supervision-sessions",    {"AD", "AD", "AD", "DD", "AA", "DD", "DD", "DD"}},
      {"POST", "/api/v1/supervision-sessions",   {"DD", "AD", "AD", "DD", "DD", "DD", "DD", "DD"}},
      {"GET", "/api/v1/staff",                   {"AA", "AA", "AA", "DD", "AA", "DD", "AA", "DD"}},
      {"GET", "/api/v1/staff/{id}",              {"AA", "AA", "AA", "DD", "AA", "DD", "AA", "DD"}},
      {"GET", "/api/v1/teams",                   {"AA", "AA", "AA", "DD", "AA", "DD", "AA", "DD"}},
      {"GET", "/api/v1/admissions",              {"AD", "AD", "AD", "DD", "DD", "DD", "DD", "AD"}},
      {"POST", "/api/v1/admissions",             {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "DD"}},
      // Only the person changes their own words (no id: "own" and "other" alike).
      {"PUT", "/api/v1/me/profile",              {"DD", "DD", "DD", "DD", "DD", "DD", "DD", "AA"}},
      // A worker's own plans (no id: "own" and "other" alike); a plan made
      // with, closed by and attempts at reaching only their people.
      {"GET", "/api/v1/plans",                   {"AA", "DD", "DD", "DD", "DD", "DD", "DD", "DD"}},
      {"POST", "/api/v1/plans",                  {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "DD"}},
      {"POST", "/api/v1/plans/{id}/done",        {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "DD"}},
      {"POST", "/api/v1/plans/{id}/cancel",      {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "DD"}},
      {"POST", "/api/v1/people/{id}/attempts",   {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "DD"}},
      // The role's guardrails: a worker's drift flags are read by the worker,
      // their supervisors and the manager, resolved by a supervisor; advice
      // requests and boundary events are recorded by the worker on a
      // contact they may record; the boundary guidance is the program's
      // policy, readable by anyone signed in.
      {"GET", "/api/v1/drift-flags",             {"AD", "AD", "AD", "DD", "AA", "DD", "DD", "DD"}},
      {"POST", "/api/v1/drift-flags/{id}/resolve", {"DD", "AD", "AD", "DD", "DD", "DD", "DD", "DD"}},
      {"POST", "/api/v1/contacts/{id}/advice-requests", {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "DD"}},
      {"POST", "/api/v1/contacts/{id}/boundary-events", {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "DD"}},
      {"POST", "/api/v1/boundary-guidance",      {"AA", "AA", "AA", "AA", "AA", "AA", "AA", "AA"}},
      // The person's plans: the person and their peer worker read and write
      // them; supervisors read what the person shared with them (the rows
      // share each plan with supervisors first); only the person co-signs
      // and chooses the sharing.
      {"POST", "/api/v1/people/{id}/plans",      {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "AD"}},
      {"GET", "/api/v1/people/{id}/plans",       {"AD", "AD", "AD", "DD", "DD", "DD", "DD", "AD"}},
      {"GET", "/api/v1/people/{id}/plans/{id}",  {"AD", "AD", "AD", "DD", "DD", "DD", "DD", "AD"}},
      {"POST", "/api/v1/people/{id}/plans/{id}/versions", {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "AD"}},
      {"POST", "/api/v1/people/{id}/plans/{id}/cosign", {"DD", "DD", "DD", "DD", "DD", "DD", "DD", "AD"}},
      {"PUT", "/api/v1/people/{id}/plans/{id}/sharing", {"DD", "DD", "DD", "DD", "DD", "DD", "DD", "AD"}},
      // Safety events: the person's peer worker opens them and records the
      // steps; the worker's supervisors read and review them (and see the
      // queue); the person reads their own.
      {"POST", "/api/v1/people/{id}/safety-events", {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "DD"}},
      {"GET", "/api/v1/people/{id}/safety-events", {"AD", "AD", "AD", "DD", "DD", "DD", "DD", "AD"}},
      {"GET", "/api/v1/safety-events/{id}",      {"AD", "AD", "AD", "DD", "DD", "DD", "DD", "AD"}},
      {"POST", "/api/v1/safety-events/{id}/steps", {"AD", "DD", "DD", "DD", "DD", "DD", "DD", "DD"}},
      {"POST", "/api/v1/safety-events/{id}/reviews", {"DD", "AD", "AD", "DD", "DD", "DD", "DD", "DD"}},
      {"GET", "/api/v1/safety-queue",            {"DD", "AA", "AA", "DD", "DD", "DD", "DD", "DD"}},
      // Fidelity scores: staff who supervise or do peer work, the manager and
      // the evaluator; each sees what Policy::FidelityWorkers allows.
      {"GET", "/api/v1/fidelity",                {"AA", "AA", "AA", "DD", "AA", "AA", "DD", "DD"}},
      {"GET", "/api/v1/fidelity/trend",          {"AA", "AA", "AA", "DD", "AA", "AA", "DD", "DD"}},
      // Governance (docs/governance.md): the audit for the manager (the
      // evaluator reads it); anyone files a concern and proposes a metric;
      // "own" is a concern person 1 filed about worker A, heard by the
      // senior peer supervisor's panel; "other" one person 2 filed.
      {"GET", "/api/v1/governance",              {"DD", "DD", "DD", "DD", "AA", "AA", "DD", "DD"}},
      {"POST", "/api/v1/governance/declarations", {"DD", "DD", "DD", "DD", "AA", "DD", "DD", "DD"}},
      {"GET", "/api/v1/grievances",              {"DD", "DD", "DD", "DD", "AA", "DD", "DD", "DD"}},
      {"POST", "/api/v1/grievances",             {"AA", "AA", "AA", "AA", "AA", "AA", "AA", "AA"}},
      {"GET", "/api/v1/grievances/{id}",         {"DD", "AD", "DD", "DD", "AA", "DD", "DD", "AD"}},
      {"POST", "/api/v1/grievances/{id}/panel",  {"DD", "DD", "DD", "DD", "AA", "DD", "DD", "DD"}},
      {"POST", "/api/v1/grievances/{id}/updates", {"DD", "DD", "DD", "DD", "AA", "DD", "DD", "DD"}},
      // Only whoever filed a concern withdraws it: person 1 filed "own".
      {"POST", "/api/v1/grievances/{id}/withdraw", {"DD", "DD", "DD", "DD", "DD", "DD", "DD", "AD"}},
      {"GET", "/api/v1/metrics",                 {"AA", "AA", "AA", "AA", "AA", "AA", "AA", "AA"}},
      {"POST", "/api/v1/metrics",                {"AA", "AA", "AA", "AA", "AA", "AA", "AA", "AA"}},
      {"POST", "/api/v1/metrics/{id}/endorse",   {"DD", "DD", "DD", "DD", "DD", "DD", "DD", "AA"}},
      {"POST", "/api/v1/metrics/{id}/adopt",     {"DD", "DD", "DD", "DD", "AA", "DD", "DD", "DD"}},
      // The program's time zone: staff read it, the manager sets it.
      {"GET", "/api/v1/settings",                {"AA", "AA", "AA", "AA", "AA", "AA", "AA", "DD"}},
      {"PUT", "/api/v1/settings",                {"DD", "DD", "DD", "DD", "AA", "DD", "DD", "DD"}},
      // Last, in this order: a password change keeps the session it is sent
      // on (the password is restored after it), and ending the others ends
      // the session every later row would use.
      {"PUT", "/api/v1/session/password",        {"AA", "AA", "AA", "AA", "AA", "AA", "AA", "AA"}},
      {"DELETE", "/api/v1/session/others",       {"AA", "AA", "AA", "AA", "AA", "AA", "AA", "AA"}},
  };
  return rows;
}

constexpr const char* kNewPassword = "a changed password";

class PolicyMatrixTest : public ApiTest {
 protected:
  // Puts back kPassword after a row changed it, keeping `client`'s session.
  void RestorePassword(const std::string& username, const ApiClient& client) {
    const std::string token = client.cookie().substr(client.cookie().find('=') + 1);
    ASSERT_TRUE(store_
                    ->ChangePassword(store_->FindAccount(username).value().id,
                                     HashPassword(kPassword, TestAuthOptions()).value(),
                                     Sha256Hex(token), alongside::testing::kTestActor)
                    .ok());
  }

  // The request for a route aimed at the "own" or the "other" side.
  std::pair<std::string, std::string> RequestFor(const Row& row, bool own) {
    Id person = own ? person_1_ : person_2_;
    Id worker = own ? worker_a_ : worker_b_;
    // A draft for the steps of a draft (revise, finalise); a final note for
    // the rest (a person served sees and annotates final notes; a final
    // note is amended).
    const bool draft_step = row.method == "PUT" || row.path.ends_with("/finalise");
    Id contact = draft_step ? (own ? contact_1_ : contact_2_) : (own ? final_1_ : final_2_);
    Id goal = own ? goal_1_ : goal_2_;
    std::string path = row.path;
    std::string id;
    if (path.find("/people/") != std::string::npos) id = std::to_string(person);
    if (path.find("/contacts/") != std::string::npos) id = std::to_string(contact);
    if (path.find("/goals/") != std::string::npos) id = std::to_string(goal);
    if (row.path.ends_with("/cosign") && row.path.starts_with("/api/v1/goals/")) {
      // Something to co-sign: a goal written with the worker, not yet signed
      // (earlier rows may have made the fixture's goal the person's own).
      domain::GoalVersion together;
      together.words = "A goal written together.";
      together.authored_by_person = false;
      id = std::to_string(store_->AddGoal(person, together, alongside::testing::kTestActor).value());
    }
    if (path.find("/staff/") != std::string::npos) id = std::to_string(worker);
    if (row.path.starts_with("/api/v1/people/{id}/plans/")) {
      // The person's plan, shared with supervisors; for co-signing, with a
      // version their worker wrote with them on top.
      Id plan_id = 0;
      const std::vector<domain::PersonPlan> existing = store_->ListPersonPlans(person).value();
      for (const domain::PersonPlan& plan : existing) {
        if (plan.kind == domain::PlanKind::kSafety) plan_id = plan.id;
      }
      if (plan_id == 0) {
        domain::PersonPlan plan;
        plan.person_id = person;
        plan.kind = domain::PlanKind::kSafety;
        domain::PlanVersion first;
        first.sections = {{"warning_signs", "I stop answering my phone."}};
        first.written_at = NowUtc();
        plan.versions.push_back(first);
        plan_id = store_->AddPersonPlan(plan, alongside::testing::kTestActor).value();
      }
      EXPECT_TRUE(store_->SetPlanSharing(plan_id, {domain::PlanAudience::kSupervisors},
                                         alongside::testing::kTestActor)
                      .ok());
      if (row.path.ends_with("/cosign")) {
        EXPECT_TRUE(store_
                        ->AppendPlanVersion(
                            plan_id,
                            [&](const domain::PersonPlan& current) -> Result<domain::PlanVersion> {
                              domain::PlanVersion next = current.latest();
                              next.by_person = false;
                              next.author_staff_id = worker;
                              next.cosigned_at.reset();
                              return next;
                            },
                            alongside::testing::kTestActor, "plan.revise")
                        .ok());
      }
      path = "/api/v1/people/" + std::to_string(person) + "/plans/" + std::to_string(plan_id) +
             row.path.substr(std::string("/api/v1/people/{id}/plans/{id}").size());
    }
    if (path.find("/safety-events/") != std::string::npos) {
      // A new event on the own or the other side (a step uses one up).
      domain::SafetyEvent event;
      event.person_id = person;
      event.worker_id = worker;
      event.kind = domain::SafetyKind::kSuicidalThoughtsPassive;
      event.disclosed_at = NowUtc() - 600;
      event.opened_at = NowUtc() - 600;
      id = std::to_string(
          store_->OpenSafetyEvent(event, {}, alongside::testing::kTestActor).value());
    }
    if (path.find("/plans/") != std::string::npos && row.path.starts_with("/api/v1/plans/")) {
      // A plan still open, the own or the other worker's (closing uses it up).
      domain::PlannedContact plan;
      plan.person_id = person;
      plan.worker_id = worker;
      plan.at = NowUtc() + 86'400;
      plan.purpose = "Walk to the library together.";
      plan.created_at = NowUtc();
      id = std::to_string(
          store_->AddPlannedContact(plan, alongside::testing::kTestActor).value());
    }
    if (path.find("/drift-flags/") != std::string::npos) {
      // An open flag on the own or the other worker's side: a final note
      // recording a clinical-only activity (resolving uses it up).
      domain::ContactVersion version = alongside::testing::DraftVersion(worker, 1'780'000'000);
      version.activities = {"diagnosis"};
      version.status = domain::NoteStatus::kFinal;
      version.signed_by = worker;
      version.signed_at = version.written_at;
      const Id drifted =
          store_->RecordContact(person, worker, version, alongside::testing::kTestActor).value();
      store::DriftQuery query;
      query.contact_id = drifted;
      id = std::to_string(store_->ListDriftFlags(query).value().front().id);
    }
    if (row.path.starts_with("/api/v1/grievances/{id}")) {
      // A fresh concern (forming a panel and an update use one up); its
      // panel already formed except for the route that forms it.
      domain::Grievance grievance;
      grievance.filed_by_person_id = person;
      grievance.about_worker_id = worker;
      grievance.filed_at = NowUtc() - 600;
      grievance.summary = "My visits were cancelled without a call.";
      const Id filed = store_->FileGrievance(grievance, alongside::testing::kTestActor).value();
      if (!row.path.ends_with("/panel")) {
        store::GrievanceChange change;
        change.update.at = NowUtc() - 300;
        change.update.status = domain::GrievanceStatus::kPanelFormed;
        change.update.note = "A panel has been formed.";
        if (own) change.panel = {{peer_sup_, true, false}, {worker_b_, true, true}};
        else change.panel = {{other_peer_sup_, true, true}};
        EXPECT_TRUE(store_->UpdateGrievance(
                              filed,
                              [&](const domain::Grievance&) -> Result<store::GrievanceChange> {
                                return change;
                              },
                              alongside::testing::kTestActor)
                        .ok());
      }
      id = std::to_string(filed);
    }
    if (row.path.starts_with("/api/v1/metrics/{id}")) {
      domain::ProgramMetric metric;
      metric.words = "Days from referral to first contact";
      metric.proposed_by_staff_id = worker;
      metric.proposed_at = NowUtc() - 600;
      id = std::to_string(store_->ProposeMetric(metric, alongside::testing::kTestActor).value());
    }
    if (!id.empty()) path = std::regex_replace(path, std::regex("\\{id\\}"), id);
    std::string query;
    if (row.method == "GET") {
      if (row.path == "/api/v1/contacts" || row.path == "/api/v1/goals" ||
          row.path == "/api/v1/admissions" || row.path == "/api/v1/assignments") {
        query = "?person_id=" + std::to_string(person);
      } else if (row.path == "/api/v1/supervision-sessions") {
        query = "?supervisee_id=" + std::to_string(worker);
      } else if (row.path == "/api/v1/drift-flags") {
        query = "?worker_id=" + std::to_string(worker);
      }
    }
    nlohmann::json contact_fields = nlohmann::json::parse(ContactBody(person));
    std::string body;
    if (row.method == "POST" && row.path == "/api/v1/session") {
      body = nlohmann::json{{"username", "peer"}, {"password", kPassword}}.dump();
    } else if (row.path == "/api/v1/session/password") {
      body = nlohmann::json{{"current_password", kPassword}, {"new_password", kNewPassword}}.dump();
    } else if (row.method == "POST" && row.path == "/api/v1/contacts") {
      body = contact_fields.dump();
    } else if (row.path == "/api/v1/review") {
      body = R"({"text": "We walked to the library."})";
    } else if (row.path == "/api/v1/settings") {
      body = R"({"time_zone": "America/New_York"})";
    } else if (row.method == "POST" && row.path == "/api/v1/plans") {
      body = nlohmann::json{{"person_id", person},
                            {"date", FormatDay(DayOf(NowUtc()) + 2)},
                            {"time", "10:00"},
                            {"setting", "community"},
                            {"purpose", "Walk to the library together."}}
                 .dump();
    } else if (row.path.ends_with("/resolve")) {
      body = R"({"resolution": "explained", "note": "Talked it through."})";
    } else if (row.path.ends_with("/advice-requests")) {
      body = R"({"asked": "what to do about a job offer", "role_clarified": "done"})";
    } else if (row.path.ends_with("/boundary-events")) {
      body = R"({"kind": "gift", "gift_value_cents": 800, "decision": "accept_and_document"})";
    } else if (row.path == "/api/v1/boundary-guidance") {
      body = R"({"kind": "social_media"})";
    } else if (row.method == "POST" && row.path == "/api/v1/people/{id}/plans") {
      // The kind the person has no plan of yet (one of each).
      std::vector<domain::PersonPlan> plans = store_->ListPersonPlans(person).value();
      const bool has_wellness = std::any_of(plans.begin(), plans.end(), [](const auto& plan) {
        return plan.kind == domain::PlanKind::kWellness;
      });
      body = nlohmann::json{{"kind", has_wellness ? "safety" : "wellness"},
                            {"sections", {{"triggers", "Loud crowds and money worries."}}}}
                 .dump();
      if (has_wellness) {
        body = R"({"kind": "safety", "sections": {"warning_signs": "I stop sleeping."}})";
      }
    } else if (row.path.ends_with("/plans/{id}/versions")) {
      body = R"({"sections": {"warning_signs": "I stop sleeping.", "people_to_ask": "Ana"}})";
    } else if (row.path.ends_with("/sharing")) {
      body = R"({"shared_with": ["supervisors", "team"]})";
    } else if (row.path.ends_with("/cosign") && row.path.starts_with("/api/v1/people/")) {
      body = "{}";
    } else if (row.path == "/api/v1/people/{id}/safety-events" && row.method == "POST") {
      body = nlohmann::json{{"kind", "suicidal_thoughts_passive"},
                            {"disclosed_at", FormatInstant(NowUtc() - 60)}}
                 .dump();
    } else if (row.path.ends_with("/steps")) {
      body = R"({"step": "confidentiality_explained"})";
    } else if (row.path.ends_with("/reviews")) {
      body = R"({"note": "Read the steps; the person's choices were respected."})";
    } else if (row.path.ends_with("/attempts")) {
      body = R"({"setting": "phone"})";
    } else if (row.path == "/api/v1/governance/declarations") {
      body = R"({"code": "parity_pay", "met": true, "evidence": "Pay scale 2026"})";
    } else if (row.method == "POST" && row.path == "/api/v1/grievances") {
      body = R"({"summary": "Nobody called me back after my visit was cancelled."})";
    } else if (row.path.ends_with("/grievances/{id}/panel")) {
      // Worker B is a peer worker outside worker A's line management.
      body = nlohmann::json{{"staff_ids", {own ? worker_b_ : worker_a_}}}.dump();
    } else if (row.path.ends_with("/grievances/{id}/updates")) {
      body = R"({"status": "heard", "note": "The panel met with the person."})";
    } else if (row.path.ends_with("/grievances/{id}/withdraw")) {
      body = R"({"note": "We talked it through."})";
    } else if (row.method == "POST" && row.path == "/api/v1/metrics") {
      body = R"({"words": "People feel heard at their first visit"})";
    } else if (row.path.starts_with("/api/v1/metrics/{id}/")) {
      body = "{}";
    } else if (row.path == "/api/v1/me/profile") {
      body = R"({"pronouns": "they/them"})";
    } else if (row.method == "PUT" || row.path.ends_with("/amendments")) {
      contact_fields.erase("person_id");
      if (row.path.ends_with("/amendments")) {
        contact_fields["amend_reason"] = "correction";
        // The person's own words in a final note are carried over as they are.
        contact_fields.erase("person_words");
      }
      body = contact_fields.dump();
    } else if (row.path.ends_with("/annotations") || row.path.ends_with("/progress")) {
      body = R"({"words": "Some words."})";
    } else if (row.method == "POST" && row.path == "/api/v1/goals") {
      body = nlohmann::json{{"person_id", person}, {"words", "A goal in my words."}}.dump();
    } else if (row.path.ends_with("/versions")) {
      body = R"({"status": "active"})";
    } else if (row.method == "POST" && row.path == "/api/v1/assignments") {
      // A person not yet assigned to the worker: the same pair twice is 409.
      domain::Person newcomer;
      newcomer.team_id = store_->GetPerson(person).value().team_id;
      newcomer.preferred_name = "Newcomer";
      newcomer.enrolled_on = 20000;
      Id fresh = store_->AddPerson(newcomer, alongside::testing::kTestActor).value();
      body = nlohmann::json{{"person_id", fresh}, {"worker_id", worker}, {"start_on", "2026-11-01"}}
                 .dump();
    } else if (row.method == "POST" && row.path == "/api/v1/supervision-sessions") {
      body = nlohmann::json{{"supervisee_id", worker},
                            {"kind", "peer_practice"},
                            {"held_at", "2026-11-20T10:00:00Z"},
                            {"duration_minutes", 60}}
                 .dump();
    } else if (row.method == "POST" && row.path == "/api/v1/admissions") {
      body = nlohmann::json{{"person_id", person},
                            {"kind", "psychiatric_inpatient"},
                            {"admitted_on", "2026-11-01"}}
                 .dump();
    }
    return {path + query, body};
  }
};

TEST_F(PolicyMatrixTest, EveryRouteIsInTheMatrix) {
  Router router;
  AddApiRoutes(router);
  for (const Route& route : router.routes()) {
    bool listed = std::any_of(Matrix().begin(), Matrix().end(), [&](const Row& row) {
      return row.method == route.method && row.path == route.path;
    });
    EXPECT_TRUE(listed) << route.method << " " << route.path << " has no row in the matrix";
  }
  EXPECT_EQ(Matrix().size(), router.routes().size());
}

TEST_F(PolicyMatrixTest, EveryRoleOnEveryRouteOwnAndOther) {
  std::map<std::string, ApiClient> clients;
  for (const std::string& role : kRoles) clients.emplace(role, SignedIn(role));
  int checked = 0;
  for (const Row& row : Matrix()) {
    for (size_t role_idx = 0; role_idx < kRoles.size(); ++role_idx) {
      for (bool own : {true, false}) {
        const std::string& role = kRoles[role_idx];
        char expected = row.decisions[role_idx][own ? 0 : 1];
        auto [path, body] = RequestFor(row, own);
        // Signing out ends the session: use a fresh one for that route.
        ApiClient client = row.method == "DELETE" ? SignedIn(role) : clients.at(role);
        ApiResponse response = client.Send(row.method, path, body);
        if (row.path == "/api/v1/session/password" && response.status == 204) {
          RestorePassword(role, client);
        }
        bool denied = response.status == 403 || response.status == 404;
        // "Allowed" means the request did what it asked: a 2xx, never a 400
        // or 409 that would also pass as "not denied".
        bool done = response.status >= 200 && response.status < 300;
        std::string where = row.method + " " + path + " as " + role + (own ? " (own)" : " (other)");
        ASSERT_NE(response.status, 0) << where;
        EXPECT_NE(response.status, 401) << where;
        EXPECT_LT(response.status, 500) << where << ": " << response.raw;
        if (expected == 'A') {
          EXPECT_TRUE(done) << where << " was not done (" << response.status
                            << "): " << response.raw;
        } else {
          EXPECT_TRUE(denied) << where << " was allowed with " << response.status << ": "
                              << response.raw;
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(Matrix().size() * kRoles.size() * 2));
}

TEST_F(PolicyMatrixTest, DenialsAreAudited) {
  ApiClient other = SignedIn("otherpeer");
  std::int64_t before = store_->VerifyAudit().value().rows_checked;
  ASSERT_EQ(other.Send("GET", "/api/v1/people/" + std::to_string(person_1_)).status, 403);
  ASSERT_EQ(other.Send("GET", "/api/v1/contacts/" + std::to_string(contact_1_)).status, 404);
  std::vector<store::AuditEntry> tail = store_->AuditTail(2).value();
  ASSERT_EQ(store_->VerifyAudit().value().rows_checked, before + 2);
  for (const store::AuditEntry& entry : tail) {
    EXPECT_EQ(entry.outcome, "denied");
    EXPECT_EQ(entry.person_id, person_1_);
    EXPECT_EQ(entry.actor, "staff:" + std::to_string(worker_b_));
  }
}

}  // namespace
}  // namespace alongside::server::testing
