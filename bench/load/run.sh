#!/usr/bin/env bash
# Load (see bench/RESULTS.md, "Load: 100 clients with slow and oversized
# clients mixed in"): CLIENTS normal clients for DURATION seconds against the
# 100,000-person program, each signed in as one of PEERS peer workers and
# mixing reads (person page, today page, contact list, a person through the
# API) with writes (recording contacts, adding goals); then the same again
# with SLOW slow clients (from 127.0.0.2, one header line every few seconds)
# and OVERSIZED clients posting 8 MiB bodies (from 127.0.0.3, half with
# Content-Length, half chunked) mixed in. Reports errors and p50/p99 per kind
# for both runs, and the normal clients' p99 in the mixed run over the
# baseline's (the requirement: at most 2). Exits 1 when a normal client saw
# an error or the ratio is above 2.
#
#   bench/synth/run.sh    # once: /tmp/alongside-bench-100k.db
#   bench/load/run.sh
#
# Environment (defaults in brackets):
#   ALONGSIDE_BIN  [build-bench/src/cli/alongside]   Release build
#   LOAD_BIN       [build-bench/bench/load/load_client]
#   BASE_DB        [/tmp/alongside-bench-100k.db]    copied to WORK_DB, never written
#   WORK_DB        [/tmp/alongside-load-run.db]      removed at the end unless KEEP=1
#   CLIENTS [100]  DURATION [60] (seconds per run)  PEERS [100]
#   SLOW [50]  SLOW_INTERVAL_MS [3000]
#   OVERSIZED [8]  OVERSIZED_PAUSE_MS [200]  PORT [18180]
#   SERVER_THREADS [32]  the server's default worker pool (alongside serve --threads)
# Loopback only; each run is bounded by DURATION plus a few, every socket
# operation by a 10 s timeout; the server is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

ALONGSIDE_BIN=${ALONGSIDE_BIN:-build-bench/src/cli/alongside}
LOAD_BIN=${LOAD_BIN:-build-bench/bench/load/load_client}
BASE_DB=${BASE_DB:-/tmp/alongside-bench-100k.db}
WORK_DB=${WORK_DB:-/tmp/alongside-load-run.db}
CLIENTS=${CLIENTS:-100}
SECONDS_PER_RUN=${DURATION:-60}
PEERS=${PEERS:-100}
SLOW=${SLOW:-50}
SLOW_INTERVAL_MS=${SLOW_INTERVAL_MS:-3000}
OVERSIZED=${OVERSIZED:-8}
OVERSIZED_PAUSE_MS=${OVERSIZED_PAUSE_MS:-200}
SERVER_THREADS=${SERVER_THREADS:-32}
PORT=${PORT:-18180}
KEEP=${KEEP:-}

for needed in "$ALONGSIDE_BIN" "$LOAD_BIN" "$BASE_DB" "$BASE_DB.accounts.csv"; do
  [[ -e "$needed" ]] || { echo "run.sh: $needed is missing (see the header)" >&2; exit 1; }
done

work=$(mktemp -d)
server=""
stop_server() {
  [[ -n "$server" ]] || return 0
  kill -TERM "$server" 2>/dev/null || true
  for _ in $(seq 1 300); do
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}
cleanup() {
  stop_server
  [[ -n "$KEEP" ]] || rm -f "$WORK_DB" "$WORK_DB-wal" "$WORK_DB-shm" "$WORK_DB.accounts.csv"
  rm -rf "$work"
}
trap cleanup EXIT

start_server() {
  "$ALONGSIDE_BIN" serve --db "$WORK_DB" --port "$PORT" --threads "$SERVER_THREADS" \
    >>"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do
    curl -s -m 2 -o /dev/null "http://127.0.0.1:$PORT/" && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  echo "run.sh: the server did not start:" >&2
  tail -n 20 "$work/serve.log" >&2
  exit 1
}

rm -f "$WORK_DB" "$WORK_DB-wal" "$WORK_DB-shm"
cp "$BASE_DB" "$WORK_DB"
cp "$BASE_DB.accounts.csv" "$WORK_DB.accounts.csv"
# A fresh copy has dirty pages in the page cache: flush them before measuring.
sync "$WORK_DB"

echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (with uncommitted changes in src/)')"
echo "server: $ALONGSIDE_BIN serve --threads $SERVER_THREADS; $CLIENTS clients, $PEERS peers, ${SECONDS_PER_RUN} s per run"

start_server
python3 bench/http/prepare.py "http://127.0.0.1:$PORT" "$WORK_DB.accounts.csv" "$PEERS" \
  "$work/sessions.tsv"

# The kernel's count of connections dropped because a listen queue was full
# (machine-wide: other people's servers count too).
listen_overflows() {
  awk '/^TcpExt:/ { if (!names) { split($0, names_row); names = 1 } else {
         for (i = 2; i <= NF; i++) if (names_row[i] == "ListenOverflows") print $i } }' \
    /proc/net/netstat
}

# run LABEL [load_client flags...]: one bounded run on a freshly started server.
run() {
  local label=$1
  shift
  [[ -n "$server" ]] || start_server
  echo
  echo "== $label (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
  local overflows_before
  overflows_before=$(listen_overflows)
  timeout --signal=TERM --kill-after=10 $((SECONDS_PER_RUN + 60)) "$LOAD_BIN" --port "$PORT" \
    --sessions "$work/sessions.tsv" --clients "$CLIENTS" --seconds "$SECONDS_PER_RUN" \
    --label "$label" "$@" | tee "$work/$label.txt"
  echo "(load after: $(cut -d' ' -f1-3 /proc/loadavg); listen queue overflows during the run:" \
    "$(($(listen_overflows) - overflows_before)), machine-wide)"
  stop_server
}

run baseline
run mixed --slow "$SLOW" --slow-interval-ms "$SLOW_INTERVAL_MS" --oversized "$OVERSIZED" \
  --oversized-pause-ms "$OVERSIZED_PAUSE_MS"

field() { sed -n "s/^RESULT $1 .*$2=\([^ ]*\).*/\1/p" "$work/$1.txt"; }
base_p99=$(field baseline p99_ms)
mixed_p99=$(field mixed p99_ms)
base_errors=$(field baseline errors)
mixed_errors=$(field mixed errors)
ratio=$(awk -v a="$mixed_p99" -v b="$base_p99" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
echo
echo "normal clients' p99: baseline $base_p99 ms, mixed $mixed_p99 ms, ratio $ratio (requirement: at most 2)"
echo "normal clients' errors: baseline $base_errors, mixed $mixed_errors (requirement: 0)"
echo "audit chain: $("$ALONGSIDE_BIN" audit verify --db "$WORK_DB" 2>&1 | tail -n1)"
if [[ "$base_errors" != 0 || "$mixed_errors" != 0 ]] ||
   awk -v r="$ratio" 'BEGIN { exit !(r > 2) }'; then
  echo "result: requirement NOT met"
  exit 1
fi
echo "result: requirement met"
