#include "usecase/internal.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace alongside::usecase::internal {
namespace {

store::AuditEntry Entry(const Caller& caller, const std::string& action,
                        const std::string& entity, Id entity_id, std::optional<Id> person_id,
                        const std::string& outcome, const std::string& detail) {
  store::AuditEntry entry;
  entry.at = caller.now;
  entry.actor = caller.actor.who;
  entry.address = caller.actor.address;
  entry.action = action;
  entry.entity = entity;
  entry.entity_id = entity_id;
  entry.person_id = person_id;
  entry.outcome = outcome;
  entry.detail = detail;
  return entry;
}

}  // namespace

Status Refuse(Services& services, const Caller& caller, const std::string& action,
              std::optional<Id> person_id, Id entity_id, const Status& refusal) {
  Result<std::int64_t> written = services.store.AppendAudit(
      Entry(caller, action, person_id ? "person" : "resource", entity_id, person_id, "denied",
            refusal.detail()));
  if (!written.ok()) spdlog::error("audit of a refusal failed: {}", written.status().ToString());
  return refusal;
}

Result<bool> Allowed(const Status& decision) {
  if (decision.ok()) return true;
  if (decision.code() == StatusCode::kForbidden) return false;
  return decision;
}

Status Authorize(Services& services, const Caller& caller, access::Action action, Id person_id) {
  Status decision = services.policy.CheckPerson(caller.who, action, person_id, caller.today());
  if (decision.code() == StatusCode::kForbidden) {
    return Refuse(services, caller, access::ActionCode(action), person_id, person_id, decision);
  }
  return decision;
}

Status AuthorizeGeneral(Services& services, const Caller& caller, access::Action action) {
  Status decision = services.policy.Check(caller.who, action);
  if (decision.code() == StatusCode::kForbidden) {
    return Refuse(services, caller, access::ActionCode(action), std::nullopt, 0, decision);
  }
  return decision;
}

Status AuditRead(Services& services, const Caller& caller, const std::string& action,
                 const std::string& entity, Id entity_id, std::optional<Id> person_id,
                 const std::string& detail) {
  Result<std::int64_t> written = services.store.AppendAudit(
      Entry(caller, action, entity, entity_id, person_id, "ok", detail));
  if (!written.ok()) {
    spdlog::error("audit of a read failed, record withheld: {}", written.status().ToString());
    return Status::Unavailable("the record cannot be shown now: its access could not be logged");
  }
  return Status::Ok();
}

Status AuditReadOfPeople(Services& services, const Caller& caller, const std::string& action,
                         const std::string& entity, const std::vector<Id>& person_ids,
                         const std::string& detail) {
  std::vector<Id> people = person_ids;
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  std::vector<store::AuditEntry> entries;
  if (people.empty()) {
    entries.push_back(Entry(caller, action, entity, 0, std::nullopt, "ok", detail + ", none"));
  }
  for (Id person_id : people) {
    entries.push_back(Entry(caller, action, entity, 0, person_id, "ok", detail));
  }
  Status written = services.store.AppendAuditRows(entries);
  if (!written.ok()) {
    spdlog::error("audit of a list failed, list withheld: {}", written.ToString());
    return Status::Unavailable("the list cannot be shown now: its access could not be logged");
  }
  return Status::Ok();
}

Result<std::vector<ContactView>> NoteViews(Services& services,
                                           std::vector<store::ContactRow> rows) {
  std::vector<ContactView> notes;
  for (store::ContactRow& row : rows) {
    ContactView view;
    view.contact.id = row.id;
    view.contact.person_id = row.person_id;
    view.contact.worker_id = row.worker_id;
    view.contact.versions.push_back(std::move(row.latest));
    if (row.annotations > 0) {
      ALONGSIDE_ASSIGN_OR_RETURN(view.annotations, services.store.ListAnnotations(row.id));
    }
    notes.push_back(std::move(view));
  }
  return notes;
}

Result<std::vector<GoalView>> GoalViews(Services& services, Id person_id) {
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Goal> goals, services.store.ListGoals(person_id));
  std::vector<GoalView> views;
  for (domain::Goal& goal : goals) {
    ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::GoalProgress> progress,
                               services.store.ListGoalProgress(goal.id));
    views.push_back(GoalView{std::move(goal), std::move(progress)});
  }
  return views;
}

Status Unknown(const char* what) { return Status::NotFound(std::string("no such ") + what); }

}  // namespace alongside::usecase::internal
