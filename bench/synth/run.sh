#!/usr/bin/env bash
# Synthetic program generation at the design's scale (see bench/RESULTS.md,
# "Synthetic program generation"): 100,000 people served, about 5 million
# contacts, into a new SQLite file.
#
#   bench/synth/run.sh
#
# Environment (defaults in brackets):
#   ALONGSIDE_BIN [build-bench/src/cli/alongside]  Release build
#   DB            [/tmp/alongside-bench-100k.db]   must not exist
#   PEOPLE [100000]  END [2026-11-22]
# Writes DB and DB.accounts.csv (staff sign-ins), which bench/http/run.sh uses.
set -euo pipefail
cd "$(dirname "$0")/../.."

ALONGSIDE_BIN=${ALONGSIDE_BIN:-build-bench/src/cli/alongside}
DB=${DB:-/tmp/alongside-bench-100k.db}
PEOPLE=${PEOPLE:-100000}
END=${END:-2026-11-22}

echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
  "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v "$ALONGSIDE_BIN" synth --db "$DB" --people "$PEOPLE" --end "$END" --accounts 0 \
  2>"$DB.time.txt"
grep -E "Elapsed|Maximum resident|User time|System time" "$DB.time.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "file: $(du -b "$DB" | cut -f1) bytes ($(du -h "$DB" | cut -f1)), wal: $(du -b "$DB-wal" 2>/dev/null | cut -f1 || echo 0) bytes"
echo "rows: $(sqlite3 "file:$DB?mode=ro" "SELECT (SELECT count(*) FROM people) || ' people, ' ||
  (SELECT count(*) FROM contacts) || ' contacts, ' || (SELECT count(*) FROM contact_versions) ||
  ' contact versions, ' || (SELECT count(*) FROM staff) || ' staff'")"
