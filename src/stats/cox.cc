#include "stats/cox.h"

namespace alongside::stats {

Result<CoxFit> FitCoxEfron(const Eigen::MatrixXd&, std::span<const double>, std::span<const int>,
                           const CoxOptions&) {
  return Status::Internal("FitCoxEfron: not implemented yet");
}
Result<CoxZph> CoxZphTest(const CoxFit&, const Eigen::MatrixXd&, std::span<const double>,
                          std::span<const int>) {
  return Status::Internal("CoxZphTest: not implemented yet");
}

}  // namespace alongside::stats
