#include "evaluation/random.h"

#include <cmath>
#include <numbers>

namespace alongside::evaluation {
Random::Random(std::uint64_t seed) : engine_(seed) {}

std::uint64_t Random::Next() { return engine_.Next(); }

double Random::Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

std::uint64_t Random::Below(std::uint64_t bound) {
  unsigned __int128 product = static_cast<unsigned __int128>(Next()) * bound;
  std::uint64_t low = static_cast<std::uint64_t>(product);
  if (low < bound) {
    const std::uint64_t threshold = -bound % bound;
    while (low < threshold) {
      product = static_cast<unsigned __int128>(Next()) * bound;
      low = static_cast<std::uint64_t>(product);
    }
  }
  return static_cast<std::uint64_t>(product >> 64);
}

double Random::Normal() {
  // 1 - Uniform() lies in (0, 1], so the log is finite.
  const double radius = std::sqrt(-2.0 * std::log(1.0 - Uniform()));
  return radius * std::cos(2.0 * std::numbers::pi * Uniform());
}

double Random::Exponential(double rate) { return -std::log(1.0 - Uniform()) / rate; }

int Random::Poisson(double mean) {
  const double limit = std::exp(-mean);
  int count = 0;
  double product = Uniform();
  while (product > limit) {
    ++count;
    product *= Uniform();
  }
  return count;
}

double Random::Gamma(double shape, double scale) {
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    double x = Normal();
    double v = 1.0 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const double u = 1.0 - Uniform();
    if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v * scale;
  }
}

}  // namespace alongside::evaluation
