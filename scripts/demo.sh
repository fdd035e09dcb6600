#!/usr/bin/env bash
# The first README command: install, build, synthesize a demo program into an
# embedded SQLite file and serve it on 127.0.0.1:8080 (Ctrl-C stops it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/install-deps.sh" --demo
BUILD_TYPE=Release bash "$root/scripts/build.sh" "$root/build-release" -DALONGSIDE_BUILD_TESTS=OFF
mkdir -p "$root/demo"
cd "$root/demo"
exec "$root/build-release/src/cli/alongside" demo --port "${PORT:-8080}" "$@"
