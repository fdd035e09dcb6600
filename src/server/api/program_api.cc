// Program aggregates: summary, caseloads, contacts per week, teams.
#include "server/api/api_common.h"
#include "usecase/program.h"

namespace alongside::server::api {
namespace {

nlohmann::json Cell(const std::optional<std::int64_t>& count) {
  return count ? nlohmann::json(*count) : nlohmann::json();
}

Status ProgramSummary(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {}));
  ALONGSIDE_ASSIGN_OR_RETURN(store::ProgramSummary summary,
                             usecase::ProgramSummary(context.UseCases()));
  context.Json(ToJson(summary));
  return Status::Ok();
}

Status ProgramCaseloads(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"team_id"}));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Id> team, QueryId(context.request, "team_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::Caseloads caseloads,
      usecase::ProgramCaseloads(context.UseCases(), context.Caller(), team));
  nlohmann::json items = nlohmann::json::array();
  for (const usecase::CaseloadFigures& figures : caseloads.rows) {
    const store::CaseloadRow& row = figures.row;
    nlohmann::json item = {{"team_id", row.worker.team_id},
                           {"role", domain::Name(row.worker.role)},
                           {"people", Cell(figures.people)},
                           {"contacts_last_28_days", Cell(figures.contacts_last_28_days)},
                           {"drafts", Cell(figures.drafts)}};
    if (!caseloads.de_identified) {
      item["worker_id"] = row.worker.id;
      item["display_name"] = row.worker.display_name;
    }
    items.push_back(item);
  }
  nlohmann::json body = {{"items", items}};
  if (caseloads.de_identified) body["suppressed_below"] = caseloads.min_cell_size;
  context.Json(body);
  return Status::Ok();
}

Status ProgramContactsPerWeek(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"from", "to"}));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Instant> from, QueryDay(context.request, "from"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Instant> to, QueryDay(context.request, "to"));
  const usecase::Caller caller = context.Caller();
  Instant until = to.value_or(StartOfDay(caller.today() + 1));
  Instant since = from.value_or(until - 12 * 7 * 86400);
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<store::WeeklyCount> weeks,
      usecase::ContactsPerWeek(context.UseCases(), caller, since, until));
  nlohmann::json items = nlohmann::json::array();
  for (const store::WeeklyCount& week : weeks) {
    items.push_back({{"week_start", FormatDay(week.week_start)}, {"contacts", week.contacts}});
  }
  context.Json({{"items", items}});
  return Status::Ok();
}

Status ListTeams(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Team> teams,
                             usecase::ListTeams(context.UseCases(), context.Caller()));
  context.Json({{"items", JsonArray(teams)}});
  return Status::Ok();
}

}  // namespace

void AddProgramRoutes(Router& router) {
  AddRoute(router, "GET", "/api/v1/program/summary", RouteAccess::kPublic, ProgramSummary,
           "Counts across the whole program (no identifying data, so no sign-in is needed).", "",
           R"({"teams": 5, "peer_workers": 40, "people_served": 2000, "contacts": 98211, ...})");
  AddRoute(router, "GET", "/api/v1/program/caseloads", RouteAccess::kSignedIn, ProgramCaseloads,
           "Caseload size, recent contacts and drafts per peer worker (program manager, "
           "administrator). An evaluator gets the rows without names or ids, ordered by the "
           "figures, with counts under suppressed_below shown as null. Filter: team_id.",
           "", R"({"items": [{"worker_id": 12, "display_name": "Alex B.", "people": 50, ...}]})");
  AddRoute(router, "GET", "/api/v1/program/contacts-per-week", RouteAccess::kSignedIn,
           ProgramContactsPerWeek,
           "Contacts per week (Monday start) between from and to (YYYY-MM-DD; default the last "
           "12 weeks).",
           "", R"({"items": [{"week_start": "2026-11-16", "contacts": 1843}]})");
  AddRoute(router, "GET", "/api/v1/teams", RouteAccess::kSignedIn, ListTeams,
           "Teams and their settings.", "",
           R"({"items": [{"id": 1, "name": "Harbor team 1", "setting": "community_agency"}]})");
}

}  // namespace alongside::server::api
