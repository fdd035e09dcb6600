// xoshiro256** (Blackman and Vigna, 2018), the one random engine of the
// project: the synthetic generators and the bootstrap build their draws on
// it. Its state is filled by SplitMix64 from a 64-bit start value, as its
// authors recommend. Every output is specified by this code, so the same
// start value gives the same sequence on every compiler and platform.
// Not thread-safe: one engine per thread or per stream.
#pragma once

#include <cstdint>

namespace alongside {

// One SplitMix64 step: advances *state and returns the next output.
inline std::uint64_t SplitMix64(std::uint64_t* state) {
  std::uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Xoshiro256StarStar {
 public:
  explicit Xoshiro256StarStar(std::uint64_t start) {
    for (std::uint64_t& word : state_) word = SplitMix64(&start);
  }

  std::uint64_t Next() {  // inline: bootstrap inner loops call it
    const std::uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t shifted = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= shifted;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

 private:
  static std::uint64_t Rotl(std::uint64_t value, int shift) {
    return (value << shift) | (value >> (64 - shift));
  }
  std::uint64_t state_[4];
};

}  // namespace alongside
