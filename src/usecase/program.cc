#include "usecase/program.h"

#include <algorithm>
#include <tuple>

#include "usecase/internal.h"

namespace alongside::usecase {
namespace {

using access::Action;

// Counts from 1 to kMinCellSize - 1 are hidden from de-identified views: a
// small cell can point at one worker or one person.
constexpr int kMinCellSize = 5;

std::optional<std::int64_t> Cell(std::int64_t count, bool de_identified) {
  if (de_identified && count > 0 && count < kMinCellSize) return std::nullopt;
  return count;
}

}  // namespace

Result<store::ProgramSummary> ProgramSummary(Services& services) {
  return services.store.Summary();
}

Result<Caseloads> ProgramCaseloads(Services& services, const Caller& caller,
                                   std::optional<Id> team_id) {
  ALONGSIDE_RETURN_IF_ERROR(
      internal::AuthorizeGeneral(services, caller, Action::kReadProgramAggregates));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<store::CaseloadRow> rows,
                             services.store.Caseloads(team_id, caller.now));
  Caseloads result;
  result.de_identified = access::Policy::DeIdentified(caller.who);
  result.min_cell_size = result.de_identified ? kMinCellSize : 0;
  if (result.de_identified) {
    // Ordered by the figures, never by name or id.
    std::sort(rows.begin(), rows.end(), [](const store::CaseloadRow& a, const store::CaseloadRow& b) {
      return std::tie(a.worker.team_id, a.people, a.contacts_last_28_days, a.drafts) <
             std::tie(b.worker.team_id, b.people, b.contacts_last_28_days, b.drafts);
    });
  }
  for (store::CaseloadRow& row : rows) {
    CaseloadFigures figures;
    figures.people = Cell(row.people, result.de_identified);
    figures.contacts_last_28_days = Cell(row.contacts_last_28_days, result.de_identified);
    figures.drafts = Cell(row.drafts, result.de_identified);
    if (result.de_identified) {
      row.worker.id = 0;
      row.worker.display_name.clear();
      row.worker.peer_supervisor_id.reset();
      row.worker.clinical_supervisor_id.reset();
    }
    figures.row = std::move(row);
    result.rows.push_back(std::move(figures));
  }
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditRead(services, caller, "program.caseloads", "program",
                                                0, std::nullopt,
                                                result.de_identified ? "de-identified" : ""));
  return result;
}

Result<std::vector<store::WeeklyCount>> ContactsPerWeek(Services& services, const Caller& caller,
                                                        Instant from, Instant until) {
  ALONGSIDE_RETURN_IF_ERROR(
      internal::AuthorizeGeneral(services, caller, Action::kReadProgramAggregates));
  if (from >= until) return Status::InvalidArgument("from", "must be before to");
  return services.store.ContactsPerWeek(from, until);
}

Result<std::vector<domain::Team>> ListTeams(Services& services, const Caller& caller) {
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kReadTeams));
  return services.store.ListTeams();
}

Result<AdminOverview> Administer(Services& services, const Caller& caller, size_t entries) {
  ALONGSIDE_RETURN_IF_ERROR(internal::AuthorizeGeneral(services, caller, Action::kAdminister));
  AdminOverview overview;
  ALONGSIDE_ASSIGN_OR_RETURN(overview.verification, services.store.VerifyAudit());
  ALONGSIDE_ASSIGN_OR_RETURN(overview.latest, services.store.AuditTail(entries));
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditRead(services, caller, "admin.read", "audit_log", 0,
                                                std::nullopt, "chain checked"));
  return overview;
}

}  // namespace alongside::usecase
