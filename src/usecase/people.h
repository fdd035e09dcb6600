// A person's record as each reader sees it, the caseload lists and
// admissions. Every read here is audited before it returns (one row per
// person a list showed).
#pragma once

#include <cstdint>
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
// goals, one page of notes (drafts included, newest first; `notes_page`
// says which), how many notes there are in all, and admissions. An offset
// past the last note gives an empty page. The person served has their own
// view (OwnRecord, OwnNotes).
struct CaseloadRecord {
  domain::Person person;
  std::vector<GoalView> goals;
  std::vector<ContactView> notes;  // newest first, one page
  std::int64_t notes_total = 0;    // every note about the person, drafts included
  std::vector<domain::Admission> admissions;
  std::vector<domain::ContactAttempt> attempts;  // tries to reach them, newest first, a few
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

// The person served changes their own words about themselves: their
// pronouns and how they describe themselves. A field left unset stays as it
// was; an empty one clears it. Only the person themself, on their own
// record (Forbidden for anyone else, audited: their worker reads these
// words but does not write them); pronouns at most domain::kMaxPronounsLength
// bytes, the description at most domain::kMaxSelfDescriptionLength
// (InvalidArgument naming "pronouns" or "self_description"). One write with
// its audit row ("person.profile"); returns the profile as stored.
struct ProfileChange {
  std::optional<std::string> pronouns;
  std::optional<std::string> self_description;
};
Result<domain::Person> UpdateOwnProfile(Services& services, const Caller& caller,
                                        const ProfileChange& change);
// The final notes about the person served, newest first, with annotations.
Result<std::vector<ContactView>> ReadOwnNotes(Services& services, const Caller& caller,
                                              const store::Page& page);

// Admissions (hospital and crisis stays) of a person.
Result<std::vector<domain::Admission>> ListAdmissions(Services& services, const Caller& caller,
                                                      std::optional<Id> person_id);
// Records a stay for a person assigned to the caller (the policy's
// kRecordContact): its kind, the day of admission (not after tomorrow, for
// clock skew: InvalidArgument naming "admitted_on"), the day of discharge
// (none: still there; not before admission nor after tomorrow, naming
// "discharged_on") and where, in words (optional, at most
// domain::kMaxNameLength bytes, naming "place"). One write with its audit
// row.
Result<domain::Admission> RecordAdmission(Services& services, const Caller& caller,
                                          domain::Admission admission);

}  // namespace alongside::usecase
