#!/usr/bin/env bash
# Fidelity at the design's scale (bench/RESULTS.md, "Fidelity (issue 15)"):
# F, R and P for every worker, team and the program over a year of the
# 100,000-person program, and one worker's update after a new contact, each
# against counting the period's contacts in the same run.
#
#   bench/fidelity/run.sh sqlite   # on SQLITE_DB (it records ROUNDS contacts into it) (made by bench/synth/run.sh
#                                  # or `alongside synth --people 100000`)
#   bench/fidelity/run.sh postgres # synth PEOPLE into a throwaway PostgreSQL cluster first
#
# Environment (defaults in brackets):
#   BUILD [build]  a build with fidelity_bench and alongside
#   SQLITE_DB [/tmp/fid100k.db]  PEOPLE [100000]  END [2026-11-30]  ROUNDS [5]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
END=${END:-2026-11-30}
ROUNDS=${ROUNDS:-5}
echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
  "load: $(cut -d' ' -f1-3 /proc/loadavg)"
case "${1:-sqlite}" in
  sqlite)
    SQLITE_DB=${SQLITE_DB:-/tmp/fid100k.db}
    # Each round records one contact into the file (a file of several GB is
    # not copied: use a database made for benchmarks).
    "$BUILD/bench/fidelity/fidelity_bench" --db "$SQLITE_DB" --end "$END" --rounds "$ROUNDS"
    ;;
  postgres)
    if [ -z "${ALONGSIDE_TEST_PG_URL:-}" ]; then
      exec bash scripts/with-postgres.sh bash "$0" postgres
    fi
    PEOPLE=${PEOPLE:-100000}
    admin="$ALONGSIDE_TEST_PG_URL"
    head="${admin%%\?*}" query=""
    [ "$head" != "$admin" ] && query="?${admin#*\?}"
    url="${head%/*}/fidelity_bench$query"
    psql "$ALONGSIDE_TEST_PG_URL" -qc "CREATE DATABASE fidelity_bench" >/dev/null
    start=$(date +%s)
    "$BUILD/src/cli/alongside" synth --db "$url" --people "$PEOPLE" --end "$END" --accounts 0 \
      --accounts-file /tmp/fidelity-bench-accounts.csv >/dev/null
    echo "synth --people $PEOPLE into PostgreSQL: $(( $(date +%s) - start )) s"
    psql "$url" -qc "VACUUM ANALYZE" >/dev/null
    "$BUILD/bench/fidelity/fidelity_bench" --db "$url" --end "$END" --rounds "$ROUNDS"
    ;;
  *) echo "usage: bench/fidelity/run.sh sqlite|postgres" >&2; exit 2 ;;
esac
