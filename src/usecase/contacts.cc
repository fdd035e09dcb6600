#include "usecase/contacts.h"

#include <fmt/format.h>

#include <algorithm>

#include "domain/rules.h"
#include "rules/rules.h"
#include "usecase/internal.h"

namespace alongside::usecase {
namespace {

using access::Action;

// A version from what the worker wrote, before the note's own rules.
domain::ContactVersion VersionFrom(const ContactFields& fields, const Caller& caller) {
  domain::ContactVersion version;
  version.start = fields.start;
  version.end = fields.start + fields.duration_minutes * 60;
  version.setting = fields.setting;
  version.modalities = fields.modalities;
  version.activities = fields.activities;
  version.note = fields.note;
  version.person_words = fields.person_words.value_or("");
  version.wording_reason = fields.wording_reason;
  version.status = domain::NoteStatus::kDraft;
  version.written_by = caller.who.staff_id.value_or(0);
  version.written_at = caller.now;
  return version;
}

Status CheckStart(const ContactFields& fields, const Caller& caller) {
  ALONGSIDE_RETURN_IF_ERROR(domain::CheckContactMinutes(fields.duration_minutes));
  const rules::PracticeRules& practice = rules::Current().practice();
  return domain::CheckContactStart(fields.start, caller.now,
                                   practice.future_start_tolerance_minutes,
                                   practice.earliest_contact_year);
}

// A peer activity some roles record (activities.json "roles") is refused
// to a worker in another role when the version adds it; one already on
// the contact stays (an edit does not take away what was recorded). A
// clinical-only activity is never refused: it is role drift.
Status CheckActivitiesForRole(const std::vector<std::string>& activities,
                              const std::vector<std::string>& already, const Caller& caller) {
  if (!caller.who.role) return Status::Ok();
  const rules::Rules& rules = rules::Current();
  for (const std::string& code : activities) {
    if (std::find(already.begin(), already.end(), code) != already.end()) continue;
    const domain::Activity* activity = rules.activities().Find(code);
    if (activity == nullptr || domain::ActivityCatalog::Records(*activity, *caller.who.role)) {
      continue;
    }
    std::string roles;
    for (domain::Role role : activity->roles) {
      roles += (roles.empty() ? "" : " or ") + rules.Label(role);
    }
    return Status::InvalidArgument(
        "activities", "\"" + activity->label + "\" is recorded by a " + roles);
  }
  return Status::Ok();
}

void Sign(domain::ContactVersion& version, const Caller& caller) {
  version.status = domain::NoteStatus::kFinal;
  version.signed_by = caller.who.staff_id;
  version.signed_at = caller.now;
}

// The contact as the caller may see it: no draft versions for the person
// served (and no note at all while it is only a draft).
std::optional<domain::Contact> VisibleTo(const Caller& caller, domain::Contact contact) {
  if (access::Policy::SeesDrafts(caller.who)) return contact;
  std::erase_if(contact.versions, [](const domain::ContactVersion& version) {
    return version.status == domain::NoteStatus::kDraft;
  });
  if (contact.versions.empty()) return std::nullopt;
  return contact;
}

// The contact `contact_id` if the caller may act on it with `action`; a
// contact that does not exist, is not theirs, or (for the person served)
// is still a draft is NotFound alike. Refusals are audited.
Result<domain::Contact> ContactFor(Services& services, const Caller& caller, Id contact_id,
                                   Action action) {
  Result<domain::Contact> contact = services.store.GetContact(contact_id);
  if (!contact.ok()) {
    if (contact.status().code() != StatusCode::kNotFound) return contact.status();
    return internal::Unknown("contact");
  }
  Status decision =
      services.policy.CheckPerson(caller.who, action, contact->person_id, caller.today());
  if (decision.code() == StatusCode::kForbidden) {
    // Refused like a contact that does not exist: the refusal is audited,
    // the answer reveals nothing.
    Status refused = internal::Refuse(services, caller, access::ActionCode(action),
                                      contact->person_id, contact_id, decision);
    (void)refused;
    return internal::Unknown("contact");
  }
  ALONGSIDE_RETURN_IF_ERROR(decision);
  std::optional<domain::Contact> visible = VisibleTo(caller, std::move(contact).value());
  if (!visible) return internal::Unknown("contact");
  return std::move(*visible);
}

// A draft belongs to its author: the worker who wrote its latest version.
Status CheckDraftAuthor(const domain::Contact& contact, const Caller& caller) {
  const domain::ContactVersion& latest = contact.latest();
  if (latest.status == domain::NoteStatus::kDraft &&
      (!caller.who.staff_id || latest.written_by != *caller.who.staff_id)) {
    return Status::Forbidden("a draft is revised and finalized by the worker who wrote it");
  }
  return Status::Ok();
}

// A contact as the caller sees it, with the review of its current note
// and its guardrails for staff.
Result<ContactView> ViewOf(Services& services, const Caller& caller, domain::Contact contact,
                           std::vector<store::Annotation> annotations) {
  ContactView view{std::move(contact), std::move(annotations), std::nullopt, std::nullopt};
  if (!caller.who.IsPerson()) {
    view.review = domain::LanguageReview::Current().Review(view.contact.latest().note);
    ALONGSIDE_ASSIGN_OR_RETURN(view.guardrails,
                               GuardrailsOfContact(services, caller, view.contact));
  }
  return view;
}

Result<ContactView> Reread(Services& services, const Caller& caller, Id contact_id) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact, services.store.GetContact(contact_id));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::Annotation> annotations,
                             services.store.ListAnnotations(contact_id));
  std::optional<domain::Contact> visible = VisibleTo(caller, std::move(contact));
  if (!visible) return internal::Unknown("contact");
  return ViewOf(services, caller, std::move(*visible), std::move(annotations));
}

// Finalise and revise share one transition: the rules run inside the
// store's transaction, on the contact as committed.
Result<ContactView> AppendToOwnDraft(Services& services, const Caller& caller, Id contact_id,
                                     const std::optional<ContactFields>& fields, bool finalise,
                                     const char* action) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             ContactFor(services, caller, contact_id, Action::kRecordContact));
  if (fields) ALONGSIDE_RETURN_IF_ERROR(CheckStart(*fields, caller));
  Result<int> appended = services.store.AppendContactVersion(
      contact.id,
      [&](const domain::Contact& current) -> Result<domain::ContactVersion> {
        ALONGSIDE_RETURN_IF_ERROR(domain::CheckCanReviseDraft(current.latest()));
        ALONGSIDE_RETURN_IF_ERROR(CheckDraftAuthor(current, caller));
        domain::ContactVersion next = current.latest();
        if (fields) {
          ALONGSIDE_RETURN_IF_ERROR(
              CheckActivitiesForRole(fields->activities, current.latest().activities, caller));
          next = VersionFrom(*fields, caller);
          ALONGSIDE_ASSIGN_OR_RETURN(next.person_words,
                                     domain::CarryPersonWords(current.latest(),
                                                              fields->person_words));
        }
        next.written_by = *caller.who.staff_id;
        next.written_at = caller.now;
        next.status = domain::NoteStatus::kDraft;
        next.signed_by.reset();
        next.signed_at.reset();
        next.amends_version.reset();
        next.amend_reason.clear();
        if (finalise) {
          ALONGSIDE_RETURN_IF_ERROR(domain::CheckReadyToFinalise(next));
          Sign(next, caller);
        }
        return next;
      },
      caller.actor, action);
  if (!appended.ok()) return appended.status();
  return Reread(services, caller, contact.id);
}

}  // namespace

Result<domain::Contact> RecordContact(Services& services, const Caller& caller, Id person_id,
                                      const ContactFields& fields, bool finalise) {
  ALONGSIDE_RETURN_IF_ERROR(
      internal::Authorize(services, caller, Action::kRecordContact, person_id));
  ALONGSIDE_RETURN_IF_ERROR(CheckStart(fields, caller));
  ALONGSIDE_RETURN_IF_ERROR(CheckActivitiesForRole(fields.activities, {}, caller));
  domain::ContactVersion version = VersionFrom(fields, caller);
  if (finalise) {
    ALONGSIDE_RETURN_IF_ERROR(domain::CheckReadyToFinalise(version));
    Sign(version, caller);
  }
  const Id worker = *caller.who.staff_id;
  ALONGSIDE_ASSIGN_OR_RETURN(Id id,
                             services.store.RecordContact(person_id, worker, version, caller.actor));
  // Answered from what was written: a new contact is exactly version 1.
  domain::Contact written;
  written.id = id;
  written.person_id = person_id;
  written.worker_id = worker;
  version.version = 1;
  written.versions.push_back(std::move(version));
  return written;
}

Result<ContactView> ReviseDraft(Services& services, const Caller& caller, Id contact_id,
                                const ContactFields& fields, bool finalise) {
  return AppendToOwnDraft(services, caller, contact_id, fields, finalise,
                          finalise ? "contact.finalise" : "contact.revise");
}

Result<ContactView> FinaliseContact(Services& services, const Caller& caller, Id contact_id) {
  return AppendToOwnDraft(services, caller, contact_id, std::nullopt, true, "contact.finalise");
}

Result<ContactView> AmendContact(Services& services, const Caller& caller, Id contact_id,
                                 const ContactFields& fields, const std::string& reason) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             ContactFor(services, caller, contact_id, Action::kRecordContact));
  ALONGSIDE_RETURN_IF_ERROR(CheckStart(fields, caller));
  Result<int> appended = services.store.AppendContactVersion(
      contact.id,
      [&](const domain::Contact& current) -> Result<domain::ContactVersion> {
        ALONGSIDE_RETURN_IF_ERROR(domain::CheckCanAmend(current.latest(), reason));
        ALONGSIDE_RETURN_IF_ERROR(
            CheckActivitiesForRole(fields.activities, current.latest().activities, caller));
        domain::ContactVersion next = VersionFrom(fields, caller);
        ALONGSIDE_ASSIGN_OR_RETURN(next.person_words,
                                   domain::CarryPersonWords(current.latest(), fields.person_words));
        ALONGSIDE_RETURN_IF_ERROR(domain::CheckReadyToFinalise(next));
        Sign(next, caller);
        next.amends_version = current.latest().version;
        next.amend_reason = reason;
        return next;
      },
      caller.actor, "contact.amend");
  if (!appended.ok()) return appended.status();
  return Reread(services, caller, contact.id);
}

Result<ContactView> AnnotateContact(Services& services, const Caller& caller, Id contact_id,
                                    const std::string& words) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             ContactFor(services, caller, contact_id, Action::kAnnotate));
  // Only the person served reaches here (the policy grants kAnnotate to no
  // one else), and they see only final notes (ContactFor).
  if (contact.latest().status != domain::NoteStatus::kFinal) return internal::Unknown("contact");
  if (words.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("words", "must not be empty");
  }
  store::Annotation annotation{0, contact.id, contact.person_id, words, caller.now};
  ALONGSIDE_ASSIGN_OR_RETURN(Id id, services.store.AddAnnotation(annotation, caller.actor));
  (void)id;
  return Reread(services, caller, contact.id);
}

Result<domain::Contact> ContactToEdit(Services& services, const Caller& caller, Id contact_id) {
  return ContactFor(services, caller, contact_id, Action::kRecordContact);
}

Result<ContactView> ReadContact(Services& services, const Caller& caller, Id contact_id) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Contact contact,
                             ContactFor(services, caller, contact_id, Action::kReadPerson));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::Annotation> annotations,
                             services.store.ListAnnotations(contact.id));
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditRead(services, caller, "contact.read", "contact",
                                                contact.id, contact.person_id));
  return ViewOf(services, caller, std::move(contact), std::move(annotations));
}

Result<std::vector<store::ContactRow>> ListContacts(Services& services, const Caller& caller,
                                                    const ContactListInput& input) {
  store::ContactQuery query;
  query.page = input.page;
  query.from = input.from;
  query.until = input.until;
  query.status = input.status;
  query.active_on = caller.today();
  const access::Principal& who = caller.who;
  if (who.IsPerson()) {
    const Id self = who.person_id.value_or(0);
    if (input.person_id && *input.person_id != self) {
      return internal::Refuse(services, caller, "contacts.list", *input.person_id,
                              *input.person_id,
                              Status::Forbidden("a person sees only their own record"));
    }
    ALONGSIDE_RETURN_IF_ERROR(internal::Authorize(services, caller, Action::kReadPerson, self));
    query.person_id = self;
    if (input.worker_id) query.worker_ids = std::vector<Id>{*input.worker_id};
    if (input.status == domain::NoteStatus::kDraft) return std::vector<store::ContactRow>{};
    query.status = domain::NoteStatus::kFinal;
  } else if (input.person_id) {
    ALONGSIDE_RETURN_IF_ERROR(
        internal::Authorize(services, caller, Action::kReadPerson, *input.person_id));
    query.person_id = *input.person_id;
    if (input.worker_id) query.worker_ids = std::vector<Id>{*input.worker_id};
  } else {
    ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::vector<Id>> scope,
                               services.policy.VisibleWorkers(who));
    if (!scope) {
      return internal::Refuse(services, caller, "contacts.list", std::nullopt, 0,
                              Status::Forbidden("no caseload is visible to this role"));
    }
    query.people_of_workers = *scope;
    if (input.worker_id) query.worker_ids = std::vector<Id>{*input.worker_id};
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::ContactRow> rows,
                             services.store.ListContacts(query));
  std::vector<Id> people;
  for (const store::ContactRow& row : rows) people.push_back(row.person_id);
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditReadOfPeople(
      services, caller, "contacts.list", "contact", people,
      std::to_string(rows.size()) + " contacts listed"));
  return rows;
}

Result<std::vector<domain::LanguageFlag>> ReviewWording(std::string_view text,
                                                        const std::string& field) {
  if (text.size() > domain::kMaxReviewBytes) {
    return Status::InvalidArgument(
        field, fmt::format("is {} bytes; the review reads at most {}", text.size(),
                           domain::kMaxReviewBytes));
  }
  return domain::LanguageReview::Current().Review(text);
}

}  // namespace alongside::usecase
