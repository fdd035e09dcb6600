// The SQL of the person's plans, safety events and the notification
// outbox (migration 0009), as free functions over a connection. Reads run
// on a reader's snapshot; the Insert*/Update* run inside the writer's
// transaction, and the SqlStore (sql_store.cc) adds the audit row beside
// them. Private to the store.
#pragma once

#include <vector>

#include "store/sql/statement.h"
#include "store/store.h"

namespace alongside::store::sql {

Result<domain::PersonPlan> LoadPersonPlan(const Connection& db, Id plan_id);
Result<std::vector<domain::PersonPlan>> ListPersonPlans(const Connection& db, Id person_id);
Result<std::vector<PlanDue>> PlansDueForReview(const Connection& db,
                                               const std::vector<Id>& worker_ids, Day today);
// A new plan row (Conflict when the person has one of this kind) and its
// first version.
Result<Id> InsertPersonPlan(const Connection& db, const domain::PersonPlan& plan);
Status InsertPlanVersion(const Connection& db, Id plan_id, const domain::PlanVersion& version);
Status UpdatePlanSharing(const Connection& db, Id plan_id,
                         const std::vector<domain::PlanAudience>& shared_with);

Result<domain::SafetyEvent> LoadSafetyEvent(const Connection& db, Id event_id);
Result<std::vector<domain::SafetyEvent>> ListSafetyEvents(const Connection& db,
                                                          const SafetyQuery& query);
Result<Id> InsertSafetyEvent(const Connection& db, const domain::SafetyEvent& event);
// Appends `step` as the event's step number `seq` (1, 2, ...) and moves the
// event's row to it (last step, its time, closed_at for `closed`).
Status InsertSafetyStep(const Connection& db, Id event_id, int seq, const domain::SafetyStep& step);
Result<Id> InsertSafetyReview(const Connection& db, const domain::SafetyReview& review);

Status InsertNotifications(const Connection& db, const std::vector<domain::Notification>& notify,
                           std::optional<Id> safety_event_id);
Result<std::vector<domain::Notification>> DueNotifications(const Connection& db, Instant now,
                                                           int limit);
Result<std::vector<domain::Notification>> ListNotifications(const Connection& db,
                                                            std::optional<Id> recipient,
                                                            bool undelivered_only, int limit);

}  // namespace alongside::store::sql
