#!/usr/bin/env bash
# Crash rounds (see bench/RESULTS.md, "Crash rounds"): ROUNDS times, start
# `alongside serve`, let WRITERS API writers record contacts, goals and
# annotations, SIGKILL the server 0.2-2 s in, restart it and check that every
# write it acknowledged with 201 is there (through the API and in the file),
# that PRAGMA integrity_check is ok and that `alongside audit verify` finds
# the chain intact. Exits non-zero if a write was lost or a check failed.
#
#   bench/crash/run.sh
#
# Environment (defaults in brackets):
#   BUILD_DIR      [build-bench]  a build with the crash_rounds and alongside targets
#   ALONGSIDE_BIN  [$BUILD_DIR/src/cli/alongside]
#   CRASH_BIN      [$BUILD_DIR/tests/integration/crash_rounds]
#   ROUNDS [100]  WRITERS [8]  MIN_KILL_MS [200]  MAX_KILL_MS [2000]  SEED [random]
#   BASE_DB        [/tmp/alongside-crash-base.db] made with `alongside synth --people
#                  $PEOPLE [2000] --accounts $ACCOUNTS [1000]` when missing; never
#                  written: the rounds work on a copy of it
#   TIME_LIMIT     [3600] seconds for the whole run (then it is stopped and fails)
#   KEEP_DIR       [] keep the copy and the server log there (default: removed)
# Loopback only; every process started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

BUILD_DIR=${BUILD_DIR:-build-bench}
ALONGSIDE_BIN=${ALONGSIDE_BIN:-$BUILD_DIR/src/cli/alongside}
CRASH_BIN=${CRASH_BIN:-$BUILD_DIR/tests/integration/crash_rounds}
ROUNDS=${ROUNDS:-100}
WRITERS=${WRITERS:-8}
MIN_KILL_MS=${MIN_KILL_MS:-200}
MAX_KILL_MS=${MAX_KILL_MS:-2000}
BASE_DB=${BASE_DB:-/tmp/alongside-crash-base.db}
PEOPLE=${PEOPLE:-2000}
ACCOUNTS=${ACCOUNTS:-1000}
TIME_LIMIT=${TIME_LIMIT:-3600}
KEEP_DIR=${KEEP_DIR:-}

for needed in "$ALONGSIDE_BIN" "$CRASH_BIN"; do
  [[ -x "$needed" ]] || {
    echo "run.sh: $needed is missing: cmake --build $BUILD_DIR -j2 --target alongside crash_rounds" >&2
    exit 1
  }
done

work=$(mktemp -d)
driver=""
cleanup() {
  # The driver's servers die with it (PR_SET_PDEATHSIG).
  if [[ -n "$driver" ]]; then
    kill -TERM "$driver" 2>/dev/null || true
    wait "$driver" 2>/dev/null || true
  fi
  if [[ -n "$KEEP_DIR" ]]; then
    mkdir -p "$KEEP_DIR"
    cp -a "$work"/. "$KEEP_DIR"/ 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [[ ! -e "$BASE_DB" ]]; then
  echo "making $BASE_DB ($PEOPLE people, $ACCOUNTS with sign-ins)"
  "$ALONGSIDE_BIN" synth --db "$BASE_DB" --people "$PEOPLE" --accounts "$ACCOUNTS" >/dev/null
fi
cp "$BASE_DB" "$work/crash.db"
cp "$BASE_DB.accounts.csv" "$work/crash.db.accounts.csv"
sync "$work/crash.db"

echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (with uncommitted changes in src/)')"
echo "database: a copy of $BASE_DB ($(du -h "$work/crash.db" | cut -f1))"
seed_flag=()
[[ -n "${SEED:-}" ]] && seed_flag=(--seed "$SEED")
timeout --signal=TERM --kill-after=30 "$TIME_LIMIT" "$CRASH_BIN" \
  --alongside "$ALONGSIDE_BIN" --db "$work/crash.db" --server-log "$work/serve.log" \
  --rounds "$ROUNDS" --writers "$WRITERS" --min-kill-ms "$MIN_KILL_MS" --max-kill-ms "$MAX_KILL_MS" \
  "${seed_flag[@]}" &
driver=$!
status=0
wait "$driver" || status=$?
driver=""
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
