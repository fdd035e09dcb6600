#!/bin/sh
# Recomputes every R oracle reference (tests/oracle/*.R, each taking an
# output directory) into a temporary directory and compares it with the
# committed tests/oracle/reference/. Exit 0 when identical, 1 on any
# difference (shown as a diff), 77 (ctest's SKIP_RETURN_CODE) when Rscript
# is not installed.
#   tests/oracle/regenerate.sh           check only
#   tests/oracle/regenerate.sh --update  also copy the fresh files into reference/
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v Rscript >/dev/null 2>&1; then
  echo "Rscript not found: skipping the oracle check" >&2
  exit 77
fi
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
for script in "$here"/*.R; do
  echo "running $(basename "$script")" >&2
  Rscript "$script" "$fresh" >/dev/null
done
status=0
for file in "$fresh"/*.csv; do
  name=$(basename "$file")
  if [ ! -f "$here/reference/$name" ]; then
    echo "new reference file not committed: reference/$name" >&2
    status=1
  elif ! diff -u "$here/reference/$name" "$file"; then
    status=1
  fi
done
for file in "$here"/reference/*.csv; do
  [ -f "$fresh/$(basename "$file")" ] || { echo "stale reference file: reference/$(basename "$file")" >&2; status=1; }
done
if [ "${1:-}" = "--update" ]; then
  cp "$fresh"/*.csv "$here/reference/"
  echo "reference/ updated" >&2
  exit 0
fi
[ $status -eq 0 ] && echo "oracle references are current" >&2
exit $status
