#!/usr/bin/env bash
# The long fuzzing run (see bench/RESULTS.md, "Fuzzing"): every libFuzzer
# target of tests/fuzz for SECONDS each (default 600, ten minutes), through
# scripts/fuzz.sh, then the results as the rows of the table in RESULTS.md.
#
#   bench/fuzz/run.sh [--seconds N] [BUILD_DIR]     (BUILD_DIR: build-fuzz)
#
# Environment: SECONDS_PER_TARGET [600] when --seconds is not given.
# What each target grew is left in BUILD_DIR/fuzz-work/<target>/corpus
# (docs/fuzzing.md says how to keep new seeds); a crash is left in
# BUILD_DIR/fuzz-artifacts/ and makes this script exit non-zero.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${SECONDS_PER_TARGET:-600}"
build_dir="build-fuzz"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
    --seconds=*) seconds="${1#--seconds=}"; shift ;;
    *) build_dir="$1"; shift ;;
  esac
done

echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
  "$(. /etc/os-release && echo "$PRETTY_NAME"), $(clang++ --version | head -1)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
summary="$(mktemp)"
trap 'rm -f "$summary"' EXIT
status=0
bash scripts/fuzz.sh --seconds "$seconds" "$build_dir" | tee "$summary" || status=$?
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# "fuzz: <target>: ok, <s> s, <runs> runs (<per s>/s), cov: <cov> ft: <ft>, corpus <a> -> <b>"
echo
echo "| target | seconds | executions | exec/s | cov | ft | corpus (seeds -> end) | crashes |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
sed -nE 's/^fuzz: ([a-z_]+): ok, ([0-9]+) s, ([0-9]+) runs \(([0-9]+)\/s\), cov: ([0-9]+) ft: ([0-9]+), corpus ([0-9]+) -> ([0-9]+)$/| \1 | \2 | \3 | \4 | \5 | \6 | \7 -> \8 | 0 |/p' "$summary"
sed -nE 's/^fuzz: ([a-z_]+): FAILED .*$/| \1 | - | - | - | - | - | - | 1 (see above) |/p' "$summary"
exit "$status"
