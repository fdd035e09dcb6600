// Staff, assignments of people to peer workers, and supervision sessions.
// Rules decided here: an assignment's worker is a peer worker; the same
// person is not assigned twice to the same worker for overlapping days
// (the store refuses, Conflict); access follows assignments in force today.
#pragma once

#include <optional>
#include <vector>

#include "domain/model.h"
#include "usecase/usecase.h"

namespace alongside::usecase {

struct StaffMember {
  domain::Staff staff;
  std::vector<domain::Certification> certifications;
};
Result<std::vector<domain::Staff>> ListStaff(Services& services, const Caller& caller,
                                             const store::StaffQuery& query);
Result<StaffMember> ReadStaffMember(Services& services, const Caller& caller, Id staff_id);

Result<domain::Assignment> Assign(Services& services, const Caller& caller, Id person_id,
                                  Id worker_id, Day start_on);
struct AssignmentListInput {
  std::optional<Id> person_id, worker_id;
  store::Page page;
};
Result<std::vector<domain::Assignment>> ListAssignments(Services& services, const Caller& caller,
                                                        const AssignmentListInput& input);

// A supervisee the caller may record supervision with (the policy's
// kWriteSupervision: a supervisor of theirs), and the kind of supervision
// the caller gives them: peer practice from their senior peer supervisor,
// clinical from their clinical supervisor. Forbidden (audited) otherwise,
// an unknown id included. Nothing of a person's record is read.
struct Supervisee {
  domain::Staff staff;
  domain::SupervisionKind kind = domain::SupervisionKind::kPeerPractice;
};
Result<Supervisee> SuperviseeToSupervise(Services& services, const Caller& caller, Id worker_id);
// The kind of supervision `supervisor_id` gives `supervisee` (the hybrid
// model): peer practice when they are the senior peer supervisor, clinical
// otherwise.
domain::SupervisionKind SupervisionKindGiven(const domain::Staff& supervisee, Id supervisor_id);

// The caller (a supervisor) records a session held with a supervisee.
Result<domain::SupervisionSession> RecordSupervision(Services& services, const Caller& caller,
                                                     domain::SupervisionSession session);
struct SupervisionListInput {
  std::optional<Id> supervisee_id;  // default: the caller
  std::optional<Instant> from, until;
  store::Page page;
};
Result<std::vector<domain::SupervisionSession>> ListSupervision(
    Services& services, const Caller& caller, const SupervisionListInput& input);

}  // namespace alongside::usecase
