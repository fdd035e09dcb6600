// A small, portable, seeded random source for the synthetic generators,
// drawing on the project's one engine (common/xoshiro.h). Unlike
// the std:: distributions, every draw here is specified by this code, so the
// same seed gives the same cohort on every compiler and platform.
// Not thread-safe: one Random per thread.
#pragma once

#include <cstdint>

#include "common/xoshiro.h"

namespace alongside::evaluation {

class Random {
 public:
  explicit Random(std::uint64_t seed);

  std::uint64_t Next();
  // Uniform on [0, 1) with 53 random bits.
  double Uniform();
  // Uniform integer in [0, bound), bound >= 1 (Lemire's multiply-shift, with rejection).
  std::uint64_t Below(std::uint64_t bound);
  bool Bernoulli(double probability) { return Uniform() < probability; }
  // Standard normal by the Box-Muller transform (one value per call).
  double Normal();
  double Exponential(double rate);
  // Knuth's multiplication method; meant for small means (< 30).
  int Poisson(double mean);
  // Marsaglia and Tsang's method, shape >= 1.
  double Gamma(double shape, double scale);

 private:
  Xoshiro256StarStar engine_;
};

}  // namespace alongside::evaluation
