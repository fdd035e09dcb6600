// Helpers the use cases share: refusals audited before they are returned,
// and reads audited before the record is (fail closed). Private to usecase/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "usecase/contacts.h"
#include "usecase/goals.h"
#include "usecase/usecase.h"

namespace alongside::usecase::internal {

// Writes the audit row of a refusal (best effort: the refusal stands even
// if the row cannot be written, and the failure is logged) and returns
// `refusal`.
Status Refuse(Services& services, const Caller& caller, const std::string& action,
              std::optional<Id> person_id, Id entity_id, const Status& refusal);

// The policy's decision on a person's record, audited when it refuses.
Status Authorize(Services& services, const Caller& caller, access::Action action, Id person_id);
// A decision with no single person (lists, aggregates, one's own pages).
Status AuthorizeGeneral(Services& services, const Caller& caller, access::Action action);

// The audit row of a successful read, committed before the caller may
// answer: an error here means the record must not be sent.
Status AuditRead(Services& services, const Caller& caller, const std::string& action,
                 const std::string& entity, Id entity_id, std::optional<Id> person_id,
                 const std::string& detail = "");
// One committed row per distinct person in `person_ids` (a list's page), in
// one transaction; a row with no person when the list is empty.
Status AuditReadOfPeople(Services& services, const Caller& caller, const std::string& action,
                         const std::string& entity, const std::vector<Id>& person_ids,
                         const std::string& detail);

// Notes from list rows, with their annotations read only where the row
// counts some (most notes have none). Not audited: the caller audits.
Result<std::vector<ContactView>> NoteViews(Services& services, std::vector<store::ContactRow> rows);
// A person's goals with their progress. Not audited: the caller audits.
Result<std::vector<GoalView>> GoalViews(Services& services, Id person_id);

// A policy decision as a yes or no: Ok is yes, Forbidden is no, and any
// other error (the store could not answer) is returned, never taken as no.
Result<bool> Allowed(const Status& decision);

// "no such contact": the answer for a record that does not exist and for
// one that is not the caller's, so that ids reveal nothing.
Status Unknown(const char* what);

}  // namespace alongside::usecase::internal
