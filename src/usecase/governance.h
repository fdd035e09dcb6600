// The governance audit, grievances and co-produced metrics
// (docs/governance.md). The audit is computed by domain/governance.h from
// the records and the manager's declarations; the grievance panel's rule
// (a peer representative and someone independent of the worker's line
// management) and the order of a grievance's statuses live here, once.
// Every read of a grievance is audited before it is answered; a grievance
// the caller may not read is "no such concern", so ids reveal nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/governance.h"
#include "domain/model.h"
#include "store/store.h"
#include "usecase/usecase.h"

namespace alongside::usecase {

// The most bytes of a grievance's summary, an update's note or outcome, a
// declaration's evidence and a metric's words.
inline constexpr size_t kMaxGrievanceBytes = 4000;
inline constexpr size_t kMaxEvidenceBytes = 2000;
inline constexpr size_t kMaxMetricBytes = 300;

struct GovernanceItemView {
  domain::GovernanceItemResult result;  // its declaration pointer is cleared
  std::optional<domain::GovernanceDeclaration> declaration;
};

struct MetricView {
  domain::ProgramMetric metric;
  bool by_person = false;   // proposed by a person served
  bool coproduced = false;  // domain::IsCoProduced
  bool endorsed_by_me = false;
};

struct GovernanceView {
  domain::GovernanceDimensionResult accountability;
  domain::GovernanceDimensionResult mutuality;
  bool passes = false;
  std::vector<GovernanceItemView> items;  // in governance.json's order
  std::vector<MetricView> metrics;
  domain::GovernanceFacts facts;  // without declarations (they are on the items)
  int min_endorsements = 3;
  bool may_declare = false;
};

// The program manager's audit; the evaluator reads it too.
Result<GovernanceView> GetGovernance(Services& services, const Caller& caller);
// Declares a declared item met or not; InvalidArgument "code" for an item
// that is not declared (or unknown), "evidence" when met without evidence
// or too long.
Status DeclareGovernanceItem(Services& services, const Caller& caller, const std::string& code,
                             bool met, const std::string& evidence);

struct GrievanceView {
  domain::Grievance grievance;
  std::string filed_by;      // the filer's name
  std::string about_worker;  // "" when about no one in particular
  std::vector<std::pair<Id, std::string>> panel_names;
  bool may_manage = false;
};

struct FileGrievanceRequest {
  std::string summary;  // in the filer's words, required
  std::optional<Id> about_worker_id;
};
// The workers a person served may name as whom their concern is about, on
// the form: the peer workers assigned to them today, by name. Empty for a
// staff member (the API takes any colleague's id).
Result<std::vector<std::pair<Id, std::string>>> GrievanceAboutChoices(Services& services,
                                                                      const Caller& caller);
// A person served files for themself, a staff member in their own name.
// InvalidArgument "summary" or "about_worker_id".
Result<GrievanceView> FileGrievance(Services& services, const Caller& caller,
                                    const FileGrievanceRequest& request);
Result<GrievanceView> GetGrievance(Services& services, const Caller& caller, Id grievance_id);
// The caller's own grievances (as a person served, or as a staff member),
// newest first.
Result<std::vector<GrievanceView>> MyGrievances(Services& services, const Caller& caller);
// Every grievance, newest first: the program manager.
Result<std::vector<GrievanceView>> AllGrievances(Services& services, const Caller& caller);

// Whether these members may hear a grievance about `worker` (nullopt: about
// no one in particular): Ok, or Conflict naming what is missing ("the panel
// needs a peer representative; the panel needs someone independent of
// Sam's line management"), or InvalidArgument "staff_ids" (no member, a
// member twice, the worker on their own panel, an inactive member).
Status CheckGrievancePanel(const std::vector<domain::Staff>& members,
                           const std::optional<domain::Staff>& worker);
// Forms the panel of a received grievance (Conflict otherwise) and moves it
// to panel_formed, with a note.
Result<GrievanceView> FormGrievancePanel(Services& services, const Caller& caller,
                                         Id grievance_id, const std::vector<Id>& staff_ids,
                                         const std::string& note);

// The next statuses a grievance may take by an update: received ->
// withdrawn; panel_formed -> heard or withdrawn; heard -> resolved or
// withdrawn; none from resolved or withdrawn. (received -> panel_formed is
// FormGrievancePanel's.)
std::vector<domain::GrievanceStatus> NextGrievanceStatuses(domain::GrievanceStatus status);
// Records an update: Conflict for a status out of order, InvalidArgument
// "note" (required) or "outcome" (required to resolve).
Result<GrievanceView> UpdateGrievance(Services& services, const Caller& caller, Id grievance_id,
                                      domain::GrievanceStatus status, const std::string& note,
                                      const std::string& outcome);

// The filer withdraws their own concern (a person served or a staff
// member), at any step before it is resolved: Conflict once it is resolved
// or withdrawn; the note, in their words, is optional (InvalidArgument
// "note" when too long). Anyone else: Forbidden, or NotFound when they may
// not read it.
Result<GrievanceView> WithdrawGrievance(Services& services, const Caller& caller,
                                        Id grievance_id, const std::string& note);

// Metrics: listed for whoever may propose one or read the audit.
Result<std::vector<MetricView>> ListMetrics(Services& services, const Caller& caller);
// InvalidArgument "words".
Result<Id> ProposeMetric(Services& services, const Caller& caller, const std::string& words);
// A person served endorses a metric once: Conflict on a second; NotFound
// for an unknown metric.
Status EndorseMetric(Services& services, const Caller& caller, Id metric_id);
// The manager adopts a metric: Conflict when adopted already.
Status AdoptMetric(Services& services, const Caller& caller, Id metric_id);

}  // namespace alongside::usecase
