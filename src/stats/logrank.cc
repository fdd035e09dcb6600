#include "stats/logrank.h"

namespace alongside::stats {

Result<LogRankResult> LogRankTest(std::span<const double>, std::span<const int>,
                                  std::span<const int>, int) {
  return Status::Internal("LogRankTest: not implemented yet");
}

}  // namespace alongside::stats
