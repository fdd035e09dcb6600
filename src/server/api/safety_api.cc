// The person's plans and the safety protocol: plans under
// /api/v1/people/{id}/plans, safety events, their steps and reviews, the
// oversight queue and the caller's in-app notifications. Every rule is in
// usecase/person_plans.h, usecase/safety.h and domain/safety.h.
#include "server/api/api_common.h"
#include "usecase/person_plans.h"
#include "usecase/safety.h"

namespace alongside::server::api {
namespace {

// The most sections a body may give (the templates have seven each; a
// program's own may add a few).
constexpr size_t kMaxBodySections = 24;
constexpr size_t kMaxSectionBytes = 20000;

nlohmann::json ViewJson(const usecase::PlanView& view) {
  nlohmann::json json = ToJson(view.plan);
  json["may_write"] = view.may_write;
  json["may_cosign_and_share"] = view.may_own;
  return json;
}

nlohmann::json ViewJson(const usecase::SafetyEventView& view) {
  nlohmann::json json = ToJson(view.event);
  json["next_step"] = view.next ? nlohmann::json(domain::Name(*view.next)) : nlohmann::json();
  nlohmann::json allowed = nlohmann::json::array();
  for (domain::SafetyStepCode step : view.allowed) allowed.push_back(domain::Name(step));
  json["allowed_steps"] = allowed;
  json["complete"] = view.complete;
  json["closed"] = !view.event.steps.empty() &&
                   view.event.steps.back().step == domain::SafetyStepCode::kClosed;
  json["review_due_at"] = FormatInstant(view.review_due_at);
  json["overdue"] = view.overdue;
  json["safety_plan_id"] =
      view.safety_plan_id ? nlohmann::json(*view.safety_plan_id) : nlohmann::json();
  return json;
}

Result<usecase::PlanWrite> ReadPlanWrite(JsonInput& input, bool sections_required) {
  usecase::PlanWrite write;
  ALONGSIDE_ASSIGN_OR_RETURN(
      auto sections,
      input.TextObject("sections", sections_required, kMaxBodySections, kMaxSectionBytes));
  if (sections) {
    for (auto& [code, words] : *sections) {
      write.sections.push_back(domain::PlanSection{code, std::move(words)});
    }
  }
  ALONGSIDE_ASSIGN_OR_RETURN(write.review_on, input.Date("review_on", false));
  return write;
}

// The plan in the path: /people/{person}/plans/{plan} (a plan of another
// person is answered like one that does not exist).
usecase::PlanRef PathPlan(const Context& context) {
  return usecase::PlanRef{context.PathId(1), context.PathId(0)};
}

Status ListPlans(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {}));
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<usecase::PlanView> plans,
      usecase::ListPlans(context.UseCases(), context.Caller(), context.PathId()));
  nlohmann::json items = nlohmann::json::array();
  for (const usecase::PlanView& view : plans) items.push_back(ViewJson(view));
  context.Json({{"items", items}});
  return Status::Ok();
}

Status CreatePlan(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string kind_text, input.String("kind", true, 32));
  ALONGSIDE_ASSIGN_OR_RETURN(domain::PlanKind kind, domain::ParsePlanKind(kind_text, "kind"));
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::PlanWrite write, ReadPlanWrite(input, true));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::PlanView view,
                             usecase::CreatePlan(context.UseCases(), context.Caller(),
                                                 context.PathId(), kind, write));
  context.Json(ViewJson(view), 201);
  return Status::Ok();
}

Status GetPlan(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {}));
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::PlanView view,
      usecase::GetPlan(context.UseCases(), context.Caller(), PathPlan(context)));
  context.Json(ViewJson(view));
  return Status::Ok();
}

Status RevisePlan(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::PlanWrite write, ReadPlanWrite(input, true));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::PlanView view,
      usecase::RevisePlan(context.UseCases(), context.Caller(), PathPlan(context), write));
  context.Json(ViewJson(view), 201);
  return Status::Ok();
}

Status CosignPlan(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(
                                                  context.request.body.empty()
                                                      ? std::string("{}")
                                                      : context.request.body));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::PlanView view,
      usecase::CosignPlan(context.UseCases(), context.Caller(), PathPlan(context)));
  context.Json(ViewJson(view));
  return Status::Ok();
}

Status SharePlan(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> given,
                             input.Strings("shared_with", true));
  const std::vector<std::string> names = given.value_or(std::vector<std::string>{});
  std::vector<domain::PlanAudience> audiences;
  for (const std::string& name : names) {
    ALONGSIDE_ASSIGN_OR_RETURN(domain::PlanAudience audience,
                               domain::ParsePlanAudience(name, "shared_with"));
    audiences.push_back(audience);
  }
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::PlanView view,
      usecase::SharePlan(context.UseCases(), context.Caller(), PathPlan(context), audiences));
  context.Json(ViewJson(view));
  return Status::Ok();
}

Status OpenSafetyEvent(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  usecase::OpenSafetyRequest request;
  request.person_id = context.PathId();
  ALONGSIDE_ASSIGN_OR_RETURN(std::string kind, input.String("kind", true, 64));
  ALONGSIDE_ASSIGN_OR_RETURN(request.kind, domain::ParseSafetyKind(kind, "kind"));
  ALONGSIDE_ASSIGN_OR_RETURN(request.disclosed_at, input.Time("disclosed_at", true));
  ALONGSIDE_ASSIGN_OR_RETURN(request.description, input.String("description", false, 4000));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::SafetyEventView view,
      usecase::OpenSafetyEvent(context.UseCases(), context.Caller(), request));
  context.Json(ViewJson(view), 201);
  return Status::Ok();
}

Status ListSafetyEvents(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {}));
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<usecase::SafetyEventView> events,
      usecase::SafetyEventsOf(context.UseCases(), context.Caller(), context.PathId()));
  nlohmann::json items = nlohmann::json::array();
  for (const usecase::SafetyEventView& view : events) items.push_back(ViewJson(view));
  context.Json({{"items", items}});
  return Status::Ok();
}

Status GetSafetyEvent(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {}));
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::SafetyEventView view,
      usecase::GetSafetyEvent(context.UseCases(), context.Caller(), context.PathId()));
  context.Json(ViewJson(view));
  return Status::Ok();
}

Status RecordSafetyStep(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  usecase::SafetyStepRequest request;
  ALONGSIDE_ASSIGN_OR_RETURN(std::string step, input.String("step", true, 64));
  ALONGSIDE_ASSIGN_OR_RETURN(request.step, domain::ParseSafetyStepCode(step, "step"));
  ALONGSIDE_ASSIGN_OR_RETURN(request.at, input.Time("at", false));
  ALONGSIDE_ASSIGN_OR_RETURN(request.note, input.String("note", false, 4000));
  ALONGSIDE_ASSIGN_OR_RETURN(request.imminent, input.Boolean("imminent"));
  ALONGSIDE_ASSIGN_OR_RETURN(request.reason, input.String("reason", false, 4000));
  ALONGSIDE_ASSIGN_OR_RETURN(request.to, input.String("to", false, 300));
  ALONGSIDE_ASSIGN_OR_RETURN(request.justification, input.String("justification", false, 4000));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<bool> emergency, input.Boolean("emergency"));
  request.emergency = emergency.value_or(false);
  if (input.Has("plan_id")) {
    ALONGSIDE_ASSIGN_OR_RETURN(request.plan_id, BodyId(input, "plan_id"));
  }
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::SafetyEventView view,
      usecase::RecordSafetyStep(context.UseCases(), context.Caller(), context.PathId(), request));
  context.Json(ViewJson(view), 201);
  return Status::Ok();
}

Status ReviewSafetyEvent(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string note, input.String("note", true, 4000));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::SafetyEventView view,
      usecase::ReviewSafetyEvent(context.UseCases(), context.Caller(), context.PathId(), note));
  context.Json(ViewJson(view), 201);
  return Status::Ok();
}

Status SafetyQueue(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {}));
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::SafetyQueue queue,
                             usecase::OversightQueue(context.UseCases(), context.Caller()));
  nlohmann::json items = nlohmann::json::array();
  for (const usecase::SafetyEventView& view : queue.events) items.push_back(ViewJson(view));
  context.Json({{"items", items}, {"review_hours", queue.review_hours},
                {"overdue", queue.overdue}});
  return Status::Ok();
}

}  // namespace

void AddSafetyRoutes(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  AddRoute(router, "GET", "/api/v1/people/{id}/plans", kSignedIn, ListPlans,
           "The person's plans the caller may read (docs/plans.md): the person and their peer "
           "worker see both; supervisors and the team only what the person shared with them.",
           "",
           R"({"items": [{"id": 5, "kind": "safety", "shared_with": ["supervisors"], )"
           R"("awaiting_cosign": false, "current": {"version": 2, "sections": )"
           R"({"warning_signs": "..."}, ...}, ...}]})");
  AddRoute(router, "POST", "/api/v1/people/{id}/plans", kSignedIn, CreatePlan,
           "Start the person's wellness or safety plan (kind: wellness or safety; one of each). "
           "sections maps a section code to the person's words (GET shows the codes; "
           "docs/plans.md lists them); review_on is optional. Written by the person, it is "
           "theirs; written by their worker with them, it waits for their co-signature.",
           R"({"kind": "safety", "sections": {"warning_signs": "I stop answering my phone", )"
           R"("people_to_ask": "My sister Ana"}, "review_on": "2027-01-15"})",
           R"({"id": 5, "kind": "safety", "awaiting_cosign": true, ...})");
  AddRoute(router, "GET", "/api/v1/people/{id}/plans/{id}", kSignedIn, GetPlan,
           "One plan with every version.", "",
           R"({"id": 5, "kind": "safety", "versions": [...], ...})");
  AddRoute(router, "POST", "/api/v1/people/{id}/plans/{id}/versions", kSignedIn, RevisePlan,
           "A new version of the whole plan (every section as it should now read).",
           R"({"sections": {"warning_signs": "I stop answering my phone"}})",
           R"({"id": 5, "current": {"version": 3, ...}, ...})");
  AddRoute(router, "POST", "/api/v1/people/{id}/plans/{id}/cosign", kSignedIn, CosignPlan,
           "The person co-signs the latest version their worker wrote with them (the person "
           "only; 409 when there is nothing to co-sign).",
           "{}", R"({"id": 5, "awaiting_cosign": false, ...})");
  AddRoute(router, "PUT", "/api/v1/people/{id}/plans/{id}/sharing", kSignedIn, SharePlan,
           "The person chooses who beyond their peer worker may read the plan: supervisors "
           "(their worker's supervisors) and team (the peer workers of their team). The person "
           "only.",
           R"({"shared_with": ["supervisors"]})", R"({"id": 5, "shared_with": ["supervisors"], ...})");
  AddRoute(router, "POST", "/api/v1/people/{id}/safety-events", kSignedIn, OpenSafetyEvent,
           "Open a safety event when a risk was disclosed (the person's peer worker; "
           "docs/safety.md). kind: suicidal_thoughts_passive, suicidal_thoughts_active, "
           "suicidal_thoughts_with_plan, suicidal_thoughts_with_intent, risk_to_others, other "
           "(other needs a description). The worker's supervisors are notified.",
           R"({"kind": "suicidal_thoughts_passive", "disclosed_at": "2026-12-03T14:05:00Z", )"
           R"("description": "Said she has been thinking she would be better off gone"})",
           R"({"id": 9, "kind": "suicidal_thoughts_passive", "steps": [], )"
           R"("next_step": "confidentiality_explained", ...})");
  AddRoute(router, "GET", "/api/v1/people/{id}/safety-events", kSignedIn, ListSafetyEvents,
           "The person's safety events the caller may read, newest first.", "",
           R"({"items": [{"id": 9, "steps": [...], ...}]})");
  AddRoute(router, "GET", "/api/v1/safety-events/{id}", kSignedIn, GetSafetyEvent,
           "A safety event with every step and review, the next step the protocol expects and "
           "the steps it would accept now.",
           "",
           R"({"id": 9, "steps": [{"step": "confidentiality_explained", "at": "...", ...}], )"
           R"("next_step": "safety_planning", "allowed_steps": [...], "overdue": false, ...})");
  AddRoute(router, "POST", "/api/v1/safety-events/{id}/steps", kSignedIn, RecordSafetyStep,
           "Record the next step: confidentiality_explained, safety_planning (plan_id: the "
           "person's safety plan), supervisor_consulted, imminent_risk_judged (imminent, "
           "reason), connected_with_consent (to), escalated_without_consent (justification; "
           "emergency: true to skip the earlier steps), follow_up, closed (reason, when there "
           "was no follow-up). at defaults to now and is never before the previous step. A "
           "refused step answers 409 and its detail names the rule, e.g. "
           "\"[safety.escalation] ...\".",
           R"({"step": "imminent_risk_judged", "imminent": false, )"
           R"("reason": "She has her plan and her sister is with her tonight"})",
           R"({"id": 9, "steps": [...], "next_step": "connected_with_consent", ...})");
  AddRoute(router, "POST", "/api/v1/safety-events/{id}/reviews", kSignedIn, ReviewSafetyEvent,
           "A supervisor of the event's worker reviews it, with a note (required).",
           R"({"note": "Protocol followed; autonomy respected; follow-up booked."})",
           R"({"id": 9, "reviews": [{"reviewer_role": "clinical_supervisor", ...}], ...})");
  AddRoute(router, "GET", "/api/v1/safety-queue", kSignedIn, SafetyQueue,
           "A supervisor's oversight queue: their supervisees' safety events that are open or "
           "not yet reviewed, those past the review time first (review_hours is the program's "
           "setting).",
           "",
           R"({"items": [{"id": 9, "overdue": true, ...}], "review_hours": 24, "overdue": 1})");
}

}  // namespace alongside::server::api
