#include "usecase/practice.h"

#include <algorithm>
#include <map>

#include "domain/rules.h"
#include "rules/rules.h"
#include "usecase/internal.h"
#include "usecase/staff.h"

namespace alongside::usecase {
namespace {

using access::Action;
constexpr Instant kSecondsPerDay = 24 * 60 * 60;
// Lists on pages are short; nothing here pages through thousands of rows.
constexpr int kListLimit = 500;

Result<std::vector<store::PersonRow>> CaseloadOf(Services& services, const Caller& caller) {
  store::PeopleQuery query;
  query.worker_ids = std::vector<Id>{*caller.who.staff_id};
  query.active_on = caller.today();
  query.page.limit = kListLimit;
  return services.store.ListPeople(query);
}

std::string LowerAscii(std::string_view text) {
  std::string lower(text);
  for (char& ch : lower) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return lower;
}

Status AuditPeople(Services& services, const Caller& caller, const std::string& detail,
                   const std::vector<Id>& people) {
  return internal::AuditReadOfPeople(services, caller, "caseload.read", "person", people, detail);
}

}  // namespace

Result<WorkerDay> WorkerToday(Services& services, const Caller& caller, const TodayLimits& limits) {
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kWorkCaseload));
  const rules::PracticeRules& practice = rules::Current().practice();
  const Id worker = *caller.who.staff_id;
  WorkerDay day;
  day.deadline_hours = practice.documentation_deadline_hours;
  day.due_after_days = practice.contact_due_after_days;

  // Planned contacts of the local day, with people still assigned today.
  store::PlanQuery plans;
  plans.worker_ids = std::vector<Id>{worker};
  plans.from = caller.zone.StartOfDay(caller.today());
  plans.until = caller.zone.StartOfDay(caller.today() + 1);
  plans.status = domain::PlanStatus::kPlanned;
  plans.page.limit = kListLimit;
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::PlannedContactRow> planned,
                             services.store.ListPlannedContacts(plans));

  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::PersonRow> people, CaseloadOf(services, caller));
  std::vector<Id> assigned;
  for (const store::PersonRow& row : people) assigned.push_back(row.person.id);
  std::sort(assigned.begin(), assigned.end());
  for (store::PlannedContactRow& row : planned) {
    if (std::binary_search(assigned.begin(), assigned.end(), row.plan.person_id)) {
      day.planned_today.push_back(std::move(row));
    }
  }

  std::stable_sort(people.begin(), people.end(),
                   [](const store::PersonRow& left, const store::PersonRow& right) {
                     return left.last_contact_at.value_or(0) < right.last_contact_at.value_or(0);
                   });
  const Instant due_before = caller.now - practice.contact_due_after_days * kSecondsPerDay;
  for (store::PersonRow& row : people) {
    const bool due = !row.last_contact_at || *row.last_contact_at < due_before;
    if (!due && day.to_see_total >= practice.min_people_to_see) break;
    ++day.to_see_total;
    if (static_cast<int>(day.to_see.size()) < limits.people) day.to_see.push_back(std::move(row));
  }

  // The worker's own drafts about people assigned to them today: the
  // oldest first (the ones past the deadline lead), and how many in all.
  const Instant deadline = caller.now - practice.documentation_deadline_hours * 3600;
  store::ContactQuery drafts;
  drafts.worker_ids = std::vector<Id>{worker};
  drafts.people_of_workers = std::vector<Id>{worker};
  drafts.active_on = caller.today();
  drafts.status = domain::NoteStatus::kDraft;
  ALONGSIDE_ASSIGN_OR_RETURN(day.drafts_total, services.store.CountContacts(drafts));
  store::ContactQuery overdue = drafts;
  overdue.until = deadline;
  ALONGSIDE_ASSIGN_OR_RETURN(day.drafts_past_deadline, services.store.CountContacts(overdue));
  store::ContactQuery today = drafts;
  today.from = caller.zone.StartOfDay(caller.today());
  ALONGSIDE_ASSIGN_OR_RETURN(day.drafts_today, services.store.CountContacts(today));
  drafts.oldest_first = true;
  drafts.page.limit = limits.drafts;
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::ContactRow> rows,
                             services.store.ListContacts(drafts));
  for (store::ContactRow& row : rows) {
    const bool late = row.latest.start < deadline;
    day.drafts.push_back(DraftRow{std::move(row), late});
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::GoalDue> goals,
                             services.store.GoalsDueForReview({worker}, caller.today()));
  day.goals_due_total = static_cast<std::int64_t>(goals.size());
  for (store::GoalDue& goal : goals) {
    const bool late = goal.review_on < caller.today();
    if (late) ++day.goals_overdue;
    if (static_cast<int>(day.goals_due.size()) < limits.goals) {
      day.goals_due.push_back(GoalDueRow{std::move(goal), late});
    }
  }

  std::vector<Id> shown;
  for (const store::PlannedContactRow& row : day.planned_today) shown.push_back(row.plan.person_id);
  for (const store::PersonRow& row : day.to_see) shown.push_back(row.person.id);
  for (const DraftRow& draft : day.drafts) shown.push_back(draft.row.person_id);
  for (const GoalDueRow& goal : day.goals_due) shown.push_back(goal.goal.person_id);
  ALONGSIDE_RETURN_IF_ERROR(AuditPeople(services, caller, "today", shown));
  return day;
}

Result<std::vector<store::PersonRow>> WorkerCaseload(Services& services, const Caller& caller,
                                                     std::string_view name_filter) {
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kWorkCaseload));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::PersonRow> people, CaseloadOf(services, caller));
  if (!name_filter.empty()) {
    const std::string wanted = LowerAscii(name_filter);
    std::erase_if(people, [&wanted](const store::PersonRow& row) {
      return LowerAscii(row.person.preferred_name).find(wanted) == std::string::npos;
    });
  }
  std::vector<Id> shown;
  for (const store::PersonRow& row : people) shown.push_back(row.person.id);
  ALONGSIDE_RETURN_IF_ERROR(AuditPeople(services, caller, "caseload", shown));
  return people;
}

namespace {

// The catalog's clinical-only activity codes: role drift when a peer worker
// records one.
std::vector<std::string> ClinicalOnlyCodes() {
  std::vector<std::string> codes;
  for (const domain::Activity& activity : domain::ActivityCatalog::Default().activities()) {
    if (activity.scope == domain::ActivityScope::kClinicalOnly) codes.push_back(activity.code);
  }
  return codes;
}

// The supervisor's contact queries over `workers`: contacts they recorded
// about people assigned to them today.
store::ContactQuery SuperviseesContacts(const Caller& caller, const std::vector<Id>& workers) {
  store::ContactQuery query;
  query.people_of_workers = workers;
  query.worker_ids = workers;
  query.active_on = caller.today();
  return query;
}
store::ContactQuery PastDeadline(const Caller& caller, const std::vector<Id>& workers) {
  store::ContactQuery query = SuperviseesContacts(caller, workers);
  query.status = domain::NoteStatus::kDraft;
  query.until = caller.now - rules::Current().practice().documentation_deadline_hours * 3600;
  return query;
}
store::ContactQuery Recent(const Caller& caller, const std::vector<Id>& workers, int days) {
  store::ContactQuery query = SuperviseesContacts(caller, workers);
  query.from = caller.now - days * kSecondsPerDay;
  query.until = caller.now + 1;
  return query;
}
store::ContactQuery Drifted(const Caller& caller, const std::vector<Id>& workers, int days) {
  store::ContactQuery query = Recent(caller, workers, days);
  query.any_activity = ClinicalOnlyCodes();
  return query;
}

std::int64_t CountFor(const std::vector<store::WorkerCount>& counts, Id worker) {
  for (const store::WorkerCount& count : counts) {
    if (count.worker_id == worker) return count.count;
  }
  return 0;
}

// The attention entries of `caseloads` (the caller's supervisees), each
// figure read for all of them at once.
Result<std::vector<SuperviseeAttention>> AttentionOf(Services& services, const Caller& caller,
                                                     std::vector<store::CaseloadRow> caseloads,
                                                     int recent_days) {
  const rules::PracticeRules& practice = rules::Current().practice();
  const Id supervisor = *caller.who.staff_id;
  std::vector<Id> workers;
  for (const store::CaseloadRow& row : caseloads) workers.push_back(row.worker.id);
  std::vector<SuperviseeAttention> entries;
  if (workers.empty()) return entries;
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::WorkerCount> late,
                             services.store.CountContactsByWorker(PastDeadline(caller, workers)));
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<store::WorkerCount> drift,
      services.store.CountContactsByWorker(Drifted(caller, workers, recent_days)));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::SupervisionHeld> held,
                             services.store.LatestSupervision(supervisor, workers));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::GuardrailCounts> guardrails,
                             services.store.GuardrailCountsOf(workers));
  // Open drift flags older than the alert age, in one read of the open ones.
  const int alert_days = rules::Current().fidelity().drift_alert_days();
  store::DriftQuery open_flags;
  open_flags.worker_ids = workers;
  open_flags.open_only = true;
  open_flags.page.limit = 10000;
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::DriftFlag> open,
                             services.store.ListDriftFlags(open_flags));
  for (store::CaseloadRow& row : caseloads) {
    SuperviseeAttention entry;
    const Id worker = row.worker.id;
    for (const store::GuardrailCounts& counts : guardrails) {
      if (counts.worker_id == worker) entry.guardrails = counts;
    }
    entry.drafts_past_deadline = CountFor(late, worker);
    entry.role_drift = CountFor(drift, worker);
    entry.drift_alert_days = alert_days;
    for (const domain::DriftFlag& flag : open) {
      if (flag.worker_id == worker && flag.raised_at < caller.now - alert_days * 86400LL) {
        ++entry.drift_flags_open_long;
      }
    }
    entry.kind = SupervisionKindGiven(row.worker, supervisor);
    entry.due_after_days = entry.kind == domain::SupervisionKind::kPeerPractice
                               ? practice.peer_supervision_due_after_days
                               : practice.clinical_supervision_due_after_days;
    for (const store::SupervisionHeld& session : held) {
      if (session.supervisee_id == worker) entry.last_supervision = session.held_at;
    }
    entry.supervision_due =
        !entry.last_supervision ||
        *entry.last_supervision < caller.now - entry.due_after_days * kSecondsPerDay;
    entry.caseload = std::move(row);
    entries.push_back(std::move(entry));
  }
  return entries;
}

RecentContact Describe(store::ContactRow row, const std::string& worker_name) {
  RecentContact recent;
  recent.worker_name = worker_name;
  recent.role_drift =
      !domain::ClinicalOnlyActivities(row.latest, domain::ActivityCatalog::Default()).empty();
  recent.row = std::move(row);
  return recent;
}

}  // namespace

Result<SupervisorOverview> OverseeSupervisees(Services& services, const Caller& caller,
                                              int recent_days) {
  ALONGSIDE_RETURN_IF_ERROR(
      internal::AuthorizeGeneral(services, caller, Action::kOverseeSupervisees));
  SupervisorOverview overview;
  overview.deadline_hours = rules::Current().practice().documentation_deadline_hours;
  overview.recent_days = recent_days;
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::vector<Id>> scope,
                             services.policy.VisibleWorkers(caller.who));
  const std::vector<Id> supervisees = scope.value_or(std::vector<Id>{});
  std::vector<store::CaseloadRow> caseloads;
  if (!supervisees.empty()) {
    ALONGSIDE_ASSIGN_OR_RETURN(caseloads, services.store.CaseloadsOf(supervisees, caller.now));
  }
  ALONGSIDE_ASSIGN_OR_RETURN(overview.supervisees,
                             AttentionOf(services, caller, std::move(caseloads), recent_days));
  for (const SuperviseeAttention& entry : overview.supervisees) {
    overview.drafts_past_deadline += entry.drafts_past_deadline;
    overview.role_drift += entry.role_drift;
    overview.supervision_due += entry.supervision_due ? 1 : 0;
    overview.open_drift_flags += entry.guardrails.open_drift_flags;
    overview.kept_flagged_notes += entry.guardrails.kept_flagged_notes;
  }
  // Who needs attention first; the store's order (team, name) otherwise.
  std::stable_sort(overview.supervisees.begin(), overview.supervisees.end(),
                   [](const SuperviseeAttention& left, const SuperviseeAttention& right) {
                     if (left.NeedsAttention() != right.NeedsAttention()) {
                       return left.NeedsAttention();
                     }
                     if (left.drafts_past_deadline != right.drafts_past_deadline) {
                       return left.drafts_past_deadline > right.drafts_past_deadline;
                     }
                     if (left.guardrails.open_drift_flags != right.guardrails.open_drift_flags) {
                       return left.guardrails.open_drift_flags > right.guardrails.open_drift_flags;
                     }
                     return left.role_drift > right.role_drift;
                   });
  ALONGSIDE_RETURN_IF_ERROR(AuditPeople(services, caller, "supervision page", {}));
  return overview;
}

Result<SuperviseeWork> OverseeSupervisee(Services& services, const Caller& caller,
                                         const SuperviseeWorkInput& input) {
  ALONGSIDE_RETURN_IF_ERROR(
      internal::AuthorizeGeneral(services, caller, Action::kOverseeSupervisees));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::vector<Id>> scope,
                             services.policy.VisibleWorkers(caller.who));
  const std::vector<Id> supervisees = scope.value_or(std::vector<Id>{});
  if (std::find(supervisees.begin(), supervisees.end(), input.worker_id) == supervisees.end()) {
    return internal::Refuse(services, caller, "supervision.read", std::nullopt, input.worker_id,
                            Status::Forbidden("not permitted: see this supervisee's work"));
  }
  const std::vector<Id> worker{input.worker_id};
  SuperviseeWork work;
  work.deadline_hours = rules::Current().practice().documentation_deadline_hours;
  work.recent_days = input.recent_days;
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::CaseloadRow> caseloads,
                             services.store.CaseloadsOf(worker, caller.now));
  if (caseloads.empty()) return Status::NotFound("no such supervisee");
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<SuperviseeAttention> attention,
                             AttentionOf(services, caller, std::move(caseloads), input.recent_days));
  work.attention = std::move(attention.front());
  const std::string& name = work.attention.caseload.worker.display_name;

  std::vector<Id> shown;
  auto list = [&](store::ContactQuery query, int offset, std::vector<RecentContact>& into) -> Status {
    query.page.limit = input.page_size;
    query.page.offset = offset;
    ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::ContactRow> rows,
                               services.store.ListContacts(query));
    for (store::ContactRow& row : rows) {
      shown.push_back(row.person_id);
      into.push_back(Describe(std::move(row), name));
    }
    return Status::Ok();
  };
  store::ContactQuery late = PastDeadline(caller, worker);
  late.oldest_first = true;
  ALONGSIDE_RETURN_IF_ERROR(list(late, input.past_deadline_offset, work.past_deadline));
  if (work.attention.role_drift > 0) {
    ALONGSIDE_RETURN_IF_ERROR(list(Drifted(caller, worker, input.recent_days), 0, work.drifted));
  }
  const store::ContactQuery recent = Recent(caller, worker, input.recent_days);
  ALONGSIDE_ASSIGN_OR_RETURN(work.recent_total, services.store.CountContacts(recent));
  ALONGSIDE_RETURN_IF_ERROR(list(recent, input.recent_offset, work.recent));

  store::SupervisionQuery sessions;
  sessions.supervisee_ids = worker;
  sessions.supervisor_id = *caller.who.staff_id;
  sessions.page.limit = 5;
  ALONGSIDE_ASSIGN_OR_RETURN(work.sessions, services.store.ListSupervision(sessions));
  if (work.attention.guardrails.open_drift_flags > 0) {
    store::DriftQuery drift;
    drift.worker_ids = worker;
    drift.open_only = true;
    drift.page.limit = input.page_size;
    ALONGSIDE_ASSIGN_OR_RETURN(work.open_drift, services.store.ListDriftFlags(drift));
    for (const domain::DriftFlag& flag : work.open_drift) shown.push_back(flag.person_id);
  }
  if (work.attention.guardrails.boundary_events > 0) {
    store::GuardrailQuery boundary;
    boundary.worker_ids = worker;
    boundary.page.limit = input.page_size;
    ALONGSIDE_ASSIGN_OR_RETURN(work.boundary, services.store.ListBoundaryRecords(boundary));
    for (const domain::BoundaryRecord& record : work.boundary) shown.push_back(record.person_id);
  }
  if (work.attention.guardrails.advice_requests > 0) {
    store::GuardrailQuery advice;
    advice.worker_ids = worker;
    advice.page.limit = input.page_size;
    ALONGSIDE_ASSIGN_OR_RETURN(work.advice, services.store.ListAdviceRequests(advice));
    for (const domain::AdviceRequest& request : work.advice) shown.push_back(request.person_id);
  }
  store::SafetyQuery safety;
  safety.worker_ids = worker;
  safety.limit = input.page_size;
  ALONGSIDE_ASSIGN_OR_RETURN(work.safety, services.store.ListSafetyEvents(safety));
  for (const domain::SafetyEvent& event : work.safety) shown.push_back(event.person_id);
  if (!work.open_drift.empty() || !work.boundary.empty() || !work.advice.empty() ||
      !work.safety.empty()) {
    std::vector<Id> named;
    for (const domain::DriftFlag& flag : work.open_drift) named.push_back(flag.person_id);
    for (const domain::BoundaryRecord& record : work.boundary) named.push_back(record.person_id);
    for (const domain::AdviceRequest& request : work.advice) named.push_back(request.person_id);
    for (const domain::SafetyEvent& event : work.safety) named.push_back(event.person_id);
    ALONGSIDE_ASSIGN_OR_RETURN(work.names, services.store.NamesOf({}, named));
  }
  ALONGSIDE_RETURN_IF_ERROR(
      AuditPeople(services, caller, "supervisee " + std::to_string(input.worker_id), shown));
  return work;
}

}  // namespace alongside::usecase
