// The contact form (record, edit a draft, amend a final note): what was typed,
// turned into a domain::ContactVersion, and back into the template's data
// with each error beside its field. Parsing never writes anything.
#pragma once

#include <httplib.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/activity_catalog.h"
#include "domain/model.h"
#include "server/pages/page_view.h"
#include "store/store.h"

namespace alongside::server::pages {

enum class ContactFormMode { kRecord, kEditDraft, kAmend };

struct ContactForm {
  std::string person_id;
  std::string date;        // YYYY-MM-DD
  std::string start_time;  // HH:MM (UTC)
  std::string minutes = "30";
  std::string setting = "community";
  std::set<std::string> modalities;
  std::set<std::string> activities;
  std::string note;
  std::string person_words;
  std::string amend_reason;
  bool finalise = false;
  std::map<std::string, std::string> errors;  // form field -> message

  // Today's date, the current time to the minute, 30 minutes, community.
  static ContactForm Defaults(Instant now);
  // The fields of a stored version (for editing a draft or amending).
  static ContactForm FromVersion(const domain::ContactVersion& version);
  // What the browser sent, as typed.
  static ContactForm FromRequest(const httplib::Request& request);

  // Checks every field and fills `errors` (form field names). On success
  // returns the version to store: status draft, written by `worker_id` at
  // `now`; the caller sets finalisation and amendment fields.
  std::optional<domain::ContactVersion> Validate(ContactFormMode mode,
                                                 const domain::ActivityCatalog& catalog,
                                                 store::Id worker_id, Instant now);
  // Puts a store's InvalidArgument beside the form field it concerns.
  void AddStoreError(const Status& status);

  // The template data for contact_form.mustache.
  View ToView(ContactFormMode mode, const domain::ActivityCatalog& catalog,
              const std::vector<store::PersonRow>& people) const;
};

// Words people read for the closed vocabularies.
std::string ModalityLabel(domain::Modality modality);
std::string SettingLabel(domain::ContactSetting setting);

}  // namespace alongside::server::pages
