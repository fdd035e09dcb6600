// The closed vocabularies of the domain (settings, roles, modalities, ...),
// each with a stable snake_case name used in the database, the API and the
// CLI. Parse* returns InvalidArgument naming `field` and listing the allowed
// names when the text is not one of them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace alongside::domain {

enum class TeamSetting {
  kCommunityAgency,
  kActTeam,
  kInpatientBridging,
  kRecoveryCommunityOrganization,
  kForensicReentry,
  kYouth,
};

enum class Role {
  kPeerSpecialist,
  kPeerBridger,
  kRecoveryCoach,
  kSeniorPeerSupervisor,
  kClinicalSupervisor,
  kClinician,
  kProgramManager,
  kEvaluator,
  kAdministrator,
};

// The four support modalities and the mediator each is theorised to move:
// emotional -> hope; informational, instrumental -> self-efficacy;
// companionship -> belongingness.
enum class Modality { kEmotional, kInformational, kInstrumental, kCompanionship };

// Where a contact took place.
enum class ContactSetting { kCommunity, kHome, kOffice, kHospital, kPhone, kVideo, kGroup };
// Every setting, in the order forms offer them.
inline constexpr std::array<ContactSetting, 7> kAllContactSettings = {
    ContactSetting::kCommunity, ContactSetting::kHome,  ContactSetting::kOffice,
    ContactSetting::kHospital,  ContactSetting::kPhone, ContactSetting::kVideo,
    ContactSetting::kGroup};

enum class NoteStatus { kDraft, kFinal };

// A planned contact: still ahead, recorded as done, or called off.
enum class PlanStatus { kPlanned, kDone, kCancelled };

// Peer practice supervision is held by a senior peer supervisor; clinical
// supervision by a clinical supervisor (the hybrid model).
enum class SupervisionKind { kPeerPractice, kClinical };

enum class SupervisionFocus {
  kRoleFidelity,
  kSelfDisclosure,
  kReflectivePractice,
  kSafetyProtocols,
  kDocumentation,
  kTeamIntegration,
  kWellbeing,
};

enum class GoalStatus { kActive, kAchieved, kSetAside };

enum class AdmissionKind { kPsychiatricInpatient, kCrisisStabilisation, kWithdrawalManagement };

// Role drift (docs/scope.md): what raised a flag (a clinical-only activity
// recorded, or scope language the review found and the worker kept), and
// how it was resolved. A flag is resolved once and never deleted.
enum class DriftSource { kActivity, kLanguage };
enum class DriftResolution { kReclassified, kExplained, kDiscussedInSupervision };

// The five steps of a request for advice (docs/scope.md, "Advice requests"),
// in their order, and how each went: done, not applicable, declined by the
// person, or not recorded.
enum class AdviceStep {
  kRoleClarified,
  kSupportedDecision,
  kExperienceShared,
  kSafetyAddressed,
  kClinicalConnectionOffered,
};
inline constexpr std::array<AdviceStep, 5> kAllAdviceSteps = {
    AdviceStep::kRoleClarified, AdviceStep::kSupportedDecision, AdviceStep::kExperienceShared,
    AdviceStep::kSafetyAddressed, AdviceStep::kClinicalConnectionOffered};
enum class AdviceStepOutcome { kNotRecorded, kDone, kNotApplicable, kDeclined };

// The person's own plans (docs/plans.md): a wellness and recovery action
// plan (seven sections) and a safety plan (six steps and what matters most).
enum class PlanKind { kWellness, kSafety };
// Who a person's plan is shared with, beyond their peer worker (always):
// their worker's supervisors, and the other peer workers of the worker's
// team (who cover when their worker is away). Clinicians come with consent.
enum class PlanAudience { kSupervisors, kTeam };
inline constexpr std::array<PlanAudience, 2> kAllPlanAudiences = {PlanAudience::kSupervisors,
                                                                  PlanAudience::kTeam};

// Safety events (docs/safety.md): what was disclosed, and the steps of the
// least-restrictive protocol, in their order.
enum class SafetyKind {
  kSuicidalThoughtsPassive,
  kSuicidalThoughtsActive,
  kSuicidalThoughtsWithPlan,
  kSuicidalThoughtsWithIntent,
  kRiskToOthers,
  kOther,
};
enum class SafetyStepCode {
  kConfidentialityExplained,
  kSafetyPlanning,
  kSupervisorConsulted,
  kImminentRiskJudged,
  kConnectedWithConsent,
  kEscalatedWithoutConsent,
  kFollowUp,
  kClosed,
};
inline constexpr std::array<SafetyStepCode, 8> kAllSafetySteps = {
    SafetyStepCode::kConfidentialityExplained, SafetyStepCode::kSafetyPlanning,
    SafetyStepCode::kSupervisorConsulted,      SafetyStepCode::kImminentRiskJudged,
    SafetyStepCode::kConnectedWithConsent,     SafetyStepCode::kEscalatedWithoutConsent,
    SafetyStepCode::kFollowUp,                 SafetyStepCode::kClosed};

// Where a notification goes: the recipient's list in Alongside, an email
// (SMTP), or an HTTP POST to the program's webhook (docs/safety.md).
enum class NotificationChannel { kInApp, kSmtp, kWebhook };

// What a supervision session discussed (docs/fidelity.md): records of the
// supervisee's practice, linked to the session.
enum class SupervisionSubject { kContact, kDriftFlag, kBoundaryEvent, kAdviceRequest, kSafetyEvent };

// Where a grievance stands (docs/governance.md).
enum class GrievanceStatus { kReceived, kPanelFormed, kHeard, kResolved, kWithdrawn };

// A set of modalities as a bit mask (bit i = Modality i).
using ModalitySet = std::uint8_t;
inline constexpr ModalitySet kAllModalities = 0x0F;
inline ModalitySet ModalityBit(Modality modality) {
  return static_cast<ModalitySet>(1u << static_cast<unsigned>(modality));
}

std::string_view Name(TeamSetting value);
std::string_view Name(Role value);
std::string_view Name(Modality value);
std::string_view Name(ContactSetting value);
std::string_view Name(NoteStatus value);
std::string_view Name(PlanStatus value);
std::string_view Name(SupervisionKind value);
std::string_view Name(SupervisionFocus value);
std::string_view Name(GoalStatus value);
std::string_view Name(AdmissionKind value);
std::string_view Name(DriftSource value);
std::string_view Name(DriftResolution value);
std::string_view Name(AdviceStep value);
std::string_view Name(AdviceStepOutcome value);
std::string_view Name(PlanKind value);
std::string_view Name(PlanAudience value);
std::string_view Name(SafetyKind value);
std::string_view Name(SafetyStepCode value);
std::string_view Name(NotificationChannel value);
std::string_view Name(SupervisionSubject value);
std::string_view Name(GrievanceStatus value);

Result<TeamSetting> ParseTeamSetting(std::string_view text, std::string_view field);
Result<Role> ParseRole(std::string_view text, std::string_view field);
Result<Modality> ParseModality(std::string_view text, std::string_view field);
Result<ContactSetting> ParseContactSetting(std::string_view text, std::string_view field);
Result<NoteStatus> ParseNoteStatus(std::string_view text, std::string_view field);
Result<PlanStatus> ParsePlanStatus(std::string_view text, std::string_view field);
Result<SupervisionKind> ParseSupervisionKind(std::string_view text, std::string_view field);
Result<SupervisionFocus> ParseSupervisionFocus(std::string_view text, std::string_view field);
Result<GoalStatus> ParseGoalStatus(std::string_view text, std::string_view field);
Result<AdmissionKind> ParseAdmissionKind(std::string_view text, std::string_view field);
Result<DriftSource> ParseDriftSource(std::string_view text, std::string_view field);
Result<DriftResolution> ParseDriftResolution(std::string_view text, std::string_view field);
Result<AdviceStepOutcome> ParseAdviceStepOutcome(std::string_view text, std::string_view field);
Result<PlanKind> ParsePlanKind(std::string_view text, std::string_view field);
Result<PlanAudience> ParsePlanAudience(std::string_view text, std::string_view field);
Result<SafetyKind> ParseSafetyKind(std::string_view text, std::string_view field);
Result<SafetyStepCode> ParseSafetyStepCode(std::string_view text, std::string_view field);
Result<NotificationChannel> ParseNotificationChannel(std::string_view text, std::string_view field);
Result<SupervisionSubject> ParseSupervisionSubject(std::string_view text, std::string_view field);
Result<GrievanceStatus> ParseGrievanceStatus(std::string_view text, std::string_view field);

// Modality sets as lists of names ("emotional", "companionship").
std::vector<std::string> ModalityNames(ModalitySet set);
Result<ModalitySet> ParseModalities(const std::vector<std::string>& names, std::string_view field);

// True for the roles that carry a caseload (peer specialist, bridger, coach).
bool IsPeerWorkerRole(Role role);

}  // namespace alongside::domain
