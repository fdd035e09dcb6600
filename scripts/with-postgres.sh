#!/usr/bin/env bash
# with-postgres.sh CMD [ARGS...]: runs CMD with a throwaway PostgreSQL cluster
# and stops it afterwards, whatever CMD does. CMD sees ALONGSIDE_TEST_PG_URL,
# an admin URL (user alongside, database postgres) over a Unix socket: the
# PostgreSQL test suites connect to it and CREATE DATABASE their own.
#   - ALONGSIDE_TEST_PG_URL already set (your own server): just runs CMD.
#   - PostgreSQL not installed: says so and runs CMD without the variable,
#     so the PostgreSQL suites skip themselves.
# The cluster lives in a temp dir (data, socket, log), listens on no TCP
# port, trusts local connections, and keeps fsync and synchronous_commit on
# (the tests check durability). The exit status is CMD's.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: with-postgres.sh CMD [ARGS...]" >&2
  exit 2
fi

if [ -n "${ALONGSIDE_TEST_PG_URL:-}" ]; then
  exec "$@"
fi

# initdb and pg_ctl: Debian keeps them out of PATH, in
# /usr/lib/postgresql/VERSION/bin (pg_config --bindir can name another
# version's), so try those first, newest first, then PATH.
bindir=""
while IFS= read -r candidate; do
  if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
    bindir="$candidate"
    break
  fi
done < <(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null |
  sort -V -r)
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
  bindir="$(dirname "$(command -v initdb)")"
fi
if [ -z "$bindir" ]; then
  echo "with-postgres.sh: PostgreSQL is not installed (no initdb/pg_ctl); the PostgreSQL suites will be skipped" >&2
  exec "$@"
fi

# PostgreSQL refuses to run as root: as root, the cluster belongs to the
# postgres system user (which Debian's postgresql package creates).
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id -u postgres >/dev/null 2>&1; then
    echo "with-postgres.sh: running as root needs the postgres system user to own the cluster" >&2
    exit 1
  fi
  as_owner=(runuser -u postgres --)
fi

# Under /tmp, not $TMPDIR: a socket's path must stay under 108 bytes and the
# postgres user must be able to reach it.
dir="$(mktemp -d /tmp/alongside-pg.XXXXXX)"
data="$dir/data"
log="$dir/postgres.log"
started=0

# Runs a PostgreSQL program as the cluster's owner, from the temp dir (the
# caller's directory may be closed to the postgres user).
pg() {
  (cd "$dir" && "${as_owner[@]}" "$bindir/$1" "${@:2}")
}

# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  if [ "$started" -eq 1 ]; then
    if ! pg pg_ctl stop -D "$data" -m fast -w -t 60 >/dev/null 2>&1; then
      pg pg_ctl stop -D "$data" -m immediate -w -t 60 >/dev/null 2>&1 || true
    fi
    # Quietly: the test run ends with ctest's own summary.
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

chmod 755 "$dir"
if [ "${#as_owner[@]}" -gt 0 ]; then
  chown postgres: "$dir"
fi

if ! pg initdb -D "$data" --auth=trust -U alongside --encoding=UTF8 --locale=C \
  >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  echo "with-postgres.sh: initdb failed" >&2
  exit 1
fi

# A free port number: the socket is the only listener, so a port is taken
# only if its socket file exists in the directory.
port=54320
while [ -e "$dir/.s.PGSQL.$port" ]; do
  port=$((port + 1))
done

# Many test databases and connections on a small machine; fsync and
# synchronous_commit stay on because the tests check durability.
options="-c listen_addresses='' -c unix_socket_directories='$dir' -p $port"
options+=" -c max_connections=200 -c shared_buffers=128MB"
options+=" -c fsync=on -c synchronous_commit=on"
started=1
if ! pg pg_ctl start -D "$data" -l "$log" -w -t 60 -o "$options" >/dev/null; then
  cat "$log" >&2 || true
  echo "with-postgres.sh: PostgreSQL did not start" >&2
  exit 1
fi
echo "with-postgres.sh: started PostgreSQL $("$bindir/pg_ctl" --version | awk '{print $3}') on $dir port $port" >&2

export ALONGSIDE_TEST_PG_URL="postgresql://alongside@/postgres?host=$dir&port=$port"
# CMD runs in the background so that a signal sent to this script alone is
# passed on to CMD at once rather than after CMD ends; the cluster is stopped
# once CMD has gone. It keeps this script's stdin, and SIGINT and SIGQUIT,
# which a background command would otherwise ignore (Ctrl-C must stop it).
(
  trap - INT QUIT
  exec "$@"
) <&0 &
child=$!
# shellcheck disable=SC2317  # run by the traps
forward() { kill -"$1" "$child" 2>/dev/null || true; }
trap 'forward INT' INT
trap 'forward TERM' TERM
trap 'forward HUP' HUP
status=0
while :; do
  status=0
  wait "$child" || status=$?
  # wait returns early (status > 128) when a trap ran; wait again while CMD lives.
  kill -0 "$child" 2>/dev/null || break
done
exit "$status"
