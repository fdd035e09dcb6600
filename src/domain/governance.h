// The governance audit (docs/governance.md): whether a peer support program
// is built to be accountable (a clinical supervisor for every peer worker, a
// documentation standard, a risk protocol, current certifications,
// performance metrics) and mutual (a senior peer supervisor, peer-led
// practice supervision on time, metrics co-produced with people served,
// parity pay, an independent grievance process with peer representation, a
// career ladder).
//
// The items, their weights, the minimums and the co-production threshold are
// data (src/rules/data/governance.json, compiled into the binary; a program
// may give its own copy), validated when the file loads. Each item is either
// computed from the records (GovernanceFacts) or declared by the program
// manager with evidence (the latest declaration of its code stands).
//
// GovernanceRules is immutable after loading and safe to share between
// threads; ComputeGovernanceAudit and IsCoProduced are pure.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/model.h"

namespace alongside::domain {

enum class GovernanceDimension { kAccountability, kMutuality };
enum class GovernanceSource { kComputed, kDeclared };

std::string_view Name(GovernanceDimension dimension);  // "accountability"
std::string_view Name(GovernanceSource source);        // "computed", "declared"

// The items the audit knows how to compute from the records; a computed
// item in the file must have one of these codes.
inline constexpr std::array<std::string_view, 6> kComputedGovernanceCodes = {
    "clinical_supervisor",    "current_certifications",    "performance_metrics",
    "senior_peer_supervisor", "peer_practice_supervision", "coproduced_metrics",
};

struct GovernanceItem {
  std::string code;  // lower-case letters, digits and '_'; unique
  GovernanceDimension dimension = GovernanceDimension::kAccountability;
  int weight = 1;  // 1 to 100, within its dimension
  GovernanceSource known = GovernanceSource::kDeclared;
  std::string label;    // "Every peer worker has a clinical supervisor"
  std::string to_meet;  // what would meet it, in plain words
};

class GovernanceRules {
 public:
  // Parses governance.json; InvalidArgument with field() "<file>:<line>:<col>"
  // and detail() naming the value at fault. The schema is closed: minimums
  // (accountability, mutuality, each a number in [0,1]),
  // coproduction.min_endorsements (1 to 1000), items (1 to 40, codes unique,
  // a computed item's code from kComputedGovernanceCodes, weight 1 to 100,
  // each dimension with at least one item).
  static Result<GovernanceRules> FromJson(std::string_view json_text,
                                          std::string file_name = "governance.json");
  // The rules installed by InstallCurrent, else the built-in ones (aborts on
  // first use if the built-in file is invalid: a build defect).
  static const GovernanceRules& Default();
  // Makes `rules` the one Default() returns (nullptr: the built-in ones);
  // it must outlive every later call. Thread-safe.
  static void InstallCurrent(const GovernanceRules* rules);

  const std::vector<GovernanceItem>& items() const { return items_; }
  // The item with this code, or nullptr.
  const GovernanceItem* Find(std::string_view code) const;
  double minimum(GovernanceDimension dimension) const {
    return dimension == GovernanceDimension::kAccountability ? accountability_minimum_
                                                             : mutuality_minimum_;
  }
  int min_endorsements() const { return min_endorsements_; }

 private:
  std::vector<GovernanceItem> items_;
  double accountability_minimum_ = 0.8;
  double mutuality_minimum_ = 0.7;
  int min_endorsements_ = 3;
};

// Whether a metric is co-produced: a person served proposed it, or at least
// `min_endorsements` people served endorsed it.
bool IsCoProduced(const ProgramMetric& metric, int min_endorsements);

// What the computed items are computed from, read from the records on one
// day. Counts are of active staff in a peer worker role (roles.json).
struct GovernanceFacts {
  std::int64_t active_peer_workers = 0;
  std::int64_t with_clinical_supervisor = 0;
  std::int64_t with_senior_peer_supervisor = 0;
  std::int64_t with_current_certification = 0;
  // ... held a peer practice session within the cadence
  // (practice.json peer_supervision_due_after_days).
  std::int64_t with_recent_peer_supervision = 0;
  std::int64_t adopted_metrics = 0;
  std::int64_t coproduced_adopted_metrics = 0;
  // The latest declaration of each declared code.
  std::map<std::string, GovernanceDeclaration> declarations;
};

struct GovernanceItemResult {
  GovernanceItem item;
  double score = 0;  // in [0,1]
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
  bool met = false;         // score is 1
  std::string explanation;  // "3 of 4 peer workers have one"; "Declared met: <evidence>"
  const GovernanceDeclaration* declaration = nullptr;  // points into the facts, or nullptr
};

struct GovernanceDimensionResult {
  GovernanceDimension dimension = GovernanceDimension::kAccountability;
  double score = 0;  // the items' weighted mean, in [0,1]
  double minimum = 0;
  bool passes = false;  // score >= minimum
};

struct GovernanceAudit {
  std::vector<GovernanceItemResult> items;  // in the file's order
  GovernanceDimensionResult accountability;
  GovernanceDimensionResult mutuality;
  bool passes = false;  // both dimensions pass
};

// The audit of `facts` under `rules`. A share item over no peer workers
// scores 0 ("no active peer workers"); performance_metrics is 1 with at
// least one adopted metric; coproduced_metrics is the share of adopted
// metrics that are co-produced (0 with none adopted); a declared item is 1
// when its latest declaration says met, 0 otherwise or when none. The
// result's declaration pointers point into `facts`, which must outlive it.
GovernanceAudit ComputeGovernanceAudit(const GovernanceRules& rules, const GovernanceFacts& facts);

}  // namespace alongside::domain
