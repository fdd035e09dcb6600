#!/usr/bin/env bash
# The second README command (and what CI runs): install, build, run every test.
#   1. every test under AddressSanitizer + UndefinedBehaviorSanitizer (Debug);
#   2. the concurrency tests (group commit, the server, sign-in races, slow
#      clients) under ThreadSanitizer;
#   3. a short run of each libFuzzer target over its committed corpus;
#   4. the Release-style build and every test, ending with ctest's summary,
#      with a throwaway PostgreSQL cluster (scripts/with-postgres.sh) so that
#      the suites that run on both backends (the store contract, durability,
#      two servers on one database, and the "pg." copies of the API, pages,
#      policy-matrix, hostile-input and use-case suites) run on PostgreSQL too.
#      Stages 1-3 run SQLite's suites; their PostgreSQL copies skip there.
# Every build treats a compiler warning as an error.
#
# Disk: the builds carry line tables only (-g1: enough for every sanitizer's
# and gdb's backtrace with file and line), and each of stages 1-3 removes its
# build directory once its tests pass (set ALONGSIDE_KEEP_BUILDS=1 to keep
# them), so the run needs about 5 GB free at its peak rather than 12.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/install-deps.sh"
jobs="$(nproc)"

# Prints the free space where the builds go, so a full disk is seen for what
# it is.
free_space() { echo "-- disk: $(df -h --output=avail "$root" | tail -1 | tr -d ' ') free ($1)"; }
# Removes a sanitizer or fuzz build once its stage has passed.
done_with() {
  if [ "${ALONGSIDE_KEEP_BUILDS:-0}" != 1 ]; then rm -rf "$1"; fi
  free_space "after $(basename "$1")"
}
line_tables_debug=(-DCMAKE_CXX_FLAGS_DEBUG=-g1 -DCMAKE_C_FLAGS_DEBUG=-g1)
line_tables_release=("-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG"
  "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")
free_space "at the start"

echo "== ASan + UBSan build: every test"
BUILD_TYPE=Debug bash "$root/scripts/build.sh" "$root/build-asan" -DALONGSIDE_SANITIZE=ON \
  -DALONGSIDE_WERROR=ON "${line_tables_debug[@]}"
(cd "$root/build-asan" &&
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -j "$jobs" --timeout 900)
done_with "$root/build-asan"

echo "== ThreadSanitizer build: the concurrency tests"
BUILD_TYPE=Debug TARGETS="group_commit_test server_test api_test" \
  bash "$root/scripts/build.sh" "$root/build-tsan" -DALONGSIDE_TSAN=ON -DALONGSIDE_WERROR=ON \
  "${line_tables_debug[@]}"
(cd "$root/build-tsan" &&
  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/tests/sanitizers/tsan.supp" \
  ctest --output-on-failure -j "$jobs" --timeout 900 \
    -R '^(SqliteGroupCommitTest|ServerTest|HardeningTest|SlowClientTest|ApiTest)\.')
done_with "$root/build-tsan"

echo "== libFuzzer: a short run of every target"
bash "$root/scripts/fuzz.sh" --seconds 10 "$root/build-fuzz"
done_with "$root/build-fuzz"

echo "== build and every test"
bash "$root/scripts/build.sh" "$root/build" -DALONGSIDE_WERROR=ON "${line_tables_release[@]}"
free_space "after the build"
cd "$root/build"
bash "$root/scripts/with-postgres.sh" ctest --output-on-failure -j "$jobs" --timeout 900
