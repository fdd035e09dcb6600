#include "store/sql/plans_safety.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <utility>

#include "store/sql/dialect.h"
#include "store/sql/reads.h"

namespace alongside::store::sql {
namespace {

std::string JoinAudiences(const std::vector<domain::PlanAudience>& audiences) {
  std::string joined;
  for (domain::PlanAudience audience : domain::kAllPlanAudiences) {
    if (std::find(audiences.begin(), audiences.end(), audience) == audiences.end()) continue;
    if (!joined.empty()) joined += ',';
    joined += domain::Name(audience);
  }
  return joined;
}

Result<std::vector<domain::PlanAudience>> ParseAudiences(const std::string& joined) {
  std::vector<domain::PlanAudience> audiences;
  size_t begin = 0;
  while (begin < joined.size()) {
    size_t end = joined.find(',', begin);
    if (end == std::string::npos) end = joined.size();
    ALONGSIDE_ASSIGN_OR_RETURN(domain::PlanAudience audience,
                               domain::ParsePlanAudience(joined.substr(begin, end - begin),
                                                         "shared_with"));
    audiences.push_back(audience);
    begin = end + 1;
  }
  return audiences;
}

constexpr const char* kPlanColumns = "pl.id, pl.person_id, pl.kind, pl.shared_with";

Result<domain::PersonPlan> ReadPlanRow(const Statement& row) {
  domain::PersonPlan plan;
  plan.id = row.Int(0);
  plan.person_id = row.Int(1);
  ALONGSIDE_ASSIGN_OR_RETURN(plan.kind, domain::ParsePlanKind(row.Text(2), "kind"));
  ALONGSIDE_ASSIGN_OR_RETURN(plan.shared_with, ParseAudiences(row.Text(3)));
  return plan;
}

// Fills each plan's versions and their sections, two queries for all.
Status LoadVersions(const Connection& db, std::vector<domain::PersonPlan>& plans) {
  if (plans.empty()) return Status::Ok();
  std::vector<Id> ids;
  std::map<Id, domain::PersonPlan*> by_id;
  for (domain::PersonPlan& plan : plans) {
    ids.push_back(plan.id);
    by_id[plan.id] = &plan;
  }
  const std::string json = JsonIds(ids);
  Statement versions(db, "SELECT plan_id, version, by_person, author_staff_id, review_on,"
                         " cosigned_at, written_at FROM plan_versions WHERE plan_id IN (" +
                             IdsIn(db.dialect(), 1) + ") ORDER BY plan_id, version");
  versions.Bind(1, json);
  while (versions.Step()) {
    domain::PlanVersion version;
    version.version = static_cast<int>(versions.Int(1));
    version.by_person = versions.Int(2) != 0;
    version.author_staff_id = versions.OptionalInt(3);
    if (auto day = versions.OptionalInt(4)) version.review_on = static_cast<Day>(*day);
    version.cosigned_at = versions.OptionalInt(5);
    version.written_at = versions.Int(6);
    by_id[versions.Int(0)]->versions.push_back(std::move(version));
  }
  ALONGSIDE_RETURN_IF_ERROR(versions.status());
  Statement sections(db, "SELECT plan_id, version, code, words FROM plan_sections WHERE plan_id IN (" +
                             IdsIn(db.dialect(), 1) + ") ORDER BY plan_id, version, position");
  sections.Bind(1, json);
  while (sections.Step()) {
    domain::PersonPlan& plan = *by_id[sections.Int(0)];
    const int number = static_cast<int>(sections.Int(1));
    if (number < 1 || static_cast<size_t>(number) > plan.versions.size()) {
      return Status::Internal("corrupt plan section");
    }
    plan.versions[static_cast<size_t>(number) - 1].sections.push_back(
        domain::PlanSection{sections.Text(2), sections.Text(3)});
  }
  ALONGSIDE_RETURN_IF_ERROR(sections.status());
  for (const domain::PersonPlan& plan : plans) {
    if (plan.versions.empty()) return Status::Internal("corrupt plan: no version");
  }
  return Status::Ok();
}

constexpr const char* kEventColumns =
    "id, person_id, worker_id, kind, disclosed_at, opened_at, description";

Result<domain::SafetyEvent> ReadEventRow(const Statement& row) {
  domain::SafetyEvent event;
  event.id = row.Int(0);
  event.person_id = row.Int(1);
  event.worker_id = row.Int(2);
  ALONGSIDE_ASSIGN_OR_RETURN(event.kind, domain::ParseSafetyKind(row.Text(3), "kind"));
  event.disclosed_at = row.Int(4);
  event.opened_at = row.Int(5);
  event.description = row.Text(6);
  return event;
}

// Fills each event's steps and reviews, two queries for all.
Status LoadStepsAndReviews(const Connection& db, std::vector<domain::SafetyEvent>& events) {
  if (events.empty()) return Status::Ok();
  std::vector<Id> ids;
  std::map<Id, domain::SafetyEvent*> by_id;
  for (domain::SafetyEvent& event : events) {
    ids.push_back(event.id);
    by_id[event.id] = &event;
  }
  const std::string json = JsonIds(ids);
  Statement steps(db, "SELECT event_id, step, at, recorded_at, by_staff_id, note, imminent,"
                      " reason, to_whom, justification, emergency, plan_id FROM safety_steps"
                      " WHERE event_id IN (" + IdsIn(db.dialect(), 1) + ") ORDER BY event_id, seq");
  steps.Bind(1, json);
  while (steps.Step()) {
    domain::SafetyStep step;
    ALONGSIDE_ASSIGN_OR_RETURN(step.step, domain::ParseSafetyStepCode(steps.Text(1), "step"));
    step.at = steps.Int(2);
    step.recorded_at = steps.Int(3);
    step.by_staff_id = steps.Int(4);
    step.note = steps.Text(5);
    if (auto imminent = steps.OptionalInt(6)) step.imminent = *imminent != 0;
    step.reason = steps.Text(7);
    step.to = steps.Text(8);
    step.justification = steps.Text(9);
    step.emergency = steps.Int(10) != 0;
    step.plan_id = steps.OptionalInt(11);
    by_id[steps.Int(0)]->steps.push_back(std::move(step));
  }
  ALONGSIDE_RETURN_IF_ERROR(steps.status());
  Statement reviews(db, "SELECT id, event_id, reviewer_id, reviewer_role, at, note FROM"
                        " safety_reviews WHERE event_id IN (" + IdsIn(db.dialect(), 1) +
                            ") ORDER BY event_id, at, id");
  reviews.Bind(1, json);
  while (reviews.Step()) {
    domain::SafetyReview review;
    review.id = reviews.Int(0);
    review.event_id = reviews.Int(1);
    review.reviewer_id = reviews.Int(2);
    ALONGSIDE_ASSIGN_OR_RETURN(review.reviewer_role,
                               domain::ParseRole(reviews.Text(3), "reviewer_role"));
    review.at = reviews.Int(4);
    review.note = reviews.Text(5);
    by_id[review.event_id]->reviews.push_back(std::move(review));
  }
  return reviews.status();
}

constexpr const char* kNotificationColumns =
    "id, created_at, channel, recipient_staff_id, subject, body, topic, safety_event_id,"
    " attempts, next_attempt_at, delivered_at, last_error";

Result<domain::Notification> ReadNotification(Statement& row) {
  domain::Notification notification;
  notification.id = row.Int(0);
  notification.created_at = row.Int(1);
  ALONGSIDE_ASSIGN_OR_RETURN(notification.channel,
                             domain::ParseNotificationChannel(row.Text(2), "channel"));
  notification.recipient_staff_id = row.OptionalInt(3);
  notification.subject = row.Text(4);
  notification.body = row.Text(5);
  notification.topic = row.Text(6);
  notification.safety_event_id = row.OptionalInt(7);
  notification.attempts = static_cast<int>(row.Int(8));
  notification.next_attempt_at = row.Int(9);
  notification.delivered_at = row.OptionalInt(10);
  notification.last_error = row.Text(11);
  return notification;
}

}  // namespace

Result<domain::PersonPlan> LoadPersonPlan(const Connection& db, Id plan_id) {
  Statement row(db, fmt::format("SELECT {} FROM person_plans pl WHERE pl.id = ?1", kPlanColumns));
  row.Bind(1, plan_id);
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::PersonPlan> plans,
                             Collect<domain::PersonPlan>(row, ReadPlanRow));
  if (plans.empty()) return Status::NotFound(fmt::format("no plan {}", plan_id));
  ALONGSIDE_RETURN_IF_ERROR(LoadVersions(db, plans));
  return std::move(plans.front());
}

Result<std::vector<domain::PersonPlan>> ListPersonPlans(const Connection& db, Id person_id) {
  Statement rows(db, fmt::format("SELECT {} FROM person_plans pl WHERE pl.person_id = ?1"
                                 " ORDER BY pl.kind DESC, pl.id", kPlanColumns));
  rows.Bind(1, person_id);
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::PersonPlan> plans,
                             Collect<domain::PersonPlan>(rows, ReadPlanRow));
  ALONGSIDE_RETURN_IF_ERROR(LoadVersions(db, plans));
  return plans;
}

Result<std::vector<PlanDue>> PlansDueForReview(const Connection& db,
                                               const std::vector<Id>& worker_ids, Day today) {
  Statement statement(
      db,
      "SELECT pl.id, pl.person_id, pl.kind, v.review_on, p.preferred_name FROM person_plans pl "
      "JOIN plan_versions v ON v.plan_id = pl.id AND v.version = pl.current_version "
      "JOIN people p ON p.id = pl.person_id "
      "WHERE v.review_on IS NOT NULL AND v.review_on <= ?1 "
      "AND pl.person_id IN (SELECT person_id FROM assignments WHERE start_on <= ?1 AND "
      "(end_on IS NULL OR end_on > ?1) AND worker_id IN (" + IdsIn(db.dialect(), 2) + ")) "
      "ORDER BY v.review_on, pl.id LIMIT 200");
  statement.Bind(1, today).Bind(2, JsonIds(worker_ids));
  return Collect<PlanDue>(statement, [](Statement& row) -> Result<PlanDue> {
    PlanDue due;
    due.plan_id = row.Int(0);
    due.person_id = row.Int(1);
    ALONGSIDE_ASSIGN_OR_RETURN(due.kind, domain::ParsePlanKind(row.Text(2), "kind"));
    due.review_on = static_cast<Day>(row.Int(3));
    due.person_name = row.Text(4);
    return due;
  });
}

Result<Id> InsertPersonPlan(const Connection& db, const domain::PersonPlan& plan) {
  Statement existing(db, "SELECT id FROM person_plans WHERE person_id = ?1 AND kind = ?2");
  existing.Bind(1, plan.person_id).Bind(2, domain::Name(plan.kind));
  if (existing.Step()) {
    return Status::Conflict(fmt::format("this person already has a {} plan (plan {})",
                                        domain::Name(plan.kind), existing.Int(0)));
  }
  ALONGSIDE_RETURN_IF_ERROR(existing.status());
  Statement insert(db, "INSERT INTO person_plans(person_id, kind, shared_with, current_version,"
                       " created_at) VALUES (?1, ?2, ?3, 1, ?4) RETURNING id");
  insert.Bind(1, plan.person_id)
      .Bind(2, domain::Name(plan.kind))
      .Bind(3, JoinAudiences(plan.shared_with))
      .Bind(4, plan.latest().written_at);
  if (!insert.Step()) {
    ALONGSIDE_RETURN_IF_ERROR(insert.status());
    return Status::Internal("plan insert returned no id");
  }
  const Id id = insert.Int(0);
  ALONGSIDE_RETURN_IF_ERROR(insert.Run());
  ALONGSIDE_RETURN_IF_ERROR(InsertPlanVersion(db, id, plan.latest()));
  return id;
}

Status InsertPlanVersion(const Connection& db, Id plan_id, const domain::PlanVersion& version) {
  Statement insert(db, "INSERT INTO plan_versions(plan_id, version, by_person, author_staff_id,"
                       " review_on, cosigned_at, written_at) VALUES (?1,?2,?3,?4,?5,?6,?7)");
  insert.Bind(1, plan_id)
      .Bind(2, version.version)
      .Bind(3, version.by_person ? 1 : 0)
      .Bind(4, version.author_staff_id)
      .Bind(5, version.review_on ? std::optional<std::int64_t>(*version.review_on) : std::nullopt)
      .Bind(6, version.cosigned_at)
      .Bind(7, version.written_at);
  ALONGSIDE_RETURN_IF_ERROR(insert.Run());
  for (size_t position = 0; position < version.sections.size(); ++position) {
    Statement section(db, "INSERT INTO plan_sections(plan_id, version, position, code, words)"
                          " VALUES (?1,?2,?3,?4,?5)");
    section.Bind(1, plan_id)
        .Bind(2, version.version)
        .Bind(3, static_cast<std::int64_t>(position))
        .Bind(4, version.sections[position].code)
        .Bind(5, version.sections[position].words);
    ALONGSIDE_RETURN_IF_ERROR(section.Run());
  }
  Statement current(db, "UPDATE person_plans SET current_version = ?1 WHERE id = ?2");
  current.Bind(1, version.version).Bind(2, plan_id);
  return current.Run();
}

Status UpdatePlanSharing(const Connection& db, Id plan_id,
                         const std::vector<domain::PlanAudience>& shared_with) {
  Statement update(db, "UPDATE person_plans SET shared_with = ?1 WHERE id = ?2");
  update.Bind(1, JoinAudiences(shared_with)).Bind(2, plan_id);
  ALONGSIDE_RETURN_IF_ERROR(update.Run());
  if (update.Changes() == 0) return Status::NotFound(fmt::format("no plan {}", plan_id));
  return Status::Ok();
}

Result<domain::SafetyEvent> LoadSafetyEvent(const Connection& db, Id event_id) {
  Statement row(db, fmt::format("SELECT {} FROM safety_events WHERE id = ?1", kEventColumns));
  row.Bind(1, event_id);
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::SafetyEvent> events,
                             Collect<domain::SafetyEvent>(row, ReadEventRow));
  if (events.empty()) return Status::NotFound(fmt::format("no safety event {}", event_id));
  ALONGSIDE_RETURN_IF_ERROR(LoadStepsAndReviews(db, events));
  return std::move(events.front());
}

Result<std::vector<domain::SafetyEvent>> ListSafetyEvents(const Connection& db,
                                                          const SafetyQuery& query) {
  std::string where = "WHERE 1 = 1";
  int next = 1;
  std::vector<std::function<void(Statement&)>> binds;
  if (query.person_id) {
    where += fmt::format(" AND person_id = ?{}", next);
    binds.push_back([id = *query.person_id, at = next](Statement& s) { s.Bind(at, id); });
    ++next;
  }
  if (query.worker_ids) {
    where += fmt::format(" AND worker_id IN ({})", IdsIn(db.dialect(), next));
    binds.push_back(
        [json = JsonIds(*query.worker_ids), at = next](Statement& s) { s.Bind(at, json); });
    ++next;
  }
  if (query.open_only) where += " AND closed_at IS NULL";
  if (query.unreviewed_only) where += " AND reviewed_at IS NULL";
  Statement rows(db, fmt::format("SELECT {} FROM safety_events {} ORDER BY disclosed_at DESC,"
                                 " id DESC LIMIT ?{}", kEventColumns, where, next));
  for (const auto& bind : binds) bind(rows);
  rows.Bind(next, std::clamp(query.limit, 1, 1000));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::SafetyEvent> events,
                             Collect<domain::SafetyEvent>(rows, ReadEventRow));
  ALONGSIDE_RETURN_IF_ERROR(LoadStepsAndReviews(db, events));
  return events;
}

Result<Id> InsertSafetyEvent(const Connection& db, const domain::SafetyEvent& event) {
  Statement insert(db, "INSERT INTO safety_events(person_id, worker_id, kind, disclosed_at,"
                       " opened_at, description, last_step, last_step_at)"
                       " VALUES (?1,?2,?3,?4,?5,?6,'',?4) RETURNING id");
  insert.Bind(1, event.person_id)
      .Bind(2, event.worker_id)
      .Bind(3, domain::Name(event.kind))
      .Bind(4, event.disclosed_at)
      .Bind(5, event.opened_at)
      .Bind(6, event.description);
  if (!insert.Step()) {
    ALONGSIDE_RETURN_IF_ERROR(insert.status());
    return Status::Internal("safety event insert returned no id");
  }
  const Id id = insert.Int(0);
  ALONGSIDE_RETURN_IF_ERROR(insert.Run());
  return id;
}

Status InsertSafetyStep(const Connection& db, Id event_id, int seq,
                        const domain::SafetyStep& step) {
  Statement insert(db, "INSERT INTO safety_steps(event_id, seq, step, at, recorded_at,"
                       " by_staff_id, note, imminent, reason, to_whom, justification, emergency,"
                       " plan_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
  std::optional<std::int64_t> imminent;
  if (step.imminent) imminent = *step.imminent ? 1 : 0;
  insert.Bind(1, event_id)
      .Bind(2, seq)
      .Bind(3, domain::Name(step.step))
      .Bind(4, step.at)
      .Bind(5, step.recorded_at)
      .Bind(6, step.by_staff_id)
      .Bind(7, step.note)
      .Bind(8, imminent)
      .Bind(9, step.reason)
      .Bind(10, step.to)
      .Bind(11, step.justification)
      .Bind(12, step.emergency ? 1 : 0)
      .Bind(13, step.plan_id);
  ALONGSIDE_RETURN_IF_ERROR(insert.Run());
  const bool closing = step.step == domain::SafetyStepCode::kClosed;
  Statement update(db, "UPDATE safety_events SET last_step = ?1, last_step_at = ?2,"
                       " closed_at = CASE WHEN ?3 = 1 THEN ?2 ELSE closed_at END WHERE id = ?4");
  update.Bind(1, domain::Name(step.step))
      .Bind(2, step.at)
      .Bind(3, closing ? 1 : 0)
      .Bind(4, event_id);
  return update.Run();
}

Result<Id> InsertSafetyReview(const Connection& db, const domain::SafetyReview& review) {
  Statement insert(db, "INSERT INTO safety_reviews(event_id, reviewer_id, reviewer_role, at, note)"
                       " VALUES (?1,?2,?3,?4,?5) RETURNING id");
  insert.Bind(1, review.event_id)
      .Bind(2, review.reviewer_id)
      .Bind(3, domain::Name(review.reviewer_role))
      .Bind(4, review.at)
      .Bind(5, review.note);
  if (!insert.Step()) {
    ALONGSIDE_RETURN_IF_ERROR(insert.status());
    return Status::Internal("safety review insert returned no id");
  }
  const Id id = insert.Int(0);
  ALONGSIDE_RETURN_IF_ERROR(insert.Run());
  Statement reviewed(db, "UPDATE safety_events SET reviewed_at = COALESCE(reviewed_at, ?1)"
                         " WHERE id = ?2");
  reviewed.Bind(1, review.at).Bind(2, review.event_id);
  ALONGSIDE_RETURN_IF_ERROR(reviewed.Run());
  return id;
}

Status InsertNotifications(const Connection& db, const std::vector<domain::Notification>& notify,
                           std::optional<Id> safety_event_id) {
  for (const domain::Notification& notification : notify) {
    Statement insert(db, "INSERT INTO notifications(created_at, channel, recipient_staff_id,"
                         " subject, body, topic, safety_event_id, attempts, next_attempt_at,"
                         " last_error) VALUES (?1,?2,?3,?4,?5,?6,?7,0,?8,'')");
    insert.Bind(1, notification.created_at)
        .Bind(2, domain::Name(notification.channel))
        .Bind(3, notification.recipient_staff_id)
        .Bind(4, notification.subject)
        .Bind(5, notification.body)
        .Bind(6, notification.topic)
        .Bind(7, safety_event_id ? safety_event_id : notification.safety_event_id)
        .Bind(8, notification.next_attempt_at ? notification.next_attempt_at
                                              : notification.created_at);
    ALONGSIDE_RETURN_IF_ERROR(insert.Run());
  }
  return Status::Ok();
}

Result<std::vector<domain::Notification>> DueNotifications(const Connection& db, Instant now,
                                                           int limit) {
  Statement rows(db, fmt::format("SELECT {} FROM notifications WHERE delivered_at IS NULL AND"
                                 " next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?2",
                                 kNotificationColumns));
  rows.Bind(1, now).Bind(2, std::clamp(limit, 1, 1000));
  return Collect<domain::Notification>(rows, ReadNotification);
}

Result<std::vector<domain::Notification>> ListNotifications(const Connection& db,
                                                            std::optional<Id> recipient,
                                                            bool undelivered_only, int limit) {
  std::string where = "WHERE 1 = 1";
  if (recipient) where += " AND recipient_staff_id = ?2";
  if (undelivered_only) where += " AND delivered_at IS NULL";
  Statement rows(db, fmt::format("SELECT {} FROM notifications {} ORDER BY created_at DESC, id DESC"
                                 " LIMIT ?1", kNotificationColumns, where));
  rows.Bind(1, std::clamp(limit, 1, 1000));
  if (recipient) rows.Bind(2, *recipient);
  return Collect<domain::Notification>(rows, ReadNotification);
}

}  // namespace alongside::store::sql
