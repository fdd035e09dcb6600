#include "usecase/program.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

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

// The id in an audit actor "staff:12" for `prefix` "staff:"; nullopt for
// another kind of actor ("cli:synth") or a malformed one.
std::optional<Id> ActorId(const std::string& actor, const std::string& prefix) {
  if (actor.size() <= prefix.size() || actor.size() > prefix.size() + 18 ||
      actor.compare(0, prefix.size(), prefix) != 0) {
    return std::nullopt;
  }
  Id id = 0;
  for (size_t idx = prefix.size(); idx < actor.size(); ++idx) {
    if (actor[idx] < '0' || actor[idx] > '9') return std::nullopt;
    id = id * 10 + (actor[idx] - '0');
  }
  return id;
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
  std::set<Id> staff_ids, person_ids;
  for (const store::AuditEntry& entry : overview.latest) {
    if (std::optional<Id> id = ActorId(entry.actor, "staff:")) staff_ids.insert(*id);
    if (std::optional<Id> id = ActorId(entry.actor, "person:")) person_ids.insert(*id);
    if (entry.person_id) person_ids.insert(*entry.person_id);
  }
  ALONGSIDE_ASSIGN_OR_RETURN(
      store::DisplayNames names,
      services.store.NamesOf(std::vector<Id>(staff_ids.begin(), staff_ids.end()),
                             std::vector<Id>(person_ids.begin(), person_ids.end())));
  std::string shown;
  for (const auto& [id, name] : names.staff) {
    overview.actor_names["staff:" + std::to_string(id)] = name;
  }
  for (const auto& [id, name] : names.people) {
    overview.actor_names["person:" + std::to_string(id)] = name;
    overview.person_names[id] = name;
    shown += (shown.empty() ? "" : ",") + std::to_string(id);
  }
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditRead(
      services, caller, "admin.read", "audit_log", 0, std::nullopt,
      shown.empty() ? "chain checked" : "chain checked; names shown of people " + shown));
  return overview;
}

}  // namespace alongside::usecase
