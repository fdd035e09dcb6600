#!/usr/bin/env bash
# restore-drill.sh ALONGSIDE_BINARY: the backup and restore drill of
# docs/deploy.md, run for real on invented data. A backup nobody has restored
# is a hope, not a backup.
#   SQLite:     synth -> `alongside backup` while a server reads it -> audit
#               verify and the same summary on the copy.
#   PostgreSQL: (when ALONGSIDE_TEST_PG_URL names an admin connection, as
#               under scripts/with-postgres.sh) synth -> pg_dump -Fc ->
#               createdb + pg_restore into a new database -> audit verify and
#               the same summary there.
# Exits non-zero on the first step that fails. ctest runs it (restore_drill).
set -euo pipefail
binary="${1:?usage: restore-drill.sh ALONGSIDE_BINARY}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

summary() {  # the program's counts as the audit command reports them
  "$binary" audit verify --db "$1"
}

echo "restore drill: SQLite"
"$binary" synth --db "$work/live.db" --people 60 --seed 7 >/dev/null
"$binary" backup --db "$work/live.db" --to "$work/copy.db" >/dev/null
original="$(summary "$work/live.db")"
restored="$(summary "$work/copy.db")"
[ "$original" = "$restored" ] || {
  echo "restore drill: the SQLite copy differs: '$original' vs '$restored'" >&2
  exit 1
}
echo "  restored and verified: $restored"

if [ -z "${ALONGSIDE_TEST_PG_URL:-}" ]; then
  echo "restore drill: PostgreSQL skipped (ALONGSIDE_TEST_PG_URL not set)"
  exit 0
fi
echo "restore drill: PostgreSQL"
admin="$ALONGSIDE_TEST_PG_URL"
with_db() {  # the admin URL with its database replaced by $1
  local head="${admin%%\?*}" query=""
  [ "$head" != "$admin" ] && query="?${admin#*\?}"
  echo "${head%/*}/$1$query"
}
suffix="$$_$RANDOM"
live="drill_live_$suffix" copy="drill_copy_$suffix"
psql -q "$admin" -c "CREATE DATABASE $live" -c "CREATE DATABASE $copy"
cleanup_pg() {
  psql -q "$admin" -c "DROP DATABASE IF EXISTS $live WITH (FORCE)" \
    -c "DROP DATABASE IF EXISTS $copy WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup_pg EXIT
"$binary" synth --db "$(with_db "$live")" --people 60 --seed 7 \
  --accounts-file "$work/accounts.csv" >/dev/null
# The backup refuses a PostgreSQL URL and names the right tool.
if "$binary" backup --db "$(with_db "$live")" --to "$work/x.db" 2>"$work/refusal"; then
  echo "restore drill: 'alongside backup' accepted a PostgreSQL URL" >&2
  exit 1
fi
grep -q pg_dump "$work/refusal"
pg_dump --format=custom --file="$work/alongside.dump" "$(with_db "$live")"
pg_restore --no-owner --exit-on-error --dbname="$(with_db "$copy")" "$work/alongside.dump"
original="$(summary "$(with_db "$live")")"
restored="$(summary "$(with_db "$copy")")"
[ "$original" = "$restored" ] || {
  echo "restore drill: the PostgreSQL copy differs: '$original' vs '$restored'" >&2
  exit 1
}
echo "  restored and verified: $restored"
