// The contact form (record, edit a draft, amend a final note): what was typed,
// parsed into the use case's usecase::ContactFields, and back into the
// template's data with each error beside its field. Parsing checks what the
// form can say at once, beside each field: the syntax (a date, a time, a
// whole number of minutes), choices from the lists the form offers (at
// least one kind of support), and the contact's length, asked of the
// domain's rule (domain::CheckContactMinutes). Every other rule about a
// contact (when it may start, what a final note needs, the reason of an
// amendment, the person's own words, who may write) is the use case's
// (usecase/contacts.h), and its InvalidArgument is put beside the field it
// names (AddError). Parsing never writes anything.
#pragma once

#include <httplib.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/activity_catalog.h"
#include "domain/language_review.h"
#include "domain/model.h"
#include "server/pages/page_view.h"
#include "store/store.h"
#include "usecase/contacts.h"

namespace alongside::server::pages {

enum class ContactFormMode { kRecord, kEditDraft, kAmend };

struct ContactForm {
  std::string person_id;
  // When it started: "now" (it ended a moment ago: the start is now minus
  // its minutes), "today" or "yesterday" at start_time, or "other": date
  // and start_time. Local time, the program's zone.
  std::string when = "now";
  std::string date;        // YYYY-MM-DD
  std::string start_time;  // HH:MM
  std::string minutes = "30";
  std::string setting = "community";
  std::set<std::string> modalities;
  std::set<std::string> activities;
  std::string note;
  // Editable when recording and in a draft; in an amendment the person's
  // words of the final note, shown read-only and never sent back.
  std::string person_words;
  std::string amend_reason;
  std::string wording_reason;  // why the words the review marked are kept (optional)
  bool finalise = false;
  // "Keep my words and save": the worker saw the language review and keeps
  // the wording as it is.
  bool keep_wording = false;
  // Built from a post (FromRequest): the form shown is the server's answer
  // to what was sent (errors, or the language review), so the browser has
  // nothing of its own to put back (static/app.js).
  bool answered = false;
  // The language review of `note` when the form comes back to show it.
  std::vector<domain::LanguageFlag> review;
  std::string search;  // what "Find a person" looked for (the choice lists only those)
  std::map<std::string, std::string> errors;  // form field -> message

  // Now: today's date and the current time to the minute (local), 30
  // minutes, community. A quick entry `kind` ("phone": a phone check-in)
  // presets where, how long and the support given; others are ignored.
  static ContactForm Defaults(Instant now, const TimeZone& zone, const std::string& kind = "");
  // The fields of a stored version (for editing a draft or amending).
  static ContactForm FromVersion(const domain::ContactVersion& version, const TimeZone& zone);
  // What the browser sent, as typed. In `mode` kAmend the person's words are
  // not read from the request (the form does not offer them).
  static ContactForm FromRequest(const httplib::Request& request, ContactFormMode mode);

  // Parses every field and fills `errors` (form field names) with what
  // cannot be read; on success the fields for the use case. In kAmend mode
  // person_words is nullopt: the final note's words carry over unchanged.
  std::optional<usecase::ContactFields> Parse(ContactFormMode mode,
                                              const domain::ActivityCatalog& catalog,
                                              const usecase::Caller& caller);
  // Puts a use case's InvalidArgument beside the form field it concerns
  // ("duration_minutes" and "end" beside the minutes, "start" beside the
  // date), its first letter capitalised. False when the status names no
  // field of this form (the caller returns the status instead).
  bool AddError(const Status& status);
  // The language review on save: true when the note has words to look at
  // again and the worker has not yet chosen to keep them (the form then
  // comes back once, showing them in `review`). Never refuses a note: the
  // worker changes the words or keeps them, and saves.
  bool HoldForWordingReview();

  // The template data for contact_form.mustache.
  // People who share a preferred name are told apart in the choice by
  // pronouns, how long they have been supported and their record number.
  View ToView(ContactFormMode mode, const domain::ActivityCatalog& catalog,
              const std::vector<store::PersonRow>& people, const TimeZone& zone,
              std::optional<domain::Role> role = std::nullopt) const;
};

}  // namespace alongside::server::pages
