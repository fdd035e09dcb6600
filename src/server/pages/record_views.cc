#include "server/pages/record_views.h"

#include <array>
#include <cstdio>
#include <utility>

#include "domain/activity_catalog.h"
#include "rules/rules.h"
#include "server/http_status.h"
#include "server/pages/form.h"
#include "usecase/staff.h"

namespace alongside::server::pages {
namespace {

constexpr std::array<domain::Modality, 4> kModalities = {
    domain::Modality::kEmotional, domain::Modality::kInformational, domain::Modality::kInstrumental,
    domain::Modality::kCompanionship};
constexpr std::array<domain::GoalStatus, 3> kGoalStatuses = {
    domain::GoalStatus::kActive, domain::GoalStatus::kAchieved, domain::GoalStatus::kSetAside};

std::string Join(const std::vector<std::string>& parts) {
  std::string joined;
  for (const std::string& part : parts) joined += (joined.empty() ? "" : ", ") + part;
  return joined;
}

std::string LastContactText(const std::optional<Instant>& last, const usecase::Caller& caller) {
  if (!last) return "No contact recorded yet";
  return "Last contact " + FormatReadableDay(caller.zone.DayOf(*last)) + " (" +
         DaysAgo(*last, caller) + ")";
}

}  // namespace

int InvalidStatusCode() { return HttpStatusFor(StatusCode::kInvalidArgument); }

ViewValue SavedMessage(const httplib::Request& request) {
  static const auto* kMessages = new std::map<std::string, std::string>{
      {"draft", "The contact is saved as a draft."},
      {"final", "The note is final."},
      {"amended", "The amendment is saved as a new version of the note."},
      {"advice", "The request for advice is recorded with this contact."},
      {"boundary", "The boundary moment is recorded with this contact."},
      {"goal", "The goal is saved."},
      {"progress", "Your progress is saved."},
      {"cosigned", "You co-signed the goal."},
      {"annotation", "Your annotation is saved beside the note."},
      {"plan", "The planned contact is saved. It shows here on its day."},
      {"plan_cancelled", "The planned contact is cancelled."},
      {"attempt", "The attempt to reach them is noted (it is not counted as a contact)."},
      {"time_zone", "The program's time zone is saved."},
      {"safety_review_hours", "The safety event review time is saved."},
      {"goal_progress", "The progress is saved with the goal."},
      {"goal_status",
       "The goal's new status is saved. It shows as written together until the person "
       "co-signs it on their own page."},
      {"admission", "The stay is saved."},
      {"profile", "Your words about yourself are saved. Your peer worker sees them too."},
      {"goal_words", "Your goal's new words are saved."},
  };
  auto found = kMessages->find(Field(request, "saved"));
  if (found == kMessages->end()) return false;
  return found->second;
}

std::string SavedAt(const httplib::Request& request) {
  const std::string at = Field(request, "at");
  if (at.empty() || at.size() > 40 || at.front() < 'a' || at.front() > 'z') return "";
  for (char letter : at) {
    const bool allowed =
        (letter >= 'a' && letter <= 'z') || (letter >= '0' && letter <= '9') || letter == '-';
    if (!allowed) return "";
  }
  return at;
}

bool PlaceNotice(ViewList& items, const std::string& at, const ViewValue& message) {
  if (at.empty() || !message.is_string()) return false;
  for (ViewValue& item : items) {
    const ViewValue* anchor = item.get("anchor");
    if (anchor != nullptr && anchor->is_string() && anchor->string_value() == at) {
      item["notice"] = ViewValue(message.string_value());
      return true;
    }
  }
  return false;
}

std::string DaysAgo(Instant then, const usecase::Caller& caller) {
  const Day days = caller.today() - caller.zone.DayOf(then);
  if (days <= 0) return "today";
  if (days == 1) return "yesterday";
  return std::to_string(days) + " days ago";
}

View PersonRowView(const store::PersonRow& row, const usecase::Caller& caller) {
  return View{{"id", std::to_string(row.person.id)},
              {"name", row.person.preferred_name},
              {"pronouns", OptionalText(row.person.pronouns)},
              {"last_contact", LastContactText(row.last_contact_at, caller)},
              {"last_seen", row.last_contact_at ? "seen " + DaysAgo(*row.last_contact_at, caller)
                                                : std::string("no contact yet")},
              {"since", FormatReadableDay(row.person.enrolled_on)},
              {"number", std::to_string(row.person.id)}};
}

WorkerNames WorkerNames::LookedUp(Context& context) { return WorkerNames(&context); }

WorkerNames WorkerNames::Known(const std::vector<domain::Staff>& workers, std::string others) {
  WorkerNames names(nullptr);
  for (const domain::Staff& worker : workers) names.names_[worker.id] = worker.display_name;
  names.others_ = std::move(others);
  return names;
}

Result<std::string> WorkerNames::Of(store::Id worker_id) {
  auto found = names_.find(worker_id);
  if (found != names_.end()) return found->second;
  if (context_ == nullptr) return others_;
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::StaffMember member,
      usecase::ReadStaffMember(context_->UseCases(), context_->Caller(), worker_id));
  names_[worker_id] = member.staff.display_name;
  return member.staff.display_name;
}

View NoteView(const usecase::ContactView& note, const std::string& person_name,
              const std::string& worker_name, const TimeZone& zone) {
  const rules::Rules& rules = rules::Current();
  const domain::ContactVersion& latest = note.contact.latest();
  std::vector<std::string> modality_labels;
  for (domain::Modality modality : kModalities) {
    if (latest.modalities & domain::ModalityBit(modality)) {
      modality_labels.push_back(rules.Label(modality));
    }
  }
  std::vector<std::string> activity_labels;
  for (const std::string& code : latest.activities) {
    const domain::Activity* activity = rules.activities().Find(code);
    if (activity == nullptr) {
      activity_labels.push_back(code);
    } else if (activity->scope == domain::ActivityScope::kClinicalOnly) {
      activity_labels.push_back(activity->label + " (outside peer scope)");
    } else {
      activity_labels.push_back(activity->label);
    }
  }
  ViewList annotation_views;
  for (const store::Annotation& annotation : note.annotations) {
    annotation_views.push_back(
        View{{"words", annotation.words}, {"when", FormatReadable(annotation.at, zone)}});
  }
  const bool is_draft = latest.status == domain::NoteStatus::kDraft;
  View view{
      {"id", std::to_string(note.contact.id)},
      {"when", FormatReadable(latest.start, zone)},
      {"minutes", std::to_string((latest.end - latest.start) / 60)},
      {"setting", rules.Label(latest.setting)},
      {"modalities", OptionalText(Join(modality_labels))},
      {"activities", OptionalText(Join(activity_labels))},
      {"note", OptionalText(latest.note)},
      {"person_words", OptionalText(latest.person_words)},
      {"person_name", person_name},
      {"worker_name", worker_name},
      {"status", rules.Label(latest.status)},
      {"status_class", std::string(is_draft ? "tag-draft" : "tag-final")},
      {"is_draft", is_draft},
      {"amend_reason", OptionalText(latest.amend_reason)},
      {"has_annotations", !annotation_views.empty()},
      {"annotation_error", false},
      {"annotation_value", std::string()},
  };
  view.emplace("annotations", std::move(annotation_views));
  return view;
}

ViewList GoalViews(const std::vector<usecase::GoalView>& goals, const TimeZone& zone) {
  const rules::Rules& rules = rules::Current();
  ViewList views;
  for (const usecase::GoalView& goal_view : goals) {
    const domain::Goal& goal = goal_view.goal;
    const domain::GoalVersion& latest = goal.latest();
    ViewList progress_views;
    for (const domain::GoalProgress& step : goal_view.progress) {
      progress_views.push_back(
          View{{"when", FormatReadableDay(zone.DayOf(step.at))},
               {"who", std::string(step.by_person ? "in their words" : "noted by worker")},
               {"words", step.words}});
    }
    std::string authorship = latest.authored_by_person ? "written by the person"
                             : latest.cosigned_at      ? "written together, co-signed"
                                                       : "written together, not yet co-signed";
    ViewValue review = false;
    if (latest.review_on) review = FormatReadableDay(*latest.review_on);
    ViewList status_choices;
    for (domain::GoalStatus status : kGoalStatuses) {
      if (status == latest.status) continue;
      status_choices.push_back(View{{"value", std::string(domain::Name(status))},
                                    {"label", rules.Label(status)}});
    }
    View view{
        {"id", std::to_string(goal.id)},
        {"anchor", "goal-" + std::to_string(goal.id)},
        {"notice", false},
        {"words", latest.words},
        {"status", rules.Label(latest.status)},
        {"authorship", authorship},
        {"review_on", review},
        {"needs_cosign", !latest.authored_by_person && !latest.cosigned_at},
        {"has_progress", !progress_views.empty()},
        {"progress_error", false},
        {"progress_value", std::string()},
    };
    view.emplace("progress", std::move(progress_views));
    view.emplace("status_choices", std::move(status_choices));
    views.push_back(ToValue(std::move(view)));
  }
  return views;
}

View GoalFormView(const std::string& words, const std::string& review_on,
                  const std::map<std::string, std::string>& errors) {
  auto error_of = [&errors](const std::string& name) -> ViewValue {
    auto found = errors.find(name);
    if (found == errors.end()) return false;
    return OptionalText(found->second);
  };
  return View{
      {"goal_words",
       View{{"id", std::string("goal-words")}, {"value", words}, {"error", error_of("words")}}},
      {"goal_review", View{{"id", std::string("goal-review")},
                           {"value", review_on},
                           {"error", error_of("review_on")}}},
  };
}

namespace {

// The one table of the fidelity components' words on the pages: what is
// counted, and what the numerator and denominator count.
struct ComponentWords {
  domain::FidelityComponent component;
  const char* label;
  const char* unit;
};
constexpr ComponentWords kComponentWords[] = {
    {domain::FidelityComponent::kPeerScopeTime, "Documented time in peer-scope activities",
     "minutes"},
    {domain::FidelityComponent::kNotesWithoutOpenFlag,
     "Final notes without an unresolved drift or language flag", "notes"},
    {domain::FidelityComponent::kPersonOwnedGoalsPlans,
     "Goals and plans the person wrote or co-signed", "goals and plans"},
    {domain::FidelityComponent::kPeerSupervisionCadence,
     "Peer practice supervision held at its cadence", "periods"},
    {domain::FidelityComponent::kSafetyReviewedInTime,
     "Safety events with the protocol complete and reviewed in time", "events"},
    {domain::FidelityComponent::kNotesFinalInTime, "Notes finalised by the deadline", "notes"},
    {domain::FidelityComponent::kClinicalSupervisionCadence,
     "Clinical supervision held at its cadence", "periods"},
    {domain::FidelityComponent::kPeerSessionsReflected,
     "Peer supervision sessions with a structured reflection", "sessions"},
    {domain::FidelityComponent::kDisclosuresReflected,
     "Purposeful self-disclosures reflected on afterwards", "disclosures"}};

// 2678109 -> "2,678,109".
std::string Thousands(std::int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t idx = 0; idx < digits.size(); ++idx) {
    if (idx > 0 && (digits.size() - idx) % 3 == 0) out += ',';
    out += digits[idx];
  }
  return value < 0 ? "-" + out : out;
}

std::string TwoPlaces(double value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

}  // namespace

std::string FidelityMeasureName(domain::FidelityMeasure measure) {
  switch (measure) {
    case domain::FidelityMeasure::kF: return "Role fidelity";
    case domain::FidelityMeasure::kR: return "Risk oversight";
    case domain::FidelityMeasure::kP: return "Reflective practice";
  }
  return "";
}

std::string FidelityScoreText(const domain::MeasureScore& score) {
  std::string text =
      FidelityMeasureName(score.measure) + " " + std::string(domain::Name(score.measure)) + " ";
  if (!score.value) return text + "not scored: nothing recorded to judge by";
  return text + TwoPlaces(*score.value) + (score.met ? " — meets " : " — below ") +
         TwoPlaces(score.threshold);
}

View FidelityScoresView(const domain::FidelityCounts& counts,
                        const domain::FidelityScores& scores) {
  ViewList measures;
  for (domain::FidelityMeasure measure : domain::kAllFidelityMeasures) {
    const domain::MeasureScore& score = scores[measure];
    ViewList components;
    for (const ComponentWords& words : kComponentWords) {
      if (domain::MeasureOf(words.component) != measure) continue;
      const domain::Share& share = counts[words.component];
      std::string text = Thousands(share.numerator) + " of " + Thousands(share.denominator) +
                         " " + words.unit;
      if (share.value()) {
        text += " (" + std::to_string(static_cast<int>(*share.value() * 100 + 0.5)) + "%)";
      } else {
        text += " (nothing to count)";
      }
      components.push_back(View{{"label", std::string(words.label)}, {"share", text}});
    }
    View view{{"letter", std::string(domain::Name(measure))},
              {"name", FidelityMeasureName(measure)},
              {"text", FidelityScoreText(score)},
              {"met", score.met},
              {"below", score.value.has_value() && !score.met},
              {"none", !score.value.has_value()}};
    view.emplace("components", std::move(components));
    measures.push_back(std::move(view));
  }
  View result;
  result.emplace("measures", std::move(measures));
  return result;
}

std::string FidelityHref(usecase::FidelityUnit unit, std::optional<store::Id> id) {
  std::string href = "/fidelity?by=" + std::string(usecase::Name(unit));
  if (id) href += "&id=" + std::to_string(*id);
  return href;
}

}  // namespace alongside::server::pages
