#!/usr/bin/env bash
# Page load on the 100,000-person program (see bench/RESULTS.md, "Pages on
# the 100,000-person program: /today and /supervision"): CLIENTS concurrent
# clients, each signed in as its own staff member on its own keep-alive
# connection, load /today (peer specialists) and /supervision (senior peer
# and clinical supervisors, alternating), a supervisee's page and /program
# (the program manager) for DURATION seconds each; GET
# /healthz is measured the same way in the same run as the reference (the
# driver's and the server's floor). Prints p50/p99 per page and the ratio of
# each page's p99 to the reference's. Exits 1 when a request failed or when
# /today's or /supervision's p99 is above TARGET_P99_MS.
#
#   bench/pages/run.sh
#
# Environment (defaults in brackets):
#   ALONGSIDE_BIN  [build/src/cli/alongside]
#   DB             [/tmp/big.db]  made here with `alongside synth --people PEOPLE
#                  --accounts 0` when missing (several minutes); only read by the run
#   PEOPLE [100000]  CLIENTS [4]  DURATION [15] (seconds per page)
#   SERVER_THREADS [8]  PORT [18280]  TARGET_P99_MS [20]
# Loopback only; the server is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

ALONGSIDE_BIN=${ALONGSIDE_BIN:-build/src/cli/alongside}
DB=${DB:-/tmp/big.db}
PEOPLE=${PEOPLE:-100000}
CLIENTS=${CLIENTS:-4}
DURATION=${DURATION:-15}
SERVER_THREADS=${SERVER_THREADS:-8}
PORT=${PORT:-18280}
TARGET_P99_MS=${TARGET_P99_MS:-20}

[[ -x "$ALONGSIDE_BIN" ]] || { echo "run.sh: $ALONGSIDE_BIN is missing" >&2; exit 1; }
if [[ ! -e "$DB" ]]; then
  echo "synthesising $PEOPLE people into $DB ..."
  "$ALONGSIDE_BIN" synth --db "$DB" --people "$PEOPLE" --accounts 0 >/dev/null
fi
[[ -e "$DB.accounts.csv" ]] || { echo "run.sh: $DB.accounts.csv is missing" >&2; exit 1; }
# Pending migrations (new indexes) are applied to the database first.
"$ALONGSIDE_BIN" migrate --db "$DB" >/dev/null

work=$(mktemp -d)
server=""
cleanup() {
  if [[ -n "$server" ]]; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$ALONGSIDE_BIN" serve --db "$DB" --port "$PORT" --threads "$SERVER_THREADS" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  sleep 0.1
done

echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
  "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "database: $(sqlite3 "file:$DB?mode=ro" "SELECT (SELECT count(*) FROM people) || ' people, ' ||
  (SELECT count(*) FROM contacts) || ' contacts, ' || (SELECT count(*) FROM staff) || ' staff'")"
echo "$CLIENTS clients, ${DURATION}s per page, server with $SERVER_THREADS threads"

status=0
for mode in healthz today supervision supervisee program; do
  python3 bench/pages/driver.py "http://127.0.0.1:$PORT" "$DB.accounts.csv" "$mode" "$CLIENTS" \
    "$DURATION" | tee "$work/$mode.txt"
done
reference=$(awk '{for (i = 1; i <= NF; i++) if ($i == "p99") print $(i + 1)}' "$work/healthz.txt")
for mode in today supervision supervisee program; do
  p99=$(awk '{for (i = 1; i <= NF; i++) if ($i == "p99") print $(i + 1)}' "$work/$mode.txt")
  errors=$(awk '{for (i = 1; i <= NF; i++) if ($i == "errors") print $(i + 1)}' "$work/$mode.txt")
  verdict=$(awk -v p="$p99" -v t="$TARGET_P99_MS" 'BEGIN { print (p <= t) ? "meets" : "MISSES" }')
  printf '%-12s p99 %s ms = %.1fx the reference p99 (%s ms); %s the %s ms target\n' "$mode" "$p99" \
    "$(awk -v p="$p99" -v r="$reference" 'BEGIN { print p / r }')" "$reference" "$verdict" \
    "$TARGET_P99_MS"
  # The target is the brief's: /today and /supervision (the others are shown).
  if [[ "$errors" != 0 ]]; then status=1; fi
  if [[ "$verdict" != meets && ( "$mode" == today || "$mode" == supervision ) ]]; then status=1; fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
