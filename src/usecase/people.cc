#include "usecase/people.h"

#include "domain/rules.h"
#include "usecase/internal.h"

namespace alongside::usecase {

using access::Action;

// The person's page shows this many of the latest attempts to reach them.
constexpr int kAttemptsShown = 5;

Result<store::PersonRow> ReadPerson(Services& services, const Caller& caller, Id person_id) {
  ALONGSIDE_RETURN_IF_ERROR(
      internal::Authorize(services, caller, Action::kReadPerson, person_id));
  store::PersonRow row;
  ALONGSIDE_ASSIGN_OR_RETURN(row.person, services.store.GetPerson(person_id));
  ALONGSIDE_ASSIGN_OR_RETURN(row.worker_ids,
                             services.store.ActiveWorkersOf(person_id, caller.today()));
  ALONGSIDE_RETURN_IF_ERROR(
      internal::AuditRead(services, caller, "person.read", "person", person_id, person_id));
  return row;
}

Result<std::vector<store::PersonRow>> ListPeople(Services& services, const Caller& caller,
                                                 const store::Page& page) {
  std::vector<store::PersonRow> rows;
  const access::Principal& who = caller.who;
  if (who.IsPerson()) {
    const Id self = who.person_id.value_or(0);
    ALONGSIDE_RETURN_IF_ERROR(internal::Authorize(services, caller, Action::kReadPerson, self));
    if (page.offset == 0) {
      store::PersonRow row;
      ALONGSIDE_ASSIGN_OR_RETURN(row.person, services.store.GetPerson(self));
      ALONGSIDE_ASSIGN_OR_RETURN(row.worker_ids,
                                 services.store.ActiveWorkersOf(self, caller.today()));
      rows.push_back(std::move(row));
    }
  } else {
    ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::vector<Id>> scope,
                               services.policy.VisibleWorkers(who));
    if (!scope) {
      return internal::Refuse(services, caller, "people.list", std::nullopt, 0,
                              Status::Forbidden("no caseload is visible to this role"));
    }
    store::PeopleQuery query;
    query.worker_ids = *scope;
    query.active_on = caller.today();
    query.page = page;
    ALONGSIDE_ASSIGN_OR_RETURN(rows, services.store.ListPeople(query));
  }
  std::vector<Id> people;
  for (const store::PersonRow& row : rows) people.push_back(row.person.id);
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditReadOfPeople(
      services, caller, "people.list", "person", people,
      std::to_string(rows.size()) + " people listed"));
  return rows;
}

Result<CaseloadRecord> ReadCaseloadRecord(Services& services, const Caller& caller,
                                          Id person_id, const store::Page& notes_page) {
  ALONGSIDE_RETURN_IF_ERROR(
      internal::Authorize(services, caller, Action::kReadCaseloadRecord, person_id));
  CaseloadRecord record;
  ALONGSIDE_ASSIGN_OR_RETURN(record.person, services.store.GetPerson(person_id));
  ALONGSIDE_ASSIGN_OR_RETURN(record.goals, internal::GoalViews(services, person_id));
  store::ContactQuery query;
  query.person_id = person_id;
  query.page = notes_page;
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::ContactRow> rows,
                             services.store.ListContacts(query));
  ALONGSIDE_ASSIGN_OR_RETURN(record.notes, internal::NoteViews(services, std::move(rows)));
  ALONGSIDE_ASSIGN_OR_RETURN(record.notes_total, services.store.CountContacts(query));
  ALONGSIDE_ASSIGN_OR_RETURN(record.admissions, services.store.ListAdmissions(person_id));
  ALONGSIDE_ASSIGN_OR_RETURN(record.attempts,
                             services.store.ListContactAttempts(person_id, kAttemptsShown));
  // Forbidden only hides the forms; any other failure (the store's) fails
  // the page rather than showing it as if recording were not allowed.
  Status may_record =
      services.policy.CheckPerson(caller.who, Action::kRecordContact, person_id, caller.today());
  if (!may_record.ok() && may_record.code() != StatusCode::kForbidden) return may_record;
  record.can_record = may_record.ok();
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditRead(services, caller, "person.read", "person",
                                                person_id, person_id, "person page"));
  return record;
}

Result<OwnRecord> ReadOwnRecord(Services& services, const Caller& caller) {
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kOpenOwnRecord));
  const Id self = *caller.who.person_id;
  ALONGSIDE_RETURN_IF_ERROR(internal::Authorize(services, caller, Action::kReadPerson, self));
  OwnRecord record;
  ALONGSIDE_ASSIGN_OR_RETURN(record.person, services.store.GetPerson(self));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<Id> workers,
                             services.store.ActiveWorkersOf(self, caller.today()));
  for (Id worker_id : workers) {
    ALONGSIDE_ASSIGN_OR_RETURN(domain::Staff worker, services.store.GetStaff(worker_id));
    record.workers.push_back(std::move(worker));
  }
  ALONGSIDE_RETURN_IF_ERROR(
      internal::AuditRead(services, caller, "person.read", "person", self, self, "my record"));
  return record;
}

Result<domain::Person> UpdateOwnProfile(Services& services, const Caller& caller,
                                        const ProfileChange& change) {
  if (!caller.who.IsPerson()) {
    return internal::Refuse(
        services, caller, "person.profile", std::nullopt, 0,
        Status::Forbidden("only the person changes their own words about themselves"));
  }
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kOpenOwnRecord));
  const Id self = *caller.who.person_id;
  ALONGSIDE_RETURN_IF_ERROR(internal::Authorize(services, caller, Action::kReadPerson, self));
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Person person, services.store.GetPerson(self));
  if (change.pronouns) person.pronouns = *change.pronouns;
  if (change.self_description) person.self_description = *change.self_description;
  // Checked here too so that nothing is sent to the writer in vain; the
  // store checks again inside its transaction.
  ALONGSIDE_RETURN_IF_ERROR(domain::ValidatePerson(person));
  ALONGSIDE_RETURN_IF_ERROR(services.store.UpdatePersonProfile(self, person.pronouns,
                                                               person.self_description,
                                                               caller.actor));
  return person;
}

Result<std::vector<ContactView>> ReadOwnNotes(Services& services, const Caller& caller,
                                              const store::Page& page) {
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kOpenOwnRecord));
  const Id self = *caller.who.person_id;
  ALONGSIDE_RETURN_IF_ERROR(internal::Authorize(services, caller, Action::kReadPerson, self));
  store::ContactQuery query;
  query.person_id = self;
  query.status = domain::NoteStatus::kFinal;
  query.page = page;
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::ContactRow> rows,
                             services.store.ListContacts(query));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<ContactView> notes,
                             internal::NoteViews(services, std::move(rows)));
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditRead(services, caller, "contacts.read", "person",
                                                self, self, "notes about me"));
  return notes;
}

Result<std::vector<domain::Admission>> ListAdmissions(Services& services, const Caller& caller,
                                                      std::optional<Id> person_id) {
  Id person = person_id.value_or(caller.who.IsPerson() ? caller.who.person_id.value_or(0) : 0);
  if (person == 0) return Status::InvalidArgument("person_id", "is required");
  ALONGSIDE_RETURN_IF_ERROR(internal::Authorize(services, caller, Action::kReadPerson, person));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Admission> rows,
                             services.store.ListAdmissions(person));
  ALONGSIDE_RETURN_IF_ERROR(
      internal::AuditRead(services, caller, "admissions.list", "admission", 0, person));
  return rows;
}

Result<domain::Admission> RecordAdmission(Services& services, const Caller& caller,
                                          domain::Admission admission) {
  ALONGSIDE_RETURN_IF_ERROR(
      internal::Authorize(services, caller, Action::kRecordContact, admission.person_id));
  if (StartOfDay(admission.admitted_on) > caller.now + 86400) {
    return Status::InvalidArgument("admitted_on", "must not be in the future");
  }
  if (admission.discharged_on && StartOfDay(*admission.discharged_on) > caller.now + 86400) {
    return Status::InvalidArgument("discharged_on",
                                   "must not be in the future: leave it empty while they are "
                                   "still there");
  }
  if (admission.discharged_on && *admission.discharged_on < admission.admitted_on) {
    return Status::InvalidArgument("discharged_on", "must not be before the day of admission");
  }
  ALONGSIDE_RETURN_IF_ERROR(domain::ValidateAdmission(admission));
  ALONGSIDE_ASSIGN_OR_RETURN(admission.id, services.store.AddAdmission(admission, caller.actor));
  return admission;
}

}  // namespace alongside::usecase
