// A Store that forwards every call to another store and can be armed to fail
// one of them, for tests that prove a failure of storage is answered cleanly
// and leaves nothing half-written (tests/server/fail_closed_test.cc). The
// seam LevelDB's fault_injection_test.cc uses, one level up: at the storage
// interface rather than the file system.
//
// Armed with a Fault, it counts calls from zero (every call, or only the
// writes) and the fault's n-th one answers the fault's error:
// - kBeforeCall: instead of going through, so nothing of that call is
//   written (a failure before commit);
// - kAfterCall, for writes only: after the call went through and committed,
//   as when a commit's acknowledgement is lost. The record then exists; a
//   test must accept it wholly present or wholly absent.
// Every call is recorded by name, so a test can first measure the calls a
// request makes with nothing armed, then fail each in turn.
//
// Every method of store::Store is overridden here by forwarding: a method
// added to the interface and not forwarded leaves FaultyStore abstract, and
// the tests that build one stop compiling. Thread-safe (a server calls it
// from its worker threads); the counting is global, so a test that arms it
// sends one request at a time.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace alongside::testing {

class FaultyStore final : public store::Store {
 public:
  using Id = store::Id;

  enum class Counting { kAllCalls, kWritesOnly };
  enum class Timing { kBeforeCall, kAfterCall };

  struct Fault {
    int nth = 1;  // 1-based, among the calls counted
    Counting counting = Counting::kAllCalls;
    Timing timing = Timing::kBeforeCall;  // kAfterCall needs Counting::kWritesOnly
    Status error = Status::Unavailable("injected fault");
  };

  struct Call {
    std::string name;  // the Store method, e.g. "RecordContact"
    bool write = false;
  };

  // `base` must outlive this store.
  explicit FaultyStore(store::Store& base) : base_(base) {}

  // Forgets the calls so far and fails the fault's call when it comes.
  // Throws std::invalid_argument for nth < 1 or an ok error, and for
  // kAfterCall counted over every call (a read has no commit to lose).
  void Arm(const Fault& fault);
  // Forgets the calls so far and fails nothing.
  void Disarm();
  // The calls since Arm or Disarm, in order.
  std::vector<Call> Calls() const;
  // The call that was failed since Arm, if one was.
  std::optional<Call> Failed() const;

  Result<Id> AddProgram(const domain::Program& program, const store::Actor& actor) override {
    return Write("AddProgram", [&] { return base_.AddProgram(program, actor); });
  }
  Result<Id> AddTeam(const domain::Team& team, const store::Actor& actor) override {
    return Write("AddTeam", [&] { return base_.AddTeam(team, actor); });
  }
  Result<Id> AddStaff(const domain::Staff& staff, const store::Actor& actor) override {
    return Write("AddStaff", [&] { return base_.AddStaff(staff, actor); });
  }
  Result<Id> AddCertification(const domain::Certification& certification,
                              const store::Actor& actor) override {
    return Write("AddCertification", [&] { return base_.AddCertification(certification, actor); });
  }
  Result<Id> AddPerson(const domain::Person& person, const store::Actor& actor) override {
    return Write("AddPerson", [&] { return base_.AddPerson(person, actor); });
  }
  Result<Id> AddAssignment(const domain::Assignment& assignment,
                           const store::Actor& actor) override {
    return Write("AddAssignment", [&] { return base_.AddAssignment(assignment, actor); });
  }
  Status UpdatePersonProfile(Id person_id, const std::string& pronouns,
                             const std::string& self_description,
                             const store::Actor& actor) override {
    return Write("UpdatePersonProfile", [&] {
      return base_.UpdatePersonProfile(person_id, pronouns, self_description, actor);
    });
  }
  Result<Id> RecordContact(Id person_id, Id worker_id, const domain::ContactVersion& first,
                           const store::Actor& actor) override {
    return Write("RecordContact",
                 [&] { return base_.RecordContact(person_id, worker_id, first, actor); });
  }
  Result<int> AppendContactVersion(Id contact_id, const ContactTransition& next,
                                   const store::Actor& actor, const std::string& action) override {
    return Write("AppendContactVersion",
                 [&] { return base_.AppendContactVersion(contact_id, next, actor, action); });
  }
  Result<domain::Contact> GetContact(Id contact_id) override {
    return Read("GetContact", [&] { return base_.GetContact(contact_id); });
  }
  Result<Id> AddGoal(Id person_id, const domain::GoalVersion& first,
                     const store::Actor& actor) override {
    return Write("AddGoal", [&] { return base_.AddGoal(person_id, first, actor); });
  }
  Result<int> AppendGoalVersion(Id goal_id, const GoalTransition& next, const store::Actor& actor,
                                const std::string& action) override {
    return Write("AppendGoalVersion",
                 [&] { return base_.AppendGoalVersion(goal_id, next, actor, action); });
  }
  Result<domain::Goal> GetGoal(Id goal_id) override {
    return Read("GetGoal", [&] { return base_.GetGoal(goal_id); });
  }
  Result<Id> AddGoalProgress(const domain::GoalProgress& progress,
                             const store::Actor& actor) override {
    return Write("AddGoalProgress", [&] { return base_.AddGoalProgress(progress, actor); });
  }
  Result<Id> AddSupervisionSession(const domain::SupervisionSession& session,
                                   const store::Actor& actor) override {
    return Write("AddSupervisionSession",
                 [&] { return base_.AddSupervisionSession(session, actor); });
  }
  Result<Id> AddAdmission(const domain::Admission& admission, const store::Actor& actor) override {
    return Write("AddAdmission", [&] { return base_.AddAdmission(admission, actor); });
  }
  Status Load(const store::LoadBatch& batch, const store::Actor& actor) override {
    return Write("Load", [&] { return base_.Load(batch, actor); });
  }
  Result<store::ProgramSettings> GetProgramSettings() override {
    return Read("GetProgramSettings", [&] { return base_.GetProgramSettings(); });
  }
  Status SaveProgramSettings(const store::ProgramSettings& settings,
                             const store::Actor& actor) override {
    return Write("SaveProgramSettings", [&] { return base_.SaveProgramSettings(settings, actor); });
  }
  Result<Id> AddPlannedContact(const domain::PlannedContact& plan,
                               const store::Actor& actor) override {
    return Write("AddPlannedContact", [&] { return base_.AddPlannedContact(plan, actor); });
  }
  Result<domain::PlannedContact> GetPlannedContact(Id plan_id) override {
    return Read("GetPlannedContact", [&] { return base_.GetPlannedContact(plan_id); });
  }
  Status SetPlanStatus(Id plan_id, domain::PlanStatus status, const store::Actor& actor) override {
    return Write("SetPlanStatus", [&] { return base_.SetPlanStatus(plan_id, status, actor); });
  }
  Result<Id> AddContactAttempt(const domain::ContactAttempt& attempt,
                               const store::Actor& actor) override {
    return Write("AddContactAttempt", [&] { return base_.AddContactAttempt(attempt, actor); });
  }
  Result<std::vector<domain::DriftFlag>> ListDriftFlags(const store::DriftQuery& query) override {
    return Read("ListDriftFlags", [&] { return base_.ListDriftFlags(query); });
  }
  Result<domain::DriftFlag> GetDriftFlag(Id flag_id) override {
    return Read("GetDriftFlag", [&] { return base_.GetDriftFlag(flag_id); });
  }
  Status ResolveDriftFlag(Id flag_id, const DriftTransition& resolve,
                          const store::Actor& actor) override {
    return Write("ResolveDriftFlag", [&] { return base_.ResolveDriftFlag(flag_id, resolve, actor); });
  }
  Result<std::vector<store::GuardrailCounts>> GuardrailCountsOf(
      const std::vector<Id>& worker_ids) override {
    return Read("GuardrailCountsOf", [&] { return base_.GuardrailCountsOf(worker_ids); });
  }
  Result<Id> AddAdviceRequest(const domain::AdviceRequest& request,
                              const store::Actor& actor) override {
    return Write("AddAdviceRequest", [&] { return base_.AddAdviceRequest(request, actor); });
  }
  Result<std::vector<domain::AdviceRequest>> ListAdviceRequests(
      const store::GuardrailQuery& query) override {
    return Read("ListAdviceRequests", [&] { return base_.ListAdviceRequests(query); });
  }
  Result<Id> AddBoundaryRecord(const domain::BoundaryRecord& record,
                               const store::Actor& actor) override {
    return Write("AddBoundaryRecord", [&] { return base_.AddBoundaryRecord(record, actor); });
  }
  Result<std::vector<domain::BoundaryRecord>> ListBoundaryRecords(
      const store::GuardrailQuery& query) override {
    return Read("ListBoundaryRecords", [&] { return base_.ListBoundaryRecords(query); });
  }
  Result<Id> AddPersonPlan(const domain::PersonPlan& plan, const store::Actor& actor) override {
    return Write("AddPersonPlan", [&] { return base_.AddPersonPlan(plan, actor); });
  }
  Result<int> AppendPlanVersion(Id plan_id, const PlanTransition& next,
                                const store::Actor& actor, const std::string& action) override {
    return Write("AppendPlanVersion",
                 [&] { return base_.AppendPlanVersion(plan_id, next, actor, action); });
  }
  Status SetPlanSharing(Id plan_id, const std::vector<domain::PlanAudience>& shared_with,
                        const store::Actor& actor) override {
    return Write("SetPlanSharing", [&] { return base_.SetPlanSharing(plan_id, shared_with, actor); });
  }
  Result<domain::PersonPlan> GetPersonPlan(Id plan_id) override {
    return Read("GetPersonPlan", [&] { return base_.GetPersonPlan(plan_id); });
  }
  Result<std::vector<domain::PersonPlan>> ListPersonPlans(Id person_id) override {
    return Read("ListPersonPlans", [&] { return base_.ListPersonPlans(person_id); });
  }
  Result<std::vector<domain::WorkerPractice>> PracticeForFidelity(
      const store::FidelityQuery& query) override {
    return Read("PracticeForFidelity", [&] { return base_.PracticeForFidelity(query); });
  }
  Result<std::vector<store::PlanDue>> PlansDueForReview(const std::vector<Id>& worker_ids,
                                                        Day today) override {
    return Read("PlansDueForReview", [&] { return base_.PlansDueForReview(worker_ids, today); });
  }
  Result<Id> OpenSafetyEvent(const domain::SafetyEvent& event,
                             const std::vector<domain::Notification>& notify,
                             const store::Actor& actor) override {
    return Write("OpenSafetyEvent", [&] { return base_.OpenSafetyEvent(event, notify, actor); });
  }
  Result<int> AppendSafetyStep(Id event_id, const SafetyTransition& next,
                               const store::Actor& actor) override {
    return Write("AppendSafetyStep", [&] { return base_.AppendSafetyStep(event_id, next, actor); });
  }
  Result<Id> AddSafetyReview(const domain::SafetyReview& review,
                             const store::Actor& actor) override {
    return Write("AddSafetyReview", [&] { return base_.AddSafetyReview(review, actor); });
  }
  Result<domain::SafetyEvent> GetSafetyEvent(Id event_id) override {
    return Read("GetSafetyEvent", [&] { return base_.GetSafetyEvent(event_id); });
  }
  Result<std::vector<domain::SafetyEvent>> ListSafetyEvents(
      const store::SafetyQuery& query) override {
    return Read("ListSafetyEvents", [&] { return base_.ListSafetyEvents(query); });
  }
  Result<std::vector<domain::Notification>> DueNotifications(Instant now, int limit) override {
    return Read("DueNotifications", [&] { return base_.DueNotifications(now, limit); });
  }
  Status MarkNotificationDelivered(Id notification_id, Instant at) override {
    return Write("MarkNotificationDelivered",
                 [&] { return base_.MarkNotificationDelivered(notification_id, at); });
  }
  Status MarkNotificationFailed(Id notification_id, const std::string& error,
                                Instant next_attempt_at) override {
    return Write("MarkNotificationFailed", [&] {
      return base_.MarkNotificationFailed(notification_id, error, next_attempt_at);
    });
  }
  Result<std::vector<domain::Notification>> ListNotifications(std::optional<Id> recipient_staff_id,
                                                              bool undelivered_only,
                                                              int limit) override {
    return Read("ListNotifications", [&] {
      return base_.ListNotifications(recipient_staff_id, undelivered_only, limit);
    });
  }
  Result<domain::SupervisionSession> GetSupervisionSession(Id session_id) override {
    return Read("GetSupervisionSession", [&] { return base_.GetSupervisionSession(session_id); });
  }
  Result<std::vector<domain::ContactAttempt>> ListContactAttempts(Id person_id,
                                                                  int limit) override {
    return Read("ListContactAttempts", [&] { return base_.ListContactAttempts(person_id, limit); });
  }
  Result<std::vector<store::PlannedContactRow>> ListPlannedContacts(
      const store::PlanQuery& query) override {
    return Read("ListPlannedContacts", [&] { return base_.ListPlannedContacts(query); });
  }

  Result<domain::Person> GetPerson(Id person_id) override {
    return Read("GetPerson", [&] { return base_.GetPerson(person_id); });
  }
  Result<std::vector<store::PersonRow>> ListPeople(const store::PeopleQuery& query) override {
    return Read("ListPeople", [&] { return base_.ListPeople(query); });
  }
  Result<std::vector<store::ContactRow>> ListContacts(const store::ContactQuery& query) override {
    return Read("ListContacts", [&] { return base_.ListContacts(query); });
  }
  Result<std::int64_t> CountContacts(const store::ContactQuery& query) override {
    return Read("CountContacts", [&] { return base_.CountContacts(query); });
  }
  Result<std::vector<domain::Goal>> ListGoals(Id person_id) override {
    return Read("ListGoals", [&] { return base_.ListGoals(person_id); });
  }
  Result<std::vector<domain::GoalProgress>> ListGoalProgress(Id goal_id) override {
    return Read("ListGoalProgress", [&] { return base_.ListGoalProgress(goal_id); });
  }
  Result<std::vector<store::GoalDue>> GoalsDueForReview(const std::vector<Id>& worker_ids,
                                                        Day today) override {
    return Read("GoalsDueForReview", [&] { return base_.GoalsDueForReview(worker_ids, today); });
  }
  Result<domain::Staff> GetStaff(Id staff_id) override {
    return Read("GetStaff", [&] { return base_.GetStaff(staff_id); });
  }
  Result<std::vector<domain::Staff>> ListStaff(const store::StaffQuery& query) override {
    return Read("ListStaff", [&] { return base_.ListStaff(query); });
  }
  Result<std::vector<domain::Team>> ListTeams() override {
    return Read("ListTeams", [&] { return base_.ListTeams(); });
  }
  Result<std::vector<domain::Assignment>> ListAssignments(
      const store::AssignmentQuery& query) override {
    return Read("ListAssignments", [&] { return base_.ListAssignments(query); });
  }
  Result<std::vector<domain::SupervisionSession>> ListSupervision(
      const store::SupervisionQuery& query) override {
    return Read("ListSupervision", [&] { return base_.ListSupervision(query); });
  }
  Result<std::vector<domain::Admission>> ListAdmissions(Id person_id) override {
    return Read("ListAdmissions", [&] { return base_.ListAdmissions(person_id); });
  }
  Result<std::vector<domain::Certification>> ListCertifications(Id staff_id) override {
    return Read("ListCertifications", [&] { return base_.ListCertifications(staff_id); });
  }
  Result<std::vector<store::CaseloadRow>> Caseloads(std::optional<Id> team_id,
                                                    Instant now) override {
    return Read("Caseloads", [&] { return base_.Caseloads(team_id, now); });
  }
  Result<std::vector<store::WeeklyCount>> ContactsPerWeek(Instant from, Instant until) override {
    return Read("ContactsPerWeek", [&] { return base_.ContactsPerWeek(from, until); });
  }
  Result<std::vector<store::CaseloadRow>> CaseloadsOf(const std::vector<Id>& worker_ids,
                                                      Instant now) override {
    return Read("CaseloadsOf", [&] { return base_.CaseloadsOf(worker_ids, now); });
  }
  Result<std::vector<store::WorkerCount>> CountContactsByWorker(
      const store::ContactQuery& query) override {
    return Read("CountContactsByWorker", [&] { return base_.CountContactsByWorker(query); });
  }
  Result<std::vector<store::SupervisionHeld>> LatestSupervision(
      Id supervisor_id, const std::vector<Id>& supervisee_ids) override {
    return Read("LatestSupervision",
                [&] { return base_.LatestSupervision(supervisor_id, supervisee_ids); });
  }
  Result<store::DisplayNames> NamesOf(const std::vector<Id>& staff_ids,
                                      const std::vector<Id>& person_ids) override {
    return Read("NamesOf", [&] { return base_.NamesOf(staff_ids, person_ids); });
  }
  Result<std::vector<Id>> ActiveWorkersOf(Id person_id, Day today) override {
    return Read("ActiveWorkersOf", [&] { return base_.ActiveWorkersOf(person_id, today); });
  }
  Result<std::vector<Id>> SuperviseesOf(Id supervisor_id) override {
    return Read("SuperviseesOf", [&] { return base_.SuperviseesOf(supervisor_id); });
  }

  Result<Id> AddAnnotation(const store::Annotation& annotation,
                           const store::Actor& actor) override {
    return Write("AddAnnotation", [&] { return base_.AddAnnotation(annotation, actor); });
  }
  Result<std::vector<store::Annotation>> ListAnnotations(Id contact_id) override {
    return Read("ListAnnotations", [&] { return base_.ListAnnotations(contact_id); });
  }

  Result<Id> AddAccount(const store::Account& account, const store::Actor& actor) override {
    return Write("AddAccount", [&] { return base_.AddAccount(account, actor); });
  }
  Result<store::Account> FindAccount(const std::string& username) override {
    return Read("FindAccount", [&] { return base_.FindAccount(username); });
  }
  Result<store::Account> GetAccount(Id account_id) override {
    return Read("GetAccount", [&] { return base_.GetAccount(account_id); });
  }
  Result<bool> ClaimSignInAttempt(Id account_id, Instant now, int max_failed,
                                  int lockout_seconds) override {
    return Write("ClaimSignInAttempt", [&] {
      return base_.ClaimSignInAttempt(account_id, now, max_failed, lockout_seconds);
    });
  }
  Status ChangePassword(Id account_id, const std::string& password_hash,
                        const std::string& keep_token_hash, const store::Actor& actor) override {
    return Write("ChangePassword", [&] {
      return base_.ChangePassword(account_id, password_hash, keep_token_hash, actor);
    });
  }
  Status EndSession(const std::string& token_hash, Id account_id,
                    const store::Actor& actor) override {
    return Write("EndSession", [&] { return base_.EndSession(token_hash, account_id, actor); });
  }
  Result<int> EndOtherSessions(Id account_id, const std::string& keep_token_hash,
                               const store::Actor& actor) override {
    return Write("EndOtherSessions",
                 [&] { return base_.EndOtherSessions(account_id, keep_token_hash, actor); });
  }
  Status RecordSuccessfulLogin(Id account_id) override {
    return Write("RecordSuccessfulLogin", [&] { return base_.RecordSuccessfulLogin(account_id); });
  }
  Status CreateSession(const store::Session& session) override {
    return Write("CreateSession", [&] { return base_.CreateSession(session); });
  }
  Result<store::Session> FindSession(const std::string& token_hash) override {
    return Read("FindSession", [&] { return base_.FindSession(token_hash); });
  }
  Result<store::SignedInRecord> FindSignedIn(const std::string& token_hash) override {
    return Read("FindSignedIn", [&] { return base_.FindSignedIn(token_hash); });
  }
  Status TouchSession(const std::string& token_hash, Instant seen_at) override {
    return Write("TouchSession", [&] { return base_.TouchSession(token_hash, seen_at); });
  }
  Status DeleteSession(const std::string& token_hash) override {
    return Write("DeleteSession", [&] { return base_.DeleteSession(token_hash); });
  }

  Result<store::ProgramSummary> Summary() override {
    return Read("Summary", [&] { return base_.Summary(); });
  }

  Result<std::int64_t> AppendAudit(const store::AuditEntry& entry) override {
    return Write("AppendAudit", [&] { return base_.AppendAudit(entry); });
  }
  Status AppendAuditRows(const std::vector<store::AuditEntry>& entries) override {
    return Write("AppendAuditRows", [&] { return base_.AppendAuditRows(entries); });
  }
  Result<std::vector<store::AuditEntry>> AuditTail(size_t max_rows) override {
    return Read("AuditTail", [&] { return base_.AuditTail(max_rows); });
  }
  Result<store::AuditVerification> VerifyAudit() override {
    return Read("VerifyAudit", [&] { return base_.VerifyAudit(); });
  }
  Result<std::string> ContentDigest() override {
    return Read("ContentDigest", [&] { return base_.ContentDigest(); });
  }

  // Governance.
  Result<Id> AddGovernanceDeclaration(const domain::GovernanceDeclaration& declaration,
                                      const store::Actor& actor) override {
    return Write("AddGovernanceDeclaration",
                 [&] { return base_.AddGovernanceDeclaration(declaration, actor); });
  }
  Result<std::vector<domain::GovernanceDeclaration>> LatestGovernanceDeclarations() override {
    return Read("LatestGovernanceDeclarations", [&] { return base_.LatestGovernanceDeclarations(); });
  }
  Result<domain::GovernanceFacts> ReadGovernanceFacts(
      const store::GovernanceFactsQuery& query) override {
    return Read("ReadGovernanceFacts", [&] { return base_.ReadGovernanceFacts(query); });
  }
  Result<Id> FileGrievance(const domain::Grievance& grievance, const store::Actor& actor) override {
    return Write("FileGrievance", [&] { return base_.FileGrievance(grievance, actor); });
  }
  Result<Id> UpdateGrievance(Id grievance_id, const GrievanceTransition& next,
                             const store::Actor& actor) override {
    return Write("UpdateGrievance", [&] { return base_.UpdateGrievance(grievance_id, next, actor); });
  }
  Result<domain::Grievance> GetGrievance(Id grievance_id) override {
    return Read("GetGrievance", [&] { return base_.GetGrievance(grievance_id); });
  }
  Result<std::vector<domain::Grievance>> ListGrievances(
      const store::GrievanceQuery& query) override {
    return Read("ListGrievances", [&] { return base_.ListGrievances(query); });
  }
  Result<Id> ProposeMetric(const domain::ProgramMetric& metric, const store::Actor& actor) override {
    return Write("ProposeMetric", [&] { return base_.ProposeMetric(metric, actor); });
  }
  Status EndorseMetric(Id metric_id, Id person_id, Instant at,
                       const store::Actor& actor) override {
    return Write("EndorseMetric",
                 [&] { return base_.EndorseMetric(metric_id, person_id, at, actor); });
  }
  Status AdoptMetric(Id metric_id, Instant at, const store::Actor& actor) override {
    return Write("AdoptMetric", [&] { return base_.AdoptMetric(metric_id, at, actor); });
  }
  Result<std::vector<store::MetricRow>> ListMetrics(std::optional<Id> person_id) override {
    return Read("ListMetrics", [&] { return base_.ListMetrics(person_id); });
  }
  Result<domain::ProgramMetric> GetMetric(Id metric_id) override {
    return Read("GetMetric", [&] { return base_.GetMetric(metric_id); });
  }

 private:
  enum class Verdict { kThrough, kFailBefore, kFailAfter };
  struct Fate {
    Verdict verdict = Verdict::kThrough;
    Status error;  // what a failed call answers
  };

  // Records the call and decides its fate.
  Fate Count(const char* name, bool write);

  // Calls `forward` (the base store's method) unless this call is the one
  // to fail; the answer's type is the method's, a Status or a Result<T>.
  template <typename Forward>
  auto Through(const char* name, bool write, const Forward& forward) -> decltype(forward()) {
    using Answer = decltype(forward());
    const Fate fate = Count(name, write);
    if (fate.verdict == Verdict::kFailBefore) return Answer(fate.error);
    Answer answer = forward();
    if (fate.verdict == Verdict::kFailAfter && answer.ok()) return Answer(fate.error);
    return answer;
  }
  template <typename Forward>
  auto Read(const char* name, const Forward& forward) -> decltype(forward()) {
    return Through(name, false, forward);
  }
  template <typename Forward>
  auto Write(const char* name, const Forward& forward) -> decltype(forward()) {
    return Through(name, true, forward);
  }

  store::Store& base_;
  mutable std::mutex mutex_;
  std::optional<Fault> fault_;  // guarded by mutex_
  std::vector<Call> calls_;     // guarded by mutex_
  int counted_ = 0;             // calls counted toward fault_->nth; guarded by mutex_
  std::optional<Call> failed_;  // guarded by mutex_
};

}  // namespace alongside::testing
