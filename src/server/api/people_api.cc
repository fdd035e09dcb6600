// People: the caller's caseload, a person's profile, their admissions.
#include "domain/rules.h"
#include "server/api/api_common.h"
#include "usecase/people.h"

namespace alongside::server::api {
namespace {

Status ListPeople(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"limit", "offset"}));
  ALONGSIDE_ASSIGN_OR_RETURN(store::Page page, ReadPage(context.request));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::PersonRow> rows,
                             usecase::ListPeople(context.UseCases(), context.Caller(), page));
  context.Json(Items(JsonArray(rows), page));
  return Status::Ok();
}

Status GetPerson(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      store::PersonRow row,
      usecase::ReadPerson(context.UseCases(), context.Caller(), context.PathId()));
  context.Json(ToJson(row));
  return Status::Ok();
}

Status ListAdmissions(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"person_id"}));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Id> person_id, QueryId(context.request, "person_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<domain::Admission> rows,
      usecase::ListAdmissions(context.UseCases(), context.Caller(), person_id));
  context.Json({{"items", JsonArray(rows)}});
  return Status::Ok();
}

Status AddAdmission(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  domain::Admission admission;
  ALONGSIDE_ASSIGN_OR_RETURN(admission.person_id, BodyId(input, "person_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string kind_text, input.String("kind", true, 64));
  ALONGSIDE_ASSIGN_OR_RETURN(admission.kind, domain::ParseAdmissionKind(kind_text, "kind"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Day> admitted, input.Date("admitted_on", true));
  admission.admitted_on = *admitted;
  ALONGSIDE_ASSIGN_OR_RETURN(admission.discharged_on, input.Date("discharged_on", false));
  ALONGSIDE_ASSIGN_OR_RETURN(admission.place,
                             input.String("place", false, domain::kMaxNameLength));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::Admission added,
      usecase::RecordAdmission(context.UseCases(), context.Caller(), admission));
  context.Json(ToJson(added), 201);
  return Status::Ok();
}

// The person served's own words about themselves; a field left out stays
// as it was.
Status UpdateOwnProfile(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  usecase::ProfileChange change;
  if (input.Has("pronouns")) {
    ALONGSIDE_ASSIGN_OR_RETURN(change.pronouns,
                               input.String("pronouns", false, domain::kMaxPronounsLength));
  }
  if (input.Has("self_description")) {
    ALONGSIDE_ASSIGN_OR_RETURN(
        change.self_description,
        input.String("self_description", false, domain::kMaxSelfDescriptionLength));
  }
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Person person,
                             usecase::UpdateOwnProfile(context.UseCases(), context.Caller(), change));
  context.Json(ToJson(person));
  return Status::Ok();
}

}  // namespace

void AddPeopleRoutes(Router& router) {
  AddRoute(router, "GET", "/api/v1/people", RouteAccess::kSignedIn, ListPeople,
           "The people the caller may see: a peer worker's caseload, a supervisor's "
           "supervisees' caseloads, a person's own record. Paged: limit (1..200), offset.",
           "",
           R"({"items": [{"id": 12, "preferred_name": "Sam T.", "pronouns": "they/them", ...}], )"
           R"("limit": 50, "offset": 0})");
  AddRoute(router, "GET", "/api/v1/people/{id}", RouteAccess::kSignedIn, GetPerson,
           "One person's profile, in their own words, with the peer workers assigned today.", "",
           R"({"id": 12, "preferred_name": "Sam T.", "self_description": "...", "worker_ids": [7]})");
  AddRoute(router, "GET", "/api/v1/admissions", RouteAccess::kSignedIn, ListAdmissions,
           "A person's hospital admissions. Filter: person_id.", "",
           R"({"items": [{"id": 8, "kind": "psychiatric_inpatient", "admitted_on": "2026-05-02", )"
           R"("discharged_on": "2026-05-12"}]})");
  AddRoute(router, "POST", "/api/v1/admissions", RouteAccess::kSignedIn, AddAdmission,
           "Record an admission for a person on the caller's caseload.",
           R"({"person_id": 12, "kind": "psychiatric_inpatient", "admitted_on": "2026-11-01", )"
           R"("discharged_on": "2026-11-09", "place": "St. Anne's, ward 4"})",
           R"({"id": 9, "person_id": 12, "kind": "psychiatric_inpatient", ...})");
  AddRoute(router, "PUT", "/api/v1/me/profile", RouteAccess::kSignedIn, UpdateOwnProfile,
           "The person served changes their own pronouns and how they describe themselves "
           "(only they may; a field left out stays as it was; an empty one clears it).",
           R"({"pronouns": "she/her", "self_description": "A gardener and a grandmother."})",
           R"({"id": 12, "preferred_name": "Sam T.", "pronouns": "she/her", ...})");
}

}  // namespace alongside::server::api
