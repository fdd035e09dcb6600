// The program's pages: aggregates for the program manager and, de-identified,
// for the evaluator (/program); the administrator's audit page (/admin); the
// home of roles with no pages yet (/welcome).
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rules/rules.h"
#include "server/pages/form.h"
#include "server/pages/page_routes.h"
#include "server/pages/page_rules.h"
#include "server/pages/page_view.h"
#include "server/pages/record_views.h"
#include "usecase/fidelity.h"
#include "usecase/program.h"

namespace alongside::server::pages {
namespace {

// A bar's length class, bar-0 .. bar-20 (5% steps): no inline styles.
std::string BarStep(std::int64_t value, std::int64_t max) {
  if (max <= 0 || value <= 0) return "0";
  return std::to_string(std::max<std::int64_t>(1, (value * 20 + max / 2) / max));
}

// A figure of a de-identified view: hidden when small (nullopt).
std::string Figure(const std::optional<std::int64_t>& value, int min_cell_size) {
  if (!value) return "fewer than " + std::to_string(min_cell_size);
  return std::to_string(*value);
}

// The teams and each worker's caseload, by name: the program manager's view.
Status AddNamedCaseloads(Context& context, const usecase::Caller& caller,
                         const usecase::Caseloads& caseloads, View& data) {
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Team> teams,
                             usecase::ListTeams(context.UseCases(), caller));
  const rules::Rules& rules = rules::Current();
  struct TeamTotals {
    std::int64_t workers = 0, people = 0, contacts = 0, drafts = 0;
  };
  std::map<store::Id, TeamTotals> totals;
  std::map<store::Id, std::string> team_names;
  for (const domain::Team& team : teams) team_names[team.id] = team.name;
  std::int64_t max_people = 0;
  for (const usecase::CaseloadFigures& figures : caseloads.rows) {
    TeamTotals& team = totals[figures.row.worker.team_id];
    team.workers += 1;
    team.people += figures.people.value_or(0);
    team.contacts += figures.contacts_last_28_days.value_or(0);
    team.drafts += figures.drafts.value_or(0);
    max_people = std::max(max_people, figures.people.value_or(0));
  }
  ViewList team_views;
  for (const domain::Team& team : teams) {
    const TeamTotals& team_totals = totals[team.id];
    team_views.push_back(View{{"name", team.name},
                              {"setting", rules.Label(team.setting)},
                              {"workers", std::to_string(team_totals.workers)},
                              {"people", std::to_string(team_totals.people)},
                              {"contacts", std::to_string(team_totals.contacts)},
                              {"drafts", std::to_string(team_totals.drafts)}});
  }
  ViewList worker_views;
  for (const usecase::CaseloadFigures& figures : caseloads.rows) {
    const domain::Staff& worker = figures.row.worker;
    const std::int64_t people = figures.people.value_or(0);
    std::string lacks;
    if (!worker.peer_supervisor_id) lacks = "has no senior peer supervisor";
    if (!worker.clinical_supervisor_id) {
      lacks += std::string(lacks.empty() ? "has" : " and") + " no clinical supervisor";
    }
    worker_views.push_back(
        View{{"lacks", OptionalText(lacks)},
             {"name", worker.display_name},
             {"role", rules.Label(worker.role)},
             {"team", team_names[worker.team_id]},
             {"people", std::to_string(people)},
             {"bar", BarStep(people, max_people)},
             {"contacts", std::to_string(figures.contacts_last_28_days.value_or(0))},
             {"drafts", std::to_string(figures.drafts.value_or(0))}});
  }
  data.emplace("teams", std::move(team_views));
  data.emplace("workers", std::move(worker_views));
  // Fidelity, last 12 months: the program with its components, and each team.
  usecase::FidelityRequest program_request;
  program_request.by = usecase::FidelityUnit::kProgram;
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::FidelityReport program,
                             usecase::Fidelity(context.UseCases(), caller, program_request));
  usecase::FidelityRequest team_request;
  team_request.by = usecase::FidelityUnit::kTeam;
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::FidelityReport by_team,
                             usecase::Fidelity(context.UseCases(), caller, team_request));
  if (!program.rows.empty()) {
    View scores = FidelityScoresView(program.rows.front().counts, program.rows.front().scores);
    scores.emplace("href", FidelityHref(usecase::FidelityUnit::kProgram, std::nullopt));
    scores.emplace("from", FormatReadableDay(program.from));
    scores.emplace("to", FormatReadableDay(program.to));
    data.emplace("fidelity", ToValue(std::move(scores)));
  }
  ViewList team_scores;
  for (const usecase::FidelityRow& row : by_team.rows) {
    View view = FidelityScoresView(row.counts, row.scores);
    view.emplace("name", row.name);
    view.emplace("href", FidelityHref(usecase::FidelityUnit::kTeam, row.id));
    team_scores.push_back(std::move(view));
  }
  data.emplace("team_scores", std::move(team_scores));
  return Status::Ok();
}

// The evaluator's view: each caseload's figures without a name, a team or a
// bar, in the use case's order (which follows the figures), small counts
// hidden.
void AddDeIdentifiedCaseloads(const usecase::Caseloads& caseloads, View& data) {
  ViewList rows;
  for (const usecase::CaseloadFigures& figures : caseloads.rows) {
    rows.push_back(View{{"people", Figure(figures.people, caseloads.min_cell_size)},
                        {"contacts", Figure(figures.contacts_last_28_days,
                                            caseloads.min_cell_size)},
                        {"drafts", Figure(figures.drafts, caseloads.min_cell_size)}});
  }
  data.emplace("min_cell_size", std::to_string(caseloads.min_cell_size));
  data.emplace("largest_hidden", std::to_string(caseloads.min_cell_size - 1));
  data.emplace("caseload_figures", std::move(rows));
}

Status Program(Context& context) {
  const usecase::Caller caller = context.Caller();
  usecase::Services& use_cases = context.UseCases();
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::Caseloads caseloads,
                             usecase::ProgramCaseloads(use_cases, caller, std::nullopt));
  ALONGSIDE_ASSIGN_OR_RETURN(store::ProgramSummary summary, usecase::ProgramSummary(use_cases));
  const Day this_week = WeekStart(caller.today());
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<store::WeeklyCount> weeks,
      usecase::ContactsPerWeek(use_cases, caller, StartOfDay(this_week - 7 * (kWeeksShown - 1)),
                               caller.now));
  std::int64_t max_week = 0;
  for (const store::WeeklyCount& week : weeks) max_week = std::max(max_week, week.contacts);
  ViewList week_views;
  for (const store::WeeklyCount& week : weeks) {
    week_views.push_back(View{{"week", FormatReadableDay(week.week_start)},
                              {"contacts", std::to_string(week.contacts)},
                              {"bar", BarStep(week.contacts, max_week)}});
  }
  View data{{"evaluator", caseloads.de_identified},
            {"summary_teams", std::to_string(summary.teams)},
            {"summary_workers", std::to_string(summary.peer_workers)},
            {"summary_people", std::to_string(summary.people_served)},
            {"summary_contacts", std::to_string(summary.contacts)},
            {"weeks_shown", std::to_string(kWeeksShown)}};
  data.emplace("weeks", std::move(week_views));
  if (caseloads.de_identified) {
    AddDeIdentifiedCaseloads(caseloads, data);
  } else {
    ALONGSIDE_RETURN_IF_ERROR(AddNamedCaseloads(context, caller, caseloads, data));
  }
  RenderPage(context, "program", "Program", std::move(data));
  return Status::Ok();
}

// The administrator keeps the audit log honest: its chain is checked on
// every visit, and the latest entries are shown, with the names of who acted
// and whose record it was beside their ids (read by usecase::Administer).
Status Admin(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::AdminOverview overview,
      usecase::Administer(context.UseCases(), context.Caller(), kAuditEntriesShown));
  ViewList entries;
  const TimeZone zone = context.Caller().zone;
  for (const store::AuditEntry& entry : overview.latest) {
    auto actor_name = overview.actor_names.find(entry.actor);
    View view{{"seq", std::to_string(entry.seq)},
              {"when", FormatReadable(entry.at, zone)},
              {"who", entry.actor},
              {"who_name", OptionalText(actor_name == overview.actor_names.end()
                                            ? std::string()
                                            : actor_name->second)},
              {"action", entry.action},
              {"outcome", entry.outcome},
              {"address", entry.address}};
    if (entry.person_id) {
      auto person_name = overview.person_names.find(*entry.person_id);
      view.emplace("whose", ToValue(View{
                                {"id", std::to_string(*entry.person_id)},
                                {"name", OptionalText(person_name == overview.person_names.end()
                                                          ? std::string()
                                                          : person_name->second)}}));
    }
    entries.push_back(std::move(view));
  }
  const store::AuditVerification& verified = overview.verification;
  View data{{"intact", verified.intact},
            {"rows_checked", std::to_string(verified.rows_checked)},
            {"first_bad_row", std::to_string(verified.first_bad_seq.value_or(0))},
            {"problem", verified.problem},
            {"shown", std::to_string(overview.latest.size())}};
  data.emplace("entries", std::move(entries));
  RenderPage(context, "admin", "Administration", std::move(data));
  return Status::Ok();
}

Status Welcome(Context& context) {
  ViewList paragraphs{
      View{{"text", std::string("There are no pages for your role yet. Records are shared with "
                                "clinicians only where the person has consented; that part of "
                                "Alongside is still to come.")}}};
  RenderPage(context, "simple", "Welcome", View{{"paragraphs", paragraphs}});
  return Status::Ok();
}

}  // namespace

void AddProgramPages(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  router.Add(PageRoute("GET", "/program", kSignedIn, Program, "Program aggregates"));
  router.Add(PageRoute("GET", "/admin", kSignedIn, Admin, "Administrator's page"));
  router.Add(
      PageRoute("GET", "/welcome", kSignedIn, Welcome, "Home of roles with no pages yet"));
}

}  // namespace alongside::server::pages
