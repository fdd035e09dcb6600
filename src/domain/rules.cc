#include "domain/rules.h"

#include <algorithm>
#include <string>

#include "common/text.h"

namespace alongside::domain {
namespace {

Status CheckText(const std::string& text, std::string_view field, size_t max_length,
                 bool required) {
  if (required && text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument(std::string(field), "must not be empty");
  }
  if (text.size() > max_length) {
    return Status::InvalidArgument(std::string(field),
                                   "must be at most " + std::to_string(max_length) + " bytes");
  }
  if (!IsValidText(text)) {
    return Status::InvalidArgument(std::string(field),
                                   "must be UTF-8 text without NUL characters");
  }
  return Status::Ok();
}

Status CheckId(Id id, std::string_view field) {
  if (id <= 0) return Status::InvalidArgument(std::string(field), "must be a positive id");
  return Status::Ok();
}

}  // namespace

Status ValidateTeam(const Team& team) {
  ALONGSIDE_RETURN_IF_ERROR(CheckId(team.program_id, "program_id"));
  return CheckText(team.name, "name", kMaxNameLength, true);
}

Status ValidateStaff(const Staff& staff) {
  ALONGSIDE_RETURN_IF_ERROR(CheckId(staff.team_id, "team_id"));
  ALONGSIDE_RETURN_IF_ERROR(CheckText(staff.display_name, "display_name", kMaxNameLength, true));
  if (staff.peer_supervisor_id && *staff.peer_supervisor_id == staff.id && staff.id != 0) {
    return Status::InvalidArgument("peer_supervisor_id", "a worker cannot supervise themselves");
  }
  return Status::Ok();
}

Status ValidateCertification(const Certification& certification) {
  ALONGSIDE_RETURN_IF_ERROR(CheckId(certification.staff_id, "staff_id"));
  ALONGSIDE_RETURN_IF_ERROR(CheckText(certification.name, "name", kMaxNameLength, true));
  if (certification.expires_on <= certification.issued_on) {
    return Status::InvalidArgument("expires_on", "must be after issued_on");
  }
  return Status::Ok();
}

Status ValidatePerson(const Person& person) {
  ALONGSIDE_RETURN_IF_ERROR(CheckId(person.team_id, "team_id"));
  ALONGSIDE_RETURN_IF_ERROR(
      CheckText(person.preferred_name, "preferred_name", kMaxNameLength, true));
  ALONGSIDE_RETURN_IF_ERROR(CheckText(person.pronouns, "pronouns", kMaxPronounsLength, false));
  ALONGSIDE_RETURN_IF_ERROR(CheckText(person.self_description, "self_description",
                                      kMaxSelfDescriptionLength, false));
  if (person.birth_year && (*person.birth_year < 1900 || *person.birth_year > 2100)) {
    return Status::InvalidArgument("birth_year", "must be between 1900 and 2100");
  }
  return Status::Ok();
}

Status ValidateAssignment(const Assignment& assignment) {
  ALONGSIDE_RETURN_IF_ERROR(CheckId(assignment.person_id, "person_id"));
  ALONGSIDE_RETURN_IF_ERROR(CheckId(assignment.worker_id, "worker_id"));
  if (assignment.end_on && *assignment.end_on < assignment.start_on) {
    return Status::InvalidArgument("end_on", "must not be before start_on");
  }
  return Status::Ok();
}

Status ValidateContactVersion(const ContactVersion& version, const ActivityCatalog& catalog) {
  ALONGSIDE_RETURN_IF_ERROR(CheckContactMinutes(
      version.end <= version.start ? 0 : (version.end - version.start) / 60));
  if (version.modalities == 0 || (version.modalities & ~kAllModalities) != 0) {
    return Status::InvalidArgument("modalities", "must name at least one of the four modalities");
  }
  for (size_t idx = 0; idx < version.activities.size(); ++idx) {
    if (catalog.Find(version.activities[idx]) == nullptr) {
      return Status::InvalidArgument("activities",
                                     "unknown activity \"" + version.activities[idx] + "\"");
    }
  }
  ALONGSIDE_RETURN_IF_ERROR(CheckText(version.note, "note", kMaxTextLength, false));
  ALONGSIDE_RETURN_IF_ERROR(
      CheckText(version.person_words, "person_words", kMaxTextLength, false));
  ALONGSIDE_RETURN_IF_ERROR(
      CheckText(version.wording_reason, "wording_reason", kMaxTextLength, false));
  ALONGSIDE_RETURN_IF_ERROR(CheckId(version.written_by, "written_by"));
  if (version.status == NoteStatus::kFinal && !version.signed_by) {
    return Status::InvalidArgument("signed_by", "a final note must be signed");
  }
  return Status::Ok();
}

Status ValidateGoalVersion(const GoalVersion& version) {
  return CheckText(version.words, "words", kMaxTextLength, true);
}

Status ValidateGoalProgress(const GoalProgress& progress) {
  ALONGSIDE_RETURN_IF_ERROR(CheckId(progress.goal_id, "goal_id"));
  return CheckText(progress.words, "words", kMaxTextLength, true);
}

Status ValidatePlannedContact(const PlannedContact& plan) {
  ALONGSIDE_RETURN_IF_ERROR(CheckId(plan.person_id, "person_id"));
  ALONGSIDE_RETURN_IF_ERROR(CheckId(plan.worker_id, "worker_id"));
  ALONGSIDE_RETURN_IF_ERROR(CheckText(plan.place, "place", kMaxNameLength, false));
  return CheckText(plan.purpose, "purpose", kMaxNameLength, true);
}

Status ValidateContactAttempt(const ContactAttempt& attempt) {
  ALONGSIDE_RETURN_IF_ERROR(CheckId(attempt.person_id, "person_id"));
  return CheckId(attempt.worker_id, "worker_id");
}

Status ValidateSupervisionSession(const SupervisionSession& session) {
  ALONGSIDE_RETURN_IF_ERROR(CheckId(session.supervisor_id, "supervisor_id"));
  ALONGSIDE_RETURN_IF_ERROR(CheckId(session.supervisee_id, "supervisee_id"));
  if (session.supervisor_id == session.supervisee_id) {
    return Status::InvalidArgument("supervisee_id", "must differ from supervisor_id");
  }
  if (session.duration_minutes < 1 || session.duration_minutes > 480) {
    return Status::InvalidArgument("duration_minutes", "must be 1..480");
  }
  ALONGSIDE_RETURN_IF_ERROR(CheckText(session.reflection, "reflection", kMaxTextLength, false));
  for (const auto& [text, field] :
       {std::pair{&session.what_happened, "what_happened"},
        std::pair{&session.what_i_felt, "what_i_felt"},
        std::pair{&session.what_i_learned, "what_i_learned"},
        std::pair{&session.what_i_will_do, "what_i_will_do"}}) {
    ALONGSIDE_RETURN_IF_ERROR(CheckText(*text, field, kMaxTextLength, false));
  }
  if (session.discussed.size() > 200) {
    return Status::InvalidArgument("discussed", "must name at most 200 records");
  }
  for (const SupervisionLink& link : session.discussed) {
    ALONGSIDE_RETURN_IF_ERROR(CheckId(link.id, "discussed"));
  }
  return Status::Ok();
}

Status ValidateAdmission(const Admission& admission) {
  ALONGSIDE_RETURN_IF_ERROR(CheckId(admission.person_id, "person_id"));
  if (admission.discharged_on && *admission.discharged_on < admission.admitted_on) {
    return Status::InvalidArgument("discharged_on", "must not be before admitted_on");
  }
  return CheckText(admission.place, "place", kMaxNameLength, false);
}

Status CheckCanReviseDraft(const ContactVersion& latest) {
  if (latest.status == NoteStatus::kFinal) {
    return Status::Conflict("a final note cannot be edited; amend it with a new version");
  }
  return Status::Ok();
}

Status CheckCanFinalise(const ContactVersion& latest) {
  if (latest.status == NoteStatus::kFinal) return Status::Conflict("the note is already final");
  return Status::Ok();
}

Status CheckCanAmend(const ContactVersion& latest, const std::string& reason) {
  if (latest.status != NoteStatus::kFinal) {
    return Status::Conflict("only a final note is amended; a draft is revised");
  }
  return CheckText(reason, "amend_reason", 2000, true);
}

Status CheckContactMinutes(std::int64_t minutes) {
  if (minutes < kMinContactMinutes || minutes > kMaxContactMinutes) {
    return Status::InvalidArgument("duration_minutes",
                                   "must be from " + std::to_string(kMinContactMinutes) + " to " +
                                       std::to_string(kMaxContactMinutes) + " minutes");
  }
  return Status::Ok();
}

Status CheckReadyToFinalise(const ContactVersion& version) {
  if (version.note.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("note", "a final note needs a few words about the contact");
  }
  return Status::Ok();
}

Status CheckContactStart(Instant start, Instant now, int tolerance_minutes, int earliest_year) {
  Result<Day> earliest = ParseDay(std::to_string(earliest_year) + "-01-01", "start");
  if (earliest.ok() && start < StartOfDay(*earliest)) {
    return Status::InvalidArgument("start",
                                   "must not be before " + std::to_string(earliest_year));
  }
  if (start > now + static_cast<Instant>(tolerance_minutes) * 60) {
    return Status::InvalidArgument("start", "must not be in the future");
  }
  return Status::Ok();
}

Result<std::string> CarryPersonWords(const ContactVersion& latest,
                                     const std::optional<std::string>& proposed) {
  if (latest.status == NoteStatus::kFinal) {
    if (proposed && *proposed != latest.person_words) {
      return Status::InvalidArgument(
          "person_words",
          "the person's own words in a final note are kept as they said them; they can add "
          "to them with an annotation");
    }
    return latest.person_words;
  }
  return proposed.value_or(latest.person_words);
}

std::vector<std::string> ClinicalOnlyActivities(const ContactVersion& version,
                                                const ActivityCatalog& catalog) {
  std::vector<std::string> found;
  for (const std::string& code : version.activities) {
    const Activity* activity = catalog.Find(code);
    if (activity && activity->scope == ActivityScope::kClinicalOnly) found.push_back(code);
  }
  return found;
}

std::vector<DriftReason> RoleDriftReasons(const ContactVersion& version,
                                          const ActivityCatalog& catalog,
                                          const std::vector<LanguageFlag>& review) {
  std::vector<DriftReason> reasons;
  if (version.status != NoteStatus::kFinal) return reasons;
  auto add = [&](DriftSource source, const std::string& code) {
    DriftReason reason{source, code};
    if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
      reasons.push_back(std::move(reason));
    }
  };
  for (const std::string& code : ClinicalOnlyActivities(version, catalog)) {
    add(DriftSource::kActivity, code);
  }
  for (const LanguageFlag& flag : review) {
    if (flag.category == "clinical-assessment" || flag.category == "scope-verb") {
      add(DriftSource::kLanguage, flag.rule);
    }
  }
  return reasons;
}

Status CheckDriftResolution(const DriftFlag& flag, DriftResolution resolution,
                            const std::string& note, std::optional<Id> supervision_session_id) {
  if (flag.resolution) {
    return Status::Conflict("this drift flag was already resolved; a resolution is kept as it is");
  }
  ALONGSIDE_RETURN_IF_ERROR(
      CheckText(note, "note", kMaxTextLength, resolution == DriftResolution::kExplained));
  const bool in_supervision = resolution == DriftResolution::kDiscussedInSupervision;
  if (in_supervision && !supervision_session_id) {
    return Status::InvalidArgument("supervision_session_id",
                                   "names the supervision session where it was discussed");
  }
  if (!in_supervision && supervision_session_id) {
    return Status::InvalidArgument("supervision_session_id",
                                   "is given only when discussed_in_supervision");
  }
  if (supervision_session_id) {
    ALONGSIDE_RETURN_IF_ERROR(CheckId(*supervision_session_id, "supervision_session_id"));
  }
  return Status::Ok();
}

Status ValidateAdviceRequest(const AdviceRequest& request) {
  ALONGSIDE_RETURN_IF_ERROR(CheckId(request.contact_id, "contact_id"));
  ALONGSIDE_RETURN_IF_ERROR(CheckId(request.person_id, "person_id"));
  ALONGSIDE_RETURN_IF_ERROR(CheckId(request.worker_id, "worker_id"));
  ALONGSIDE_RETURN_IF_ERROR(CheckText(request.asked, "asked", kMaxTextLength, false));
  return CheckText(request.note, "note", kMaxTextLength, false);
}

Status ValidateBoundaryRecord(const BoundaryRecord& record) {
  ALONGSIDE_RETURN_IF_ERROR(CheckId(record.contact_id, "contact_id"));
  ALONGSIDE_RETURN_IF_ERROR(CheckId(record.person_id, "person_id"));
  ALONGSIDE_RETURN_IF_ERROR(CheckId(record.worker_id, "worker_id"));
  if (record.event.gift_value_cents < 0 || record.event.gift_value_cents > 100000000) {
    return Status::InvalidArgument("gift_value_cents", "must be 0 to 100000000 cents");
  }
  if (record.guidance_rules.empty()) {
    return Status::InvalidArgument("guidance_rules", "must name the guidance's rules");
  }
  ALONGSIDE_RETURN_IF_ERROR(
      CheckText(record.conversation, "conversation", kMaxTextLength, false));
  return CheckText(record.consultation, "consultation", kMaxTextLength, false);
}

}  // namespace alongside::domain
