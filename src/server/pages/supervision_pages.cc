// A supervisor's page: their supervisees' caseloads, drafts past the
// documentation deadline and recent contacts, with role drift marked (all
// decided by usecase::OverseeSupervisees).
#include <string>
#include <utility>

#include "rules/rules.h"
#include "server/pages/form.h"
#include "server/pages/page_routes.h"
#include "server/pages/page_rules.h"
#include "server/pages/page_view.h"
#include "server/pages/record_views.h"
#include "usecase/practice.h"

namespace alongside::server::pages {
namespace {

Status Supervision(Context& context) {
  const usecase::Caller caller = context.Caller();
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::SupervisorOverview overview,
                             usecase::OverseeSupervisees(context.UseCases(), caller,
                                                         kRecentContactDays,
                                                         kRecentContactsShown));
  const rules::Rules& rules = rules::Current();
  ViewList supervisee_views;
  for (const store::CaseloadRow& row : overview.supervisees) {
    supervisee_views.push_back(View{{"name", row.worker.display_name},
                                    {"role", rules.Label(row.worker.role)},
                                    {"people", std::to_string(row.people)},
                                    {"contacts", std::to_string(row.contacts_last_28_days)},
                                    {"drafts", std::to_string(row.drafts)}});
  }
  ViewList overdue_views;
  for (const usecase::RecentContact& late : overview.past_deadline) {
    overdue_views.push_back(View{{"worker_name", late.worker_name},
                                 {"person_id", std::to_string(late.row.person_id)},
                                 {"person_name", late.row.person_name},
                                 {"when", FormatReadable(late.row.latest.start)},
                                 {"age", DaysAgo(late.row.latest.start, caller.now)}});
  }
  ViewList recent_views;
  for (const usecase::RecentContact& recent : overview.recent) {
    const domain::ContactVersion& latest = recent.row.latest;
    recent_views.push_back(View{{"when", FormatReadable(latest.start)},
                                {"worker_name", recent.worker_name},
                                {"person_id", std::to_string(recent.row.person_id)},
                                {"person_name", recent.row.person_name},
                                {"minutes", std::to_string((latest.end - latest.start) / 60)},
                                {"status", rules.Label(latest.status)},
                                {"drift", recent.role_drift}});
  }
  View data{{"deadline_hours", std::to_string(overview.deadline_hours)},
            {"recent_days", std::to_string(kRecentContactDays)},
            {"has_supervisees", !supervisee_views.empty()},
            {"has_overdue", !overdue_views.empty()},
            {"has_recent", !recent_views.empty()}};
  data.emplace("supervisees", std::move(supervisee_views));
  data.emplace("overdue", std::move(overdue_views));
  data.emplace("recent", std::move(recent_views));
  RenderPage(context, "supervision", "Supervision", std::move(data));
  return Status::Ok();
}

}  // namespace

void AddSupervisionPages(Router& router) {
  router.Add(PageRoute("GET", "/supervision", RouteAccess::kSignedIn, Supervision,
                       "Supervisees, recent contacts, drafts past the deadline"));
}

}  // namespace alongside::server::pages
