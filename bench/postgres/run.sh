#!/usr/bin/env bash
# Past one machine, measured (see bench/RESULTS.md, "PostgreSQL: one and two
# servers on one database"). In one run, on one machine, against a throwaway
# PostgreSQL 15 cluster (scripts/with-postgres.sh; fsync and
# synchronous_commit on):
#   1. synth --people PEOPLE into PostgreSQL: time and database size;
#   2. pgbench's own TPC-B-like rate on the same cluster (pgbench -c 32 -j 2
#      -T 10): the reference, each transaction one durable commit;
#   3. recording contacts through POST /api/v1/contacts with 32 clients, and
#      the person page at 4 and 32 clients (wrk, bench/http/peers.lua), on
#      one server;
#   4. the same recording with two servers on the one database (16 clients
#      on each, at once), and the audit chain verified after;
#   5. the same as 3 on SQLite (synth of the same size into a file).
#
#   bench/postgres/run.sh
#
# Environment (defaults in brackets):
#   ALONGSIDE_BIN [build-bench/src/cli/alongside]  Release build
#   PEOPLE [100000]  DURATION [10s] per measurement  SERVER_THREADS [32]
#   SKIP_SQLITE [0]  1 skips step 5
# Needs wrk and pgbench (Debian: wrk, postgresql-contrib is not needed:
# pgbench ships in postgresql-client-15). Loopback and a Unix socket only.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${ALONGSIDE_TEST_PG_URL:-}" ]; then
  exec bash scripts/with-postgres.sh bash "$0" "$@"
fi

ALONGSIDE_BIN=${ALONGSIDE_BIN:-build-bench/src/cli/alongside}
PEOPLE=${PEOPLE:-100000}
DURATION=${DURATION:-10s}
SERVER_THREADS=${SERVER_THREADS:-32}
SKIP_SQLITE=${SKIP_SQLITE:-0}
PORT_A=18280
PORT_B=18281
PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n1)
[ -x "$PGBENCH" ] || { echo "run.sh: pgbench not found" >&2; exit 1; }
command -v wrk >/dev/null || { echo "run.sh: wrk not found (apt-get install wrk)" >&2; exit 1; }

admin="$ALONGSIDE_TEST_PG_URL"
with_db() {
  local head="${admin%%\?*}" query=""
  [ "$head" != "$admin" ] && query="?${admin#*\?}"
  echo "${head%/*}/$1$query"
}
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

wait_for_port() {
  for _ in $(seq 1 200); do
    curl -s -o /dev/null "http://127.0.0.1:$1/healthz" && return 0
    sleep 0.1
  done
  echo "run.sh: nothing listens on port $1" >&2
  exit 1
}

# measure LABEL PORT MODE CONNECTIONS SESSIONS: one bounded wrk run.
measure() {
  local label=$1 port=$2 mode=$3 connections=$4 sessions=$5
  local out="$work/$label-$mode-$connections-$port.txt" threads=2
  ((threads > connections)) && threads=$connections
  BENCH_MODE=$mode BENCH_SESSIONS="$sessions" BENCH_WRK_THREADS=$threads \
    wrk -t"$threads" -c"$connections" -d"$DURATION" --timeout 5s --latency \
    -s bench/http/peers.lua "http://127.0.0.1:$port" >"$out"
  local rate p50 p99 bad
  rate=$(awk '/^Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  bad=$(awk '/Non-2xx/ {print $NF}' "$out")
  printf '%-22s %-7s c%-3s %10s req/s  p50 %9s  p99 %9s  non-2xx %s\n' "$label" "$mode" \
    "$connections" "$rate" "$p50" "$p99" "${bad:-0}"
}

serve() {  # serve DB PORT: a server in the background; every client is on
  # loopback, so the per-address connection cap (default 8) is off.
  "$ALONGSIDE_BIN" serve --db "$1" --port "$2" --threads "$SERVER_THREADS" \
    --max-connections-per-address 0 \
    >"$work/serve-$2.log" 2>&1 &
  pids+=($!)
  wait_for_port "$2"
}

# cpu_profile LABEL: where the CPU goes while a measurement runs: top's
# second 4-second sample, %CPU summed by program (200 % is both cores).
cpu_profile() {
  sleep 2
  top -b -d 4 -n 2 -w 200 >"$work/top.txt"
  awk -v label="$1" '
    /^top -/ { sample++ }
    sample == 2 && $1 ~ /^[0-9]+$/ { cpu[$12] += $9 }
    END {
      line = "cpu while " label ":"
      for (name in cpu) if (cpu[name] >= 1) line = line sprintf(" %s %.0f%%", name, cpu[name])
      print line
    }' "$work/top.txt"
}

stop_servers() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}

echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "PostgreSQL $(psql -Atc 'SHOW server_version' "$admin"), fsync $(psql -Atc 'SHOW fsync' "$admin"), synchronous_commit $(psql -Atc 'SHOW synchronous_commit' "$admin")"

# 1. synth into PostgreSQL (kept for a re-run against the same server when
# ALONGSIDE_TEST_PG_URL names one: the database bench_PEOPLE is reused).
bench_db="bench_$PEOPLE"
db=$(with_db "$bench_db")
accounts="/tmp/alongside-$bench_db-accounts.csv"
if [ "$(psql -Atc "SELECT count(*) FROM pg_database WHERE datname = '$bench_db'" "$admin")" = 1 ] &&
  [ -s "$accounts" ]; then
  echo "synth: reusing database $bench_db ($(psql -Atc "SELECT count(*) FROM contacts" "$db") contacts)"
else
  psql -q "$admin" -c "DROP DATABASE IF EXISTS $bench_db" -c "CREATE DATABASE $bench_db"
  /usr/bin/time -f "%e s elapsed, %M kB max resident" "$ALONGSIDE_BIN" synth --db "$db" \
    --people "$PEOPLE" --accounts 0 --accounts-file "$accounts" >"$work/synth.txt" \
    2>"$work/synth-time.txt"
  echo "synth --people $PEOPLE into PostgreSQL: $(tail -n1 "$work/synth-time.txt");" \
    "database $(psql -Atc "SELECT pg_size_pretty(pg_database_size('$bench_db'))" "$admin");" \
    "$(psql -Atc "SELECT count(*) FROM contacts" "$db") contacts"
  psql -q "$db" -c "VACUUM ANALYZE" >/dev/null
fi

# 2. pgbench's reference rate on the same cluster.
psql -q "$admin" -c "DROP DATABASE IF EXISTS pgbench" -c "CREATE DATABASE pgbench"
"$PGBENCH" -i -q -s 10 "$(with_db pgbench)" >/dev/null 2>&1
"$PGBENCH" -c 32 -j 2 -T 10 "$(with_db pgbench)" >"$work/pgbench.txt" 2>&1
echo "pgbench -c 32 -j 2 -T 10 (TPC-B-like, scale 10): $(awk '/^tps/ {print $3; exit}' "$work/pgbench.txt") tps"

# 3. one server.
serve "$db" "$PORT_A"
python3 bench/http/prepare.py "http://127.0.0.1:$PORT_A" "$accounts" 32 "$work/sessions.tsv"
measure "postgres, 1 server" "$PORT_A" record 32 "$work/sessions.tsv" &
first=$!
cpu_profile "1 server recording"
wait "$first"
measure "postgres, 1 server" "$PORT_A" person 4 "$work/sessions.tsv"
measure "postgres, 1 server" "$PORT_A" person 32 "$work/sessions.tsv"

# 4. two servers, one database, at once.
serve "$db" "$PORT_B"
measure "postgres, 2 servers A" "$PORT_A" record 16 "$work/sessions.tsv" &
first=$!
measure "postgres, 2 servers B" "$PORT_B" record 16 "$work/sessions.tsv" &
second=$!
cpu_profile "2 servers recording"
wait "$first" "$second"
stop_servers
echo "audit chain after both: $("$ALONGSIDE_BIN" audit verify --db "$db" 2>&1 | tail -n1)"

# 5. SQLite, same size, same machine, same run.
if [ "$SKIP_SQLITE" != 1 ]; then
  "$ALONGSIDE_BIN" synth --db "$work/bench.db" --people "$PEOPLE" --accounts 0 >/dev/null
  sync "$work/bench.db"
  serve "$work/bench.db" "$PORT_A"
  python3 bench/http/prepare.py "http://127.0.0.1:$PORT_A" "$work/bench.db.accounts.csv" 32 \
    "$work/sessions-sqlite.tsv"
  measure "sqlite" "$PORT_A" record 32 "$work/sessions-sqlite.tsv"
  measure "sqlite" "$PORT_A" person 4 "$work/sessions-sqlite.tsv"
  measure "sqlite" "$PORT_A" person 32 "$work/sessions-sqlite.tsv"
  stop_servers
fi
