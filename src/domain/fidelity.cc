#include "domain/fidelity.h"

#include <algorithm>
#include <cmath>

#include "rules/data_file.h"

namespace alongside::domain {
namespace {

using rules::DataFile;

constexpr std::array<std::string_view, kFidelityComponentCount> kComponentNames = {
    "peer_scope_time",        "notes_without_open_flag",     "person_owned_goals_plans",
    "peer_supervision_cadence", "safety_reviewed_in_time",   "notes_final_in_time",
    "clinical_supervision_cadence", "peer_sessions_reflected", "disclosures_reflected"};
constexpr std::array<std::string_view, 3> kMeasureNames = {"F", "R", "P"};

constexpr Instant kDay = 86400;

Result<double> ReadUnitInterval(const DataFile& file, const std::string& pointer) {
  const nlohmann::json* value = file.Find(pointer);
  if (value == nullptr) return file.Error(pointer, "is required");
  if (!value->is_number()) return file.Error(pointer, "must be a number from 0 to 1");
  const double number = value->get<double>();
  if (!(number >= 0.0 && number <= 1.0)) return file.Error(pointer, "must be from 0 to 1");
  return number;
}

// Windows of `days` from the period's start that hold a session of `kind`,
// and how many windows there are.
Share CadenceShare(const std::vector<SupervisionFact>& sessions, SupervisionKind kind,
                   const FidelityPeriod& period, int days) {
  const Instant width = static_cast<Instant>(std::max(days, 1)) * kDay;
  const Instant length = std::max<Instant>(period.until - period.from, 0);
  Share share;
  share.denominator = (length + width - 1) / width;
  std::vector<bool> met(static_cast<size_t>(share.denominator), false);
  for (const SupervisionFact& session : sessions) {
    if (session.kind != kind || session.held_at < period.from || session.held_at >= period.until) {
      continue;
    }
    met[static_cast<size_t>((session.held_at - period.from) / width)] = true;
  }
  share.numerator = std::count(met.begin(), met.end(), true);
  return share;
}

}  // namespace

std::string_view Name(FidelityMeasure measure) {
  return kMeasureNames[static_cast<size_t>(measure)];
}
std::string_view Name(FidelityComponent component) {
  return kComponentNames[static_cast<size_t>(component)];
}

FidelityMeasure MeasureOf(FidelityComponent component) {
  switch (component) {
    case FidelityComponent::kPeerScopeTime:
    case FidelityComponent::kNotesWithoutOpenFlag:
    case FidelityComponent::kPersonOwnedGoalsPlans:
    case FidelityComponent::kPeerSupervisionCadence: return FidelityMeasure::kF;
    case FidelityComponent::kSafetyReviewedInTime:
    case FidelityComponent::kNotesFinalInTime:
    case FidelityComponent::kClinicalSupervisionCadence: return FidelityMeasure::kR;
    case FidelityComponent::kPeerSessionsReflected:
    case FidelityComponent::kDisclosuresReflected: return FidelityMeasure::kP;
  }
  return FidelityMeasure::kF;
}

Result<FidelityModel> FidelityModel::FromJson(std::string_view json_text, std::string file_name) {
  ALONGSIDE_ASSIGN_OR_RETURN(DataFile file, DataFile::Parse(std::move(file_name), json_text));
  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(
      "", {"version", "description", "thresholds", "weights", "self_disclosure_activity",
           "reflection_within_days", "drift_alert_days"}));
  if (file.Find("/version") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.Integer("/version", 1, 1).status());
  }
  if (file.Find("/description") != nullptr) {
    ALONGSIDE_RETURN_IF_ERROR(file.Object("/description").status());
  }
  FidelityModel model;
  ALONGSIDE_RETURN_IF_ERROR(file.Object("/thresholds").status());
  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys("/thresholds", {"F", "R", "P"}));
  for (FidelityMeasure measure : kAllFidelityMeasures) {
    ALONGSIDE_ASSIGN_OR_RETURN(
        model.thresholds_[static_cast<size_t>(measure)],
        ReadUnitInterval(file, DataFile::Child("/thresholds", Name(measure))));
  }
  ALONGSIDE_RETURN_IF_ERROR(file.Object("/weights").status());
  ALONGSIDE_RETURN_IF_ERROR(file.RejectUnknownKeys(
      "/weights", std::vector<std::string_view>(kComponentNames.begin(), kComponentNames.end())));
  std::array<int, 3> positive{};
  for (FidelityComponent component : kAllFidelityComponents) {
    ALONGSIDE_ASSIGN_OR_RETURN(
        model.weights_[static_cast<size_t>(component)],
        file.Integer(DataFile::Child("/weights", Name(component)), 0, 100));
    if (model.weight(component) > 0) ++positive[static_cast<size_t>(MeasureOf(component))];
  }
  for (FidelityMeasure measure : kAllFidelityMeasures) {
    if (positive[static_cast<size_t>(measure)] == 0) {
      return file.Error("/weights", "must give at least one component of " +
                                        std::string(Name(measure)) + " a positive weight");
    }
  }
  ALONGSIDE_ASSIGN_OR_RETURN(model.self_disclosure_activity_,
                             file.Code("/self_disclosure_activity"));
  ALONGSIDE_ASSIGN_OR_RETURN(model.reflection_within_days_,
                             file.Integer("/reflection_within_days", 1, 120));
  ALONGSIDE_ASSIGN_OR_RETURN(model.drift_alert_days_, file.Integer("/drift_alert_days", 1, 90));
  return model;
}

const FidelityModel& FidelityModel::Builtin() {
  static const FidelityModel* const builtin = new FidelityModel(
      rules::ParseBuiltinOrAbort("fidelity.json", "fidelity model", &FromJson));
  return *builtin;
}

FidelityScores ScoreFidelity(const FidelityCounts& counts, const FidelityModel& model) {
  FidelityScores scores;
  for (FidelityMeasure measure : kAllFidelityMeasures) {
    double weighted = 0;
    int weights = 0;
    for (FidelityComponent component : kAllFidelityComponents) {
      if (MeasureOf(component) != measure || model.weight(component) <= 0) continue;
      std::optional<double> value = counts[component].value();
      if (!value) continue;
      weighted += model.weight(component) * *value;
      weights += model.weight(component);
    }
    MeasureScore& score = scores.measures[static_cast<size_t>(measure)];
    score.measure = measure;
    score.threshold = model.threshold(measure);
    if (weights > 0) score.value = weighted / weights;
    // Compared as shown (three decimals), so that a score printed 0.800
    // never reads as below a threshold of 0.80.
    score.met = score.value && std::round(*score.value * 1000) >= std::round(score.threshold * 1000);
  }
  return scores;
}

FidelityCounts CountFidelity(const WorkerPractice& practice, const FidelityPeriod& period,
                             const FidelityModel& model, int peer_cadence_days,
                             int clinical_cadence_days) {
  FidelityCounts counts;
  counts[FidelityComponent::kPeerScopeTime] = {
      practice.documented_minutes - practice.clinical_scope_minutes, practice.documented_minutes};
  counts[FidelityComponent::kNotesWithoutOpenFlag] = {
      practice.final_notes - practice.final_notes_with_open_flag, practice.final_notes};
  counts[FidelityComponent::kPersonOwnedGoalsPlans] = {practice.goals_and_plans_by_person,
                                                       practice.goals_and_plans};
  counts[FidelityComponent::kPeerSupervisionCadence] = CadenceShare(
      practice.sessions, SupervisionKind::kPeerPractice, period, peer_cadence_days);
  counts[FidelityComponent::kSafetyReviewedInTime] = {practice.safety_events_complete_reviewed,
                                                      practice.safety_events_due};
  counts[FidelityComponent::kNotesFinalInTime] = {practice.notes_final_in_time,
                                                  practice.notes_due};
  counts[FidelityComponent::kClinicalSupervisionCadence] = CadenceShare(
      practice.sessions, SupervisionKind::kClinical, period, clinical_cadence_days);

  Share& reflected = counts[FidelityComponent::kPeerSessionsReflected];
  std::vector<Instant> reflections;  // peer sessions with a structured reflection, any time read
  for (const SupervisionFact& session : practice.sessions) {
    if (session.kind != SupervisionKind::kPeerPractice) continue;
    if (session.structured_reflection) reflections.push_back(session.held_at);
    if (session.held_at < period.from || session.held_at >= period.until) continue;
    ++reflected.denominator;
    if (session.structured_reflection) ++reflected.numerator;
  }
  std::sort(reflections.begin(), reflections.end());
  Share& disclosures = counts[FidelityComponent::kDisclosuresReflected];
  const Instant window = static_cast<Instant>(model.reflection_within_days()) * kDay;
  for (const auto& [day, count] : practice.disclosure_days) {
    const Instant start = static_cast<Instant>(day) * kDay;
    auto next = std::lower_bound(reflections.begin(), reflections.end(), start);
    const bool followed = next != reflections.end() && *next < start + window;
    if (followed) {
      disclosures.numerator += count;
      disclosures.denominator += count;
    } else if (start + window <= period.now) {
      disclosures.denominator += count;
    }
  }
  return counts;
}

}  // namespace alongside::domain
