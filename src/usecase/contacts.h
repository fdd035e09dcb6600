// Contacts and their notes: record, revise a draft, finalise, amend, the
// person's annotation, and the reads. The rules, decided once here:
// - A draft is its author's unfinished text: only the worker who wrote the
//   latest draft version revises or finalises it, and the person served
//   does not see drafts (nor the draft versions of a final note).
// - A note is finalised with a narrative (note not empty); finalising
//   while revising is one operation, one transaction.
// - A contact's start is plausible: not before the program's earliest year
//   and not later than now plus a small clock skew (rules/practice.json).
// - Once a note is final, the person's own words in it are carried into
//   every later version unchanged: an amendment that changes them is
//   refused (person_words); the person adds to them with an annotation.
// - The person annotates a final note about themselves, never a draft.
// - Any worker assigned to the person today may amend a final note (the
//   amendment is signed by them, with its reason).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/language_review.h"
#include "domain/model.h"
#include "usecase/guardrails.h"
#include "usecase/usecase.h"

namespace alongside::usecase {

// The fields of a contact as a worker writes them (API body or form).
struct ContactFields {
  Instant start = 0;
  std::int64_t duration_minutes = 0;
  domain::ContactSetting setting = domain::ContactSetting::kCommunity;
  domain::ModalitySet modalities = 0;
  std::vector<std::string> activities;  // catalog codes
  std::string note;
  // The person's own words; nullopt keeps what the note already carries.
  std::optional<std::string> person_words;
  // Why the writer keeps words the language review marked (optional).
  std::string wording_reason;
};

struct ContactView {
  domain::Contact contact;  // versions the caller may see, oldest first
  std::vector<store::Annotation> annotations;
  // The language review of the current note (docs/language-review.md), for
  // staff; none for the person served, to whom a note about them is not
  // marked up.
  std::optional<std::vector<domain::LanguageFlag>> review;
  // Its drift flags, advice requests and boundary events, for staff; none
  // for the person served (records of the worker's practice).
  std::optional<ContactGuardrails> guardrails;
};

// The note language review of `text` (a note before it is saved): phrases
// to reconsider with a suggestion each. It never refuses a note and never
// blocks saving or finalising; the person's own words are never reviewed.
// InvalidArgument naming `field` for text past the review's limit (20,000
// bytes).
Result<std::vector<domain::LanguageFlag>> ReviewWording(std::string_view text,
                                                        const std::string& field = "text");

Result<domain::Contact> RecordContact(Services& services, const Caller& caller, Id person_id,
                                      const ContactFields& fields, bool finalise);
// Revises the caller's own draft (a new draft version, or a final one when
// `finalise`, in one transaction).
Result<ContactView> ReviseDraft(Services& services, const Caller& caller, Id contact_id,
                                const ContactFields& fields, bool finalise);
Result<ContactView> FinaliseContact(Services& services, const Caller& caller, Id contact_id);
Result<ContactView> AmendContact(Services& services, const Caller& caller, Id contact_id,
                                 const ContactFields& fields, const std::string& reason);
Result<ContactView> AnnotateContact(Services& services, const Caller& caller, Id contact_id,
                                    const std::string& words);

// A contact the caller may act on with `action`, without auditing a read:
// for the forms that edit it (the caller is about to write).
Result<domain::Contact> ContactToEdit(Services& services, const Caller& caller, Id contact_id);
// A contact with its annotations; the read is audited.
Result<ContactView> ReadContact(Services& services, const Caller& caller, Id contact_id);

struct ContactListInput {
  std::optional<Id> person_id;
  std::optional<Id> worker_id;
  std::optional<Instant> from, until;
  std::optional<domain::NoteStatus> status;
  store::Page page;
};
// The contacts the caller may read, newest first: a person's own final
// notes; a worker's or supervisor's, those of the people assigned today to
// them or to their supervisees (the same decision as a single read). One
// audit row per person whose notes the page returned.
Result<std::vector<store::ContactRow>> ListContacts(Services& services, const Caller& caller,
                                                    const ContactListInput& input);

}  // namespace alongside::usecase
