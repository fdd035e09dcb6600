#include "domain/governance.h"

#include <algorithm>
#include <atomic>
#include <utility>

#include "rules/data_file.h"

namespace alongside::domain {
namespace {

using rules::DataFile;

constexpr size_t kMaxItems = 40;
constexpr size_t kMaxCodeBytes = 64;

Result<double> ReadMinimum(const DataFile& file, const std::string& pointer) {
  const nlohmann::json* value = file.Find(pointer);
  if (value == nullptr) return file.Error(pointer, "is missing");
  if (!value->is_number() || value->get<double>() < 0 || value->get<double>() > 1) {
    return file.Error(pointer, "must be a number from 0 to 1");
  }
  return value->get<double>();
}

Result<GovernanceItem> ReadItem(const DataFile& file, const std::string& entry) {
  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(
      entry, {"code", "dimension", "weight", "known", "label", "to_meet"}));
  GovernanceItem item;
  ALONGSIDE_ASSIGN_OR_RETURN(item.code, file.Code(entry + "/code"));
  if (item.code.size() > kMaxCodeBytes) {
    return file.Error(entry + "/code",
                      "must be at most " + std::to_string(kMaxCodeBytes) + " characters");
  }
  ALONGSIDE_ASSIGN_OR_RETURN(const std::string dimension, file.Code(entry + "/dimension"));
  if (dimension == "accountability") {
    item.dimension = GovernanceDimension::kAccountability;
  } else if (dimension == "mutuality") {
    item.dimension = GovernanceDimension::kMutuality;
  } else {
    return file.Error(entry + "/dimension", "must be accountability or mutuality");
  }
  ALONGSIDE_ASSIGN_OR_RETURN(item.weight, file.Integer(entry + "/weight", 1, 100));
  ALONGSIDE_ASSIGN_OR_RETURN(const std::string known, file.Code(entry + "/known"));
  if (known == "computed") {
    item.known = GovernanceSource::kComputed;
    if (std::find(kComputedGovernanceCodes.begin(), kComputedGovernanceCodes.end(), item.code) ==
        kComputedGovernanceCodes.end()) {
      std::string codes;
      for (std::string_view code : kComputedGovernanceCodes) {
        if (!codes.empty()) codes += ", ";
        codes += code;
      }
      return file.Error(entry + "/code", "is not an item the audit can compute (computed items: " +
                                             codes + "; declare the others)");
    }
  } else if (known == "declared") {
    item.known = GovernanceSource::kDeclared;
  } else {
    return file.Error(entry + "/known", "must be computed or declared");
  }
  ALONGSIDE_ASSIGN_OR_RETURN(item.label, file.String(entry + "/label"));
  ALONGSIDE_ASSIGN_OR_RETURN(item.to_meet, file.String(entry + "/to_meet"));
  return item;
}

std::string PeerWorkers(std::int64_t count) {
  return std::to_string(count) + (count == 1 ? " peer worker" : " peer workers");
}

// A share of the active peer workers.
void ShareOfWorkers(GovernanceItemResult& result, std::int64_t with, std::int64_t workers,
                    std::string_view what) {
  result.numerator = with;
  result.denominator = workers;
  if (workers <= 0) {
    result.explanation = "There are no active peer workers to count.";
    return;
  }
  result.score = static_cast<double>(std::min(with, workers)) / static_cast<double>(workers);
  result.explanation =
      std::to_string(with) + " of " + PeerWorkers(workers) + " " + std::string(what) + ".";
}

std::atomic<const GovernanceRules*> installed_rules{nullptr};

}  // namespace

std::string_view Name(GovernanceDimension dimension) {
  return dimension == GovernanceDimension::kAccountability ? "accountability" : "mutuality";
}
std::string_view Name(GovernanceSource source) {
  return source == GovernanceSource::kComputed ? "computed" : "declared";
}

Result<GovernanceRules> GovernanceRules::FromJson(std::string_view json_text,
                                                  std::string file_name) {
  ALONGSIDE_ASSIGN_OR_RETURN(DataFile file, DataFile::Parse(std::move(file_name), json_text));
  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(
      "", {"version", "description", "minimums", "coproduction", "items"}));
  if (file.Find("/version") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.Integer("/version", 1, 1).status());
  }
  if (file.Find("/description") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.String("/description").status());
  }
  GovernanceRules rules;
  ALONGSIDE_RETURN_IF_ERROR(file.Object("/minimums").status());
  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys("/minimums", {"accountability", "mutuality"}));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.accountability_minimum_,
                             ReadMinimum(file, "/minimums/accountability"));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.mutuality_minimum_, ReadMinimum(file, "/minimums/mutuality"));
  ALONGSIDE_RETURN_IF_ERROR(file.Object("/coproduction").status());
  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys("/coproduction", {"min_endorsements"}));
  ALONGSIDE_ASSIGN_OR_RETURN(rules.min_endorsements_,
                             file.Integer("/coproduction/min_endorsements", 1, 1000));

  ALONGSIDE_ASSIGN_OR_RETURN(const nlohmann::json* entries, file.Array("/items"));
  if (entries->empty() || entries->size() > kMaxItems) {
    return file.Error("/items", "must list from 1 to " + std::to_string(kMaxItems) + " items");
  }
  for (size_t item_idx = 0; item_idx < entries->size(); ++item_idx) {
    const std::string entry = DataFile::Child("/items", item_idx);
    ALONGSIDE_ASSIGN_OR_RETURN(GovernanceItem item, ReadItem(file, entry));
    if (rules.Find(item.code) != nullptr) {
      return file.Error(entry + "/code", "repeats the code " + item.code);
    }
    rules.items_.push_back(std::move(item));
  }
  for (GovernanceDimension dimension :
       {GovernanceDimension::kAccountability, GovernanceDimension::kMutuality}) {
    if (std::none_of(rules.items_.begin(), rules.items_.end(),
                     [&](const GovernanceItem& item) { return item.dimension == dimension; })) {
      return file.Error("/items", "must hold at least one " + std::string(Name(dimension)) +
                                      " item");
    }
  }
  return rules;
}

const GovernanceRules& GovernanceRules::Default() {
  if (const GovernanceRules* installed = installed_rules.load(std::memory_order_acquire)) {
    return *installed;
  }
  static const GovernanceRules* const builtin = new GovernanceRules(
      rules::ParseBuiltinOrAbort("governance.json", "governance audit", &FromJson));
  return *builtin;
}

void GovernanceRules::InstallCurrent(const GovernanceRules* rules) {
  installed_rules.store(rules, std::memory_order_release);
}

const GovernanceItem* GovernanceRules::Find(std::string_view code) const {
  for (const GovernanceItem& item : items_) {
    if (item.code == code) return &item;
  }
  return nullptr;
}

bool IsCoProduced(const ProgramMetric& metric, int min_endorsements) {
  return metric.proposed_by_person_id.has_value() || metric.endorsements >= min_endorsements;
}

GovernanceAudit ComputeGovernanceAudit(const GovernanceRules& rules,
                                       const GovernanceFacts& facts) {
  GovernanceAudit audit;
  for (const GovernanceItem& item : rules.items()) {
    GovernanceItemResult result;
    result.item = item;
    if (item.known == GovernanceSource::kDeclared) {
      result.denominator = 1;
      auto declared = facts.declarations.find(item.code);
      if (declared == facts.declarations.end()) {
        result.explanation = "Not declared yet.";
      } else {
        result.declaration = &declared->second;
        result.numerator = declared->second.met ? 1 : 0;
        result.score = declared->second.met ? 1.0 : 0.0;
        result.explanation = declared->second.met ? "Declared met." : "Declared not met.";
      }
    } else if (item.code == "clinical_supervisor") {
      ShareOfWorkers(result, facts.with_clinical_supervisor, facts.active_peer_workers,
                     "have a clinical supervisor");
    } else if (item.code == "senior_peer_supervisor") {
      ShareOfWorkers(result, facts.with_senior_peer_supervisor, facts.active_peer_workers,
                     "have a senior peer supervisor");
    } else if (item.code == "current_certifications") {
      ShareOfWorkers(result, facts.with_current_certification, facts.active_peer_workers,
                     "hold a current certification");
    } else if (item.code == "peer_practice_supervision") {
      ShareOfWorkers(result, facts.with_recent_peer_supervision, facts.active_peer_workers,
                     "had peer practice supervision on time");
    } else if (item.code == "performance_metrics") {
      result.numerator = std::min<std::int64_t>(facts.adopted_metrics, 1);
      result.denominator = 1;
      result.score = facts.adopted_metrics > 0 ? 1.0 : 0.0;
      result.explanation = facts.adopted_metrics == 1
                               ? "1 metric adopted."
                               : std::to_string(facts.adopted_metrics) + " metrics adopted.";
    } else if (item.code == "coproduced_metrics") {
      result.numerator = facts.coproduced_adopted_metrics;
      result.denominator = facts.adopted_metrics;
      if (facts.adopted_metrics <= 0) {
        result.explanation = "No metric has been adopted yet.";
      } else {
        result.score =
            static_cast<double>(std::min(facts.coproduced_adopted_metrics, facts.adopted_metrics)) /
            static_cast<double>(facts.adopted_metrics);
        result.explanation = std::to_string(facts.coproduced_adopted_metrics) + " of " +
                             std::to_string(facts.adopted_metrics) +
                             " adopted metrics are co-produced with people served.";
      }
    }
    result.met = result.score >= 1.0;
    audit.items.push_back(std::move(result));
  }
  for (GovernanceDimensionResult* dimension : {&audit.accountability, &audit.mutuality}) {
    dimension->dimension = dimension == &audit.accountability ? GovernanceDimension::kAccountability
                                                              : GovernanceDimension::kMutuality;
    double weighted = 0;
    double weights = 0;
    for (const GovernanceItemResult& result : audit.items) {
      if (result.item.dimension != dimension->dimension) continue;
      weighted += result.item.weight * result.score;
      weights += result.item.weight;
    }
    dimension->score = weights > 0 ? weighted / weights : 0;
    dimension->minimum = rules.minimum(dimension->dimension);
    // A tolerance so that a sum of exact shares equal to the minimum passes.
    dimension->passes = dimension->score + 1e-9 >= dimension->minimum;
  }
  audit.passes = audit.accountability.passes && audit.mutuality.passes;
  return audit;
}

}  // namespace alongside::domain
