#include "server/pages/contact_form.h"

#include <array>
#include <charconv>
#include <map>
#include <utility>

#include "common/time.h"
#include "domain/rules.h"
#include "domain/vocabulary.h"
#include "rules/rules.h"
#include "server/pages/form.h"

namespace alongside::server::pages {
namespace {

struct FieldInfo {
  const char* name;
  const char* label;
  const char* target;  // the element the error summary links to
};

// In the order they appear on the form.
// What each language review category means, in the words a worker reads
// beside a flagged phrase (the categories are language.json's).
std::string CategoryWords(const std::string& category) {
  if (category == "identity-label") return "a label in place of the person";
  if (category == "pathologizing") return "words that judge the person";
  if (category == "clinical-assessment") return "clinical assessment, outside peer scope";
  if (category == "scope-verb") return "a clinical act, outside peer scope";
  if (category == "directive-advice") return "advice given as a directive";
  return category;
}

// The note with its flagged phrases marked, and one entry per phrase with
// its suggestion. Flags are ordered and never overlap (LanguageReview).
View WordingReviewView(const std::string& note, const std::vector<domain::LanguageFlag>& flags) {
  ViewList segments;
  ViewList entries;
  size_t at = 0;
  for (const domain::LanguageFlag& flag : flags) {
    if (flag.start < at || flag.end > note.size() || flag.start >= flag.end) continue;
    if (flag.start > at) {
      segments.push_back(View{{"text", note.substr(at, flag.start - at)}, {"flagged", false}});
    }
    const std::string phrase = note.substr(flag.start, flag.end - flag.start);
    segments.push_back(View{{"text", phrase}, {"flagged", true}});
    entries.push_back(View{{"phrase", phrase},
                           {"category", CategoryWords(flag.category)},
                           {"suggestion", flag.suggestion}});
    at = flag.end;
  }
  if (at < note.size()) segments.push_back(View{{"text", note.substr(at)}, {"flagged", false}});
  return View{{"segments", segments}, {"flags", entries},
              {"count", std::to_string(entries.size())}};
}

constexpr std::array<FieldInfo, 12> kFields = {{
    {"person_id", "Person", "person_id"},
    {"when", "When", "when-now"},
    {"date", "Date", "date"},
    {"start_time", "Start time", "start_time"},
    {"minutes", "Minutes", "minutes"},
    {"setting", "Where", "setting"},
    {"modalities", "Support given", "modality-emotional"},
    {"activities", "What you did together", "activities"},
    {"note", "Note", "note"},
    {"person_words", "The person's own words", "person_words"},
    {"amend_reason", "Reason for the amendment", "amend_reason"},
    {"wording_reason", "Why you keep these words", "wording_reason"},
}};

// The use case names the domain's fields; the form has its own.
constexpr std::array<std::pair<const char*, const char*>, 3> kDomainFields = {{
    {"duration_minutes", "minutes"},
    {"end", "minutes"},
    {"start", "date"},
}};

constexpr std::array<domain::Modality, 4> kModalities = {
    domain::Modality::kEmotional, domain::Modality::kInformational, domain::Modality::kInstrumental,
    domain::Modality::kCompanionship};

// How a person appears in the form's choice: their name and pronouns, and,
// when someone else on the list goes by the same name, since when they have
// been supported and their record number, so that no note lands on the
// wrong person.
std::string PersonChoiceLabel(const domain::Person& person, bool shared_name) {
  std::string label = person.preferred_name;
  if (!person.pronouns.empty()) label += " (" + person.pronouns + ")";
  if (shared_name) {
    label += ", supported since " + ReadableMonth(person.enrolled_on) + ", no. " +
             std::to_string(person.id);
  }
  return label;
}

}  // namespace

ContactForm ContactForm::Defaults(Instant now, const TimeZone& zone, const std::string& kind) {
  ContactForm form;
  form.date = FormatDay(zone.DayOf(now));
  form.start_time = FormatTimeOfDay(now, zone);
  if (kind == "phone") {
    form.setting = std::string(domain::Name(domain::ContactSetting::kPhone));
    form.minutes = "15";
    form.modalities.insert(std::string(domain::Name(domain::Modality::kEmotional)));
  }
  return form;
}

ContactForm ContactForm::FromVersion(const domain::ContactVersion& version,
                                     const TimeZone& zone) {
  ContactForm form;
  form.when = "other";
  form.date = FormatDay(zone.DayOf(version.start));
  form.start_time = FormatTimeOfDay(version.start, zone);
  form.minutes = std::to_string((version.end - version.start) / 60);
  form.setting = std::string(domain::Name(version.setting));
  for (const std::string& name : domain::ModalityNames(version.modalities)) {
    form.modalities.insert(name);
  }
  form.activities.insert(version.activities.begin(), version.activities.end());
  form.note = version.note;
  form.person_words = version.person_words;
  return form;
}

ContactForm ContactForm::FromRequest(const httplib::Request& request, ContactFormMode mode) {
  ContactForm form;
  form.person_id = Field(request, "person_id");
  // A form without the choice (the API's, or an older page) gives a date.
  form.when = request.has_param("when") ? Field(request, "when") : "other";
  form.date = Field(request, "date");
  form.start_time = Field(request, "start_time");
  form.minutes = Field(request, "minutes");
  form.setting = Field(request, "setting");
  for (const std::string& value : Fields(request, "modalities")) form.modalities.insert(value);
  for (const std::string& value : Fields(request, "activities")) form.activities.insert(value);
  form.note = Field(request, "note");
  if (mode != ContactFormMode::kAmend) form.person_words = Field(request, "person_words");
  form.amend_reason = Field(request, "amend_reason");
  form.wording_reason = Field(request, "wording_reason");
  form.finalise = Checked(request, "finalise");
  form.keep_wording = Field(request, "keep_wording") == "1";
  form.answered = true;
  return form;
}

bool ContactForm::HoldForWordingReview() {
  review.clear();
  if (keep_wording) return false;
  Result<std::vector<domain::LanguageFlag>> flags = usecase::ReviewWording(note, "note");
  if (!flags.ok() || flags->empty()) return false;
  review = std::move(flags).value();
  return true;
}

std::optional<usecase::ContactFields> ContactForm::Parse(ContactFormMode mode,
                                                         const domain::ActivityCatalog& catalog,
                                                         const usecase::Caller& caller) {
  errors.clear();
  Result<Day> day = Status::InvalidArgument("date", "not read");
  if (when == "today") {
    day = caller.today();
  } else if (when == "yesterday") {
    day = caller.today() - 1;
  } else if (when == "other") {
    day = ParseDay(date, "date");
    if (!day.ok()) errors["date"] = "Enter the date as year-month-day, like 2026-03-14.";
  } else if (when != "now") {
    errors["when"] = "Choose when the contact was.";
  }

  Result<int> time_of_day = 0;
  if (when != "now") {
    time_of_day = ParseTimeOfDay(start_time, "start_time");
    if (!time_of_day.ok()) errors["start_time"] = time_of_day.status().detail();
  }

  std::int64_t duration = 0;
  auto [end, error] = std::from_chars(minutes.data(), minutes.data() + minutes.size(), duration);
  if (minutes.empty() || error != std::errc() || end != minutes.data() + minutes.size()) {
    errors["minutes"] = "Enter the length in whole minutes.";
  } else if (Status length = domain::CheckContactMinutes(duration); !length.ok()) {
    // Said now, beside the other mistakes; the rule is the domain's.
    errors["minutes"] = AsSentence(length.detail());
  }

  Result<domain::ContactSetting> parsed_setting = domain::ParseContactSetting(setting, "setting");
  if (!parsed_setting.ok()) errors["setting"] = "Choose where the contact took place.";

  // A required choice left empty is said beside its field together with the
  // other mistakes (the use case would name only the first); the rule itself
  // is domain::ValidateContactVersion's.
  Result<domain::ModalitySet> parsed_modalities = domain::ParseModalities(
      std::vector<std::string>(modalities.begin(), modalities.end()), "modalities");
  if (modalities.empty()) {
    errors["modalities"] = "Choose at least one kind of support.";
  } else if (!parsed_modalities.ok()) {
    errors["modalities"] = "Choose from the kinds of support listed.";
  }

  for (const std::string& code : activities) {
    if (catalog.Find(code) == nullptr) {
      errors["activities"] = "Choose activities from the list.";
      break;
    }
  }
  Instant start = 0;
  if (errors.empty() && when == "now") {
    // It ended a moment ago: it started its length before now (to the minute).
    start = (caller.now - duration * 60) / 60 * 60;
  } else if (errors.empty()) {
    Result<Instant> local = caller.zone.At(*day, *time_of_day, "start_time");
    if (local.ok()) {
      start = *local;
    } else {
      errors["start_time"] = AsSentence(local.status().detail());
    }
  }
  if (!errors.empty()) return std::nullopt;

  usecase::ContactFields fields;
  fields.start = start;
  fields.duration_minutes = duration;
  fields.setting = *parsed_setting;
  fields.modalities = *parsed_modalities;
  fields.activities.assign(activities.begin(), activities.end());
  fields.note = note;
  fields.wording_reason = keep_wording ? wording_reason : "";
  if (mode != ContactFormMode::kAmend) fields.person_words = person_words;
  return fields;
}

bool ContactForm::AddError(const Status& status) {
  if (status.code() != StatusCode::kInvalidArgument) return false;
  std::string target = status.field();
  for (const auto& [domain_field, form_field] : kDomainFields) {
    if (target == domain_field) target = form_field;
  }
  bool known = false;
  for (const FieldInfo& info : kFields) known = known || target == info.name;
  if (!known) return false;
  errors[target] = AsSentence(status.detail());
  return true;
}

View ContactForm::ToView(ContactFormMode mode, const domain::ActivityCatalog& catalog,
                         const std::vector<store::PersonRow>& people, const TimeZone& zone,
                         std::optional<domain::Role> role) const {
  const rules::Rules& rules = rules::Current();
  View view;
  if (mode == ContactFormMode::kRecord) {
    std::map<std::string, int> named;
    for (const store::PersonRow& row : people) ++named[row.person.preferred_name];
    ViewList options;
    for (const store::PersonRow& row : people) {
      const std::string value = std::to_string(row.person.id);
      options.push_back(View{{"value", value},
                             {"label", PersonChoiceLabel(row.person,
                                                         named[row.person.preferred_name] > 1)},
                             {"selected", value == person_id}});
    }
    View choice = FieldView(errors, "person_id", person_id);
    choice.emplace("options", std::move(options));
    choice.emplace("search", search);
    choice.emplace("searched", !search.empty());
    choice.emplace("matches", std::to_string(people.size()));
    view.emplace("person_choice", ToValue(std::move(choice)));
  }
  if (mode == ContactFormMode::kRecord) {
    ViewList choices;
    const Day today = zone.DayOf(NowUtc());
    for (const auto& [value, label] : std::array<std::pair<std::string, std::string>, 4>{{
             {"now", "Just now (it ended a moment ago)"},
             {"today", "Earlier today, " + FormatReadableDay(today)},
             {"yesterday", "Yesterday, " + FormatReadableDay(today - 1)},
             {"other", "Another day"}}}) {
      choices.push_back(View{{"value", value}, {"label", label}, {"checked", value == when}});
    }
    View when_view = FieldView(errors, "when", when);
    when_view.emplace("options", std::move(choices));
    view.emplace("when", ToValue(std::move(when_view)));
  }
  view.emplace("zone_name", zone.name());
  view.emplace("zone_abbreviation", zone.Abbreviation(NowUtc()));
  view.emplace("date", FieldView(errors, "date", date));
  view.emplace("start_time", FieldView(errors, "start_time", start_time));
  view.emplace("minutes", FieldView(errors, "minutes", minutes));

  ViewList setting_options;
  for (domain::ContactSetting option : domain::kAllContactSettings) {
    const std::string value(domain::Name(option));
    setting_options.push_back(
        View{{"value", value}, {"label", rules.Label(option)}, {"selected", value == setting}});
  }
  View setting_view = FieldView(errors, "setting", setting);
  setting_view.emplace("options", std::move(setting_options));
  view.emplace("setting", ToValue(std::move(setting_view)));

  ViewList modality_options;
  for (domain::Modality option : kModalities) {
    const std::string value(domain::Name(option));
    modality_options.push_back(View{{"value", value},
                                    {"label", rules.Label(option)},
                                    {"checked", modalities.count(value) > 0}});
  }
  View modality_view = FieldView(errors, "modalities", "");
  modality_view.emplace("options", std::move(modality_options));
  view.emplace("modalities", ToValue(std::move(modality_view)));

  // Peer activities first; clinical-only ones apart, after the note (open
  // only when one is chosen), so recording one is a deliberate choice.
  ViewList peer_options, clinical_options;
  bool clinical_checked = false;
  for (const domain::Activity& activity : catalog.activities()) {
    const bool checked = activities.count(activity.code) > 0;
    // Only what the worker's role records (activities.json "roles"), and
    // whatever the contact already carries.
    if (!checked && role && !domain::ActivityCatalog::Records(activity, *role)) continue;
    View option{{"value", activity.code}, {"label", activity.label}, {"checked", checked}};
    if (activity.scope == domain::ActivityScope::kPeer) {
      peer_options.push_back(std::move(option));
    } else {
      clinical_checked = clinical_checked || checked;
      clinical_options.push_back(std::move(option));
    }
  }
  View activity_view = FieldView(errors, "activities", "");
  activity_view.emplace("clinical_checked", clinical_checked);
  activity_view.emplace("peer_options", std::move(peer_options));
  activity_view.emplace("clinical_options", std::move(clinical_options));
  view.emplace("activities", ToValue(std::move(activity_view)));

  view.emplace("answered", answered);
  view.emplace("note", FieldView(errors, "note", note));
  if (!review.empty()) {
    View wording = WordingReviewView(note, review);
    wording.emplace("reason", FieldView(errors, "wording_reason", wording_reason));
    view.emplace("wording_review", std::move(wording));
  }
  if (mode == ContactFormMode::kAmend) {
    // Promised to the person: "no one can rephrase it later".
    view.emplace("kept_person_words", OptionalText(person_words));
    view.emplace("amend_reason", FieldView(errors, "amend_reason", amend_reason));
  } else {
    view.emplace("person_words", FieldView(errors, "person_words", person_words));
  }
  view.emplace("show_finalise", mode != ContactFormMode::kAmend);
  view.emplace("finalise", finalise);

  ViewList error_list;
  for (const FieldInfo& info : kFields) {
    auto found = errors.find(info.name);
    if (found == errors.end()) continue;
    error_list.push_back(View{{"target", std::string(info.target)},
                              {"label", std::string(info.label)},
                              {"message", found->second}});
  }
  view.emplace("has_errors", !error_list.empty());
  view.emplace("error_count_text", error_list.size() == 1
                                       ? std::string("one thing")
                                       : std::to_string(error_list.size()) + " things");
  view.emplace("error_list", std::move(error_list));
  return view;
}

}  // namespace alongside::server::pages
