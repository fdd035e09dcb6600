// A person's record as each reader sees it, the caseload lists and
// admissions. Every read here is audited before it returns (one row per
// person a list showed).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"
#include "usecase/contacts.h"
#include "usecase/goals.h"
#include "usecase/usecase.h"

namespace alongside::usecase {

// A person's profile with the workers assigned to them today.
Result<store::PersonRow> ReadPerson(Services& services, const Caller& caller, Id person_id);

// The people the caller may see: a worker's caseload, a supervisor's
// supervisees' caseloads, a person's own record.
Result<std::vector<store::PersonRow>> ListPeople(Services& services, const Caller& caller,
                                                 const store::Page& page);

// The worker's (or supervisor's) view of a person's record: the profile,
// goals, the newest notes (drafts included) and admissions. The person
// served has their own view (OwnRecord, OwnNotes).
struct CaseloadRecord {
  domain::Person person;
  std::vector<GoalView> goals;
  std::vector<ContactView> notes;  // newest first, one page
  std::vector<domain::Admission> admissions;
  bool can_record = false;  // the caller may record contacts and work on goals
};
Result<CaseloadRecord> ReadCaseloadRecord(Services& services, const Caller& caller,
                                          Id person_id, const store::Page& notes_page);

// The person served's own record: profile and the workers walking with them.
struct OwnRecord {
  domain::Person person;
  std::vector<domain::Staff> workers;
};
Result<OwnRecord> ReadOwnRecord(Services& services, const Caller& caller);
// The final notes about the person served, newest first, with annotations.
Result<std::vector<ContactView>> ReadOwnNotes(Services& services, const Caller& caller,
                                              const store::Page& page);

// Admissions (hospital and crisis stays) of a person.
Result<std::vector<domain::Admission>> ListAdmissions(Services& services, const Caller& caller,
                                                      std::optional<Id> person_id);
Result<domain::Admission> RecordAdmission(Services& services, const Caller& caller,
                                          domain::Admission admission);

}  // namespace alongside::usecase
