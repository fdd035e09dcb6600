#!/usr/bin/env bash
# Daily practice over HTTP: recording contacts and reading a peer's pages on
# a 100,000-person program, against a bare cpp-httplib handler measured in
# the same run (see bench/RESULTS.md, "Daily practice over HTTP").
#
#   bench/http/run.sh
#
# Environment (defaults in brackets):
#   ALONGSIDE_BIN  [build-bench/src/cli/alongside]   Release build
#   BARE_BIN       [build-bench/bench/http/bare_http_server]
#   DB             [/tmp/alongside-bench-100k.db]   made by bench/synth/run.sh;
#                  the run records contacts into it (work on a copy to keep it)
#   DURATION       [10s] per measurement; CONNECTIONS [32]; WRK_THREADS [2]
#   LIGHT_CONNECTIONS [4] the pages are measured again at this concurrency
#   SERVER_THREADS [32] worker threads of both servers
# Loopback only; every load is bounded by DURATION and a 5 s request timeout.
set -euo pipefail
cd "$(dirname "$0")/../.."

ALONGSIDE_BIN=${ALONGSIDE_BIN:-build-bench/src/cli/alongside}
BARE_BIN=${BARE_BIN:-build-bench/bench/http/bare_http_server}
DB=${DB:-/tmp/alongside-bench-100k.db}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
LIGHT_CONNECTIONS=${LIGHT_CONNECTIONS:-4}
WRK_THREADS=${WRK_THREADS:-2}
SERVER_THREADS=${SERVER_THREADS:-32}
APP_PORT=${APP_PORT:-18080}
BARE_PORT=${BARE_PORT:-18090}

for needed in "$ALONGSIDE_BIN" "$BARE_BIN" "$DB" "$DB.accounts.csv"; do
  [[ -e "$needed" ]] || { echo "run.sh: $needed is missing (see the header)" >&2; exit 1; }
done

# A freshly copied database still has dirty pages in the page cache; the
# first fsync would wait for all of them. Flush them before measuring.
sync "$DB"

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

wait_for_port() {
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
    sleep 0.1
  done
  echo "run.sh: nothing listens on port $1" >&2
  exit 1
}

"$BARE_BIN" --port "$BARE_PORT" --threads "$SERVER_THREADS" >"$work/bare.log" 2>&1 &
pids+=($!)
"$ALONGSIDE_BIN" serve --db "$DB" --port "$APP_PORT" --threads "$SERVER_THREADS" \
  >"$work/serve.log" 2>&1 &
pids+=($!)
wait_for_port "$BARE_PORT"
wait_for_port "$APP_PORT"

python3 bench/http/prepare.py "http://127.0.0.1:$APP_PORT" "$DB.accounts.csv" "$CONNECTIONS" \
  "$work/sessions.tsv"
contacts_before=$(sqlite3 "file:$DB?mode=ro" "SELECT count(*) FROM contacts")

echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION, servers with $SERVER_THREADS threads"

# measure LABEL PORT MODE [CONNECTIONS]: one bounded wrk run; prints
# requests/s, p50, p99, errors.
measure() {
  local label=$1 port=$2 mode=$3 connections=${4:-$CONNECTIONS}
  local out="$work/$1-$3-$connections.txt" threads=$WRK_THREADS
  ((threads > connections)) && threads=$connections
  BENCH_MODE=$mode BENCH_SESSIONS="$work/sessions.tsv" BENCH_WRK_THREADS=$threads \
    wrk -t"$threads" -c"$connections" -d"$DURATION" --timeout 5s --latency \
    -s bench/http/peers.lua "http://127.0.0.1:$port" >"$out"
  local rate p50 p99 bad
  rate=$(awk '/^Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  bad=$(awk '/Non-2xx/ {print $NF}' "$out")
  printf '%-10s %-7s c%-3s %10s req/s  p50 %9s  p99 %9s  non-2xx %s  (load %s)\n' "$label" "$mode" \
    "$connections" "$rate" "$p50" "$p99" "${bad:-0}" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

for mode in record today person; do
  measure bare "$BARE_PORT" "$mode"
  measure alongside "$APP_PORT" "$mode"
done
for mode in today person; do
  measure bare "$BARE_PORT" "$mode" "$LIGHT_CONNECTIONS"
  measure alongside "$APP_PORT" "$mode" "$LIGHT_CONNECTIONS"
done

contacts_after=$(sqlite3 "file:$DB?mode=ro" "SELECT count(*) FROM contacts")
echo "contacts in the database: $contacts_before before, $contacts_after after" \
  "($((contacts_after - contacts_before)) recorded)"
for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
pids=()
echo "audit chain: $("$ALONGSIDE_BIN" audit verify --db "$DB" 2>&1 | tail -n1)"
