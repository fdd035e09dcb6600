// Private pieces of the bootstrap engine (bootstrap.h): the per-resample
// random stream, the strata layout that turns a stream into draws, and the
// thread pool loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <utility>
#include <vector>

#include "common/xoshiro.h"

namespace alongside::stats::internal {

// xoshiro256** (Blackman & Vigna 2018), its state seeded by SplitMix64 from
// (seed, stream): one independent stream per resample.
class Xoshiro256StarStar : public ::alongside::Xoshiro256StarStar {
 public:
  Xoshiro256StarStar(uint64_t seed, uint64_t stream)
      : ::alongside::Xoshiro256StarStar(StartState(seed, stream)) {}
  // Uniform in [0, bound) by Lemire's multiply-shift (bias < bound / 2^64).
  uint64_t Below(uint64_t bound) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * bound) >> 64);
  }

 private:
  // Two SplitMix64 rounds mix (seed, stream) into the engine's start value.
  static uint64_t StartState(uint64_t seed, uint64_t stream) {
    uint64_t mixer = seed;
    uint64_t state = ::alongside::SplitMix64(&mixer) ^ (stream * 0xD1B54A32D192ED03ULL);
    return ::alongside::SplitMix64(&state);
  }
};

// Rows grouped by stratum (ascending stratum value; within a stratum the
// original order, or the caller's order with the second constructor).
struct StrataLayout {
  StrataLayout(size_t n_rows, std::span<const int> strata);
  // rows of stratum s at [offsets[s], offsets[s+1]); every stratum non-empty
  // and smaller than 2^32 rows.
  StrataLayout(std::vector<uint32_t> rows_in, std::vector<size_t> offsets_in)
      : rows(std::move(rows_in)), offsets(std::move(offsets_in)) {}

  std::vector<uint32_t> rows;    // rows of stratum s at [offsets[s], offsets[s+1])
  std::vector<size_t> offsets;   // n_strata + 1 entries

  // The draws of one resample as positions in `rows`: on_draw(stratum, position).
  // A stratum of size n gets n draws, each exactly uniform over its
  // positions: 32-bit halves of the stream's 64-bit outputs (low half
  // first) mapped by Lemire's multiply-shift with rejection of the
  // 2^32 mod n low products that would bias it (Lemire 2019, "Fast random
  // integer generation in an interval"), so no draw favours any position.
  template <typename OnDraw>
  void DrawPositions(uint64_t seed, size_t resample, OnDraw&& on_draw) const {
    Xoshiro256StarStar generator(seed, resample);
    for (size_t stratum = 0; stratum + 1 < offsets.size(); ++stratum) {
      const size_t begin = offsets[stratum];
      const auto size = static_cast<uint32_t>(offsets[stratum + 1] - begin);
      const uint32_t threshold = static_cast<uint32_t>(-size) % size;  // 2^32 mod size
      size_t drawn = 0;
      auto take = [&](uint32_t bits) {
        const uint64_t product = static_cast<uint64_t>(bits) * size;
        if (static_cast<uint32_t>(product) < threshold) return;  // rejected: draw again
        on_draw(stratum, begin + static_cast<size_t>(product >> 32));
        ++drawn;
      };
      // While two or more draws are due both halves are used (the same
      // sequence as the one-at-a-time loop below, without its checks).
      while (drawn + 2 <= size) {
        const uint64_t word = generator.Next();
        take(static_cast<uint32_t>(word));
        take(static_cast<uint32_t>(word >> 32));
      }
      while (drawn < size) {
        const uint64_t word = generator.Next();
        take(static_cast<uint32_t>(word));
        if (drawn < size) take(static_cast<uint32_t>(word >> 32));
      }
    }
  }

  // The same draws as rows: on_row(row).
  template <typename OnRow>
  void Draw(uint64_t seed, size_t resample, OnRow&& on_row) const {
    DrawPositions(seed, resample, [&](size_t, size_t position) { on_row(rows[position]); });
  }
};

// Runs work(worker, resample) for every resample on up to `threads` threads
// (0 = all cores); worker < WorkerCount(n_resamples, threads).
void RunResamples(size_t n_resamples, unsigned threads,
                  const std::function<void(size_t worker, size_t resample)>& work);
size_t WorkerCount(size_t n_resamples, unsigned threads);

}  // namespace alongside::stats::internal
