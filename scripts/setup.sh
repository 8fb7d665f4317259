#!/bin/sh
# scripts/setup.sh: make a Debian 12 machine ready to build and test (npm run setup; npm test and
# npm start run it first). Idempotent, and quick when everything is already present:
#   1. the Debian packages of the toolchain (installed when run as root; named, with the command, when not);
#   2. the qrcodegen sources (scripts/fetch-qrcodegen.sh);
#   3. the npm packages (npm ci when node_modules is missing or older than package-lock.json).
set -eu
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

missing=""
need() {  # need PACKAGE TEST...: PACKAGE is missing unless the test succeeds
  pkg=$1
  shift
  if ! "$@" >/dev/null 2>&1; then
    case " $missing " in *" $pkg "*) ;; *) missing="${missing:+$missing }$pkg" ;; esac
  fi
}
has() { command -v "$1"; }
exists() {  # exists GLOB: at least one file matches
  for f in $1; do [ -e "$f" ] && return 0; done
  return 1
}

# emscripten's hard dependencies (clang-14, lld-14, binaryen, node-acorn, nodejs, python3) come with it;
# its recommends (libjs-d3, python3-numpy) are not needed, hence --no-install-recommends below.
need emscripten has emcc
need nlohmann-json3-dev exists /usr/include/nlohmann/json.hpp  # tests and fuzz targets: the JSON reader's reference
need libgtest-dev exists '/usr/lib/*/cmake/GTest/GTestConfig.cmake'
need cmake has cmake
need ninja-build has ninja
need g++ has g++
need clang-14 has clang++-14
# Sanitizer and libFuzzer runtimes: only a recommend of clang-14, so named explicitly.
need libclang-rt-14-dev exists '/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a'
need brotli has brotli
# Real-browser tests, each run in two engines: Debian's Chromium, driven by the npm package playwright-core,
# and Debian's Firefox ESR, driven by the npm package puppeteer-core over WebDriver BiDi.
need chromium has chromium
need firefox-esr has firefox-esr
need npm has npm
# The PHP example (examples/php): PHP 8.2's command line, with PDO's SQLite driver.
need php-cli has php
need php-sqlite3 php -r 'exit(extension_loaded("pdo_sqlite") ? 0 : 1);'
# ltgs-checkout/server's PostgreSQL store: its tests start a throw-away server from these binaries (as the
# postgres user the package creates); the system cluster it may also create is never used.
need postgresql exists '/usr/lib/postgresql/*/bin/initdb'

if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: $missing" >&2
    echo "setup: install them as root, then run this again:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends $missing" >&2
    exit 1
  fi
  echo "setup: installing Debian packages: $missing"
  # Refresh the package lists only when they do not know a package (a fresh image has none);
  # retry once after a refresh if the install fails on stale lists.
  # shellcheck disable=SC2086  # $missing is a list of words
  if ! apt-cache show --no-all-versions $missing >/dev/null 2>&1; then
    apt-get update -q
  fi
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing ||
    { apt-get update -q && apt-get install -y -q --no-install-recommends $missing; }
fi

sh scripts/fetch-qrcodegen.sh

# npm packages: npm ci when node_modules is missing or older than the lock file (npm install without one).
newer() {  # newer A B: file A was modified after file B (POSIX find; test -nt is not POSIX)
  [ -n "$(find "$1" -prune -newer "$2" 2>/dev/null)" ]
}
STAMP=node_modules/.package-lock.json  # npm rewrites it on every install
if [ -f package-lock.json ]; then
  if [ ! -f "$STAMP" ] || newer package-lock.json "$STAMP"; then
    npm ci --no-audit --no-fund
    touch "$STAMP"
  fi
elif [ ! -f "$STAMP" ] || newer package.json "$STAMP"; then
  npm install --no-audit --no-fund
  touch "$STAMP"
fi
