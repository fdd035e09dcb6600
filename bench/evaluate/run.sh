#!/bin/sh
# Benchmark: `alongside evaluate --design readmission` vs the same steps in R
# on a 1,000,000-person synthetic cohort. Prints a per-step table, the
# end-to-end ratio, peak memory, and checks that the estimates agree.
# Usage: bench/evaluate/run.sh [PEOPLE] [RESAMPLES]
#   ALONGSIDE_BIN  the alongside binary (default build-eval/release/src/cli/alongside,
#                  built with -DCMAKE_BUILD_TYPE=Release)
#   WORK           scratch directory (default /tmp/alongside_bench_evaluate)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
people=${1:-1000000}
resamples=${2:-1000}
bin=${ALONGSIDE_BIN:-$root/build-eval/release/src/cli/alongside}
work=${WORK:-/tmp/alongside_bench_evaluate}
mkdir -p "$work"
cohort="$work/cohort_$people.csv"

peak_kib() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }
wall_s() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" |
  awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }'; }

echo "== machine"
echo "nproc: $(nproc)"
echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "R: $(Rscript --version 2>&1 | head -1); survival $(Rscript -e 'cat(format(packageVersion("survival")))')"
echo "compiler: $(${CXX:-c++} --version | head -1)"
echo "alongside: $("$bin" --version)"

echo "== synth-cohort ($people people)"
/usr/bin/time -v "$bin" synth-cohort --people "$people" --seed 1 --out "$cohort" 2>"$work/synth.time"
echo "wrote $(wc -c <"$cohort") bytes in $(wall_s "$work/synth.time") s"

echo "== alongside evaluate (full design, $resamples resamples, 2 threads)"
rm -rf "$work/alongside_out"
/usr/bin/time -v "$bin" evaluate --design readmission --cohort "$cohort" --out "$work/alongside_out" \
  --bootstrap "$resamples" --seed 1 --threads 2 2>"$work/alongside.time"
echo "== alongside evaluate (same steps as R: no mediation bootstrap)"
rm -rf "$work/alongside_same"
/usr/bin/time -v "$bin" evaluate --design readmission --cohort "$cohort" --out "$work/alongside_same" \
  --bootstrap "$resamples" --mediation-bootstrap 0 --seed 1 --threads 2 2>"$work/alongside_same.time"
echo "== R (same steps as readmission.R)"
/usr/bin/time -v Rscript "$root/bench/evaluate/readmission.R" "$cohort" "$work/r_out" "$resamples" 2>"$work/r.time"

echo "== per step (seconds)"
Rscript -e '
  args <- commandArgs(trailingOnly = TRUE)
  txt <- paste(readLines(args[1]), collapse = "\n")
  steps <- regmatches(txt, gregexpr("\"seconds\": [0-9.e+-]+,\\s*\"step\": \"[^\"]+\"", txt))[[1]]
  ours <- data.frame(step = sub(".*\"step\": \"([^\"]+)\"", "\\1", steps),
                     seconds = as.numeric(sub("\"seconds\": ([0-9.e+-]+),.*", "\\1", steps)))
  r <- read.csv(args[2])
  same <- merge(r, ours, by = "step", all = TRUE, suffixes = c("_r", "_alongside"), sort = FALSE)
  same$ratio <- same$seconds_r / same$seconds_alongside
  same <- same[order(is.na(same$seconds_r)), ]
  fmt <- function(x) ifelse(is.na(x), "-", sprintf("%.3f", x))
  cat(sprintf("| %-48s | %10s | %10s | %8s |\n", "step", "R", "alongside", "ratio"))
  for (i in seq_len(nrow(same))) cat(sprintf("| %-48s | %10s | %10s | %8s |\n", same$step[i],
      fmt(same$seconds_r[i]), fmt(same$seconds_alongside[i]), ifelse(is.na(same$ratio[i]), "-", sprintf("%.1f", same$ratio[i]))))
  both <- !is.na(same$seconds_r) & !is.na(same$seconds_alongside)
  cat(sprintf("same steps: R %.2f s, alongside %.3f s, ratio %.1f\n", sum(same$seconds_r[both]),
      sum(same$seconds_alongside[both]), sum(same$seconds_r[both]) / sum(same$seconds_alongside[both])))
' "$work/alongside_out/manifest.json" "$work/r_out/timings_r.csv"
a_wall=$(wall_s "$work/alongside.time"); s_wall=$(wall_s "$work/alongside_same.time"); r_wall=$(wall_s "$work/r.time")
echo "end to end (process wall clock): R $r_wall s; alongside same steps $s_wall s (ratio $(echo "$r_wall $s_wall" | awk '{printf "%.1f", $1 / $2}')); alongside full design with mediation bootstrap $a_wall s (ratio $(echo "$r_wall $a_wall" | awk '{printf "%.1f", $1 / $2}'))"
echo "peak RSS: alongside full $(peak_kib "$work/alongside.time") KiB, same steps $(peak_kib "$work/alongside_same.time") KiB, R $(peak_kib "$work/r.time") KiB"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== estimates agree?"
Rscript "$root/bench/evaluate/compare.R" "$work/r_out/estimates_r.csv" "$work/alongside_out/estimates.csv"
