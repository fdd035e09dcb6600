// Staff, assignments and supervision sessions. Rules in usecase/staff.h.
#include "server/api/api_common.h"
#include "usecase/staff.h"

namespace alongside::server::api {
namespace {

Status ListStaff(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"team_id", "role", "limit", "offset"}));
  store::StaffQuery query;
  ALONGSIDE_ASSIGN_OR_RETURN(query.page, ReadPage(context.request));
  ALONGSIDE_ASSIGN_OR_RETURN(query.team_id, QueryId(context.request, "team_id"));
  if (context.request.has_param("role")) {
    ALONGSIDE_ASSIGN_OR_RETURN(query.role,
                               domain::ParseRole(context.request.get_param_value("role"), "role"));
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Staff> staff,
                             usecase::ListStaff(context.UseCases(), context.Caller(), query));
  context.Json(Items(JsonArray(staff), query.page));
  return Status::Ok();
}

Status GetStaffMember(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::StaffMember member,
      usecase::ReadStaffMember(context.UseCases(), context.Caller(), context.PathId()));
  nlohmann::json json = ToJson(member.staff);
  json["certifications"] = JsonArray(member.certifications);
  context.Json(json);
  return Status::Ok();
}

Status ListAssignments(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(
      OnlyParams(context.request, {"person_id", "worker_id", "limit", "offset"}));
  usecase::AssignmentListInput input;
  ALONGSIDE_ASSIGN_OR_RETURN(input.page, ReadPage(context.request));
  ALONGSIDE_ASSIGN_OR_RETURN(input.person_id, QueryId(context.request, "person_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(input.worker_id, QueryId(context.request, "worker_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<domain::Assignment> rows,
      usecase::ListAssignments(context.UseCases(), context.Caller(), input));
  context.Json(Items(JsonArray(rows), input.page));
  return Status::Ok();
}

Status AddAssignment(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(Id person_id, BodyId(input, "person_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(Id worker_id, BodyId(input, "worker_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Day> start, input.Date("start_on", true));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::Assignment assignment,
      usecase::Assign(context.UseCases(), context.Caller(), person_id, worker_id, *start));
  context.Json(ToJson(assignment), 201);
  return Status::Ok();
}

Status ListSupervision(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(
      OnlyParams(context.request, {"supervisee_id", "from", "to", "limit", "offset"}));
  usecase::SupervisionListInput input;
  ALONGSIDE_ASSIGN_OR_RETURN(input.page, ReadPage(context.request));
  ALONGSIDE_ASSIGN_OR_RETURN(input.supervisee_id, QueryId(context.request, "supervisee_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(input.from, QueryDay(context.request, "from"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Instant> to, QueryDay(context.request, "to"));
  if (to) input.until = *to + 86400;
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<domain::SupervisionSession> sessions,
      usecase::ListSupervision(context.UseCases(), context.Caller(), input));
  context.Json(Items(JsonArray(sessions), input.page));
  return Status::Ok();
}

Status AddSupervision(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  domain::SupervisionSession session;
  ALONGSIDE_ASSIGN_OR_RETURN(session.supervisee_id, BodyId(input, "supervisee_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string kind_text, input.String("kind", true, 32));
  ALONGSIDE_ASSIGN_OR_RETURN(session.kind, domain::ParseSupervisionKind(kind_text, "kind"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Instant> held, input.Time("held_at", true));
  session.held_at = *held;
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::int64_t> minutes,
                             input.Integer("duration_minutes", true, -1'000'000, 1'000'000));
  session.duration_minutes = static_cast<int>(*minutes);
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> focus,
                             input.Strings("focus", false));
  for (const std::string& name : focus.value_or(std::vector<std::string>{})) {
    ALONGSIDE_ASSIGN_OR_RETURN(domain::SupervisionFocus item,
                               domain::ParseSupervisionFocus(name, "focus"));
    session.focus.push_back(item);
  }
  ALONGSIDE_ASSIGN_OR_RETURN(session.reflection, input.String("reflection", false));
  ALONGSIDE_ASSIGN_OR_RETURN(session.what_happened, input.String("what_happened", false));
  ALONGSIDE_ASSIGN_OR_RETURN(session.what_i_felt, input.String("what_i_felt", false));
  ALONGSIDE_ASSIGN_OR_RETURN(session.what_i_learned, input.String("what_i_learned", false));
  ALONGSIDE_ASSIGN_OR_RETURN(session.what_i_will_do, input.String("what_i_will_do", false));
  ALONGSIDE_ASSIGN_OR_RETURN(auto discussed, input.SubjectIds("discussed", 200));
  for (const auto& [subject, id] : discussed) {
    domain::SupervisionLink link;
    ALONGSIDE_ASSIGN_OR_RETURN(link.subject,
                               domain::ParseSupervisionSubject(subject, "discussed"));
    link.id = id;
    session.discussed.push_back(link);
  }
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::SupervisionSession recorded,
      usecase::RecordSupervision(context.UseCases(), context.Caller(), session));
  context.Json(ToJson(recorded), 201);
  return Status::Ok();
}

}  // namespace

void AddStaffRoutes(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  AddRoute(router, "GET", "/api/v1/assignments", kSignedIn, ListAssignments,
           "Assignments of people to peer workers in force today. Filters: person_id, "
           "worker_id.",
           "",
           R"({"items": [{"id": 5, "person_id": 12, "worker_id": 7, "start_on": "2026-02-01", )"
           R"("end_on": null}], ...})");
  AddRoute(router, "POST", "/api/v1/assignments", kSignedIn, AddAssignment,
           "Assign a person to a peer worker (program manager); 409 when they are already "
           "assigned to that worker. Access starts on start_on.",
           R"({"person_id": 12, "worker_id": 7, "start_on": "2026-11-23"})",
           R"({"id": 2101, "person_id": 12, "worker_id": 7, "start_on": "2026-11-23", "end_on": null})");
  AddRoute(router, "GET", "/api/v1/supervision-sessions", kSignedIn, ListSupervision,
           "A supervisee's supervision sessions, newest first. Filters: supervisee_id (default: "
           "the caller), from, to.",
           "", R"({"items": [{"id": 3, "kind": "peer_practice", "focus": ["role_fidelity"], ...}]})");
  AddRoute(router, "POST", "/api/v1/supervision-sessions", kSignedIn, AddSupervision,
           "Record a supervision session the caller held with one of their supervisees: the "
           "structured reflection's four parts (each optional) and the supervisee's records it "
           "discussed (subject: contact, drift_flag, boundary_event, advice_request, "
           "safety_event); 400 naming \"discussed\" for a record that is not theirs.",
           R"({"supervisee_id": 7, "kind": "peer_practice", "held_at": "2026-11-20T10:00:00Z", )"
           R"("duration_minutes": 60, "focus": ["role_fidelity", "self_disclosure"], )"
           R"("reflection": "...", "what_happened": "...", "what_i_felt": "...", )"
           R"("what_i_learned": "...", "what_i_will_do": "...", )"
           R"("discussed": [{"subject": "drift_flag", "id": 3}]})",
           R"({"id": 1201, "supervisor_id": 2, "supervisee_id": 7, "what_happened": "...", )"
           R"("discussed": [{"subject": "drift_flag", "id": 3}], ...})");
  AddRoute(router, "GET", "/api/v1/staff", kSignedIn, ListStaff, "Staff. Filters: team_id, role.",
           "", R"({"items": [{"id": 7, "display_name": "Alex B.", "role": "peer_specialist", ...}]})");
  AddRoute(router, "GET", "/api/v1/staff/{id}", kSignedIn, GetStaffMember,
           "A staff member with their certifications and expiry days.", "",
           R"({"id": 7, "role": "peer_specialist", "certifications": [{"name": "Certified Peer )"
           R"(Specialist", "expires_on": "2027-03-01", ...}]})");
}

}  // namespace alongside::server::api
