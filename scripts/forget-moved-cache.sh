#!/bin/sh
# scripts/forget-moved-cache.sh BUILD_DIR: a CMake build directory records the source tree it was configured
# for. When the checkout has been copied or moved, that cache points at the old place and every build fails
# ("does not match the source … used to generate cache"); this removes the stale cache (not the objects'
# sources, which are never in the build directory) so that the next cmake configures afresh.
set -eu
cd "$(dirname "$0")/.."
BUILD=$1
CACHE="$BUILD/CMakeCache.txt"
[ -f "$CACHE" ] || exit 0
recorded=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$CACHE")
here=$(pwd -P)
if [ -n "$recorded" ] && [ "$(cd "$recorded" 2>/dev/null && pwd -P || echo "$recorded")" != "$here" ]; then
  echo "forget-moved-cache: $BUILD was configured for $recorded, not $here: configuring afresh" >&2
  rm -rf "$BUILD"
fi
