#include "stats/kaplan_meier.h"

namespace alongside::stats {

Result<KaplanMeierFit> FitKaplanMeier(std::span<const double>, std::span<const int>,
                                      const KaplanMeierOptions&) {
  return Status::Internal("FitKaplanMeier: not implemented yet");
}
SurvivalPoint SurvivalAt(const KaplanMeierFit&, double day) { return SurvivalPoint{.time = day}; }
MedianSurvival MedianSurvivalTime(const KaplanMeierFit&) { return {}; }
MedianSurvival SurvivalQuantile(const KaplanMeierFit&, double) { return {}; }

}  // namespace alongside::stats
