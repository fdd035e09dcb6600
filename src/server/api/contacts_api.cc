// Contacts and their notes: record, read, revise a draft, finalise, amend,
// and the person's annotations. Every rule is in usecase/contacts.h.
#include "server/api/api_common.h"
#include "usecase/contacts.h"

namespace alongside::server::api {
namespace {

Status ListContacts(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(
      context.request, {"person_id", "worker_id", "from", "to", "status", "limit", "offset"}));
  usecase::ContactListInput input;
  ALONGSIDE_ASSIGN_OR_RETURN(input.page, ReadPage(context.request));
  ALONGSIDE_ASSIGN_OR_RETURN(input.person_id, QueryId(context.request, "person_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(input.worker_id, QueryId(context.request, "worker_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(input.from, QueryDay(context.request, "from"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Instant> to, QueryDay(context.request, "to"));
  if (to) input.until = *to + 86400;  // "to" is inclusive
  if (context.request.has_param("status")) {
    ALONGSIDE_ASSIGN_OR_RETURN(
        input.status, domain::ParseNoteStatus(context.request.get_param_value("status"), "status"));
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::ContactRow> rows,
                             usecase::ListContacts(context.UseCases(), context.Caller(), input));
  context.Json(Items(JsonArray(rows), input.page));
  return Status::Ok();
}

// The contact, and for staff the language review of its current note:
// "review": {"flags": [...]} (docs/language-review.md).
Status RespondContact(Context& context, const usecase::ContactView& view, int status) {
  nlohmann::json body = ToJson(view.contact, view.annotations);
  if (view.review) body["review"] = {{"flags", domain::FlagsJson(*view.review)}};
  if (view.guardrails) {
    body["drift_flags"] = JsonArray(view.guardrails->drift);
    body["advice_requests"] = JsonArray(view.guardrails->advice);
    body["boundary_events"] = JsonArray(view.guardrails->boundary);
    body["completeness"] = domain::CompletenessJson(view.guardrails->completeness);
  }
  context.Json(body, status);
  return Status::Ok();
}

// POST /api/v1/review: the language review of a passage not yet saved.
Status ReviewText(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string text, input.String("text", true));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::LanguageFlag> flags,
                             usecase::ReviewWording(text, "text"));
  context.Json({{"flags", domain::FlagsJson(flags)}});
  return Status::Ok();
}

Status RecordContact(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(Id person_id, BodyId(input, "person_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::ContactFields fields, ReadContactFields(input));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<bool> finalise, input.Boolean("finalise"));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::Contact written,
      usecase::RecordContact(context.UseCases(), context.Caller(), person_id, fields,
                             finalise.value_or(false)));
  context.response.set_header("Location", "/api/v1/contacts/" + std::to_string(written.id));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::LanguageFlag> flags,
                             usecase::ReviewWording(written.latest().note, "note"));
  nlohmann::json body = ToJson(written, {});
  body["review"] = {{"flags", domain::FlagsJson(flags)}};
  context.Json(body, 201);
  return Status::Ok();
}

Status GetContact(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::ContactView view,
      usecase::ReadContact(context.UseCases(), context.Caller(), context.PathId()));
  return RespondContact(context, view, 200);
}

Status ReviseContact(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::ContactFields fields, ReadContactFields(input));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<bool> finalise, input.Boolean("finalise"));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::ContactView view,
      usecase::ReviseDraft(context.UseCases(), context.Caller(), context.PathId(), fields,
                           finalise.value_or(false)));
  return RespondContact(context, view, 200);
}

Status FinaliseContact(Context& context) {
  if (!context.request.body.empty()) {
    ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
    ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  }
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::ContactView view,
      usecase::FinaliseContact(context.UseCases(), context.Caller(), context.PathId()));
  return RespondContact(context, view, 200);
}

Status AmendContact(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::ContactFields fields, ReadContactFields(input));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string reason, input.String("amend_reason", true, 2000));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::ContactView view,
      usecase::AmendContact(context.UseCases(), context.Caller(), context.PathId(), fields,
                            reason));
  return RespondContact(context, view, 201);
}

Status AnnotateContact(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string words, input.String("words", true));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::ContactView view,
      usecase::AnnotateContact(context.UseCases(), context.Caller(), context.PathId(), words));
  return RespondContact(context, view, 201);
}

constexpr const char* kContactExample =
    R"({"person_id": 12, "start": "2026-11-20T14:00:00Z", "duration_minutes": 45, )"
    R"("setting": "community", "modalities": ["emotional", "companionship"], )"
    R"("activities": ["goal_review"], "note": "Walked to the park together.", )"
    R"("person_words": "It helped to get outside.", "finalise": false})";

constexpr const char* kContactResponse =
    R"({"id": 901, "person_id": 12, "worker_id": 7, "current": {"version": 1, "status": "draft", )"
    R"("start": "2026-11-20T14:00:00Z", "end": "2026-11-20T14:45:00Z", "duration_minutes": 45, ...}, )"
    R"("versions": [...], "annotations": [], "review": {"flags": []}})";

}  // namespace

void AddContactRoutes(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  AddRoute(router, "GET", "/api/v1/contacts", kSignedIn, ListContacts,
           "Contacts the caller may read, newest first, with their current version: a worker's "
           "or supervisor's are those about the people assigned today to them or their "
           "supervisees; a person's are the final notes about them. Filters: person_id, "
           "worker_id, from, to (YYYY-MM-DD, inclusive), status (draft|final), limit, offset.",
           "",
           R"({"items": [{"id": 901, "person_id": 12, "current": {...}, "annotations": 1}], ...})");
  AddRoute(router, "POST", "/api/v1/contacts", kSignedIn, RecordContact,
           "Record a contact with a person on the caller's caseload (draft, or final with "
           "\"finalise\": true, which needs a note). The start may not be in the future.",
           kContactExample, kContactResponse);
  AddRoute(router, "POST", "/api/v1/review", kSignedIn, ReviewText,
           "The note language review of a passage before it is saved: phrases to reconsider "
           "(identity labels, pathologizing words, clinical assessment and scope verbs in a "
           "peer note, directive advice), each with its rule, category, byte offsets and a "
           "person-first suggestion. Quoted words are the person's own and never flagged. It "
           "never refuses a note; saving and finalising are never blocked. A contact's "
           "\"review\" gives the same for its current note (staff only).",
           R"({"text": "He is non-compliant with his plan."})",
           R"({"flags": [{"rule": "pathologizing-non-compliant", "category": "pathologizing", )"
           R"("start": 6, "end": 19, "suggestion": "..."}]})");
  AddRoute(router, "GET", "/api/v1/contacts/{id}", kSignedIn, GetContact,
           "A contact with the versions of its note the caller may see and the person's "
           "annotations (a person served sees final notes only).",
           "", kContactResponse);
  AddRoute(router, "PUT", "/api/v1/contacts/{id}", kSignedIn, ReviseContact,
           "Revise your own draft (adds a version; with \"finalise\": true it is final, in one "
           "step). A final note answers 409: amend it instead.",
           R"({"start": "2026-11-20T14:00:00Z", "duration_minutes": 50, "setting": "community", )"
           R"("modalities": ["emotional"], "note": "...", "finalise": false})",
           kContactResponse);
  AddRoute(router, "POST", "/api/v1/contacts/{id}/finalise", kSignedIn, FinaliseContact,
           "Finalize and sign your own draft (adds a final version; needs a note).", "",
           kContactResponse);
  AddRoute(router, "POST", "/api/v1/contacts/{id}/amendments", kSignedIn, AmendContact,
           "Supersede a final note with a signed amendment that gives its reason. The person's "
           "own words are carried over unchanged (omit person_words, or repeat them).",
           R"({"start": "2026-11-20T14:00:00Z", "duration_minutes": 45, "setting": "community", )"
           R"("modalities": ["emotional"], "note": "...", "amend_reason": "wrong date"})",
           kContactResponse);
  AddRoute(router, "POST", "/api/v1/contacts/{id}/annotations", kSignedIn, AnnotateContact,
           "The person adds their annotation beside a final note about them.",
           R"({"words": "I'd add that the walk was my idea."})", kContactResponse);
}

}  // namespace alongside::server::api
