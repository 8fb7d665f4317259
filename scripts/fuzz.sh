#!/bin/sh
# scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]: build the libFuzzer targets (tests/fuzz/*_fuzz.cpp) into
# build/fuzz with clang-14, then run each one for SECONDS_PER_TARGET seconds (default 60; 0 only replays the
# seed corpus once). npm run fuzz runs 60 s per target, npm test 15 s (npm run test:fuzz).
#
# Each target starts from the seeds in tests/fuzz/corpus/<target>/, copied to build/fuzz/corpus/<target>/:
# libFuzzer writes the inputs it finds there, never into the repository. A crash, leak, timeout (5 s per
# input) or out-of-memory (2 GiB) is saved under build/fuzz/artifacts/<target>/; the script prints its path
# and how to replay it, runs the remaining targets, and exits 1.
set -eu
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=${1:-60}
[ $# -gt 0 ] && shift
case $SECONDS_PER_TARGET in '' | *[!0-9]*)
  echo "usage: sh scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]" >&2
  exit 2
  ;;
esac

BUILD=build/fuzz
# libFuzzer ships with clang only (libclang-rt-14-dev); the build type is left empty: the targets set -O1 -g.
sh scripts/forget-moved-cache.sh "$BUILD"
CC=clang-14 CXX=clang++-14 cmake -S . -B "$BUILD" -G Ninja -DLTGS_FUZZ=ON -DLTGS_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD" --target fuzzers

if [ $# -gt 0 ]; then
  TARGETS=$*
else
  TARGETS=$(for f in tests/fuzz/*_fuzz.cpp; do basename "$f" .cpp; done)
fi

# Reports end the process (the targets are built with -fno-sanitize-recover=all); leaks are checked at exit.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=""
for target in $TARGETS; do
  name=${target%_fuzz}  # "phone" and "phone_fuzz" both name build/fuzz/phone_fuzz
  target=${name}_fuzz
  seeds=tests/fuzz/corpus/$name
  corpus=$BUILD/corpus/$name
  artifacts=$BUILD/artifacts/$name
  log=$BUILD/logs/$name.log
  rm -rf "$artifacts"  # what is there afterwards was found by this run
  mkdir -p "$corpus" "$artifacts" "$BUILD/logs"
  [ -d "$seeds" ] && cp -R "$seeds/." "$corpus/"
  if [ "$SECONDS_PER_TARGET" -eq 0 ]; then
    limit="-runs=0"  # load (and so run) every corpus input once, then stop
  else
    limit="-max_total_time=$SECONDS_PER_TARGET"
  fi
  start=$(date +%s)
  status=0
  "$BUILD/${target}" "$limit" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1 || status=$?
  took=$(($(date +%s) - start))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  if [ "$status" -eq 0 ]; then
    echo "fuzz: $target ok: ${runs:-?} inputs in ${took} s, coverage ${cov:-?} edges, corpus $(ls "$corpus" | wc -l) files"
  else
    failed="$failed $target"
    echo "fuzz: $target FAILED (exit $status) after ${took} s; log: $log" >&2
    tail -n 60 "$log" >&2
    input=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    if [ -n "$input" ]; then
      echo "fuzz: crashing input: $input" >&2
      echo "fuzz: replay with: $BUILD/$target $input" >&2
      echo "fuzz: keep it: copy it to tests/fuzz/corpus/$name/ and add a TEST(Regression, ...) to tests/core/regression_test.cpp" >&2
    fi
  fi
done

if [ -n "$failed" ]; then
  echo "fuzz: failed:$failed" >&2
  exit 1
fi
