#include "stats/mediation.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <vector>

#include "stats/regression_bootstrap_internal.h"
#include "stats/regression_design.h"
#include "stats/regression_mediation_internal.h"

namespace alongside::stats {

namespace {

// Solves the OLS normal equations of `response` on `columns`, both indices
// into the cross-product matrix `cross`. Returns false if singular.
bool SolveFromCrossProducts(const Eigen::MatrixXd& cross, const std::vector<Eigen::Index>& columns,
                            Eigen::Index response, Eigen::VectorXd* beta) {
  const auto size = static_cast<Eigen::Index>(columns.size());
  Eigen::MatrixXd xtx(size, size);
  Eigen::VectorXd xty(size);
  for (Eigen::Index left = 0; left < size; ++left) {
    xty(left) = cross(columns[left], response);
    for (Eigen::Index right = 0; right < size; ++right) xtx(left, right) = cross(columns[left], columns[right]);
  }
  Eigen::MatrixXd inverse;
  if (!internal::InvertSymmetric(xtx, &inverse)) return false;
  *beta = inverse * xty;
  return true;
}

// The complete cases of T, M, Y and the covariates as the centred matrix
// Z = [1, T, C..., M, Y] (row-major; centring leaves the slopes unchanged
// and keeps the cross-products well conditioned), with each row's stratum.
struct Prepared {
  internal::Design design;  // columns 1, T, M, C...; rows = original rows
  internal::RowMatrix z;
  std::vector<int> strata;  // per complete row; empty = unstratified
  std::vector<uint32_t> keys;  // PackedKeys of the rows, or empty
  uint64_t m_range = 0;
  Eigen::Index n_covariates = 0;
  Eigen::Index m_column() const { return 2 + n_covariates; }
  Eigen::Index y_column() const { return 3 + n_covariates; }
};

// Packs each row's stratum, its columns but M (in order) and M, from most to
// least significant, into one integer when every one of them is
// integer-valued with a small range (the product of the ranges below
// 2^32), so equal keys mean equal rows and rows sort into strata, cells and
// patterns by their key alone. Empty when the data do not allow it (e.g.
// continuous values). *m_range is M's range (keys / m_range = the cell).
std::vector<uint32_t> PackedKeys(const internal::RowMatrix& z, Eigen::Index m_column, std::span<const int> strata,
                                 uint64_t* m_range) {
  const auto n_rows = static_cast<size_t>(z.rows());
  std::vector<uint32_t> keys;
  if (n_rows == 0) return keys;
  constexpr double kLimit = 1u << 30;
  // Codes of one integer-valued column: value - min, with range max - min + 1.
  struct Column {
    Eigen::Index index = -1;  // -1: the stratum
    double min = 0;
    uint64_t range = 1;
  };
  std::vector<Column> columns;
  if (!strata.empty()) {
    const auto [low, high] = std::minmax_element(strata.begin(), strata.end());
    columns.push_back({-1, static_cast<double>(*low), static_cast<uint64_t>(int64_t{*high} - *low) + 1});
  }
  std::vector<Eigen::Index> order;
  for (Eigen::Index column = 1; column < z.cols(); ++column) {
    if (column != m_column) order.push_back(column);
  }
  order.push_back(m_column);
  for (Eigen::Index column : order) {
    double low = z(0, column), high = z(0, column);
    for (size_t row = 0; row < n_rows; ++row) {
      const double value = z(static_cast<Eigen::Index>(row), column);
      if (value != std::floor(value) || std::abs(value) > kLimit) return keys;
      low = std::min(low, value);
      high = std::max(high, value);
    }
    columns.push_back({column, low, static_cast<uint64_t>(high - low) + 1});
  }
  uint64_t total = 1;
  for (const Column& column : columns) {
    total *= column.range;
    if (total >= (uint64_t{1} << 32)) return keys;
  }
  *m_range = columns.back().range;
  keys.assign(n_rows, 0);
  for (const Column& column : columns) {
    for (size_t row = 0; row < n_rows; ++row) {
      const double value = column.index < 0 ? strata[row] : z(static_cast<Eigen::Index>(row), column.index);
      keys[row] = static_cast<uint32_t>(keys[row] * column.range + static_cast<uint64_t>(value - column.min));
    }
  }
  return keys;
}

Result<Prepared> Prepare(std::span<const double> treatment, std::span<const double> mediator,
                         std::span<const double> outcome, std::span<const Predictor> covariates,
                         std::span<const int> strata) {
  const size_t n_rows = treatment.size();
  if (mediator.size() != n_rows) return Status::InvalidArgument("mediator", "length differs from treatment");
  if (outcome.size() != n_rows) return Status::InvalidArgument("outcome", "length differs from treatment");
  if (!strata.empty() && strata.size() != n_rows) {
    return Status::InvalidArgument("strata", "length differs from treatment");
  }
  std::vector<Predictor> b_predictors = {{"T", treatment}, {"M", mediator}};
  b_predictors.insert(b_predictors.end(), covariates.begin(), covariates.end());
  Result<internal::Design> design_b = internal::BuildDesign(outcome, b_predictors, true);
  if (!design_b.ok()) return design_b.status();
  Prepared prepared;
  prepared.design = std::move(*design_b);
  const internal::Design& base = prepared.design;
  const Eigen::Index n_used = base.x.rows();
  prepared.n_covariates = static_cast<Eigen::Index>(covariates.size());
  const Eigen::Index n_covariates = prepared.n_covariates;
  const Eigen::Index width = 4 + n_covariates;
  const Eigen::Index k_m = prepared.m_column(), k_y = prepared.y_column();
  internal::RowMatrix& z = prepared.z;
  z.resize(n_used, width);
  for (Eigen::Index row = 0; row < n_used; ++row) {
    z(row, 0) = 1;
    z(row, 1) = base.x(row, 1);
    for (Eigen::Index covariate = 0; covariate < n_covariates; ++covariate) {
      z(row, 2 + covariate) = base.x(row, 3 + covariate);
    }
    z(row, k_m) = base.x(row, 2);
    z(row, k_y) = base.y(row);
  }
  if (!strata.empty()) {
    prepared.strata.reserve(static_cast<size_t>(n_used));
    for (uint32_t row : base.rows) prepared.strata.push_back(strata[row]);
  }
  prepared.keys = PackedKeys(z, k_m, prepared.strata, &prepared.m_range);
  const Eigen::RowVectorXd means = z.colwise().mean();
  for (Eigen::Index column = 1; column < width; ++column) z.col(column).array() -= means(column);
  return prepared;
}

constexpr size_t kBytesPerWord = 8;

// Sum of `length` bytes from `bytes`, eight at a time (the eight bytes from
// bytes + length must be readable; those past the end are masked out).
// Adjacent bytes are paired into four 16-bit lanes (each <= 510) and the
// lanes summed by one multiply, so there is no per-byte branch.
uint32_t SumBytes(const uint8_t* bytes, size_t length) {
  constexpr uint64_t kEvenBytes = 0x00FF00FF00FF00FFULL;
  constexpr uint64_t kLaneSum = 0x0001000100010001ULL;
  uint32_t sum = 0;
  while (true) {
    uint64_t word;
    std::memcpy(&word, bytes, sizeof word);
    if (length < kBytesPerWord) word &= (uint64_t{1} << (8 * length)) - 1;
    const uint64_t pairs = (word & kEvenBytes) + ((word >> 8) & kEvenBytes);
    sum += static_cast<uint32_t>((pairs * kLaneSum) >> 48);
    if (length <= kBytesPerWord) return sum;
    bytes += kBytesPerWord;
    length -= kBytesPerWord;
  }
}

// The complete cases grouped for the bootstrap. Within each stratum the rows
// are sorted so that equal rows of Z are adjacent: a "cell" is a run of rows
// equal in every column but M, a "pattern" a run equal in all columns. A
// resample draws positions exactly as bootstrap.h does (each stratum's
// positions uniformly, with replacement; the sorting only decides which row
// sits at which position, so the bootstrap distribution is the same) and
// tallies them in one byte per position, which stays in cache. Summing the
// tallies over each pattern gives the pattern's count; per cell,
// N = sum of counts, S = sum of count * M and Q = sum of count * M^2, and
//   sum_rows count * z z' = sum_cells N x x'  (x = the cell's columns but M)
//                           with the M row and column S x and the corner Q.
// So the work per resample beyond the draws is one pass over the byte
// tallies and O(cells) arithmetic: a cohort with integer scores has a few
// thousand cells however many people it holds. With no repeated rows every
// row is its own cell and this is the plain weighted cross-product pass.
class PatternLayout {
 public:
  explicit PatternLayout(const Prepared& prepared)
      : layout_(Group(prepared)), m_column_(prepared.m_column()), width_(prepared.z.cols()) {
    const internal::RowMatrix& z = prepared.z;
    const std::span<const uint32_t> keys = prepared.keys;
    for (Eigen::Index column = 0; column < width_; ++column) {
      if (column != m_column_) cell_columns_.push_back(column);
    }
    const size_t n_positions = layout_.rows.size();
    size_t stratum = 0;
    for (size_t position = 0; position < n_positions; ++position) {
      const bool stratum_start = position == layout_.offsets[stratum];
      if (stratum_start) ++stratum;
      const Eigen::Index row = layout_.rows[position];
      bool new_cell = position == 0 || stratum_start;
      bool new_run = new_cell;
      if (!new_cell) {
        const Eigen::Index previous = layout_.rows[position - 1];
        if (!keys.empty()) {
          new_cell = keys[row] / prepared.m_range != keys[previous] / prepared.m_range;
          new_run = keys[row] != keys[previous];
        } else {
          for (Eigen::Index column : cell_columns_) {
            if (z(row, column) != z(previous, column)) {
              new_cell = true;
              break;
            }
          }
          new_run = new_cell || z(row, m_column_) != z(previous, m_column_);
        }
      }
      if (new_run) {
        if (position > 0) run_end_.push_back(static_cast<uint32_t>(position));
        if (new_cell && position > 0) cell_run_end_.push_back(static_cast<uint32_t>(run_end_.size()));
        run_m_.push_back(z(row, m_column_));
      }
      if (new_cell) {
        for (Eigen::Index column : cell_columns_) cell_x_.push_back(z(row, column));
      }
    }
    run_end_.push_back(static_cast<uint32_t>(n_positions));
    cell_run_end_.push_back(static_cast<uint32_t>(run_end_.size()));
  }

  struct Scratch {
    std::vector<uint8_t> tally;     // per position; all zero between resamples
    std::vector<size_t> wrapped;    // positions whose tally passed 255
    std::vector<uint32_t> run_count;
    std::vector<double> sums;
    std::vector<double> with_m;
  };

  Scratch MakeScratch() const {
    Scratch scratch;
    scratch.tally.assign(layout_.rows.size() + kBytesPerWord, 0);  // padded for SumBytes
    scratch.run_count.assign(run_end_.size(), 0);
    return scratch;
  }

  size_t n_cells() const { return cell_run_end_.size(); }
  size_t n_patterns() const { return run_end_.size(); }

  // Cross-product matrix of Z (all of it, symmetric) weighted by the draw
  // counts of resample `resample`.
  void CrossProducts(uint64_t seed, size_t resample, Scratch* scratch, Eigen::MatrixXd* cross) const {
    uint8_t* tally = scratch->tally.data();
    scratch->wrapped.clear();
    layout_.DrawPositions(seed, resample, [&](size_t, size_t position) {
      if (++tally[position] == 0) scratch->wrapped.push_back(position);
    });
    uint32_t* run_count = scratch->run_count.data();
    size_t start = 0;
    for (size_t run = 0; run < run_end_.size(); ++run) {
      const size_t end = run_end_[run];
      run_count[run] = SumBytes(tally + start, end - start);
      start = end;
    }
    std::fill(scratch->tally.begin(), scratch->tally.end(), uint8_t{0});
    for (size_t position : scratch->wrapped) {  // each wrap dropped 256 draws
      const auto run = static_cast<size_t>(
          std::upper_bound(run_end_.begin(), run_end_.end(), static_cast<uint32_t>(position)) - run_end_.begin());
      run_count[run] += 256;
    }

    const size_t cell_width = cell_columns_.size();
    std::vector<double>& sums = scratch->sums;  // upper triangle, row-major cell_width^2
    std::vector<double>& with_m = scratch->with_m;
    sums.assign(cell_width * cell_width, 0.0);
    with_m.assign(cell_width, 0.0);
    double m_squared = 0;
    size_t run = 0;
    const double* x = cell_x_.data();
    for (size_t cell = 0; cell < cell_run_end_.size(); ++cell, x += cell_width) {
      double n_cell = 0, s_cell = 0, q_cell = 0;
      for (; run < cell_run_end_[cell]; ++run) {
        const double count = run_count[run];
        const double m = run_m_[run];
        n_cell += count;
        s_cell += count * m;
        q_cell += count * m * m;
      }
      if (n_cell == 0) continue;
      for (size_t left = 0; left < cell_width; ++left) {
        const double weighted = n_cell * x[left];
        double* sums_row = sums.data() + left * cell_width;
        for (size_t right = left; right < cell_width; ++right) sums_row[right] += weighted * x[right];
        with_m[left] += s_cell * x[left];
      }
      m_squared += q_cell;
    }
    cross->resize(width_, width_);
    for (size_t left = 0; left < cell_width; ++left) {
      for (size_t right = left; right < cell_width; ++right) {
        const double sum = sums[left * cell_width + right];
        (*cross)(cell_columns_[left], cell_columns_[right]) = sum;
        (*cross)(cell_columns_[right], cell_columns_[left]) = sum;
      }
      (*cross)(cell_columns_[left], m_column_) = with_m[left];
      (*cross)(m_column_, cell_columns_[left]) = with_m[left];
    }
    (*cross)(m_column_, m_column_) = m_squared;
  }

  // Per complete row, how often resample `resample` draws it.
  std::vector<uint32_t> RowCounts(uint64_t seed, size_t resample) const {
    std::vector<uint32_t> counts(layout_.rows.size(), 0);
    layout_.Draw(seed, resample, [&](uint32_t row) { ++counts[row]; });
    return counts;
  }

 private:
  // Rows sorted by (stratum, every column but M in order, M, row): by the
  // packed key when there is one (a counting sort when the key range is
  // small, else a sort of key-row pairs), else by comparing values.
  static internal::StrataLayout Group(const Prepared& prepared) {
    const internal::RowMatrix& z = prepared.z;
    const Eigen::Index m_column = prepared.m_column();
    const std::span<const int> strata = prepared.strata;
    const std::span<const uint32_t> keys = prepared.keys;
    const auto n_rows = static_cast<size_t>(z.rows());
    std::vector<uint32_t> rows(n_rows);
    if (!keys.empty()) {
      const uint32_t max_key = *std::max_element(keys.begin(), keys.end());
      if (max_key <= std::max<size_t>(4 * n_rows, 1 << 16)) {
        std::vector<uint32_t> starts(static_cast<size_t>(max_key) + 2, 0);
        for (uint32_t key : keys) ++starts[key + 1];
        std::partial_sum(starts.begin(), starts.end(), starts.begin());
        for (size_t row = 0; row < n_rows; ++row) rows[starts[keys[row]]++] = static_cast<uint32_t>(row);
      } else {
        std::vector<uint64_t> pairs(n_rows);
        for (size_t row = 0; row < n_rows; ++row) pairs[row] = (uint64_t{keys[row]} << 32) | row;
        std::sort(pairs.begin(), pairs.end());
        for (size_t position = 0; position < n_rows; ++position) rows[position] = static_cast<uint32_t>(pairs[position]);
      }
    } else {
      std::iota(rows.begin(), rows.end(), uint32_t{0});
      const Eigen::Index width = z.cols();
      std::sort(rows.begin(), rows.end(), [&](uint32_t left, uint32_t right) {
        if (!strata.empty() && strata[left] != strata[right]) return strata[left] < strata[right];
        for (Eigen::Index column = 1; column < width; ++column) {
          if (column == m_column) continue;
          if (z(left, column) != z(right, column)) return z(left, column) < z(right, column);
        }
        if (z(left, m_column) != z(right, m_column)) return z(left, m_column) < z(right, m_column);
        return left < right;
      });
    }
    std::vector<size_t> offsets = {0};
    for (size_t position = 1; position < n_rows; ++position) {
      if (!strata.empty() && strata[rows[position]] != strata[rows[position - 1]]) offsets.push_back(position);
    }
    offsets.push_back(n_rows);
    return internal::StrataLayout(std::move(rows), std::move(offsets));
  }

  internal::StrataLayout layout_;
  Eigen::Index m_column_;
  Eigen::Index width_;
  std::vector<Eigen::Index> cell_columns_;  // Z columns but M, in order
  std::vector<uint32_t> run_end_;           // one past each pattern's last position
  std::vector<double> run_m_;               // each pattern's (centred) M
  std::vector<uint32_t> cell_run_end_;      // one past each cell's last pattern
  std::vector<double> cell_x_;              // each cell's columns but M
};

}  // namespace

namespace internal {

Result<std::vector<uint32_t>> MediationResampleCounts(std::span<const double> treatment,
                                                      std::span<const double> mediator,
                                                      std::span<const double> outcome,
                                                      std::span<const Predictor> covariates,
                                                      std::span<const int> strata, uint64_t seed,
                                                      size_t resample) {
  Result<Prepared> prepared = Prepare(treatment, mediator, outcome, covariates, strata);
  if (!prepared.ok()) return prepared.status();
  const PatternLayout layout(*prepared);
  const std::vector<uint32_t> complete = layout.RowCounts(seed, resample);
  std::vector<uint32_t> counts(treatment.size(), 0);
  for (size_t row = 0; row < complete.size(); ++row) counts[prepared->design.rows[row]] = complete[row];
  return counts;
}

}  // namespace internal

Result<MediationResult> Mediate(std::span<const double> treatment,
                                std::span<const double> mediator,
                                std::span<const double> outcome,
                                std::span<const Predictor> covariates,
                                const BootstrapSettings& bootstrap,
                                std::span<const int> strata) {
  Result<Prepared> prepared = Prepare(treatment, mediator, outcome, covariates, strata);
  if (!prepared.ok()) return prepared.status();
  const internal::RowMatrix& z = prepared->z;
  const Eigen::Index n_used = z.rows();
  const Eigen::Index n_covariates = prepared->n_covariates;
  const Eigen::Index k_m = prepared->m_column(), k_y = prepared->y_column();

  std::vector<Eigen::Index> columns_a = {0, 1};
  for (Eigen::Index covariate = 0; covariate < n_covariates; ++covariate) columns_a.push_back(2 + covariate);
  std::vector<Eigen::Index> columns_b = columns_a;
  columns_b.push_back(k_m);
  const std::vector<Eigen::Index>& columns_total = columns_a;

  // Effects from a (weighted) cross-product matrix: indirect, direct, total.
  auto effects = [&](const Eigen::MatrixXd& cross, std::span<double> out, double* total_check) {
    Eigen::VectorXd beta_a, beta_b;
    if (!SolveFromCrossProducts(cross, columns_a, k_m, &beta_a) ||
        !SolveFromCrossProducts(cross, columns_b, k_y, &beta_b)) {
      out[0] = out[1] = out[2] = std::nan("");
      return;
    }
    const double a = beta_a(1);
    const double b = beta_b(static_cast<Eigen::Index>(columns_b.size()) - 1);
    const double direct = beta_b(1);
    out[0] = a * b;
    out[1] = direct;
    out[2] = direct + a * b;
    if (total_check != nullptr) {
      Eigen::VectorXd beta_total;
      *total_check = SolveFromCrossProducts(cross, columns_total, k_y, &beta_total) ? beta_total(1)
                                                                                  : std::nan("");
    }
  };

  Eigen::MatrixXd full = z.transpose() * z;
  double point[3];
  MediationResult result;
  effects(full, point, &result.total_check);
  if (std::isnan(point[0])) {
    return Status::InvalidArgument("predictors", "design matrix is singular (collinear or constant columns)");
  }
  {
    Eigen::VectorXd beta_a;
    SolveFromCrossProducts(full, columns_a, k_m, &beta_a);
    result.a = beta_a(1);
    Eigen::VectorXd beta_b;
    SolveFromCrossProducts(full, columns_b, k_y, &beta_b);
    result.b = beta_b(static_cast<Eigen::Index>(columns_b.size()) - 1);
  }

  BootstrapMatrix& replicates = result.replicates;
  replicates.n_resamples = bootstrap.n_resamples;
  replicates.n_statistics = 3;
  replicates.values.assign(bootstrap.n_resamples * 3, std::nan(""));
  if (bootstrap.n_resamples > 0) {
    const PatternLayout layout(*prepared);
    std::vector<PatternLayout::Scratch> scratch(internal::WorkerCount(bootstrap.n_resamples, bootstrap.threads));
    for (PatternLayout::Scratch& space : scratch) space = layout.MakeScratch();
    internal::RunResamples(bootstrap.n_resamples, bootstrap.threads, [&](size_t worker, size_t resample) {
      Eigen::MatrixXd cross;
      layout.CrossProducts(bootstrap.seed, resample, &scratch[worker], &cross);
      effects(cross, std::span<double>(replicates.values.data() + resample * 3, 3), nullptr);
    });
  }

  MediationEffect* targets[3] = {&result.indirect, &result.direct, &result.total};
  for (size_t effect = 0; effect < 3; ++effect) {
    targets[effect]->estimate = point[effect];
    const PercentileInterval interval =
        PercentileCi(replicates.Column(effect), bootstrap.confidence_level);
    targets[effect]->ci_lower = interval.lower;
    targets[effect]->ci_upper = interval.upper;
    if (effect == 0) result.n_failed_resamples = interval.n_invalid;
  }
  result.proportion_mediated = point[2] != 0 ? point[0] / point[2] : std::nan("");
  result.n_used = static_cast<size_t>(n_used);
  result.n_missing = treatment.size() - static_cast<size_t>(n_used);
  result.n_resamples = bootstrap.n_resamples;
  result.confidence_level = bootstrap.confidence_level;
  return result;
}

}  // namespace alongside::stats
