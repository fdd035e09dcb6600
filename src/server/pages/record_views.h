// What several pages show the same way: a note with the person's
// annotations, goals with their progress, a person in a list, the goal form,
// the notice after a redirect, and the names of the workers who wrote the
// notes. Presentation only: everything shown here was read by a use case,
// which decided who may see it and audited the read.
#pragma once

#include <httplib.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "server/pages/page_view.h"
#include "server/router.h"
#include "usecase/contacts.h"
#include "usecase/fidelity.h"
#include "usecase/goals.h"

namespace alongside::server::pages {

// The status of a form shown again with its errors beside the fields.
int InvalidStatusCode();

// The words shown after a redirect (?saved=draft|final|amended|goal|
// progress|cosigned|annotation|goal_progress|goal_status|admission|profile|
// goal_words); false for any other value.
ViewValue SavedMessage(const httplib::Request& request);
// Where that notice belongs: `?at=goal-12` names the item the change was
// about, whose card shows the notice at its top (the redirect's #goal-12
// lands there, so it is the first thing on the screen). "" when absent or
// not lower-case letters, digits and "-", starting with a letter.
std::string SavedAt(const httplib::Request& request);
// Puts `message` on the item of `items` whose "anchor" is `at`, as its
// "notice"; false when there is none (the page then shows it at its top).
bool PlaceNotice(ViewList& items, const std::string& at, const ViewValue& message);

// "today", "yesterday", "3 days ago": local days (the caller's zone).
std::string DaysAgo(Instant then, const usecase::Caller& caller);
// A person in a list (/today, /caseload): id, name, pronouns, last contact.
View PersonRowView(const store::PersonRow& row, const usecase::Caller& caller);

// The names of the workers who wrote the notes a page shows, by staff id,
// each looked up once per page. The use cases' ContactView carries the
// worker's id, not their name, so the names come from the use cases that
// may show them to the caller.
class WorkerNames {
 public:
  // For staff pages: each name read with usecase::ReadStaffMember (the read
  // is audited; an error, a refusal included, is returned).
  static WorkerNames LookedUp(Context& context);
  // For a person served's pages: the workers walking with them today (from
  // usecase::ReadOwnRecord); a note by anyone else is signed `others`.
  static WorkerNames Known(const std::vector<domain::Staff>& workers, std::string others);

  Result<std::string> Of(store::Id worker_id);

 private:
  explicit WorkerNames(Context* context) : context_(context) {}

  Context* context_;  // null: only the known names
  std::map<store::Id, std::string> names_;
  std::string others_;
};

// A note as /people/{id} and /me/contacts show it: the contact's latest
// version the caller may see, its activities and modalities in words, and
// the person's annotations beside it.
View NoteView(const usecase::ContactView& note, const std::string& person_name,
              const std::string& worker_name, const TimeZone& zone);

// Goals with their progress (/people/{id}, /me/goals): the words, status,
// whose words they are, whether the person's co-signature is awaited, the
// other statuses it may take ("status_choices": value, label) and its
// "anchor" ("goal-12") with no "notice".
ViewList GoalViews(const std::vector<usecase::GoalView>& goals, const TimeZone& zone);

// The goal form's fields ("words", "review_on") with what was typed and the
// errors by field.
View GoalFormView(const std::string& words, const std::string& review_on,
                  const std::map<std::string, std::string>& errors);

// Fidelity scores in words (docs/fidelity.md, docs/pages.md): a measure's
// name ("Role fidelity"), "Role fidelity F 0.66 — below 0.80", and each
// component with its numerator and denominator ("Documented time in
// peer-scope activities: 2,678,109 of 2,706,140 minutes (99%)"). The
// component labels are kept in one table in record_views.cc.
std::string FidelityMeasureName(domain::FidelityMeasure measure);
std::string FidelityScoreText(const domain::MeasureScore& score);
// {measures: [{letter, name, text, met, below, none, components: [{label,
// share}]}]}: one unit's scores with their components.
View FidelityScoresView(const domain::FidelityCounts& counts,
                        const domain::FidelityScores& scores);
// The link to one unit's scores and 12-month trend.
std::string FidelityHref(usecase::FidelityUnit unit, std::optional<store::Id> id);

}  // namespace alongside::server::pages
