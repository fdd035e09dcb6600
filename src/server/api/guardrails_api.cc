// The role's guardrails: drift flags and their resolution, requests for
// advice, boundary events and the boundary guidance. Every rule is in
// usecase/guardrails.h.
#include "server/api/api_common.h"
#include "usecase/guardrails.h"

namespace alongside::server::api {
namespace {

Result<bool> OptionalFlag(JsonInput& input, const std::string& field) {
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<bool> value, input.Boolean(field));
  return value.value_or(false);
}

Status ListDriftFlags(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(
      OnlyParams(context.request, {"worker_id", "open", "limit", "offset"}));
  usecase::DriftListInput input;
  ALONGSIDE_ASSIGN_OR_RETURN(input.page, ReadPage(context.request));
  ALONGSIDE_ASSIGN_OR_RETURN(input.worker_id, QueryId(context.request, "worker_id"));
  if (context.request.has_param("open")) {
    const std::string open = context.request.get_param_value("open");
    if (open != "true" && open != "false") {
      return Status::InvalidArgument("open", "must be true or false");
    }
    input.open_only = open == "true";
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::DriftFlag> flags,
                             usecase::ListDriftFlags(context.UseCases(), context.Caller(), input));
  context.Json(Items(JsonArray(flags), input.page));
  return Status::Ok();
}

Status ResolveDriftFlag(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  usecase::DriftResolutionInput resolution;
  ALONGSIDE_ASSIGN_OR_RETURN(std::string how, input.String("resolution", true, 64));
  ALONGSIDE_ASSIGN_OR_RETURN(resolution.resolution,
                             domain::ParseDriftResolution(how, "resolution"));
  ALONGSIDE_ASSIGN_OR_RETURN(resolution.note, input.String("note", false, 4000));
  if (input.Has("supervision_session_id")) {
    ALONGSIDE_ASSIGN_OR_RETURN(resolution.supervision_session_id,
                               BodyId(input, "supervision_session_id"));
  }
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::DriftFlag flag,
      usecase::ResolveDriftFlag(context.UseCases(), context.Caller(), context.PathId(),
                                resolution));
  context.Json(ToJson(flag));
  return Status::Ok();
}

Status RecordAdvice(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  usecase::AdviceInput advice;
  ALONGSIDE_ASSIGN_OR_RETURN(advice.asked, input.String("asked", false, 2000));
  for (size_t step = 0; step < domain::kAllAdviceSteps.size(); ++step) {
    const std::string field(domain::Name(domain::kAllAdviceSteps[step]));
    ALONGSIDE_ASSIGN_OR_RETURN(std::string outcome, input.String(field, false, 64));
    if (outcome.empty()) continue;  // not recorded
    ALONGSIDE_ASSIGN_OR_RETURN(advice.steps[step],
                               domain::ParseAdviceStepOutcome(outcome, field));
  }
  ALONGSIDE_ASSIGN_OR_RETURN(advice.note, input.String("note", false));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::AdviceRequest request,
      usecase::RecordAdviceRequest(context.UseCases(), context.Caller(), context.PathId(),
                                   advice));
  context.Json(ToJson(request), 201);
  return Status::Ok();
}

// The facts of a boundary event from a body.
Result<domain::BoundaryEvent> ReadBoundaryEvent(JsonInput& input) {
  domain::BoundaryEvent event;
  ALONGSIDE_ASSIGN_OR_RETURN(std::string kind, input.String("kind", true, 64));
  ALONGSIDE_ASSIGN_OR_RETURN(event.kind, domain::ParseBoundaryEventKind(kind, "kind"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::int64_t> cents,
                             input.Integer("gift_value_cents", false, 0, 100'000'000));
  event.gift_value_cents = cents.value_or(0);
  ALONGSIDE_ASSIGN_OR_RETURN(event.invitation_public, OptionalFlag(input, "invitation_public"));
  ALONGSIDE_ASSIGN_OR_RETURN(event.invitation_supports_community_integration,
                             OptionalFlag(input, "supports_community_integration"));
  ALONGSIDE_ASSIGN_OR_RETURN(event.repeated, OptionalFlag(input, "repeated"));
  ALONGSIDE_ASSIGN_OR_RETURN(event.during_crisis, OptionalFlag(input, "during_crisis"));
  return event;
}

Status GuideBoundary(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(domain::BoundaryEvent event, ReadBoundaryEvent(input));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(domain::BoundaryGuidance guidance, usecase::GuideBoundary(event));
  context.Json(ToJson(guidance));
  return Status::Ok();
}

Status RecordBoundary(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  usecase::BoundaryInput boundary;
  ALONGSIDE_ASSIGN_OR_RETURN(boundary.event, ReadBoundaryEvent(input));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string decision, input.String("decision", true, 64));
  ALONGSIDE_ASSIGN_OR_RETURN(boundary.decision,
                             domain::ParseBoundaryDecision(decision, "decision"));
  ALONGSIDE_ASSIGN_OR_RETURN(boundary.conversation, input.String("conversation", false));
  ALONGSIDE_ASSIGN_OR_RETURN(boundary.supervisor_consulted,
                             OptionalFlag(input, "supervisor_consulted"));
  ALONGSIDE_ASSIGN_OR_RETURN(boundary.consultation, input.String("consultation", false, 4000));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::BoundaryRecorded recorded,
      usecase::RecordBoundaryEvent(context.UseCases(), context.Caller(), context.PathId(),
                                   boundary));
  nlohmann::json body = ToJson(recorded.record);
  body["guidance_given"] = ToJson(recorded.guidance);
  context.Json(body, 201);
  return Status::Ok();
}

constexpr const char* kBoundaryFacts =
    R"({"kind": "gift", "gift_value_cents": 800, "repeated": false, "during_crisis": false})";

}  // namespace

void AddGuardrailRoutes(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  AddRoute(router, "GET", "/api/v1/drift-flags", kSignedIn, ListDriftFlags,
           "Role-drift flags, newest first: raised when a final note records a clinical-only "
           "activity or keeps scope language (docs/scope.md). A worker sees their own; a "
           "supervisor their supervisees'. Filters: worker_id, open (true, the default, or "
           "false for all), limit, offset.",
           "",
           R"({"items": [{"id": 3, "contact_id": 901, "person_id": 12, "worker_id": 7, )"
           R"("source": "activity", "code": "diagnosis", "resolution": null, ...}], ...})");
  AddRoute(router, "POST", "/api/v1/drift-flags/{id}/resolve", kSignedIn, ResolveDriftFlag,
           "Resolve an open drift flag, once (a supervisor of the worker): reclassified, "
           "explained (with a note), or discussed_in_supervision (with the session's id). A "
           "resolved flag answers 409; flags are never deleted.",
           R"({"resolution": "discussed_in_supervision", "supervision_session_id": 44, )"
           R"("note": "Talked through referring to the clinic for this."})",
           R"({"id": 3, "resolution": "discussed_in_supervision", "resolved_by": 5, ...})");
  AddRoute(router, "POST", "/api/v1/contacts/{id}/advice-requests", kSignedIn, RecordAdvice,
           "Record a request for advice on a contact and how each of the five steps went "
           "(role_clarified, supported_decision, experience_shared, safety_addressed, "
           "clinical_connection_offered: done, not_applicable, declined, or absent for not "
           "recorded). Nothing is required; nothing blocks the contact.",
           R"({"asked": "Whether to stop her medication", "role_clarified": "done", )"
           R"("supported_decision": "done", "experience_shared": "declined", )"
           R"("safety_addressed": "not_applicable", "clinical_connection_offered": "done"})",
           R"({"id": 8, "contact_id": 901, "role_clarified": "done", ...})");
  AddRoute(router, "POST", "/api/v1/boundary-guidance", kSignedIn, GuideBoundary,
           "The program's boundary guidance for an event's facts, without recording anything "
           "(docs/boundaries.md). kind: gift, invitation, personal_contact, social_media, "
           "dual_relationship, financial_request; gift_value_cents; invitation_public; "
           "supports_community_integration; repeated; during_crisis.",
           kBoundaryFacts,
           R"({"decision": "accept_and_document", "reasons": [{"rule": "gift.within_limit", )"
           R"("suggestion": "..."}], "channels": [], ...})");
  AddRoute(router, "POST", "/api/v1/contacts/{id}/boundary-events", kSignedIn, RecordBoundary,
           "Record a boundary event on a contact: its facts (as boundary-guidance), what you "
           "decided (decision: accept_and_document, attend, decline_and_offer_alternative, "
           "consult_supervisor), the conversation and any consultation. The guidance in force "
           "is stored with it and returned as guidance_given.",
           R"({"kind": "gift", "gift_value_cents": 800, "decision": "accept_and_document", )"
           R"("conversation": "We talked about what the bracelet means to her."})",
           R"({"id": 4, "kind": "gift", "guidance": "accept_and_document", )"
           R"("decision": "accept_and_document", "guidance_given": {...}, ...})");
}

}  // namespace alongside::server::api
