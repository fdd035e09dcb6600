#include "domain/vocabulary.h"

#include <utility>

namespace alongside::domain {
namespace {

// One table per vocabulary: the enum's order is the table's order.
template <typename Enum, size_t N>
struct Vocabulary {
  std::array<std::string_view, N> names;

  std::string_view NameOf(Enum value) const { return names[static_cast<size_t>(value)]; }

  Result<Enum> Parse(std::string_view text, std::string_view field) const {
    for (size_t idx = 0; idx < N; ++idx) {
      if (names[idx] == text) return static_cast<Enum>(idx);
    }
    std::string allowed;
    for (size_t idx = 0; idx < N; ++idx) {
      if (idx > 0) allowed += ", ";
      allowed += names[idx];
    }
    return Status::InvalidArgument(std::string(field),
                                   "must be one of: " + allowed + " (got \"" +
                                       std::string(text.substr(0, 64)) + "\")");
  }
};

constexpr Vocabulary<TeamSetting, 6> kTeamSettings{{"community_agency", "act_team",
                                                   "inpatient_bridging",
                                                   "recovery_community_organization",
                                                   "forensic_reentry", "youth"}};
constexpr Vocabulary<Role, 9> kRoles{{"peer_specialist", "peer_bridger", "recovery_coach",
                                     "senior_peer_supervisor", "clinical_supervisor",
                                     "clinician", "program_manager", "evaluator",
                                     "administrator"}};
constexpr Vocabulary<Modality, 4> kModalities{
    {"emotional", "informational", "instrumental", "companionship"}};
constexpr Vocabulary<ContactSetting, 7> kContactSettings{
    {"community", "home", "office", "hospital", "phone", "video", "group"}};
constexpr Vocabulary<NoteStatus, 2> kNoteStatuses{{"draft", "final"}};
constexpr Vocabulary<PlanStatus, 3> kPlanStatuses{{"planned", "done", "cancelled"}};
constexpr Vocabulary<SupervisionKind, 2> kSupervisionKinds{{"peer_practice", "clinical"}};
constexpr Vocabulary<SupervisionFocus, 7> kSupervisionFoci{
    {"role_fidelity", "self_disclosure", "reflective_practice", "safety_protocols",
     "documentation", "team_integration", "wellbeing"}};
constexpr Vocabulary<GoalStatus, 3> kGoalStatuses{{"active", "achieved", "set_aside"}};
constexpr Vocabulary<AdmissionKind, 3> kAdmissionKinds{
    {"psychiatric_inpatient", "crisis_stabilisation", "withdrawal_management"}};
constexpr Vocabulary<DriftSource, 2> kDriftSources{{"activity", "language"}};
constexpr Vocabulary<DriftResolution, 3> kDriftResolutions{
    {"reclassified", "explained", "discussed_in_supervision"}};
constexpr Vocabulary<AdviceStep, 5> kAdviceSteps{
    {"role_clarified", "supported_decision", "experience_shared", "safety_addressed",
     "clinical_connection_offered"}};
constexpr Vocabulary<AdviceStepOutcome, 4> kAdviceStepOutcomes{
    {"not_recorded", "done", "not_applicable", "declined"}};
constexpr Vocabulary<PlanKind, 2> kPlanKinds{{"wellness", "safety"}};
constexpr Vocabulary<PlanAudience, 2> kPlanAudiences{{"supervisors", "team"}};
constexpr Vocabulary<SafetyKind, 6> kSafetyKinds{
    {"suicidal_thoughts_passive", "suicidal_thoughts_active", "suicidal_thoughts_with_plan",
     "suicidal_thoughts_with_intent", "risk_to_others", "other"}};
constexpr Vocabulary<SafetyStepCode, 8> kSafetyStepCodes{
    {"confidentiality_explained", "safety_planning", "supervisor_consulted",
     "imminent_risk_judged", "connected_with_consent", "escalated_without_consent", "follow_up",
     "closed"}};
constexpr Vocabulary<NotificationChannel, 3> kNotificationChannels{
    {"in_app", "smtp", "webhook"}};
constexpr Vocabulary<SupervisionSubject, 5> kSupervisionSubjects{
    {"contact", "drift_flag", "boundary_event", "advice_request", "safety_event"}};
constexpr Vocabulary<GrievanceStatus, 5> kGrievanceStatuses{
    {"received", "panel_formed", "heard", "resolved", "withdrawn"}};

}  // namespace

std::string_view Name(TeamSetting value) { return kTeamSettings.NameOf(value); }
std::string_view Name(Role value) { return kRoles.NameOf(value); }
std::string_view Name(Modality value) { return kModalities.NameOf(value); }
std::string_view Name(ContactSetting value) { return kContactSettings.NameOf(value); }
std::string_view Name(NoteStatus value) { return kNoteStatuses.NameOf(value); }
std::string_view Name(PlanStatus value) { return kPlanStatuses.NameOf(value); }
std::string_view Name(SupervisionKind value) { return kSupervisionKinds.NameOf(value); }
std::string_view Name(SupervisionFocus value) { return kSupervisionFoci.NameOf(value); }
std::string_view Name(GoalStatus value) { return kGoalStatuses.NameOf(value); }
std::string_view Name(AdmissionKind value) { return kAdmissionKinds.NameOf(value); }
std::string_view Name(DriftSource value) { return kDriftSources.NameOf(value); }
std::string_view Name(DriftResolution value) { return kDriftResolutions.NameOf(value); }
std::string_view Name(AdviceStep value) { return kAdviceSteps.NameOf(value); }
std::string_view Name(AdviceStepOutcome value) { return kAdviceStepOutcomes.NameOf(value); }
std::string_view Name(PlanKind value) { return kPlanKinds.NameOf(value); }
std::string_view Name(PlanAudience value) { return kPlanAudiences.NameOf(value); }
std::string_view Name(SafetyKind value) { return kSafetyKinds.NameOf(value); }
std::string_view Name(SafetyStepCode value) { return kSafetyStepCodes.NameOf(value); }
std::string_view Name(NotificationChannel value) { return kNotificationChannels.NameOf(value); }
std::string_view Name(SupervisionSubject value) { return kSupervisionSubjects.NameOf(value); }
std::string_view Name(GrievanceStatus value) { return kGrievanceStatuses.NameOf(value); }

Result<TeamSetting> ParseTeamSetting(std::string_view text, std::string_view field) {
  return kTeamSettings.Parse(text, field);
}
Result<Role> ParseRole(std::string_view text, std::string_view field) {
  return kRoles.Parse(text, field);
}
Result<Modality> ParseModality(std::string_view text, std::string_view field) {
  return kModalities.Parse(text, field);
}
Result<ContactSetting> ParseContactSetting(std::string_view text, std::string_view field) {
  return kContactSettings.Parse(text, field);
}
Result<NoteStatus> ParseNoteStatus(std::string_view text, std::string_view field) {
  return kNoteStatuses.Parse(text, field);
}
Result<PlanStatus> ParsePlanStatus(std::string_view text, std::string_view field) {
  return kPlanStatuses.Parse(text, field);
}
Result<SupervisionKind> ParseSupervisionKind(std::string_view text, std::string_view field) {
  return kSupervisionKinds.Parse(text, field);
}
Result<SupervisionFocus> ParseSupervisionFocus(std::string_view text, std::string_view field) {
  return kSupervisionFoci.Parse(text, field);
}
Result<GoalStatus> ParseGoalStatus(std::string_view text, std::string_view field) {
  return kGoalStatuses.Parse(text, field);
}
Result<AdmissionKind> ParseAdmissionKind(std::string_view text, std::string_view field) {
  return kAdmissionKinds.Parse(text, field);
}
Result<DriftSource> ParseDriftSource(std::string_view text, std::string_view field) {
  return kDriftSources.Parse(text, field);
}
Result<DriftResolution> ParseDriftResolution(std::string_view text, std::string_view field) {
  return kDriftResolutions.Parse(text, field);
}
Result<AdviceStepOutcome> ParseAdviceStepOutcome(std::string_view text, std::string_view field) {
  return kAdviceStepOutcomes.Parse(text, field);
}
Result<PlanKind> ParsePlanKind(std::string_view text, std::string_view field) {
  return kPlanKinds.Parse(text, field);
}
Result<PlanAudience> ParsePlanAudience(std::string_view text, std::string_view field) {
  return kPlanAudiences.Parse(text, field);
}
Result<SafetyKind> ParseSafetyKind(std::string_view text, std::string_view field) {
  return kSafetyKinds.Parse(text, field);
}
Result<SafetyStepCode> ParseSafetyStepCode(std::string_view text, std::string_view field) {
  return kSafetyStepCodes.Parse(text, field);
}
Result<NotificationChannel> ParseNotificationChannel(std::string_view text,
                                                     std::string_view field) {
  return kNotificationChannels.Parse(text, field);
}
Result<SupervisionSubject> ParseSupervisionSubject(std::string_view text,
                                                   std::string_view field) {
  return kSupervisionSubjects.Parse(text, field);
}
Result<GrievanceStatus> ParseGrievanceStatus(std::string_view text, std::string_view field) {
  return kGrievanceStatuses.Parse(text, field);
}

std::vector<std::string> ModalityNames(ModalitySet set) {
  std::vector<std::string> names;
  for (size_t idx = 0; idx < kModalities.names.size(); ++idx) {
    if (set & (1u << idx)) names.emplace_back(kModalities.names[idx]);
  }
  return names;
}

Result<ModalitySet> ParseModalities(const std::vector<std::string>& names,
                                    std::string_view field) {
  ModalitySet set = 0;
  for (const std::string& name : names) {
    Result<Modality> modality = ParseModality(name, field);
    if (!modality.ok()) return modality.status();
    set |= ModalityBit(*modality);
  }
  return set;
}

bool IsPeerWorkerRole(Role role) {
  return role == Role::kPeerSpecialist || role == Role::kPeerBridger ||
         role == Role::kRecoveryCoach;
}

}  // namespace alongside::domain
