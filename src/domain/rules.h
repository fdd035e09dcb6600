// The invariants of the domain, as pure checks. Each returns Ok or
// InvalidArgument / Conflict naming the field at fault. The store calls them
// inside the transaction that writes, so no path can skip them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/activity_catalog.h"
#include "domain/language_review.h"
#include "domain/model.h"

namespace alongside::domain {

inline constexpr int kMinContactMinutes = 1;
inline constexpr int kMaxContactMinutes = 720;
inline constexpr size_t kMaxTextLength = 20000;
inline constexpr size_t kMaxNameLength = 200;
// The person's own words about themselves (ValidatePerson, and the person's
// own changes through usecase::UpdateOwnProfile).
inline constexpr size_t kMaxPronounsLength = 60;
inline constexpr size_t kMaxSelfDescriptionLength = 4000;

Status ValidateTeam(const Team& team);
Status ValidateStaff(const Staff& staff);
Status ValidateCertification(const Certification& certification);
Status ValidatePerson(const Person& person);
Status ValidateAssignment(const Assignment& assignment);
// Times, duration 1..720 minutes, at least one modality, known activities.
Status ValidateContactVersion(const ContactVersion& version, const ActivityCatalog& catalog);
Status ValidateGoalVersion(const GoalVersion& version);
Status ValidateGoalProgress(const GoalProgress& progress);
Status ValidateSupervisionSession(const SupervisionSession& session);
// A person, discharged on or after the admission (or still there), a place
// of at most kMaxNameLength bytes (may be empty).
Status ValidateAdmission(const Admission& admission);
// Ids, a place and a purpose of at most kMaxNameLength characters (the
// place may be empty).
Status ValidatePlannedContact(const PlannedContact& plan);
Status ValidateContactAttempt(const ContactAttempt& attempt);

// May the contact's latest version be revised in place of a new draft?
// Only a draft may be revised; a final note is superseded by an amendment.
Status CheckCanReviseDraft(const ContactVersion& latest);
Status CheckCanFinalise(const ContactVersion& latest);
Status CheckCanAmend(const ContactVersion& latest, const std::string& reason);

// The length of a contact: kMinContactMinutes..kMaxContactMinutes, or
// InvalidArgument naming "duration_minutes". The one home of the rule (the
// API, the form and ValidateContactVersion all ask it).
Status CheckContactMinutes(std::int64_t minutes);
// A note is final only with a narrative: InvalidArgument naming "note".
Status CheckReadyToFinalise(const ContactVersion& version);
// A contact's start is plausible: not before January 1 of `earliest_year`
// and not later than `now` plus `tolerance_minutes` (clock skew).
// InvalidArgument naming "start".
Status CheckContactStart(Instant start, Instant now, int tolerance_minutes, int earliest_year);
// The person's own words a new version of the note carries. Once the note
// is final they are kept as the person said them: `proposed` may repeat
// them or be absent, never change them (InvalidArgument naming
// "person_words"). Before that, `proposed` (or what the draft had).
Result<std::string> CarryPersonWords(const ContactVersion& latest,
                                     const std::optional<std::string>& proposed);
// The clinical-only activities a version records: role drift when a peer
// worker records them.
std::vector<std::string> ClinicalOnlyActivities(const ContactVersion& version,
                                                const ActivityCatalog& catalog);

// Why a version raises role drift (docs/scope.md), each reason once, in
// order: the clinical-only activities it records, then the rule ids of the
// review's `clinical-assessment` and `scope-verb` flags in its note. Only a
// final version raises drift (a draft is unfinished work); contacts are
// recorded by peer workers only (the access policy), so the store raises
// these for every final version it writes.
struct DriftReason {
  DriftSource source = DriftSource::kActivity;
  std::string code;
  bool operator==(const DriftReason&) const = default;
};
std::vector<DriftReason> RoleDriftReasons(const ContactVersion& version,
                                          const ActivityCatalog& catalog,
                                          const std::vector<LanguageFlag>& review);

// May `flag` be resolved so? Conflict when it is already resolved (a flag
// is resolved once); the note is required when `explained` (InvalidArgument
// naming "note"), at most kMaxTextLength; a supervision session is named
// exactly when `discussed_in_supervision` (InvalidArgument naming
// "supervision_session_id").
Status CheckDriftResolution(const DriftFlag& flag, DriftResolution resolution,
                            const std::string& note, std::optional<Id> supervision_session_id);
// What was asked and the note at most kMaxTextLength; every step any
// outcome (nothing blocks saving).
Status ValidateAdviceRequest(const AdviceRequest& request);
// Ids, a known kind and decision, a non-negative gift value, texts at most
// kMaxTextLength.
Status ValidateBoundaryRecord(const BoundaryRecord& record);

}  // namespace alongside::domain
