#!/usr/bin/env bash
# Installs everything Alongside needs to build, test and run, from Debian 12's
# packages (as root). Safe to run again.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: run as root (apt-get needs it), e.g. sudo bash scripts/install-deps.sh" >&2
  exit 1
fi
# install-deps.sh [--demo]: with --demo, only what building and serving the
# demo needs; without it, everything the tests need too.
demo=0
[ "${1:-}" = "--demo" ] && demo=1
# Every build: one binary speaks both store backends, SQLite (libsqlite3-dev)
# and PostgreSQL (libpq-dev, the client library); serve delivers the outbox's
# email and webhook notifications with libcurl (libcurl4-openssl-dev).
packages=(
  build-essential cmake pkg-config ca-certificates
  libsqlite3-dev libpq-dev libcurl4-openssl-dev
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
  nlohmann-json3-dev libsodium-dev libeigen3-dev libboost-math-dev
  libspdlog-dev libfmt-dev libcli11-dev libkainjow-mustache-dev
  libhowardhinnant-date-dev tzdata
)
if [ "$demo" -eq 0 ]; then
  # The tests: GoogleTest, the R oracle, the browser, and clang with
  # libclang-rt-14-dev (libFuzzer and sanitizer runtimes) and llvm
  # (llvm-symbolizer, for readable crash stacks) for scripts/fuzz.sh.
  # postgresql (the PostgreSQL 15 server) runs the throwaway clusters of
  # scripts/with-postgres.sh for the PostgreSQL suites, and its psql serves
  # scripts/check-pg-schema.sh; the demo needs neither.
  packages+=(
    git sqlite3 postgresql
    libgtest-dev libgmock-dev libbenchmark-dev
    r-base-core r-cran-survival r-cran-mass
    r-cran-sandwich r-cran-clubsandwich r-cran-broom
    clang libclang-rt-14-dev llvm
    chromium fonts-dejavu-core
  )
fi
# Node and npm drive the browser tests; use the machine's own if it has them.
if [ "$demo" -eq 0 ]; then
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
