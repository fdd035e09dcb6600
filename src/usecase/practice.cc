#include "usecase/practice.h"

#include <algorithm>
#include <map>

#include "domain/rules.h"
#include "rules/rules.h"
#include "usecase/internal.h"

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

Status AuditPeople(Services& services, const Caller& caller, const std::string& detail,
                   const std::vector<Id>& people) {
  return internal::AuditReadOfPeople(services, caller, "caseload.read", "person", people, detail);
}

}  // namespace

Result<WorkerDay> WorkerToday(Services& services, const Caller& caller, int drafts_shown) {
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kWorkCaseload));
  const rules::PracticeRules& practice = rules::Current().practice();
  const Id worker = *caller.who.staff_id;
  WorkerDay day;
  day.deadline_hours = practice.documentation_deadline_hours;
  day.due_after_days = practice.contact_due_after_days;

  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::PersonRow> people, CaseloadOf(services, caller));
  std::stable_sort(people.begin(), people.end(),
                   [](const store::PersonRow& left, const store::PersonRow& right) {
                     return left.last_contact_at.value_or(0) < right.last_contact_at.value_or(0);
                   });
  const Instant due_before = caller.now - practice.contact_due_after_days * kSecondsPerDay;
  for (store::PersonRow& row : people) {
    const bool due = !row.last_contact_at || *row.last_contact_at < due_before;
    if (!due && static_cast<int>(day.to_see.size()) >= practice.min_people_to_see) break;
    day.to_see.push_back(std::move(row));
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
  drafts.oldest_first = true;
  drafts.page.limit = drafts_shown;
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::ContactRow> rows,
                             services.store.ListContacts(drafts));
  for (store::ContactRow& row : rows) {
    const bool late = row.latest.start < deadline;
    day.drafts.push_back(DraftRow{std::move(row), late});
  }
  ALONGSIDE_ASSIGN_OR_RETURN(day.goals_due,
                             services.store.GoalsDueForReview({worker}, caller.today()));

  std::vector<Id> shown;
  for (const store::PersonRow& row : day.to_see) shown.push_back(row.person.id);
  for (const DraftRow& draft : day.drafts) shown.push_back(draft.row.person_id);
  for (const store::GoalDue& goal : day.goals_due) shown.push_back(goal.person_id);
  ALONGSIDE_RETURN_IF_ERROR(AuditPeople(services, caller, "today", shown));
  return day;
}

Result<std::vector<store::PersonRow>> WorkerCaseload(Services& services, const Caller& caller) {
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kWorkCaseload));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::PersonRow> people, CaseloadOf(services, caller));
  std::vector<Id> shown;
  for (const store::PersonRow& row : people) shown.push_back(row.person.id);
  ALONGSIDE_RETURN_IF_ERROR(AuditPeople(services, caller, "caseload", shown));
  return people;
}

Result<SupervisorOverview> OverseeSupervisees(Services& services, const Caller& caller,
                                              int recent_days, int recent_shown) {
  ALONGSIDE_RETURN_IF_ERROR(
      internal::AuthorizeGeneral(services, caller, Action::kOverseeSupervisees));
  const rules::PracticeRules& practice = rules::Current().practice();
  SupervisorOverview overview;
  overview.deadline_hours = practice.documentation_deadline_hours;
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::vector<Id>> scope,
                             services.policy.VisibleWorkers(caller.who));
  const std::vector<Id> supervisees = scope.value_or(std::vector<Id>{});
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::CaseloadRow> caseloads,
                             services.store.Caseloads(std::nullopt, caller.now));
  std::map<Id, std::string> names;
  for (store::CaseloadRow& row : caseloads) {
    if (std::find(supervisees.begin(), supervisees.end(), row.worker.id) == supervisees.end()) {
      continue;
    }
    names[row.worker.id] = row.worker.display_name;
    overview.supervisees.push_back(std::move(row));
  }
  std::vector<Id> shown;
  if (!supervisees.empty()) {
    const domain::ActivityCatalog& catalog = domain::ActivityCatalog::Default();
    auto describe = [&](store::ContactRow row) {
      RecentContact recent;
      recent.worker_name = names.count(row.worker_id) ? names[row.worker_id] : "";
      recent.role_drift = !domain::ClinicalOnlyActivities(row.latest, catalog).empty();
      shown.push_back(row.person_id);
      recent.row = std::move(row);
      return recent;
    };
    store::ContactQuery overdue;
    overdue.people_of_workers = supervisees;
    overdue.worker_ids = supervisees;
    overdue.active_on = caller.today();
    overdue.status = domain::NoteStatus::kDraft;
    overdue.until = caller.now - practice.documentation_deadline_hours * 3600;
    overdue.oldest_first = true;
    overdue.page.limit = kListLimit;
    ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::ContactRow> late,
                               services.store.ListContacts(overdue));
    for (store::ContactRow& row : late) overview.past_deadline.push_back(describe(std::move(row)));
    store::ContactQuery recent;
    recent.people_of_workers = supervisees;
    recent.worker_ids = supervisees;
    recent.active_on = caller.today();
    recent.from = caller.now - recent_days * kSecondsPerDay;
    recent.until = caller.now + 1;
    recent.page.limit = recent_shown;
    ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::ContactRow> rows,
                               services.store.ListContacts(recent));
    for (store::ContactRow& row : rows) overview.recent.push_back(describe(std::move(row)));
  }
  ALONGSIDE_RETURN_IF_ERROR(AuditPeople(services, caller, "supervision page", shown));
  return overview;
}

}  // namespace alongside::usecase
