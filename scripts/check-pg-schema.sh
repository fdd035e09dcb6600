#!/usr/bin/env bash
# check-pg-schema.sh: checks that src/store/postgres/migrations mirrors
# src/store/sqlite/migrations. Applies both, one file at a time (SQLite with
# sqlite3 to a temp file, PostgreSQL to a throwaway database), and after each
# version N compares what the two schemas are made of: tables, columns
# (position, type, NOT NULL, default, identity where SQLite has a rowid
# alias), primary keys, UNIQUE constraints, foreign keys, the number of
# CHECKs, indexes (columns, uniqueness, partial predicate), the append-only
# triggers (events and message) and the rows the migrations insert. Then it
# loads a few rows and tries the same statements on both (changing and
# removing versions and annotations, foreign keys, the accounts CHECK, the
# single-row tables), comparing what each refuses.
# Runs under scripts/with-postgres.sh (it starts itself under it when
# ALONGSIDE_TEST_PG_URL is not set). Exits non-zero on any mismatch.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if [ -z "${ALONGSIDE_TEST_PG_URL:-}" ]; then
  if [ -z "${ALONGSIDE_CHECK_PG_SCHEMA_WRAPPED:-}" ]; then
    export ALONGSIDE_CHECK_PG_SCHEMA_WRAPPED=1
    exec bash "$root/scripts/with-postgres.sh" bash "$0" "$@"
  fi
  echo "check-pg-schema.sh: no PostgreSQL to check against (ALONGSIDE_TEST_PG_URL is unset)" >&2
  exit 1
fi

sqlite_dir="$root/src/store/sqlite/migrations"
pg_dir="$root/src/store/postgres/migrations"
work="$(mktemp -d)"
sqlite_db="$work/schema.db"
database="alongside_schema_check_$$"
admin_url="$ALONGSIDE_TEST_PG_URL"
# The admin URL with its database replaced by ours.
pg_url="$(printf '%s' "$admin_url" |
  sed -E "s#^(postgres(ql)?://[^/?]*)(/[^?]*)?#\\1/$database#")"

created=0
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  if [ "$created" -eq 1 ]; then
    psql "$admin_url" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $database" \
      >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

pg_run() { psql "$pg_url" -qAtX -v ON_ERROR_STOP=1 -F '|' "$@"; }

failed=0
mismatch() {
  echo "MISMATCH: $*" >&2
  failed=1
}

# The same file names in both directories.
(cd "$sqlite_dir" && ls -- *.sql) >"$work/sqlite.files"
(cd "$pg_dir" && ls -- *.sql) >"$work/pg.files"
if ! diff -u "$work/sqlite.files" "$work/pg.files" >"$work/files.diff"; then
  mismatch "migration file names differ (- sqlite, + postgres):"
  cat "$work/files.diff" >&2
fi

psql "$admin_url" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $database" >/dev/null
created=1

# The schema as sorted lines, the same for both engines when they match.
# The messages of the SQLite triggers are the text of RAISE(ABORT, '...').
read -r -d '' sqlite_describe <<'SQL' || true
WITH t AS (SELECT name, sql FROM sqlite_schema
           WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\')
SELECT 'table ' || name FROM t
UNION ALL
SELECT printf('column %s %02d %s %s %s default=%s%s', t.name, c.cid + 1, c.name,
              CASE upper(c.type) WHEN 'INTEGER' THEN 'bigint' WHEN 'TEXT' THEN 'text'
                WHEN 'REAL' THEN 'double precision' WHEN 'BLOB' THEN 'bytea'
                ELSE 'unmapped:' || c.type END,
              CASE WHEN c."notnull" OR c.pk > 0 THEN 'not-null' ELSE 'null' END,
              coalesce(c.dflt_value, 'none'),
              CASE WHEN c.pk = 1 AND upper(c.type) = 'INTEGER' AND c.name <> 'only_row'
                     AND (SELECT count(*) FROM pragma_table_info(t.name) WHERE pk > 0) = 1
                     AND NOT EXISTS (SELECT 1 FROM pragma_index_list(t.name) WHERE origin = 'pk')
                   THEN ' identity' ELSE '' END)
FROM t, pragma_table_info(t.name) c
UNION ALL
SELECT printf('primary-key %s (%s)', t.name,
              (SELECT group_concat(name, ',') FROM
                 (SELECT name FROM pragma_table_info(t.name) WHERE pk > 0 ORDER BY pk)))
FROM t WHERE EXISTS (SELECT 1 FROM pragma_table_info(t.name) WHERE pk > 0)
UNION ALL
SELECT printf('unique %s (%s)', t.name,
              (SELECT group_concat(name, ',') FROM
                 (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno)))
FROM t, pragma_index_list(t.name) i WHERE i.origin = 'u'
UNION ALL
SELECT printf('foreign-key %s (%s) -> %s (%s) on update %s on delete %s', t.name,
              group_concat("from", ','), "table", group_concat("to", ','),
              on_update, on_delete)
FROM t, pragma_foreign_key_list(t.name) f
GROUP BY t.name, f.id
UNION ALL
SELECT printf('checks %s %d', t.name,
              (length(upper(t.sql)) - length(replace(upper(t.sql), 'CHECK', ''))) / 5)
FROM t
UNION ALL
SELECT printf('index %s %s%s (%s)%s', i.tbl_name, i.name,
              CASE WHEN l."unique" THEN ' unique' ELSE '' END,
              (SELECT group_concat(name, ',') FROM
                 (SELECT name FROM pragma_index_info(i.name) ORDER BY seqno)),
              CASE WHEN l.partial THEN ' where ' ||
                lower(replace(replace(replace(
                  substr(i.sql, instr(upper(i.sql), ' WHERE ') + 7), ' ', ''), '(', ''), ')', ''))
              ELSE '' END)
FROM sqlite_schema i, pragma_index_list(i.tbl_name) l
WHERE i.type = 'index' AND i.sql IS NOT NULL AND l.name = i.name
UNION ALL
SELECT printf('trigger %s %s %s: %s', tbl_name,
              CASE WHEN lower(sql) LIKE '% before %' THEN 'before' ELSE 'not-before' END,
              CASE WHEN lower(sql) LIKE '% update %on%' THEN 'update'
                   WHEN lower(sql) LIKE '% delete %on%' THEN 'delete'
                   WHEN lower(sql) LIKE '% insert %on%' THEN 'insert' ELSE 'other' END,
              CASE WHEN instr(sql, 'RAISE(ABORT, ''') > 0 THEN
                substr(substr(sql, instr(sql, 'RAISE(ABORT, ''') + 14), 1,
                       instr(substr(sql, instr(sql, 'RAISE(ABORT, ''') + 14), '''') - 1)
              ELSE 'no-raise' END)
FROM sqlite_schema WHERE type = 'trigger';
SQL

read -r -d '' pg_describe <<'SQL' || true
WITH t AS (SELECT c.oid, c.relname AS name FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')),
cols AS (SELECT t.name, a.attname, a.attnotnull, a.attidentity,
                format_type(a.atttypid, a.atttypmod) AS type,
                pg_get_expr(d.adbin, d.adrelid) AS dflt,
                row_number() OVER (PARTITION BY t.oid ORDER BY a.attnum) AS position
         FROM t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0
                                       AND NOT a.attisdropped
         LEFT JOIN pg_attrdef d ON d.adrelid = t.oid AND d.adnum = a.attnum),
cons AS (SELECT t.name, k.*,
                (SELECT string_agg(a.attname, ',' ORDER BY u.i)
                 FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
                 JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n) AS cols,
                (SELECT string_agg(a.attname, ',' ORDER BY u.i)
                 FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
                 JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n) AS fcols
         FROM t JOIN pg_constraint k ON k.conrelid = t.oid)
SELECT 'table ' || name FROM t
UNION ALL
SELECT format('column %s %s %s %s %s default=%s%s', name, lpad(position::text, 2, '0'),
              attname, type, CASE WHEN attnotnull THEN 'not-null' ELSE 'null' END,
              coalesce(regexp_replace(dflt, '::(text|bigint|integer)$', ''), 'none'),
              CASE WHEN attidentity <> '' THEN ' identity' ELSE '' END)
FROM cols
UNION ALL
SELECT format('primary-key %s (%s)', name, cols) FROM cons WHERE contype = 'p'
UNION ALL
SELECT format('unique %s (%s)', name, cols) FROM cons WHERE contype = 'u'
UNION ALL
SELECT format('foreign-key %s (%s) -> %s (%s) on update %s on delete %s', name, cols,
              confrelid::regclass, fcols,
              CASE confupdtype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT'
                WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END,
              CASE confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT'
                WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END)
FROM cons WHERE contype = 'f'
UNION ALL
SELECT format('checks %s %s', t.name,
              (SELECT count(*) FROM pg_constraint k WHERE k.conrelid = t.oid AND contype = 'c'))
FROM t
UNION ALL
SELECT format('index %s %s%s (%s)%s', t.name, ic.relname,
              CASE WHEN x.indisunique THEN ' unique' ELSE '' END,
              (SELECT string_agg(pg_get_indexdef(x.indexrelid, k, true), ',' ORDER BY k)
               FROM generate_series(1, x.indnkeyatts) k),
              CASE WHEN x.indpred IS NOT NULL THEN ' where ' ||
                lower(translate(replace(pg_get_expr(x.indpred, x.indrelid), '::text', ''),
                                ' ()', ''))
              ELSE '' END)
FROM t JOIN pg_index x ON x.indrelid = t.oid JOIN pg_class ic ON ic.oid = x.indexrelid
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
UNION ALL
-- Row-level triggers, one line per event, as SQLite has one trigger per event.
SELECT format('trigger %s %s %s: %s', t.name,
              CASE WHEN g.tgtype & 2 <> 0 THEN 'before' ELSE 'not-before' END, e.event,
              coalesce(substring(pg_get_triggerdef(g.oid) FROM '\(''(.*)''\)$'), 'no-message'))
FROM t JOIN pg_trigger g ON g.tgrelid = t.oid AND NOT g.tgisinternal
JOIN (VALUES (4, 'insert'), (8, 'delete'), (16, 'update')) e(bit, event)
  ON g.tgtype & e.bit <> 0
WHERE g.tgtype & 1 <> 0;
SQL

# The rows of every table, as 'rows TABLE: a|b|c' lines.
dump_rows() {
  local engine="$1" table
  while IFS= read -r table; do
    if [ "$engine" = sqlite ]; then
      sqlite3 -bail -separator '|' "$sqlite_db" "SELECT * FROM \"$table\" ORDER BY 1"
    else
      pg_run -c "SELECT * FROM \"$table\" ORDER BY 1"
    fi | sed "s/^/rows $table: /"
  done < <(sqlite3 "$sqlite_db" \
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name")
}

while IFS= read -r file; do
  [ -f "$pg_dir/$file" ] || continue
  version="${file%%_*}"
  sqlite3 -bail "$sqlite_db" <"$sqlite_dir/$file" >/dev/null
  # One transaction per file, as the store applies them.
  if ! pg_run -1 -f "$pg_dir/$file" >"$work/apply.out" 2>&1; then
    mismatch "$file does not apply to PostgreSQL:"
    cat "$work/apply.out" >&2
    break
  fi
  { sqlite3 -bail "$sqlite_db" "$sqlite_describe"; dump_rows sqlite; } | sort >"$work/sqlite.schema"
  { pg_run -c "$pg_describe"; dump_rows pg; } | sort >"$work/pg.schema"
  if diff -u "$work/sqlite.schema" "$work/pg.schema" >"$work/schema.diff"; then
    echo "version $version ($file): schemas match ($(grep -c '^table ' "$work/pg.schema") tables, $(grep -c '^column ' "$work/pg.schema") columns, $(grep -c '^index ' "$work/pg.schema") indexes)"
  else
    mismatch "at version $version ($file) (- sqlite, + postgres):"
    tail -n +3 "$work/schema.diff" | grep '^[-+]' >&2
  fi
done <"$work/sqlite.files"

[ "$failed" -eq 0 ] || exit 1

# The messages the SQLite triggers raise: an error quoting one of them is
# reported with it, any other refusal (a foreign key, UNIQUE, CHECK) as a
# bare "refused", since the two engines word those differently.
grep -ho "RAISE(ABORT, '[^']*')" "$sqlite_dir"/*.sql | sed -E "s/^RAISE\(ABORT, '(.*)'\)$/\1/" |
  sort -u >"$work/messages"

outcome() {
  local engine="$1" statement="$2" message
  if [ "$engine" = sqlite ]; then
    if sqlite3 -bail "$sqlite_db" "PRAGMA foreign_keys = ON; $statement" >/dev/null \
      2>"$work/err"; then
      echo ok
      return
    fi
  else
    if pg_run -v VERBOSITY=verbose -c "$statement" >/dev/null 2>"$work/err"; then
      echo ok
      return
    fi
    # Only the error itself: a WARNING quoting the message is no refusal.
    grep 'ERROR:' "$work/err" >"$work/error" || true
    mv "$work/error" "$work/err"
    # SQLite refuses all of these with SQLITE_CONSTRAINT, which the store
    # reports as a conflict: PostgreSQL's SQLSTATE must be of class 23
    # (integrity constraint violation) to be reported the same way.
    if ! grep -qE 'ERROR: +23[0-9A-Z]{3}:' "$work/err"; then
      echo "refused with SQLSTATE $(grep -oE 'ERROR: +[0-9A-Z]{5}' "$work/err" | awk '{print $2}')"
      return
    fi
  fi
  while IFS= read -r message; do
    if grep -qF -- "$message" "$work/err"; then
      echo "refused: $message"
      return
    fi
  done <"$work/messages"
  echo refused
}

fixture="
INSERT INTO programs(id, name) VALUES (1, 'p');
INSERT INTO teams(id, program_id, name, setting) VALUES (1, 1, 't', 'community');
INSERT INTO staff(id, team_id, display_name, role) VALUES (1, 1, 's', 'peer');
INSERT INTO people(id, team_id, preferred_name, enrolled_on) VALUES (1, 1, 'x', 0);
INSERT INTO contacts(id, person_id, worker_id, start_at, end_at, status, current_version)
  VALUES (1, 1, 1, 0, 1, 'draft', 1);
INSERT INTO contact_versions(contact_id, version, start_at, end_at, setting, modalities,
  activities, note, person_words, status, written_by, written_at)
  VALUES (1, 1, 0, 1, 'community', 0, '', 'n', '', 'draft', 1, 0);
INSERT INTO goals(id, person_id, status, current_version) VALUES (1, 1, 'active', 1);
INSERT INTO goal_versions(goal_id, version, words, status, authored_by_person, written_at)
  VALUES (1, 1, 'w', 'active', 1, 0);
INSERT INTO annotations(id, contact_id, person_id, words, at) VALUES (1, 1, 1, 'a', 0);
"
sqlite3 -bail "$sqlite_db" "PRAGMA foreign_keys = ON; $fixture"
pg_run -1 -c "$fixture"

# Run in this order; the removals come last.
probes=(
  "UPDATE contact_versions SET note = note"
  "UPDATE goal_versions SET words = words"
  "UPDATE annotations SET words = words"
  "UPDATE contacts SET status = status"
  "UPDATE goals SET status = status"
  "INSERT INTO contact_versions(contact_id, version, start_at, end_at, setting, modalities, activities, note, person_words, status, written_by, written_at) VALUES (1, 1, 0, 1, 'community', 0, '', 'n', '', 'draft', 1, 0)"
  "INSERT INTO contact_versions(contact_id, version, start_at, end_at, setting, modalities, activities, note, person_words, status, written_by, written_at) VALUES (1, 2, 0, 1, 'community', 0, '', 'n', '', 'final', 1, 0)"
  "INSERT INTO teams(program_id, name, setting) VALUES (999, 't', 'home')"
  "INSERT INTO staff(team_id, display_name, role, peer_supervisor_id) VALUES (1, 's', 'peer', 999)"
  "INSERT INTO planned_contacts(person_id, worker_id, at, setting, place, purpose, status, created_at) VALUES (1, 1, 0, 'home', '', '', 'planned', 0)"
  "INSERT INTO contact_attempts(person_id, worker_id, at, setting) VALUES (1, 1, 0, 'phone')"
  "INSERT INTO accounts(username, password_hash, kind, role, staff_id, created_at) VALUES ('worker', 'h', 'staff', 'peer', 1, 0)"
  "INSERT INTO accounts(username, password_hash, kind, role, staff_id, created_at) VALUES ('worker', 'h', 'staff', 'peer', 1, 0)"
  "INSERT INTO accounts(username, password_hash, kind, role, staff_id, created_at) VALUES ('Worker', 'h', 'staff', 'peer', 1, 0)"
  "INSERT INTO accounts(username, password_hash, kind, role, staff_id, created_at) VALUES ('robot', 'h', 'robot', 'peer', 1, 0)"
  "INSERT INTO accounts(username, password_hash, kind, staff_id, created_at) VALUES ('norole', 'h', 'staff', 1, 0)"
  "INSERT INTO accounts(username, password_hash, kind, staff_id, person_id, created_at) VALUES ('both', 'h', 'person', 1, 1, 0)"
  "INSERT INTO accounts(username, password_hash, kind, person_id, created_at) VALUES ('person', 'h', 'person', 1, 0)"
  "INSERT INTO sessions(token_hash, account_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ('t', 999, 'c', 0, 0, 0)"
  "INSERT INTO audit_head(only_row, seq, hash) VALUES (2, 0, '')"
  "INSERT INTO program_settings(only_row, time_zone) VALUES (2, '')"
  "UPDATE audit_head SET seq = 1, hash = 'x' WHERE only_row = 1"
  "DELETE FROM contact_versions"
  "DELETE FROM goal_versions"
  "DELETE FROM annotations"
)
for probe in "${probes[@]}"; do
  sqlite_outcome="$(outcome sqlite "$probe")"
  pg_outcome="$(outcome pg "$probe")"
  if [ "$sqlite_outcome" = "$pg_outcome" ]; then
    echo "same: $sqlite_outcome <- ${probe:0:70}"
  else
    mismatch "$probe: sqlite $sqlite_outcome, postgres $pg_outcome"
  fi
done

# PostgreSQL only: TRUNCATE skips row triggers, so the tables whose rows
# SQLite never lets go of refuse it too.
while IFS= read -r line; do
  table="${line#trigger }"
  table="${table%% *}"
  message="${line#*: }"
  got="$(outcome pg "TRUNCATE $table")"
  if [ "$got" = "refused: $message" ]; then
    echo "same: refused: $message <- TRUNCATE $table (PostgreSQL only)"
  elif [ "$got" = "postgres refused with SQLSTATE 0A000" ] || [ "$got" = "refused with SQLSTATE 0A000" ]; then
    # A table other tables reference cannot be truncated alone (0A000), and
    # TRUNCATE ... CASCADE reaches the referencing tables' own triggers.
    echo "same: refused (referenced by a foreign key) <- TRUNCATE $table (PostgreSQL only)"
  else
    mismatch "TRUNCATE $table: postgres $got, expected refused: $message"
  fi
done < <(grep '^trigger [^ ]* before delete: ' "$work/pg.schema")

if [ "$failed" -ne 0 ]; then
  echo "check-pg-schema.sh: the PostgreSQL migrations do not mirror the SQLite ones" >&2
  exit 1
fi
echo "check-pg-schema.sh: the PostgreSQL migrations mirror the SQLite ones"
