#include "usecase/safety.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "domain/safety.h"
#include "usecase/internal.h"

namespace alongside::usecase {
namespace {

using access::Action;

// The longest review note, in bytes.
constexpr size_t kMaxReviewNote = 4000;

Result<int> ReviewHours(Services& services) {
  ALONGSIDE_ASSIGN_OR_RETURN(store::ProgramSettings settings,
                             services.store.GetProgramSettings());
  return settings.safety_review_hours;
}

// Views of `events` with names, the protocol's next steps and review
// timing, and what the caller may do.
Result<std::vector<SafetyEventView>> ViewsOf(Services& services, const Caller& caller,
                                             std::vector<domain::SafetyEvent> events) {
  std::vector<Id> staff, people;
  for (const domain::SafetyEvent& event : events) {
    staff.push_back(event.worker_id);
    people.push_back(event.person_id);
  }
  ALONGSIDE_ASSIGN_OR_RETURN(store::DisplayNames names, services.store.NamesOf(staff, people));
  std::map<Id, std::string> staff_names(names.staff.begin(), names.staff.end());
  std::map<Id, std::string> people_names(names.people.begin(), names.people.end());
  ALONGSIDE_ASSIGN_OR_RETURN(const int review_hours, ReviewHours(services));
  const Instant review_seconds = static_cast<Instant>(review_hours) * 3600;
  std::vector<SafetyEventView> views;
  for (domain::SafetyEvent& event : events) {
    SafetyEventView view;
    view.person_name = people_names[event.person_id];
    view.worker_name = staff_names[event.worker_id];
    view.next = domain::NextSafetyStep(event);
    view.allowed = domain::AllowedSafetySteps(event, caller.now);
    view.complete = domain::SafetyProtocolComplete(event);
    view.review_due_at = event.opened_at + review_seconds;
    const Instant reviewed = event.reviews.empty() ? caller.now : event.reviews.front().at;
    view.overdue = reviewed > view.review_due_at;
    ALONGSIDE_ASSIGN_OR_RETURN(
        const bool records,
        internal::Allowed(services.policy.CheckSafetyEvent(caller.who, Action::kRecordSafety,
                                                           event, caller.today())));
    view.may_record = records && !domain::SafetyStateOf(event).closed;
    ALONGSIDE_ASSIGN_OR_RETURN(
        view.may_review,
        internal::Allowed(services.policy.CheckSafetyEvent(caller.who, Action::kReviewSafety,
                                                           event, caller.today())));
    ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::PersonPlan> plans,
                               services.store.ListPersonPlans(event.person_id));
    for (const domain::PersonPlan& plan : plans) {
      if (plan.kind != domain::PlanKind::kSafety) continue;
      ALONGSIDE_ASSIGN_OR_RETURN(
          const bool reads, internal::Allowed(services.policy.CheckPlan(
                                caller.who, Action::kReadPlan, plan, caller.today())));
      if (reads) view.safety_plan_id = plan.id;
    }
    view.event = std::move(event);
    views.push_back(std::move(view));
  }
  return views;
}

Result<SafetyEventView> ViewOf(Services& services, const Caller& caller, Id event_id) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::SafetyEvent event, services.store.GetSafetyEvent(event_id));
  std::vector<domain::SafetyEvent> events;
  events.push_back(std::move(event));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<SafetyEventView> views,
                             ViewsOf(services, caller, std::move(events)));
  return std::move(views.front());
}

// The event, when the caller may do `action` with it; refused like one that
// does not exist otherwise (audited).
Result<domain::SafetyEvent> EventFor(Services& services, const Caller& caller, Id event_id,
                                     Action action) {
  Result<domain::SafetyEvent> event = services.store.GetSafetyEvent(event_id);
  if (!event.ok()) {
    if (event.status().code() != StatusCode::kNotFound) return event.status();
    return internal::Unknown("safety event");
  }
  Status decision = services.policy.CheckSafetyEvent(caller.who, action, *event, caller.today());
  if (decision.code() == StatusCode::kForbidden) {
    ALONGSIDE_ASSIGN_OR_RETURN(
        const bool reads, internal::Allowed(services.policy.CheckSafetyEvent(
                              caller.who, Action::kReadSafety, *event, caller.today())));
    Status refused = internal::Refuse(services, caller, access::ActionCode(action),
                                      event->person_id, event_id, decision);
    return reads ? refused : internal::Unknown("safety event");
  }
  ALONGSIDE_RETURN_IF_ERROR(decision);
  return event;
}

// The outbox rows that tell the event's worker's supervisors (in the app)
// and the configured channels about `topic`. No name of the person served
// leaves in them: an id and the link to the event.
Result<std::vector<domain::Notification>> Notices(Services& services, const Caller& caller,
                                                  Id worker_id, std::optional<Id> event_id,
                                                  const std::string& topic,
                                                  const std::string& subject) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Staff worker, services.store.GetStaff(worker_id));
  std::vector<domain::Notification> notices;
  const std::string body =
      event_id ? fmt::format("Open Alongside to read safety event {}: /safety/{}", *event_id,
                             *event_id)
               : std::string("Open Alongside to read the new safety event on your queue: /safety");
  auto add = [&](domain::NotificationChannel channel, std::optional<Id> recipient) {
    domain::Notification notice;
    notice.created_at = caller.now;
    notice.next_attempt_at = caller.now;
    notice.channel = channel;
    notice.recipient_staff_id = recipient;
    notice.subject = subject;
    notice.body = body;
    notice.topic = topic;
    notice.safety_event_id = event_id;
    notices.push_back(std::move(notice));
  };
  for (std::optional<Id> supervisor : {worker.clinical_supervisor_id, worker.peer_supervisor_id}) {
    if (supervisor) add(domain::NotificationChannel::kInApp, supervisor);
  }
  if (services.outbox.smtp) add(domain::NotificationChannel::kSmtp, std::nullopt);
  if (services.outbox.webhook) add(domain::NotificationChannel::kWebhook, std::nullopt);
  return notices;
}

}  // namespace

Result<SafetyEventView> OpenSafetyEvent(Services& services, const Caller& caller,
                                        const OpenSafetyRequest& request) {
  ALONGSIDE_RETURN_IF_ERROR(
      internal::Authorize(services, caller, Action::kRecordSafety, request.person_id));
  domain::SafetyEvent event;
  event.person_id = request.person_id;
  event.worker_id = *caller.who.staff_id;
  event.kind = request.kind;
  event.disclosed_at = request.disclosed_at.value_or(caller.now);
  event.opened_at = caller.now;
  event.description = request.description;
  ALONGSIDE_RETURN_IF_ERROR(domain::ValidateSafetyOpening(event.kind, event.disclosed_at,
                                                          event.description, caller.now));
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<domain::Notification> notices,
      Notices(services, caller, event.worker_id, std::nullopt, "safety_event.opened",
              "A safety event was opened and needs review"));
  ALONGSIDE_ASSIGN_OR_RETURN(Id id, services.store.OpenSafetyEvent(event, notices, caller.actor));
  return ViewOf(services, caller, id);
}

Result<SafetyEventView> RecordSafetyStep(Services& services, const Caller& caller, Id event_id,
                                         const SafetyStepRequest& request) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::SafetyEvent event,
                             EventFor(services, caller, event_id, Action::kRecordSafety));
  domain::SafetyStep step;
  step.step = request.step;
  step.at = request.at.value_or(caller.now);
  step.recorded_at = caller.now;
  step.by_staff_id = *caller.who.staff_id;
  step.note = request.note;
  step.imminent = request.imminent;
  step.reason = request.reason;
  step.to = request.to;
  step.justification = request.justification;
  step.emergency = request.emergency;
  step.plan_id = request.plan_id;
  if (step.plan_id) {
    Result<domain::PersonPlan> plan = services.store.GetPersonPlan(*step.plan_id);
    if (!plan.ok() || plan->person_id != event.person_id ||
        plan->kind != domain::PlanKind::kSafety) {
      return Status::InvalidArgument("plan_id", "must be this person's safety plan");
    }
  }
  std::vector<domain::Notification> notices;
  if (step.step == domain::SafetyStepCode::kEscalatedWithoutConsent) {
    ALONGSIDE_ASSIGN_OR_RETURN(
        notices, Notices(services, caller, event.worker_id, event_id,
                         "safety_event.escalated",
                         fmt::format("Safety event {}: escalated without consent", event_id)));
  }
  ALONGSIDE_RETURN_IF_ERROR(
      services.store
          .AppendSafetyStep(event_id,
                            [&](const domain::SafetyEvent& current) -> Result<store::SafetyStepWrite> {
                              ALONGSIDE_RETURN_IF_ERROR(
                                  domain::CheckSafetyStep(current, step, caller.now));
                              return store::SafetyStepWrite{step, notices};
                            },
                            caller.actor)
          .status());
  return ViewOf(services, caller, event_id);
}

Result<SafetyEventView> GetSafetyEvent(Services& services, const Caller& caller, Id event_id) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::SafetyEvent event,
                             EventFor(services, caller, event_id, Action::kReadSafety));
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditRead(services, caller, "safety.read", "safety_event",
                                                event_id, event.person_id));
  std::vector<domain::SafetyEvent> events;
  events.push_back(std::move(event));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<SafetyEventView> views,
                             ViewsOf(services, caller, std::move(events)));
  return std::move(views.front());
}

Result<SafetyEventView> ReviewSafetyEvent(Services& services, const Caller& caller, Id event_id,
                                          const std::string& note) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::SafetyEvent event,
                             EventFor(services, caller, event_id, Action::kReviewSafety));
  if (note.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("note", "say what you reviewed and what follows");
  }
  if (note.size() > kMaxReviewNote) {
    return Status::InvalidArgument("note", fmt::format("must be at most {} bytes", kMaxReviewNote));
  }
  domain::SafetyReview review;
  review.event_id = event.id;
  review.reviewer_id = *caller.who.staff_id;
  review.reviewer_role = *caller.who.role;
  review.at = caller.now;
  review.note = note;
  ALONGSIDE_RETURN_IF_ERROR(services.store.AddSafetyReview(review, caller.actor).status());
  return ViewOf(services, caller, event_id);
}

Result<std::vector<SafetyEventView>> SafetyEventsOf(Services& services, const Caller& caller,
                                                    Id person_id) {
  ALONGSIDE_RETURN_IF_ERROR(internal::Authorize(services, caller, Action::kReadPerson, person_id));
  store::SafetyQuery query;
  query.person_id = person_id;
  query.limit = 50;
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::SafetyEvent> events,
                             services.store.ListSafetyEvents(query));
  std::vector<domain::SafetyEvent> readable;
  for (domain::SafetyEvent& event : events) {
    ALONGSIDE_ASSIGN_OR_RETURN(
        const bool reads, internal::Allowed(services.policy.CheckSafetyEvent(
                              caller.who, Action::kReadSafety, event, caller.today())));
    if (reads) readable.push_back(std::move(event));
  }
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditRead(services, caller, "safety.list", "person",
                                                person_id, person_id,
                                                fmt::format("{} events", readable.size())));
  return ViewsOf(services, caller, std::move(readable));
}

Result<SafetyQueue> OversightQueue(Services& services, const Caller& caller) {
  ALONGSIDE_RETURN_IF_ERROR(
      internal::AuthorizeGeneral(services, caller, Action::kOverseeSupervisees));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<Id> supervisees,
                             services.store.SuperviseesOf(*caller.who.staff_id));
  std::vector<domain::SafetyEvent> events;
  for (bool open : {true, false}) {
    store::SafetyQuery query;
    query.worker_ids = supervisees;
    query.open_only = open;
    query.unreviewed_only = !open;
    ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::SafetyEvent> found,
                               services.store.ListSafetyEvents(query));
    for (domain::SafetyEvent& event : found) {
      bool seen = std::any_of(events.begin(), events.end(),
                              [&](const domain::SafetyEvent& e) { return e.id == event.id; });
      if (!seen) events.push_back(std::move(event));
    }
  }
  std::vector<Id> people;
  for (const domain::SafetyEvent& event : events) people.push_back(event.person_id);
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditReadOfPeople(services, caller, "safety.queue",
                                                        "safety_event", people,
                                                        "oversight queue"));
  SafetyQueue queue;
  ALONGSIDE_ASSIGN_OR_RETURN(queue.review_hours, ReviewHours(services));
  ALONGSIDE_ASSIGN_OR_RETURN(queue.events, ViewsOf(services, caller, std::move(events)));
  std::stable_sort(queue.events.begin(), queue.events.end(),
                   [](const SafetyEventView& a, const SafetyEventView& b) {
                     const bool a_waits = a.event.reviews.empty(), b_waits = b.event.reviews.empty();
                     if (a.overdue && a_waits) {
                       if (!(b.overdue && b_waits)) return true;
                     } else if (b.overdue && b_waits) {
                       return false;
                     }
                     return a.event.opened_at < b.event.opened_at;
                   });
  for (const SafetyEventView& view : queue.events) {
    if (view.overdue && view.event.reviews.empty()) ++queue.overdue;
  }
  return queue;
}

Result<std::vector<domain::Notification>> MyNotifications(Services& services,
                                                          const Caller& caller, int limit) {
  if (caller.who.IsPerson() || !caller.who.staff_id) {
    return internal::Refuse(services, caller, "notification.read", std::nullopt, 0,
                            Status::Forbidden("notifications are for staff"));
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Notification> notices,
                             services.store.ListNotifications(*caller.who.staff_id, false, limit));
  std::vector<domain::Notification> in_app;
  for (domain::Notification& notice : notices) {
    if (notice.channel == domain::NotificationChannel::kInApp) in_app.push_back(std::move(notice));
  }
  return in_app;
}

}  // namespace alongside::usecase
