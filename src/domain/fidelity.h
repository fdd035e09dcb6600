// Fidelity computed from practice (docs/fidelity.md): three measures in
// [0,1], each a weighted mean of shares counted from what workers recorded.
//   F, role fidelity: documented time in peer-scope activities; final notes
//     without an unresolved drift or language flag; goals and plans the
//     person wrote or co-signed; peer practice supervision at its cadence.
//   R, risk oversight: safety events whose protocol is complete and which a
//     clinical supervisor reviewed in time; notes final within the deadline;
//     clinical supervision at its cadence.
//   P, reflective practice: peer supervision sessions with a structured
//     reflection; purposeful self-disclosures followed by a reflection.
// Each share is a numerator over a denominator (a Share), kept with the
// score so that a reader can see why a number is what it is. Shares add up:
// a team's are the sums of its workers', the program's of its teams'.
//
// What counts is fixed here (the component codes); the weights, the
// thresholds and the windows are data (src/rules/data/fidelity.json, loaded
// through rules::Rules; a program may give its own copy). Everything here
// is pure and safe to use from any number of threads.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "domain/vocabulary.h"

namespace alongside::domain {

enum class FidelityMeasure { kF, kR, kP };
inline constexpr std::array<FidelityMeasure, 3> kAllFidelityMeasures = {
    FidelityMeasure::kF, FidelityMeasure::kR, FidelityMeasure::kP};

enum class FidelityComponent {
  kPeerScopeTime,          // F
  kNotesWithoutOpenFlag,   // F
  kPersonOwnedGoalsPlans,  // F
  kPeerSupervisionCadence, // F
  kSafetyReviewedInTime,   // R
  kNotesFinalInTime,       // R
  kClinicalSupervisionCadence,  // R
  kPeerSessionsReflected,  // P
  kDisclosuresReflected,   // P
};
inline constexpr size_t kFidelityComponentCount = 9;
inline constexpr std::array<FidelityComponent, kFidelityComponentCount> kAllFidelityComponents = {
    FidelityComponent::kPeerScopeTime,          FidelityComponent::kNotesWithoutOpenFlag,
    FidelityComponent::kPersonOwnedGoalsPlans,  FidelityComponent::kPeerSupervisionCadence,
    FidelityComponent::kSafetyReviewedInTime,   FidelityComponent::kNotesFinalInTime,
    FidelityComponent::kClinicalSupervisionCadence, FidelityComponent::kPeerSessionsReflected,
    FidelityComponent::kDisclosuresReflected};

// "F", "R", "P"; "peer_scope_time", ... (the CSV's and the API's names).
std::string_view Name(FidelityMeasure measure);
std::string_view Name(FidelityComponent component);
FidelityMeasure MeasureOf(FidelityComponent component);

// numerator of denominator; a share with no denominator says nothing.
struct Share {
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;

  std::optional<double> value() const {
    if (denominator <= 0) return std::nullopt;
    return static_cast<double>(numerator) / static_cast<double>(denominator);
  }
  Share& operator+=(const Share& other) {
    numerator += other.numerator;
    denominator += other.denominator;
    return *this;
  }
  bool operator==(const Share&) const = default;
};

// Every component's share for one unit (a worker, a team, the program).
struct FidelityCounts {
  std::array<Share, kFidelityComponentCount> shares{};

  Share& operator[](FidelityComponent component) {
    return shares[static_cast<size_t>(component)];
  }
  const Share& operator[](FidelityComponent component) const {
    return shares[static_cast<size_t>(component)];
  }
  FidelityCounts& operator+=(const FidelityCounts& other) {
    for (size_t idx = 0; idx < shares.size(); ++idx) shares[idx] += other.shares[idx];
    return *this;
  }
  bool operator==(const FidelityCounts&) const = default;
};

// fidelity.json: each component's weight, each measure's threshold, and
// the windows that decide what counts.
class FidelityModel {
 public:
  // Parses fidelity.json; InvalidArgument with field() "<file>:<line>:<col>"
  // and detail() naming the value at fault. The schema is closed
  // (docs/data-files.md): every component with a weight from 0 to 100, at
  // least one positive weight per measure, thresholds in [0,1], the
  // self-disclosure activity code, the reflection window (1 to 120 days),
  // the drift alert age (1 to 90 days).
  static Result<FidelityModel> FromJson(std::string_view json_text,
                                        std::string file_name = "fidelity.json");
  // The built-in model (aborts on first use if the built-in file is invalid:
  // a build defect).
  static const FidelityModel& Builtin();

  int weight(FidelityComponent component) const {
    return weights_[static_cast<size_t>(component)];
  }
  double threshold(FidelityMeasure measure) const {
    return thresholds_[static_cast<size_t>(measure)];
  }
  // The activity code that records a purposeful self-disclosure.
  const std::string& self_disclosure_activity() const { return self_disclosure_activity_; }
  // A disclosure is reflected on when a peer practice session with a
  // structured reflection follows within this many days.
  int reflection_within_days() const { return reflection_within_days_; }
  // A drift flag open longer than this stands out for the senior peer
  // supervisor.
  int drift_alert_days() const { return drift_alert_days_; }

 private:
  std::array<int, kFidelityComponentCount> weights_{};
  std::array<double, 3> thresholds_{};
  std::string self_disclosure_activity_;
  int reflection_within_days_ = 30;
  int drift_alert_days_ = 7;
};

// One measure's value for a unit: the weighted mean of its components'
// shares, over the components whose share has a denominator and whose
// weight is positive; nullopt when none has (nothing to judge by).
struct MeasureScore {
  FidelityMeasure measure = FidelityMeasure::kF;
  std::optional<double> value;
  double threshold = 0;
  bool met = false;  // value present and at least the threshold
};

struct FidelityScores {
  std::array<MeasureScore, 3> measures{};

  const MeasureScore& operator[](FidelityMeasure measure) const {
    return measures[static_cast<size_t>(measure)];
  }
};

FidelityScores ScoreFidelity(const FidelityCounts& counts, const FidelityModel& model);

// What one worker recorded in a period, as the store reads it; the counts
// follow from it (CountFidelity) with the period and the model.
struct SupervisionFact {
  SupervisionKind kind = SupervisionKind::kPeerPractice;
  Instant held_at = 0;
  bool structured_reflection = false;
};

struct WorkerPractice {
  std::int64_t worker_id = 0;
  // Final notes of contacts started in the period: their minutes, and the
  // minutes of those with an activity flag that was not reclassified.
  std::int64_t documented_minutes = 0;
  std::int64_t clinical_scope_minutes = 0;
  std::int64_t final_notes = 0;
  std::int64_t final_notes_with_open_flag = 0;
  // Contacts started in the period whose deadline has passed, and those of
  // them final by it.
  std::int64_t notes_due = 0;
  std::int64_t notes_final_in_time = 0;
  // The goals and plans of people assigned to the worker during the
  // period, and those whose latest version the person wrote or co-signed.
  std::int64_t goals_and_plans = 0;
  std::int64_t goals_and_plans_by_person = 0;
  // Safety events disclosed in the period whose review time has passed,
  // and those closed with a clinical supervisor's review in time.
  std::int64_t safety_events_due = 0;
  std::int64_t safety_events_complete_reviewed = 0;
  // The days (UTC day numbers) with purposeful self-disclosures, and how
  // many on each, ascending.
  std::vector<std::pair<Day, std::int64_t>> disclosure_days;
  // Supervision held with the worker from the period's start until the
  // reflection window after its end, by held_at.
  std::vector<SupervisionFact> sessions;
};

struct FidelityPeriod {
  Instant from = 0;   // inclusive
  Instant until = 0;  // exclusive
  // When it is computed: a disclosure counts once its reflection window has
  // passed (or once it was reflected on).
  Instant now = 0;
};

// The counts for one worker. Cadence: the period is cut into windows of
// `peer_cadence_days` (and `clinical_cadence_days`) from its start (the last
// one may be shorter); a window is met when a session of that kind was held
// in it.
FidelityCounts CountFidelity(const WorkerPractice& practice, const FidelityPeriod& period,
                             const FidelityModel& model, int peer_cadence_days,
                             int clinical_cadence_days);

}  // namespace alongside::domain
