#include "server/api_json.h"

namespace alongside::server {
namespace {

template <typename T>
nlohmann::json Optional(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json OptionalTime(const std::optional<Instant>& value) {
  return value ? nlohmann::json(FormatInstant(*value)) : nlohmann::json(nullptr);
}

nlohmann::json OptionalDay(const std::optional<Day>& value) {
  return value ? nlohmann::json(FormatDay(*value)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json ToJson(const domain::Person& person) {
  return {{"id", person.id},
          {"team_id", person.team_id},
          {"preferred_name", person.preferred_name},
          {"pronouns", person.pronouns},
          {"self_description", person.self_description},
          {"birth_year", Optional(person.birth_year)},
          {"enrolled_on", FormatDay(person.enrolled_on)}};
}

nlohmann::json ToJson(const store::PersonRow& row) {
  nlohmann::json json = ToJson(row.person);
  json["worker_ids"] = row.worker_ids;
  json["last_contact_at"] = OptionalTime(row.last_contact_at);
  return json;
}

nlohmann::json ToJson(const domain::ContactVersion& version) {
  return {{"version", version.version},
          {"start", FormatInstant(version.start)},
          {"end", FormatInstant(version.end)},
          {"duration_minutes", (version.end - version.start) / 60},
          {"setting", domain::Name(version.setting)},
          {"modalities", domain::ModalityNames(version.modalities)},
          {"activities", version.activities},
          {"note", version.note},
          {"person_words", version.person_words},
          {"status", domain::Name(version.status)},
          {"written_by", version.written_by},
          {"written_at", FormatInstant(version.written_at)},
          {"signed_by", Optional(version.signed_by)},
          {"signed_at", OptionalTime(version.signed_at)},
          {"amends_version", Optional(version.amends_version)},
          {"amend_reason", version.amend_reason},
          {"wording_reason", version.wording_reason}};
}

nlohmann::json ToJson(const store::Annotation& annotation) {
  return {{"id", annotation.id},
          {"contact_id", annotation.contact_id},
          {"person_id", annotation.person_id},
          {"words", annotation.words},
          {"at", FormatInstant(annotation.at)}};
}

nlohmann::json ToJson(const domain::Contact& contact,
                      const std::vector<store::Annotation>& annotations) {
  nlohmann::json versions = nlohmann::json::array();
  for (const domain::ContactVersion& version : contact.versions) versions.push_back(ToJson(version));
  nlohmann::json notes = nlohmann::json::array();
  for (const store::Annotation& annotation : annotations) notes.push_back(ToJson(annotation));
  return {{"id", contact.id},
          {"person_id", contact.person_id},
          {"worker_id", contact.worker_id},
          {"current", ToJson(contact.latest())},
          {"versions", versions},
          {"annotations", notes}};
}

nlohmann::json ToJson(const store::ContactRow& row) {
  return {{"id", row.id},
          {"person_id", row.person_id},
          {"worker_id", row.worker_id},
          {"person_name", row.person_name},
          {"annotations", row.annotations},
          {"current", ToJson(row.latest)}};
}

nlohmann::json ToJson(const domain::GoalProgress& progress) {
  return {{"id", progress.id},
          {"goal_id", progress.goal_id},
          {"at", FormatInstant(progress.at)},
          {"words", progress.words},
          {"by_person", progress.by_person}};
}

nlohmann::json ToJson(const domain::Goal& goal,
                      const std::vector<domain::GoalProgress>& progress) {
  nlohmann::json versions = nlohmann::json::array();
  for (const domain::GoalVersion& version : goal.versions) {
    versions.push_back({{"version", version.version},
                        {"words", version.words},
                        {"status", domain::Name(version.status)},
                        {"authored_by_person", version.authored_by_person},
                        {"review_on", OptionalDay(version.review_on)},
                        {"cosigned_at", OptionalTime(version.cosigned_at)},
                        {"written_at", FormatInstant(version.written_at)}});
  }
  nlohmann::json entries = nlohmann::json::array();
  for (const domain::GoalProgress& entry : progress) entries.push_back(ToJson(entry));
  return {{"id", goal.id},
          {"person_id", goal.person_id},
          {"current", versions.back()},
          {"versions", versions},
          {"progress", entries}};
}

nlohmann::json ToJson(const domain::Staff& staff) {
  return {{"id", staff.id},
          {"team_id", staff.team_id},
          {"display_name", staff.display_name},
          {"role", domain::Name(staff.role)},
          {"peer_supervisor_id", Optional(staff.peer_supervisor_id)},
          {"clinical_supervisor_id", Optional(staff.clinical_supervisor_id)},
          {"active", staff.active}};
}

nlohmann::json ToJson(const domain::Team& team) {
  return {{"id", team.id},
          {"program_id", team.program_id},
          {"name", team.name},
          {"setting", domain::Name(team.setting)}};
}

nlohmann::json ToJson(const domain::Assignment& assignment) {
  return {{"id", assignment.id},
          {"person_id", assignment.person_id},
          {"worker_id", assignment.worker_id},
          {"start_on", FormatDay(assignment.start_on)},
          {"end_on", OptionalDay(assignment.end_on)}};
}

nlohmann::json ToJson(const domain::SupervisionSession& session) {
  std::vector<std::string> focus;
  for (domain::SupervisionFocus item : session.focus) focus.emplace_back(domain::Name(item));
  nlohmann::json discussed = nlohmann::json::array();
  for (const domain::SupervisionLink& link : session.discussed) {
    discussed.push_back({{"subject", domain::Name(link.subject)}, {"id", link.id}});
  }
  return {{"id", session.id},
          {"supervisor_id", session.supervisor_id},
          {"supervisee_id", session.supervisee_id},
          {"kind", domain::Name(session.kind)},
          {"held_at", FormatInstant(session.held_at)},
          {"duration_minutes", session.duration_minutes},
          {"focus", focus},
          {"reflection", session.reflection},
          {"what_happened", session.what_happened},
          {"what_i_felt", session.what_i_felt},
          {"what_i_learned", session.what_i_learned},
          {"what_i_will_do", session.what_i_will_do},
          {"structured_reflection", session.HasStructuredReflection()},
          {"discussed", discussed}};
}

nlohmann::json ToJson(const domain::Admission& admission) {
  return {{"id", admission.id},
          {"person_id", admission.person_id},
          {"kind", domain::Name(admission.kind)},
          {"admitted_on", FormatDay(admission.admitted_on)},
          {"discharged_on", OptionalDay(admission.discharged_on)},
          {"place", admission.place}};
}

nlohmann::json ToJson(const domain::Certification& certification) {
  return {{"id", certification.id},
          {"name", certification.name},
          {"issued_on", FormatDay(certification.issued_on)},
          {"expires_on", FormatDay(certification.expires_on)}};
}

nlohmann::json ToJson(const store::ProgramSummary& summary) {
  return {{"programs", summary.programs},
          {"teams", summary.teams},
          {"peer_workers", summary.peer_workers},
          {"supervisors", summary.supervisors},
          {"people_served", summary.people_served},
          {"active_assignments", summary.active_assignments},
          {"contacts", summary.contacts},
          {"contacts_final", summary.contacts_final},
          {"goals", summary.goals},
          {"supervision_sessions", summary.supervision_sessions},
          {"admissions", summary.admissions}};
}

nlohmann::json ToJson(const domain::DriftFlag& flag) {
  return {{"id", flag.id},
          {"contact_id", flag.contact_id},
          {"person_id", flag.person_id},
          {"worker_id", flag.worker_id},
          {"raised_at", FormatInstant(flag.raised_at)},
          {"source", domain::Name(flag.source)},
          {"code", flag.code},
          {"resolution", flag.resolution ? nlohmann::json(domain::Name(*flag.resolution))
                                         : nlohmann::json(nullptr)},
          {"resolution_note", flag.resolution_note},
          {"resolved_by", Optional(flag.resolved_by)},
          {"resolved_at", OptionalTime(flag.resolved_at)},
          {"supervision_session_id", Optional(flag.supervision_session_id)}};
}

nlohmann::json ToJson(const domain::AdviceRequest& request) {
  nlohmann::json json = {{"id", request.id},
                         {"contact_id", request.contact_id},
                         {"person_id", request.person_id},
                         {"worker_id", request.worker_id},
                         {"recorded_at", FormatInstant(request.recorded_at)},
                         {"asked", request.asked}};
  for (size_t step = 0; step < domain::kAllAdviceSteps.size(); ++step) {
    json[std::string(domain::Name(domain::kAllAdviceSteps[step]))] =
        domain::Name(request.steps[step]);
  }
  json["note"] = request.note;
  return json;
}

nlohmann::json ToJson(const domain::BoundaryGuidance& guidance) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const domain::BoundaryReason& reason : guidance.reasons) {
    reasons.push_back({{"rule", reason.rule}, {"suggestion", reason.suggestion}});
  }
  nlohmann::json channels = nlohmann::json::array();
  for (const domain::OfficialChannel& channel : guidance.channels) {
    channels.push_back(
        {{"code", channel.code}, {"label", channel.label}, {"available", channel.available}});
  }
  return {{"decision", domain::Name(guidance.decision)},
          {"reasons", reasons},
          {"channels", channels},
          {"supervisor_consultation_required", guidance.supervisor_consultation_required},
          {"safety_first", guidance.safety_first}};
}

nlohmann::json ToJson(const domain::BoundaryRecord& record) {
  const domain::BoundaryEvent& event = record.event;
  return {{"id", record.id},
          {"contact_id", record.contact_id},
          {"person_id", record.person_id},
          {"worker_id", record.worker_id},
          {"recorded_at", FormatInstant(record.recorded_at)},
          {"kind", domain::Name(event.kind)},
          {"gift_value_cents", event.gift_value_cents},
          {"invitation_public", event.invitation_public},
          {"supports_community_integration", event.invitation_supports_community_integration},
          {"repeated", event.repeated},
          {"during_crisis", event.during_crisis},
          {"guidance", domain::Name(record.guidance)},
          {"guidance_rules", record.guidance_rules},
          {"decision", domain::Name(record.decision)},
          {"conversation", record.conversation},
          {"supervisor_consulted", record.supervisor_consulted},
          {"consultation", record.consultation}};
}

nlohmann::json ToJson(const domain::PersonPlan& plan) {
  nlohmann::json versions = nlohmann::json::array();
  for (const domain::PlanVersion& version : plan.versions) {
    nlohmann::json sections = nlohmann::json::object();
    for (const domain::PlanSection& section : version.sections) {
      sections[section.code] = section.words;
    }
    nlohmann::json author = nullptr;
    if (version.author_staff_id) author = *version.author_staff_id;
    versions.push_back({{"version", version.version},
                        {"sections", sections},
                        {"by_person", version.by_person},
                        {"author_staff_id", author},
                        {"review_on", OptionalDay(version.review_on)},
                        {"cosigned_at", OptionalTime(version.cosigned_at)},
                        {"written_at", FormatInstant(version.written_at)}});
  }
  nlohmann::json shared = nlohmann::json::array();
  for (domain::PlanAudience audience : plan.shared_with) shared.push_back(domain::Name(audience));
  const domain::PlanVersion& latest = plan.latest();
  return {{"id", plan.id},
          {"person_id", plan.person_id},
          {"kind", domain::Name(plan.kind)},
          {"shared_with", shared},
          {"awaiting_cosign", !latest.by_person && !latest.cosigned_at},
          {"current", versions.back()},
          {"versions", versions}};
}

nlohmann::json ToJson(const domain::SafetyStep& step) {
  nlohmann::json json = {{"step", domain::Name(step.step)},
                         {"at", FormatInstant(step.at)},
                         {"recorded_at", FormatInstant(step.recorded_at)},
                         {"by_staff_id", step.by_staff_id},
                         {"note", step.note}};
  if (step.imminent) json["imminent"] = *step.imminent;
  if (!step.reason.empty()) json["reason"] = step.reason;
  if (!step.to.empty()) json["to"] = step.to;
  if (!step.justification.empty()) json["justification"] = step.justification;
  if (step.emergency) json["emergency"] = true;
  if (step.plan_id) json["plan_id"] = *step.plan_id;
  return json;
}

nlohmann::json ToJson(const domain::SafetyReview& review) {
  return {{"id", review.id},
          {"reviewer_id", review.reviewer_id},
          {"reviewer_role", domain::Name(review.reviewer_role)},
          {"at", FormatInstant(review.at)},
          {"note", review.note}};
}

nlohmann::json ToJson(const domain::SafetyEvent& event) {
  nlohmann::json steps = nlohmann::json::array();
  for (const domain::SafetyStep& step : event.steps) steps.push_back(ToJson(step));
  nlohmann::json reviews = nlohmann::json::array();
  for (const domain::SafetyReview& review : event.reviews) reviews.push_back(ToJson(review));
  return {{"id", event.id},
          {"person_id", event.person_id},
          {"worker_id", event.worker_id},
          {"kind", domain::Name(event.kind)},
          {"disclosed_at", FormatInstant(event.disclosed_at)},
          {"opened_at", FormatInstant(event.opened_at)},
          {"description", event.description},
          {"steps", steps},
          {"reviews", reviews}};
}

nlohmann::json ToJson(const domain::Notification& notification) {
  nlohmann::json event = nullptr;
  if (notification.safety_event_id) event = *notification.safety_event_id;
  return {{"id", notification.id},
          {"created_at", FormatInstant(notification.created_at)},
          {"channel", domain::Name(notification.channel)},
          {"topic", notification.topic},
          {"subject", notification.subject},
          {"body", notification.body},
          {"safety_event_id", event},
          {"attempts", notification.attempts},
          {"delivered_at", OptionalTime(notification.delivered_at)},
          {"last_error", notification.last_error}};
}

}  // namespace alongside::server
