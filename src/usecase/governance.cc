#include "usecase/governance.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "access/policy.h"
#include "common/text.h"
#include "rules/rules.h"
#include "usecase/internal.h"

namespace alongside::usecase {
namespace {

using access::Action;
using domain::GrievanceStatus;

constexpr Instant kSecondsPerDay = 86400;

bool IsBlank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

// Required words of at most `max` bytes; InvalidArgument naming `field`.
Status CheckWords(const std::string& words, const char* field, size_t max, const char* ask) {
  if (IsBlank(words)) return Status::InvalidArgument(field, ask);
  if (words.size() > max) {
    return Status::InvalidArgument(field, fmt::format("must be at most {} bytes", max));
  }
  if (!IsValidText(words)) {
    return Status::InvalidArgument(field, "must be UTF-8 text without NUL characters");
  }
  return Status::Ok();
}

Status AuthorizeGovernance(Services& services, const Caller& caller, Action action) {
  Status decision = services.policy.CheckGovernance(caller.who, action);
  if (decision.code() == StatusCode::kForbidden) {
    return internal::Refuse(services, caller, access::ActionCode(action), std::nullopt, 0,
                            decision);
  }
  return decision;
}

bool IsPeerRepresentativeRole(domain::Role role) {
  return rules::Current().IsPeerWorker(role) || role == domain::Role::kSeniorPeerSupervisor;
}

// A program manager, or the worker's senior peer or clinical supervisor.
bool InLineManagement(const domain::Staff& member, const std::optional<domain::Staff>& worker) {
  return member.role == domain::Role::kProgramManager ||
         (worker && (member.id == worker->peer_supervisor_id ||
                     member.id == worker->clinical_supervisor_id));
}

std::vector<domain::Role> PeerWorkerRoles() {
  std::vector<domain::Role> roles;
  for (int role_idx = 0; role_idx <= static_cast<int>(domain::Role::kAdministrator); ++role_idx) {
    const auto role = static_cast<domain::Role>(role_idx);
    if (rules::Current().IsPeerWorker(role)) roles.push_back(role);
  }
  return roles;
}

std::string NameIn(const std::vector<std::pair<Id, std::string>>& names, std::optional<Id> id) {
  if (!id) return "";
  for (const auto& [named_id, name] : names) {
    if (named_id == *id) return name;
  }
  return "";
}

Result<std::vector<GrievanceView>> ViewsOf(Services& services, const Caller& caller,
                                           std::vector<domain::Grievance> grievances) {
  std::vector<Id> staff_ids;
  std::vector<Id> person_ids;
  for (const domain::Grievance& grievance : grievances) {
    if (grievance.filed_by_person_id) person_ids.push_back(*grievance.filed_by_person_id);
    if (grievance.filed_by_staff_id) staff_ids.push_back(*grievance.filed_by_staff_id);
    if (grievance.about_worker_id) staff_ids.push_back(*grievance.about_worker_id);
    for (const domain::GrievancePanelMember& member : grievance.panel) {
      staff_ids.push_back(member.staff_id);
    }
  }
  ALONGSIDE_ASSIGN_OR_RETURN(store::DisplayNames names,
                             services.store.NamesOf(staff_ids, person_ids));
  ALONGSIDE_ASSIGN_OR_RETURN(
      const bool manages,
      internal::Allowed(services.policy.CheckGovernance(caller.who, Action::kManageGrievances)));
  std::vector<GrievanceView> views;
  for (domain::Grievance& grievance : grievances) {
    GrievanceView view;
    view.filed_by = grievance.filed_by_person_id ? NameIn(names.people, grievance.filed_by_person_id)
                                                 : NameIn(names.staff, grievance.filed_by_staff_id);
    view.about_worker = NameIn(names.staff, grievance.about_worker_id);
    for (const domain::GrievancePanelMember& member : grievance.panel) {
      view.panel_names.emplace_back(member.staff_id, NameIn(names.staff, member.staff_id));
    }
    view.may_manage = manages;
    view.grievance = std::move(grievance);
    views.push_back(std::move(view));
  }
  return views;
}

Result<GrievanceView> ViewOf(Services& services, const Caller& caller, domain::Grievance grievance) {
  std::vector<domain::Grievance> one;
  one.push_back(std::move(grievance));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<GrievanceView> views,
                             ViewsOf(services, caller, std::move(one)));
  return std::move(views.front());
}

// The grievance, if the caller may do `action` on it; one the caller may
// not read is unknown.
Result<domain::Grievance> GrievanceFor(Services& services, const Caller& caller, Id grievance_id,
                                       Action action) {
  Result<domain::Grievance> grievance = services.store.GetGrievance(grievance_id);
  if (!grievance.ok()) {
    if (grievance.status().code() != StatusCode::kNotFound) return grievance.status();
    return internal::Unknown("concern");
  }
  Status decision = services.policy.CheckGrievance(caller.who, action, *grievance);
  if (decision.code() == StatusCode::kForbidden) {
    ALONGSIDE_ASSIGN_OR_RETURN(const bool reads,
                               internal::Allowed(services.policy.CheckGrievance(
                                   caller.who, Action::kReadGrievance, *grievance)));
    Status refused = internal::Refuse(services, caller, access::ActionCode(action),
                                      grievance->filed_by_person_id, grievance_id, decision);
    return reads ? refused : internal::Unknown("concern");
  }
  ALONGSIDE_RETURN_IF_ERROR(decision);
  return grievance;
}

// The grievance as it now stands. A read is audited before it is
// answered; after a write, the write's audit row stands for it (a failed
// read-back then leaves the write whole, with its row).
Result<GrievanceView> ReadBack(Services& services, const Caller& caller, Id grievance_id,
                               bool audit) {
  ALONGSIDE_ASSIGN_OR_RETURN(domain::Grievance grievance,
                             services.store.GetGrievance(grievance_id));
  if (audit) {
    ALONGSIDE_RETURN_IF_ERROR(internal::AuditRead(services, caller, "grievance.read",
                                                  "grievance", grievance_id,
                                                  grievance.filed_by_person_id));
  }
  return ViewOf(services, caller, std::move(grievance));
}

}  // namespace

Result<GovernanceView> GetGovernance(Services& services, const Caller& caller) {
  ALONGSIDE_RETURN_IF_ERROR(AuthorizeGovernance(services, caller, Action::kReadGovernance));
  const domain::GovernanceRules& rules = rules::Current().governance();
  store::GovernanceFactsQuery query;
  query.peer_roles = PeerWorkerRoles();
  query.today = caller.today();
  query.peer_supervision_since =
      caller.now - rules::Current().practice().peer_supervision_due_after_days * kSecondsPerDay;
  GovernanceView view;
  ALONGSIDE_ASSIGN_OR_RETURN(view.facts, services.store.ReadGovernanceFacts(query));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<MetricView> metrics, ListMetrics(services, caller));
  for (const MetricView& metric : metrics) {
    if (!metric.metric.adopted_at) continue;
    ++view.facts.adopted_metrics;
    if (metric.coproduced) ++view.facts.coproduced_adopted_metrics;
  }
  view.metrics = std::move(metrics);
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::GovernanceDeclaration> declarations,
                             services.store.LatestGovernanceDeclarations());
  for (domain::GovernanceDeclaration& declaration : declarations) {
    std::string code = declaration.code;
    view.facts.declarations[code] = std::move(declaration);
  }
  const domain::GovernanceAudit audit = domain::ComputeGovernanceAudit(rules, view.facts);
  view.accountability = audit.accountability;
  view.mutuality = audit.mutuality;
  view.passes = audit.passes;
  for (const domain::GovernanceItemResult& result : audit.items) {
    GovernanceItemView item;
    item.result = result;
    item.result.declaration = nullptr;
    if (result.declaration != nullptr) item.declaration = *result.declaration;
    view.items.push_back(std::move(item));
  }
  view.facts.declarations.clear();
  view.min_endorsements = rules.min_endorsements();
  ALONGSIDE_ASSIGN_OR_RETURN(view.may_declare,
                             internal::Allowed(services.policy.CheckGovernance(
                                 caller.who, Action::kDeclareGovernance)));
  return view;
}

Status DeclareGovernanceItem(Services& services, const Caller& caller, const std::string& code,
                             bool met, const std::string& evidence) {
  ALONGSIDE_RETURN_IF_ERROR(AuthorizeGovernance(services, caller, Action::kDeclareGovernance));
  const domain::GovernanceItem* item = rules::Current().governance().Find(code);
  if (item == nullptr || item->known != domain::GovernanceSource::kDeclared) {
    return Status::InvalidArgument("code", "is not an item the manager declares");
  }
  if (met) {
    ALONGSIDE_RETURN_IF_ERROR(CheckWords(evidence, "evidence", kMaxEvidenceBytes,
                                         "say what shows it is met (a document, a date)"));
  } else if (evidence.size() > kMaxEvidenceBytes || !IsValidText(evidence)) {
    return Status::InvalidArgument(
        "evidence", fmt::format("must be text of at most {} bytes", kMaxEvidenceBytes));
  }
  domain::GovernanceDeclaration declaration;
  declaration.code = code;
  declaration.met = met;
  declaration.evidence = evidence;
  declaration.recorded_by = *caller.who.staff_id;
  declaration.recorded_at = caller.now;
  return services.store.AddGovernanceDeclaration(declaration, caller.actor).status();
}

Result<std::vector<std::pair<Id, std::string>>> GrievanceAboutChoices(Services& services,
                                                                      const Caller& caller) {
  ALONGSIDE_RETURN_IF_ERROR(AuthorizeGovernance(services, caller, Action::kFileGrievance));
  std::vector<std::pair<Id, std::string>> choices;
  if (!caller.who.IsPerson() || !caller.who.person_id) return choices;
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<Id> workers,
                             services.store.ActiveWorkersOf(*caller.who.person_id, caller.today()));
  for (Id worker_id : workers) {
    ALONGSIDE_ASSIGN_OR_RETURN(domain::Staff worker, services.store.GetStaff(worker_id));
    choices.emplace_back(worker.id, worker.display_name);
  }
  std::sort(choices.begin(), choices.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  return choices;
}

Result<GrievanceView> FileGrievance(Services& services, const Caller& caller,
                                    const FileGrievanceRequest& request) {
  ALONGSIDE_RETURN_IF_ERROR(AuthorizeGovernance(services, caller, Action::kFileGrievance));
  ALONGSIDE_RETURN_IF_ERROR(CheckWords(request.summary, "summary", kMaxGrievanceBytes,
                                       "say what happened, in your own words"));
  domain::Grievance grievance;
  if (caller.who.IsPerson()) {
    grievance.filed_by_person_id = caller.who.person_id;
  } else {
    grievance.filed_by_staff_id = caller.who.staff_id;
  }
  if (request.about_worker_id) {
    Result<domain::Staff> worker = services.store.GetStaff(*request.about_worker_id);
    if (!worker.ok()) {
      if (worker.status().code() != StatusCode::kNotFound) return worker.status();
      return Status::InvalidArgument("about_worker_id", "no such worker");
    }
    if (caller.who.staff_id == request.about_worker_id) {
      return Status::InvalidArgument("about_worker_id", "cannot be yourself");
    }
  }
  grievance.about_worker_id = request.about_worker_id;
  grievance.filed_at = caller.now;
  grievance.summary = request.summary;
  ALONGSIDE_ASSIGN_OR_RETURN(const Id id, services.store.FileGrievance(grievance, caller.actor));
  return ReadBack(services, caller, id, false);
}

Result<GrievanceView> GetGrievance(Services& services, const Caller& caller, Id grievance_id) {
  ALONGSIDE_RETURN_IF_ERROR(
      GrievanceFor(services, caller, grievance_id, Action::kReadGrievance).status());
  return ReadBack(services, caller, grievance_id, true);
}

Result<std::vector<GrievanceView>> MyGrievances(Services& services, const Caller& caller) {
  ALONGSIDE_RETURN_IF_ERROR(AuthorizeGovernance(services, caller, Action::kFileGrievance));
  store::GrievanceQuery query;
  if (caller.who.IsPerson()) {
    query.filed_by_person_id = caller.who.person_id;
  } else {
    query.filed_by_staff_id = caller.who.staff_id;
  }
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Grievance> grievances,
                             services.store.ListGrievances(query));
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditRead(
      services, caller, "grievance.list", "grievance", 0,
      caller.who.IsPerson() ? caller.who.person_id : std::nullopt,
      fmt::format("{} of their own", grievances.size())));
  return ViewsOf(services, caller, std::move(grievances));
}

Result<std::vector<GrievanceView>> AllGrievances(Services& services, const Caller& caller) {
  ALONGSIDE_RETURN_IF_ERROR(AuthorizeGovernance(services, caller, Action::kManageGrievances));
  ALONGSIDE_ASSIGN_OR_RETURN(std::vector<domain::Grievance> grievances,
                             services.store.ListGrievances({}));
  std::vector<Id> people;
  for (const domain::Grievance& grievance : grievances) {
    if (grievance.filed_by_person_id) people.push_back(*grievance.filed_by_person_id);
  }
  ALONGSIDE_RETURN_IF_ERROR(internal::AuditReadOfPeople(
      services, caller, "grievance.list", "grievance", people,
      fmt::format("{} grievances", grievances.size())));
  return ViewsOf(services, caller, std::move(grievances));
}

Status CheckGrievancePanel(const std::vector<domain::Staff>& members,
                           const std::optional<domain::Staff>& worker) {
  if (members.empty()) return Status::InvalidArgument("staff_ids", "name at least one member");
  bool peer_representative = false;
  bool independent = false;
  for (size_t member_idx = 0; member_idx < members.size(); ++member_idx) {
    const domain::Staff& member = members[member_idx];
    for (size_t earlier_idx = 0; earlier_idx < member_idx; ++earlier_idx) {
      if (members[earlier_idx].id == member.id) {
        return Status::InvalidArgument("staff_ids", member.display_name + " is named twice");
      }
    }
    if (!member.active) {
      return Status::InvalidArgument("staff_ids", member.display_name + " is no longer active");
    }
    if (worker && member.id == worker->id) {
      return Status::InvalidArgument(
          "staff_ids", worker->display_name + " cannot sit on a panel about themself");
    }
    if (IsPeerRepresentativeRole(member.role)) peer_representative = true;
    if (!InLineManagement(member, worker)) independent = true;
  }
  std::string missing;
  if (!peer_representative) missing = "the panel needs a peer representative";
  if (!independent) {
    if (!missing.empty()) missing += "; ";
    missing += worker ? "the panel needs someone independent of " + worker->display_name +
                            "'s line management"
                      : std::string("the panel needs someone independent of line management");
  }
  return missing.empty() ? Status::Ok() : Status::Conflict(missing);
}

Result<GrievanceView> FormGrievancePanel(Services& services, const Caller& caller,
                                         Id grievance_id, const std::vector<Id>& staff_ids,
                                         const std::string& note) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      domain::Grievance grievance,
      GrievanceFor(services, caller, grievance_id, Action::kManageGrievances));
  if (note.size() > kMaxGrievanceBytes || !IsValidText(note)) {
    return Status::InvalidArgument("note",
                                   fmt::format("must be text of at most {} bytes", kMaxGrievanceBytes));
  }
  std::vector<domain::Staff> members;
  for (Id staff_id : staff_ids) {
    Result<domain::Staff> member = services.store.GetStaff(staff_id);
    if (!member.ok()) {
      if (member.status().code() != StatusCode::kNotFound) return member.status();
      return Status::InvalidArgument("staff_ids", fmt::format("no staff member {}", staff_id));
    }
    members.push_back(std::move(member).value());
  }
  std::optional<domain::Staff> worker;
  if (grievance.about_worker_id) {
    ALONGSIDE_ASSIGN_OR_RETURN(worker, services.store.GetStaff(*grievance.about_worker_id));
  }
  ALONGSIDE_RETURN_IF_ERROR(CheckGrievancePanel(members, worker));
  store::GrievanceChange change;
  change.update.at = caller.now;
  change.update.by_staff_id = caller.who.staff_id;
  change.update.status = GrievanceStatus::kPanelFormed;
  change.update.note = IsBlank(note) ? "A panel has been formed to hear this." : note;
  for (const domain::Staff& member : members) {
    change.panel.push_back(
        {member.id, IsPeerRepresentativeRole(member.role), !InLineManagement(member, worker)});
  }
  ALONGSIDE_RETURN_IF_ERROR(
      services.store
          .UpdateGrievance(grievance_id,
                           [&](const domain::Grievance& current) -> Result<store::GrievanceChange> {
                             if (current.status != GrievanceStatus::kReceived) {
                               return Status::Conflict(
                                   "a panel is formed only for a concern just received");
                             }
                             return change;
                           },
                           caller.actor)
          .status());
  return ReadBack(services, caller, grievance_id, false);
}

std::vector<GrievanceStatus> NextGrievanceStatuses(GrievanceStatus status) {
  switch (status) {
    case GrievanceStatus::kReceived: return {GrievanceStatus::kWithdrawn};
    case GrievanceStatus::kPanelFormed:
      return {GrievanceStatus::kHeard, GrievanceStatus::kWithdrawn};
    case GrievanceStatus::kHeard: return {GrievanceStatus::kResolved, GrievanceStatus::kWithdrawn};
    case GrievanceStatus::kResolved:
    case GrievanceStatus::kWithdrawn: return {};
  }
  return {};
}

namespace {

// Appends `change` when its status may follow the grievance's current one
// (NextGrievanceStatuses, checked in the writer's transaction), then reads
// the grievance back.
Result<GrievanceView> MoveGrievance(Services& services, const Caller& caller, Id grievance_id,
                                    store::GrievanceChange change) {
  const GrievanceStatus status = change.update.status;
  ALONGSIDE_RETURN_IF_ERROR(
      services.store
          .UpdateGrievance(
              grievance_id,
              [&](const domain::Grievance& current) -> Result<store::GrievanceChange> {
                const std::vector<GrievanceStatus> next = NextGrievanceStatuses(current.status);
                if (std::find(next.begin(), next.end(), status) == next.end()) {
                  return Status::Conflict(fmt::format(
                      "a concern that is {} cannot become {}", domain::Name(current.status),
                      domain::Name(status)));
                }
                return change;
              },
              caller.actor)
          .status());
  return ReadBack(services, caller, grievance_id, false);
}

}  // namespace

Result<GrievanceView> UpdateGrievance(Services& services, const Caller& caller, Id grievance_id,
                                      GrievanceStatus status, const std::string& note,
                                      const std::string& outcome) {
  ALONGSIDE_RETURN_IF_ERROR(
      GrievanceFor(services, caller, grievance_id, Action::kManageGrievances).status());
  ALONGSIDE_RETURN_IF_ERROR(CheckWords(note, "note", kMaxGrievanceBytes,
                                       "say what happened, in plain words"));
  if (status == GrievanceStatus::kResolved) {
    ALONGSIDE_RETURN_IF_ERROR(CheckWords(outcome, "outcome", kMaxGrievanceBytes,
                                         "say what was decided, to resolve a concern"));
  } else if (!outcome.empty()) {
    return Status::InvalidArgument("outcome", "is given only to resolve a concern");
  }
  store::GrievanceChange change;
  change.update.at = caller.now;
  change.update.by_staff_id = caller.who.staff_id;
  change.update.status = status;
  change.update.note = note;
  if (status == GrievanceStatus::kResolved) change.outcome = outcome;
  return MoveGrievance(services, caller, grievance_id, std::move(change));
}

Result<GrievanceView> WithdrawGrievance(Services& services, const Caller& caller,
                                        Id grievance_id, const std::string& note) {
  ALONGSIDE_RETURN_IF_ERROR(
      GrievanceFor(services, caller, grievance_id, Action::kWithdrawGrievance).status());
  if (note.size() > kMaxGrievanceBytes || !IsValidText(note)) {
    return Status::InvalidArgument("note",
                                   fmt::format("must be text of at most {} bytes", kMaxGrievanceBytes));
  }
  store::GrievanceChange change;
  change.update.at = caller.now;
  change.update.by_staff_id = caller.who.staff_id;
  change.update.status = GrievanceStatus::kWithdrawn;
  change.update.note =
      note.empty() ? std::string("Withdrawn by the person who raised it.") : note;
  return MoveGrievance(services, caller, grievance_id, std::move(change));
}

Result<std::vector<MetricView>> ListMetrics(Services& services, const Caller& caller) {
  ALONGSIDE_ASSIGN_OR_RETURN(const bool proposes,
                             internal::Allowed(services.policy.CheckGovernance(
                                 caller.who, Action::kProposeMetric)));
  if (!proposes) {
    ALONGSIDE_RETURN_IF_ERROR(AuthorizeGovernance(services, caller, Action::kReadGovernance));
  }
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<store::MetricRow> rows,
      services.store.ListMetrics(caller.who.IsPerson() ? caller.who.person_id : std::nullopt));
  const int min_endorsements = rules::Current().governance().min_endorsements();
  std::vector<MetricView> views;
  for (store::MetricRow& row : rows) {
    MetricView view;
    view.by_person = row.metric.proposed_by_person_id.has_value();
    view.coproduced = domain::IsCoProduced(row.metric, min_endorsements);
    view.endorsed_by_me = row.endorsed_by_person;
    view.metric = std::move(row.metric);
    // Who proposed it stays private: "a person served" or "staff".
    view.metric.proposed_by_person_id.reset();
    view.metric.proposed_by_staff_id.reset();
    views.push_back(std::move(view));
  }
  return views;
}

Result<Id> ProposeMetric(Services& services, const Caller& caller, const std::string& words) {
  ALONGSIDE_RETURN_IF_ERROR(AuthorizeGovernance(services, caller, Action::kProposeMetric));
  ALONGSIDE_RETURN_IF_ERROR(CheckWords(words, "words", kMaxMetricBytes,
                                       "say what the program should be measured by"));
  domain::ProgramMetric metric;
  metric.words = words;
  if (caller.who.IsPerson()) {
    metric.proposed_by_person_id = caller.who.person_id;
  } else {
    metric.proposed_by_staff_id = caller.who.staff_id;
  }
  metric.proposed_at = caller.now;
  return services.store.ProposeMetric(metric, caller.actor);
}

Status EndorseMetric(Services& services, const Caller& caller, Id metric_id) {
  ALONGSIDE_RETURN_IF_ERROR(AuthorizeGovernance(services, caller, Action::kEndorseMetric));
  Status endorsed =
      services.store.EndorseMetric(metric_id, *caller.who.person_id, caller.now, caller.actor);
  if (endorsed.code() == StatusCode::kNotFound) return internal::Unknown("metric");
  return endorsed;
}

Status AdoptMetric(Services& services, const Caller& caller, Id metric_id) {
  ALONGSIDE_RETURN_IF_ERROR(AuthorizeGovernance(services, caller, Action::kAdoptMetric));
  Status adopted = services.store.AdoptMetric(metric_id, caller.now, caller.actor);
  if (adopted.code() == StatusCode::kNotFound) return internal::Unknown("metric");
  return adopted;
}

}  // namespace alongside::usecase
