#!/usr/bin/env bash
# The second README command (and what CI runs): install, build, run every test
# with ctest; then build again with AddressSanitizer + UndefinedBehaviorSanitizer
# and run the unit tests under them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/install-deps.sh"

echo "== sanitizer build (ASan + UBSan): unit tests"
BUILD_TYPE=Debug bash "$root/scripts/build.sh" "$root/build-asan" -DALONGSIDE_SANITIZE=ON
(cd "$root/build-asan" &&
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest -L unit --output-on-failure -j "$(nproc)" --timeout 300)

echo "== build and every test"
bash "$root/scripts/build.sh" "$root/build"
cd "$root/build"
ctest --output-on-failure -j "$(nproc)" --timeout 600
