// Private pieces of the bootstrap engine (bootstrap.h): the per-resample
// random stream, the strata layout that turns a stream into draws, and the
// thread pool loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace alongside::stats::internal {

// xoshiro256** (Blackman & Vigna 2018), its state seeded by SplitMix64 from
// (seed, stream): one independent stream per resample.
class Xoshiro256StarStar {
 public:
  Xoshiro256StarStar(uint64_t seed, uint64_t stream);
  uint64_t Next();
  // Uniform in [0, bound) by Lemire's multiply-shift (bias < bound / 2^64).
  uint64_t Below(uint64_t bound) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * bound) >> 64);
  }

 private:
  uint64_t state_[4];
};

// Rows grouped by stratum (ascending stratum value, original order within).
struct StrataLayout {
  StrataLayout(size_t n_rows, std::span<const int> strata);

  std::vector<uint32_t> rows;    // rows of stratum s at [offsets[s], offsets[s+1])
  std::vector<size_t> offsets;   // n_strata + 1 entries

  // The draws of one resample as positions in `rows`: on_draw(stratum, position).
  template <typename OnDraw>
  void DrawPositions(uint64_t seed, size_t resample, OnDraw&& on_draw) const {
    Xoshiro256StarStar generator(seed, resample);
    for (size_t stratum = 0; stratum + 1 < offsets.size(); ++stratum) {
      const size_t begin = offsets[stratum];
      const size_t size = offsets[stratum + 1] - begin;
      for (size_t draw = 0; draw < size; ++draw) on_draw(stratum, begin + generator.Below(size));
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
