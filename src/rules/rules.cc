#include "rules/rules.h"

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string_view>
#include <utility>

#include "rules/data_file.h"

namespace alongside::rules {
namespace {

using domain::AdmissionKind;
using domain::ContactSetting;
using domain::GoalStatus;
using domain::Modality;
using domain::NoteStatus;
using domain::Role;
using domain::SupervisionFocus;
using domain::SupervisionKind;
using domain::TeamSetting;

// Every enumerator of each vocabulary in declaration order (the order of the
// name tables in domain/vocabulary.cc). Extend these with the enums:
// RulesTest.Builtin3_EveryCodeHasALabel fails when a code is missing here.
constexpr std::array kRoles{
    Role::kPeerSpecialist,       Role::kPeerBridger,        Role::kRecoveryCoach,
    Role::kSeniorPeerSupervisor, Role::kClinicalSupervisor, Role::kClinician,
    Role::kProgramManager,       Role::kEvaluator,          Role::kAdministrator};
constexpr std::array kGoalStatuses{GoalStatus::kActive, GoalStatus::kAchieved,
                                   GoalStatus::kSetAside};
constexpr std::array kAdmissionKinds{AdmissionKind::kPsychiatricInpatient,
                                     AdmissionKind::kCrisisStabilisation,
                                     AdmissionKind::kWithdrawalManagement};
constexpr std::array kTeamSettings{
    TeamSetting::kCommunityAgency,   TeamSetting::kActTeam,
    TeamSetting::kInpatientBridging, TeamSetting::kRecoveryCommunityOrganization,
    TeamSetting::kForensicReentry,   TeamSetting::kYouth};
constexpr std::array kContactSettings{ContactSetting::kCommunity, ContactSetting::kHome,
                                      ContactSetting::kOffice,    ContactSetting::kHospital,
                                      ContactSetting::kPhone,     ContactSetting::kVideo,
                                      ContactSetting::kGroup};
constexpr std::array kModalities{Modality::kEmotional, Modality::kInformational,
                                 Modality::kInstrumental, Modality::kCompanionship};
constexpr std::array kNoteStatuses{NoteStatus::kDraft, NoteStatus::kFinal};
constexpr std::array kSupervisionKinds{SupervisionKind::kPeerPractice, SupervisionKind::kClinical};
constexpr std::array kBoundaryKinds{
    domain::BoundaryEventKind::kGift,         domain::BoundaryEventKind::kInvitation,
    domain::BoundaryEventKind::kPersonalContact, domain::BoundaryEventKind::kSocialMedia,
    domain::BoundaryEventKind::kDualRelationship, domain::BoundaryEventKind::kFinancialRequest};
constexpr std::array kBoundaryDecisions{
    domain::BoundaryDecision::kAcceptAndDocument, domain::BoundaryDecision::kAttend,
    domain::BoundaryDecision::kDeclineAndOfferAlternative,
    domain::BoundaryDecision::kConsultSupervisor};
constexpr std::array kSupervisionFoci{
    SupervisionFocus::kRoleFidelity,       SupervisionFocus::kSelfDisclosure,
    SupervisionFocus::kReflectivePractice, SupervisionFocus::kSafetyProtocols,
    SupervisionFocus::kDocumentation,      SupervisionFocus::kTeamIntegration,
    SupervisionFocus::kWellbeing};
constexpr std::array kSafetyKinds{
    domain::SafetyKind::kSuicidalThoughtsPassive, domain::SafetyKind::kSuicidalThoughtsActive,
    domain::SafetyKind::kSuicidalThoughtsWithPlan, domain::SafetyKind::kSuicidalThoughtsWithIntent,
    domain::SafetyKind::kRiskToOthers, domain::SafetyKind::kOther};
constexpr std::array kGrievanceStatuses{
    domain::GrievanceStatus::kReceived, domain::GrievanceStatus::kPanelFormed,
    domain::GrievanceStatus::kHeard, domain::GrievanceStatus::kResolved,
    domain::GrievanceStatus::kWithdrawn};

// Labels and role groups are vectors indexed by the enum's value.
template <typename Enum, size_t N>
constexpr bool IsDense(const std::array<Enum, N>& values) {
  for (size_t value_idx = 0; value_idx < N; ++value_idx) {
    if (static_cast<size_t>(values[value_idx]) != value_idx) return false;
  }
  return true;
}
static_assert(IsDense(kRoles) && IsDense(kGoalStatuses) && IsDense(kAdmissionKinds) &&
              IsDense(kTeamSettings) && IsDense(kContactSettings) && IsDense(kModalities) &&
              IsDense(kNoteStatuses) && IsDense(kSupervisionKinds) && IsDense(kSupervisionFoci) &&
              IsDense(kBoundaryKinds) && IsDense(kBoundaryDecisions) && IsDense(kSafetyKinds) &&
              IsDense(domain::kAllSafetySteps) && IsDense(kGrievanceStatuses));

constexpr std::string_view kPracticeFile = "practice.json";
constexpr std::string_view kRolesFile = "roles.json";
constexpr std::string_view kLabelsFile = "labels.json";
constexpr std::string_view kActivitiesFile = "activities.json";
constexpr std::string_view kLanguageFile = "language.json";
constexpr std::string_view kBoundariesFile = "boundaries.json";
constexpr std::string_view kNoteCompletenessFile = "note_completeness.json";
constexpr std::string_view kPlanTemplatesFile = "plan_templates.json";
constexpr std::string_view kGovernanceFile = "governance.json";
constexpr std::string_view kFidelityFile = "fidelity.json";

struct Threshold {
  std::string_view name;
  int PracticeRules::*field;
  int min;
  int max;
  // A field added after programs wrote their own practice.json: when absent
  // there, this default applies (0: the field is required).
  int default_when_absent = 0;
};

// practice.json's fields and their allowed ranges (docs/data-files.md).
constexpr std::array kThresholds{
    Threshold{"documentation_deadline_hours", &PracticeRules::documentation_deadline_hours, 1, 720},
    Threshold{"contact_due_after_days", &PracticeRules::contact_due_after_days, 1, 365},
    Threshold{"min_people_to_see", &PracticeRules::min_people_to_see, 0, 100},
    Threshold{"future_start_tolerance_minutes", &PracticeRules::future_start_tolerance_minutes, 0,
              1440},
    Threshold{"earliest_contact_year", &PracticeRules::earliest_contact_year, 1970, 2100},
    Threshold{"peer_supervision_due_after_days", &PracticeRules::peer_supervision_due_after_days,
              1, 365, 14},
    Threshold{"clinical_supervision_due_after_days",
              &PracticeRules::clinical_supervision_due_after_days, 1, 365, 30},
};

// A data file's name in messages and its text: the program's copy in `dir`
// when there is one, else the built-in one.
struct Source {
  std::string name;
  std::string text;
};

Result<Source> ReadSource(const std::optional<std::string>& dir, std::string_view file_name) {
  if (dir) {
    std::filesystem::path path = std::filesystem::path(*dir) / file_name;
    std::error_code error;
    bool exists = std::filesystem::exists(path, error);
    if (error) return Status::InvalidArgument(path.string(), "cannot be read: " + error.message());
    if (exists) {
      if (!std::filesystem::is_regular_file(path, error)) {
        return Status::InvalidArgument(path.string(), "is not a regular file");
      }
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (!in.is_open() || in.bad()) {
        return Status::InvalidArgument(path.string(), "cannot be read");
      }
      return Source{path.string(), std::move(text).str()};
    }
  }
  std::optional<std::string_view> builtin = BuiltinDataFile(file_name);
  if (!builtin) return Status::Internal("no built-in data file " + std::string(file_name));
  return Source{std::string(file_name), std::string(*builtin)};
}

Result<DataFile> ParseSource(const std::optional<std::string>& dir, std::string_view file_name) {
  ALONGSIDE_ASSIGN_OR_RETURN(Source source, ReadSource(dir, file_name));
  return DataFile::Parse(std::move(source.name), source.text);
}

// An optional "description": free text, or an object of texts keyed by
// `keys` (the fields it describes).
Status CheckDescription(const DataFile& file, const std::vector<std::string_view>& keys) {
  const nlohmann::json* description = file.Find("/description");
  if (description == nullptr) return Status::Ok();
  if (!description->is_object() || keys.empty()) return file.String("/description").status();
  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys("/description", keys));
  for (const auto& item : description->items()) {
    Result<std::string> text = file.String(DataFile::Child("/description", item.key()));
    if (!text.ok()) return text.status();
  }
  return Status::Ok();
}

Result<PracticeRules> LoadPractice(const DataFile& file) {
  std::vector<std::string_view> fields;
  for (const Threshold& threshold : kThresholds) fields.push_back(threshold.name);
  std::vector<std::string_view> top_level = fields;
  top_level.push_back("description");
  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys("", top_level));
  ALONGSIDE_RETURN_IF_ERROR(CheckDescription(file, fields));
  PracticeRules practice;
  for (const Threshold& threshold : kThresholds) {
    if (threshold.default_when_absent != 0 &&
        file.Find(DataFile::Child("", threshold.name)) == nullptr) {
      practice.*threshold.field = threshold.default_when_absent;
      continue;
    }
    ALONGSIDE_ASSIGN_OR_RETURN(
        practice.*threshold.field,
        file.Integer(DataFile::Child("", threshold.name), threshold.min, threshold.max));
  }
  return practice;
}

// One group of roles.json: which roles belong to it, indexed by Role.
Result<std::vector<bool>> LoadRoleGroup(const DataFile& file, std::string_view group) {
  std::string pointer = DataFile::Child("", group);
  ALONGSIDE_ASSIGN_OR_RETURN(const nlohmann::json* names, file.Array(pointer));
  if (names->empty()) return file.Error(pointer, "must list at least one role");
  std::vector<bool> members(kRoles.size(), false);
  for (size_t name_idx = 0; name_idx < names->size(); ++name_idx) {
    std::string item = DataFile::Child(pointer, name_idx);
    ALONGSIDE_ASSIGN_OR_RETURN(std::string name, file.String(item));
    Result<Role> role = domain::ParseRole(name, "");
    if (!role.ok()) return file.Error(item, role.status().detail());
    size_t role_idx = static_cast<size_t>(*role);
    if (role_idx >= members.size()) members.resize(role_idx + 1, false);
    if (members[role_idx]) return file.Error(item, "lists " + name + " a second time");
    members[role_idx] = true;
  }
  return members;
}

// One section of labels.json: exactly one label for every code of a vocabulary.
template <typename Enum, size_t N>
Result<std::vector<std::string>> LoadLabels(const DataFile& file, std::string_view section,
                                            const std::array<Enum, N>& values) {
  std::string pointer = DataFile::Child("", section);
  std::vector<std::string_view> codes;
  for (Enum value : values) codes.push_back(domain::Name(value));
  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(pointer, codes));
  std::vector<std::string> labels;
  for (std::string_view code : codes) {
    ALONGSIDE_ASSIGN_OR_RETURN(std::string label, file.String(DataFile::Child(pointer, code)));
    labels.push_back(std::move(label));
  }
  return labels;
}

// A vector entry for an enumerator; an empty text for a value outside the
// vocabulary (a cast integer), rather than reading past the end.
template <typename Enum>
const std::string& LabelAt(const std::vector<std::string>& labels, Enum value) {
  static const std::string* const kNone = new std::string();
  size_t index = static_cast<size_t>(value);
  return index < labels.size() ? labels[index] : *kNone;
}

bool MemberAt(const std::vector<bool>& members, Role role) {
  size_t index = static_cast<size_t>(role);
  return index < members.size() && members[index];
}

}  // namespace

Result<Rules> Rules::Load(const std::optional<std::string>& dir) {
  if (dir) {
    std::error_code error;
    if (!std::filesystem::is_directory(*dir, error)) {
      return Status::InvalidArgument(*dir, "is not a directory");
    }
  }
  Rules rules;

  ALONGSIDE_ASSIGN_OR_RETURN(DataFile practice, ParseSource(dir, kPracticeFile));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.practice_, LoadPractice(practice));

  ALONGSIDE_ASSIGN_OR_RETURN(DataFile roles, ParseSource(dir, kRolesFile));
  ALONGSIDE_RETURN_IF_ERROR(
      roles.RejectUnknownKeys("", {"description", "peer_worker", "supervisor"}));
  ALONGSIDE_RETURN_IF_ERROR(CheckDescription(roles, {}));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.peer_worker_, LoadRoleGroup(roles, "peer_worker"));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.supervisor_, LoadRoleGroup(roles, "supervisor"));

  ALONGSIDE_ASSIGN_OR_RETURN(DataFile labels, ParseSource(dir, kLabelsFile));
  ALONGSIDE_RETURN_IF_ERROR(
      labels.RejectUnknownKeys("", {"description", "roles", "goal_statuses", "admission_kinds",
                                    "team_settings", "contact_settings", "modalities",
                                    "note_statuses", "supervision_kinds", "supervision_foci",
                                    "boundary_kinds", "boundary_decisions", "safety_kinds",
                                    "safety_steps", "grievance_statuses"}));
  ALONGSIDE_RETURN_IF_ERROR(CheckDescription(labels, {}));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.role_labels_, LoadLabels(labels, "roles", kRoles));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.goal_status_labels_,
                             LoadLabels(labels, "goal_statuses", kGoalStatuses));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.admission_kind_labels_,
                             LoadLabels(labels, "admission_kinds", kAdmissionKinds));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.team_setting_labels_,
                             LoadLabels(labels, "team_settings", kTeamSettings));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.contact_setting_labels_,
                             LoadLabels(labels, "contact_settings", kContactSettings));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.modality_labels_, LoadLabels(labels, "modalities", kModalities));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.note_status_labels_,
                             LoadLabels(labels, "note_statuses", kNoteStatuses));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.supervision_kind_labels_,
                             LoadLabels(labels, "supervision_kinds", kSupervisionKinds));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.supervision_focus_labels_,
                             LoadLabels(labels, "supervision_foci", kSupervisionFoci));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.boundary_kind_labels_,
                             LoadLabels(labels, "boundary_kinds", kBoundaryKinds));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.boundary_decision_labels_,
                             LoadLabels(labels, "boundary_decisions", kBoundaryDecisions));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.safety_kind_labels_,
                             LoadLabels(labels, "safety_kinds", kSafetyKinds));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.safety_step_labels_,
                             LoadLabels(labels, "safety_steps", domain::kAllSafetySteps));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.grievance_status_labels_,
                             LoadLabels(labels, "grievance_statuses", kGrievanceStatuses));

  ALONGSIDE_ASSIGN_OR_RETURN(Source activities, ReadSource(dir, kActivitiesFile));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.activities_, domain::ActivityCatalog::FromJson(
                                                    activities.text, std::move(activities.name)));

  ALONGSIDE_ASSIGN_OR_RETURN(Source language, ReadSource(dir, kLanguageFile));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.language_review_, domain::LanguageReview::FromJson(
                                                         language.text, std::move(language.name)));

  ALONGSIDE_ASSIGN_OR_RETURN(Source boundaries, ReadSource(dir, kBoundariesFile));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.boundaries_, domain::BoundaryPolicy::FromJson(
                                                    boundaries.text, std::move(boundaries.name)));

  ALONGSIDE_ASSIGN_OR_RETURN(Source completeness, ReadSource(dir, kNoteCompletenessFile));
  ALONGSIDE_ASSIGN_OR_RETURN(
      rules.note_completeness_,
      domain::NoteCompletenessRules::FromJson(completeness.text, std::move(completeness.name)));

  ALONGSIDE_ASSIGN_OR_RETURN(Source plans, ReadSource(dir, kPlanTemplatesFile));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.plan_templates_,
                             domain::PlanTemplates::FromJson(plans.text, std::move(plans.name)));

  ALONGSIDE_ASSIGN_OR_RETURN(Source governance, ReadSource(dir, kGovernanceFile));
  ALONGSIDE_ASSIGN_OR_RETURN(
      rules.governance_,
      domain::GovernanceRules::FromJson(governance.text, std::move(governance.name)));

  ALONGSIDE_ASSIGN_OR_RETURN(Source fidelity, ReadSource(dir, kFidelityFile));
  const std::string fidelity_name = fidelity.name;
  ALONGSIDE_ASSIGN_OR_RETURN(rules.fidelity_, domain::FidelityModel::FromJson(
                                                  fidelity.text, std::move(fidelity.name)));
  const domain::Activity* shared =
      rules.activities_.Find(rules.fidelity_.self_disclosure_activity());
  // A program's own catalog without the activity is allowed: no contact can
  // record it, so the component has nothing to count and is left out of P
  // (docs/fidelity.md). A clinical-only activity would count drift as peer
  // practice, and is refused.
  if (shared != nullptr && shared->scope != domain::ActivityScope::kPeer) {
    return Status::InvalidArgument(
        fidelity_name, "self_disclosure_activity " + rules.fidelity_.self_disclosure_activity() +
                           " is a clinical-only activity of " + std::string(kActivitiesFile) +
                           "; it must be a peer activity");
  }
  return rules;
}

bool Rules::IsPeerWorker(Role role) const { return MemberAt(peer_worker_, role); }
bool Rules::IsSupervisor(Role role) const { return MemberAt(supervisor_, role); }

const std::string& Rules::Label(Role value) const { return LabelAt(role_labels_, value); }
const std::string& Rules::Label(GoalStatus value) const {
  return LabelAt(goal_status_labels_, value);
}
const std::string& Rules::Label(AdmissionKind value) const {
  return LabelAt(admission_kind_labels_, value);
}
const std::string& Rules::Label(TeamSetting value) const {
  return LabelAt(team_setting_labels_, value);
}
const std::string& Rules::Label(ContactSetting value) const {
  return LabelAt(contact_setting_labels_, value);
}
const std::string& Rules::Label(Modality value) const { return LabelAt(modality_labels_, value); }
const std::string& Rules::Label(NoteStatus value) const {
  return LabelAt(note_status_labels_, value);
}
const std::string& Rules::Label(domain::BoundaryEventKind value) const {
  return LabelAt(boundary_kind_labels_, value);
}
const std::string& Rules::Label(domain::BoundaryDecision value) const {
  return LabelAt(boundary_decision_labels_, value);
}
const std::string& Rules::Label(domain::SafetyKind value) const {
  return LabelAt(safety_kind_labels_, value);
}
const std::string& Rules::Label(domain::SafetyStepCode value) const {
  return LabelAt(safety_step_labels_, value);
}
const std::string& Rules::Label(domain::GrievanceStatus value) const {
  return LabelAt(grievance_status_labels_, value);
}
const std::string& Rules::Label(SupervisionKind value) const {
  return LabelAt(supervision_kind_labels_, value);
}
const std::string& Rules::Label(SupervisionFocus value) const {
  return LabelAt(supervision_focus_labels_, value);
}

namespace {

std::atomic<const Rules*> installed_rules{nullptr};

const Rules& BuiltinRules() {
  static const Rules* const builtin = [] {
    Result<Rules> loaded = Rules::Load(std::nullopt);
    if (!loaded.ok()) {
      // The files ship inside the binary: failing here is a build defect.
      std::fprintf(stderr, "built-in data files are invalid: %s\n",
                   loaded.status().ToString().c_str());
      std::abort();
    }
    return new Rules(std::move(loaded).value());
  }();
  return *builtin;
}

}  // namespace

void Install(Rules rules) {
  // Never freed, so that references handed out by Current() stay valid.
  static std::mutex* const mutex = new std::mutex();
  static auto* const kept = new std::vector<std::unique_ptr<const Rules>>();
  std::lock_guard<std::mutex> lock(*mutex);
  kept->push_back(std::make_unique<const Rules>(std::move(rules)));
  installed_rules.store(kept->back().get(), std::memory_order_release);
  // The store and the use cases validate against the same catalog.
  domain::ActivityCatalog::InstallCurrent(&kept->back()->activities());
  domain::LanguageReview::InstallCurrent(&kept->back()->language_review());
  domain::BoundaryPolicy::InstallCurrent(&kept->back()->boundaries());
  domain::NoteCompletenessRules::InstallCurrent(&kept->back()->note_completeness());
  domain::PlanTemplates::InstallCurrent(&kept->back()->plan_templates());
  domain::GovernanceRules::InstallCurrent(&kept->back()->governance());
}

const Rules& Current() {
  const Rules* installed = installed_rules.load(std::memory_order_acquire);
  return installed != nullptr ? *installed : BuiltinRules();
}

}  // namespace alongside::rules
