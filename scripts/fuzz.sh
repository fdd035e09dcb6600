#!/usr/bin/env bash
# fuzz.sh [--seconds N] [BUILD_DIR]: builds the libFuzzer targets of
# tests/fuzz (clang, -DALONGSIDE_FUZZ=ON, warnings as errors) in BUILD_DIR
# (default build-fuzz) and runs each for N seconds (default 10) over a copy
# of its committed corpus (tests/fuzz/corpus/<target>/, copied to
# BUILD_DIR/fuzz-work/<target>/, so a run never rewrites the repository).
# Prints one line per target; exits non-zero when any target crashes, leaks,
# breaks an invariant, hangs or runs out of memory, and leaves the input that
# did it in BUILD_DIR/fuzz-artifacts/. See docs/fuzzing.md. Installs
# nothing: clang and libFuzzer come from scripts/install-deps.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

seconds=10
build_dir="$root/build-fuzz"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds)
      seconds="${2:?--seconds needs a number}"
      shift 2
      ;;
    --seconds=*)
      seconds="${1#--seconds=}"
      shift
      ;;
    -h | --help)
      sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      build_dir="$1"
      shift
      ;;
  esac
done
case "$seconds" in
  '' | *[!0-9]*) echo "fuzz.sh: --seconds wants a whole number, got '$seconds'" >&2; exit 2 ;;
esac
case "$build_dir" in /*) ;; *) build_dir="$PWD/$build_dir" ;; esac

# target:max_len:dictionary (in tests/fuzz; "-" for none). max_len is a
# little above the largest real input of its kind (data files are about
# 2 KB, request bodies and forms a few KB; a note's text is at most 20,000
# bytes, and the review's input goes past that to reach its limit).
targets=(
  json_body_fuzz:8192:json.dict
  form_query_fuzz:4096:form.dict
  time_text_fuzz:64:-
  cohort_csv_fuzz:8192:csv.dict
  data_file_fuzz:8192:json.dict
  rules_load_fuzz:8192:json.dict
  language_review_fuzz:24576:-
  note_completeness_fuzz:24576:-
)

command -v clang++ >/dev/null || {
  echo "fuzz.sh: clang++ not found; run scripts/install-deps.sh" >&2
  exit 1
}
echo "== configure and build the fuzz targets in $build_dir"
CC=clang CXX=clang++ cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DALONGSIDE_FUZZ=ON -DALONGSIDE_WERROR=ON -DALONGSIDE_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" -j "$(nproc)" --target fuzzers

fuzz_dir="$root/tests/fuzz"
work="$build_dir/fuzz-work"
artifacts="$build_dir/fuzz-artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

echo "== run each target for $seconds s"
failed=0
for entry in "${targets[@]}"; do
  IFS=: read -r target max_len dict <<<"$entry"
  rm -rf "${work:?}/$target"
  mkdir -p "$work/$target/corpus"
  cp "$fuzz_dir/corpus/$target/"* "$work/$target/corpus/"
  seeds=$(find "$work/$target/corpus" -type f | wc -l)
  dict_flag=()
  [ "$dict" != "-" ] && dict_flag=("-dict=$fuzz_dir/$dict")
  log="$work/$target/log.txt"
  status=0
  # The outer timeout only guards against libFuzzer itself wedging.
  timeout --signal=KILL $((seconds + 300)) "$build_dir/tests/fuzz/$target" \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "${dict_flag[@]}" \
    "$work/$target/corpus" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  per_second=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
  corpus=$(find "$work/$target/corpus" -type f | wc -l)
  if [ "$status" -eq 0 ]; then
    echo "fuzz: $target: ok, $seconds s, ${runs:-?} runs (${per_second:-?}/s)," \
      "${coverage:-cov: ? ft: ?}, corpus $seeds -> $corpus"
  else
    failed=1
    echo "fuzz: $target: FAILED (exit $status) after ${runs:-?} runs, ${coverage:-cov: ? ft: ?};" \
      "input in $artifacts/$target-*, log $log"
    grep -E 'ERROR|SUMMARY|invariant broken|Test unit written|^    #[0-9]' "$log" | head -20 | sed 's/^/  /'
  fi
done
exit "$failed"
