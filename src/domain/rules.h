// The invariants of the domain, as pure checks. Each returns Ok or
// InvalidArgument / Conflict naming the field at fault. The store calls them
// inside the transaction that writes, so no path can skip them.
#pragma once

#include "common/status.h"
#include "domain/activity_catalog.h"
#include "domain/model.h"

namespace alongside::domain {

inline constexpr int kMinContactMinutes = 1;
inline constexpr int kMaxContactMinutes = 720;
inline constexpr size_t kMaxTextLength = 20000;
inline constexpr size_t kMaxNameLength = 200;

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
Status ValidateAdmission(const Admission& admission);

// May the contact's latest version be revised in place of a new draft?
// Only a draft may be revised; a final note is superseded by an amendment.
Status CheckCanReviseDraft(const ContactVersion& latest);
Status CheckCanFinalise(const ContactVersion& latest);
Status CheckCanAmend(const ContactVersion& latest, const std::string& reason);

}  // namespace alongside::domain
