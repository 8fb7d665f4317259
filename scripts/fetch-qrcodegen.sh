#!/bin/sh
# scripts/fetch-qrcodegen.sh [DEST]: qrcodegen 1.8.0 sources (C port and C++ port, MIT) from Debian's
# source package qr-code-generator. Debian ships only headers and a shared library for it, which cannot be
# linked into WebAssembly, so the sources are fetched and built with the project.
#
# The deb-src entries are derived from the system's own apt configuration; apt runs with private lists and
# cache directories, so the system's apt state is untouched. The tarball and every extracted file are
# checked against the sha256 sums below. Idempotent: exits at once when the files are already in place.
set -eu

DEST=${1:-$(cd "$(dirname "$0")/.." && pwd)/third_party/qrcodegen}  # default: the repository's third_party/
ORIG=qr-code-generator_1.8.0.orig.tar.gz
TOP=QR-Code-generator-1.8.0
SHA256=2ec0a4d33d6f521c942eeaf473d42d5fe139abcfa57d2beffe10c5cf7d34ae60

# sha256 of each extracted file, as shipped in the 1.8.0 tarball.
SUMS="300eff07ee25baaa7578f20284411638154716379437391e7e689c0e6ce81403  qrcodegen.c
e82df4bff37d18b5863b9e7486fe6bda1b6cda8c3b9ecebfec473907265cb589  qrcodegen.h
1f3b3fcdac6954c32cf583ccd02ec9b5901f756a38c461acedc70be4a77d3757  qrcodegen.cpp
b779c3b156cf7a57ce789d6fee4fc991ccc2913774d26c909d22bb8f26b2a793  qrcodegen.hpp"

in_place() {
  [ -f "$DEST/LICENSE" ] || return 1
  (cd "$DEST" && printf '%s\n' "$SUMS" | sha256sum -c --quiet --status - 2>/dev/null)
}
in_place && exit 0

command -v apt-get >/dev/null 2>&1 || {
  echo "fetch-qrcodegen: apt-get not found: this script needs a Debian (or derived) system" >&2
  exit 1
}

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/parts" "$W/lists/partial" "$W/cache/archives/partial" "$W/dl"

# deb-src entries from the system's deb entries.
eval "$(apt-config shell SL Dir::Etc::sourcelist/f SP Dir::Etc::sourceparts/d)"
for f in "$SL" "$SP"*.list; do  # one-line format: deb ... -> deb-src ...
  [ -f "$f" ] && sed -n -E 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >> "$W/parts/src.list"
done
i=0
for f in "$SP"*.sources; do  # deb822 format: Types: deb -> Types: deb-src
  [ -f "$f" ] || continue
  i=$((i + 1))
  sed -E 's/^Types:.*/Types: deb-src/' "$f" > "$W/parts/src$i.sources"
done

APT="apt-get -q -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$W/parts \
 -o Dir::State::Lists=$W/lists -o Dir::Cache=$W/cache -o APT::Sandbox::User=root"
$APT update > "$W/update.log" 2>&1 || { cat "$W/update.log" >&2; exit 1; }
# --tar-only: the archive may lack the .debian.tar.xz, and only the upstream tarball is needed.
(cd "$W/dl" && $APT source --download-only --tar-only qr-code-generator > "$W/source.log" 2>&1) ||
  { cat "$W/source.log" >&2; exit 1; }

echo "$SHA256  $W/dl/$ORIG" | sha256sum -c --quiet -

mkdir -p "$W/out"
tar -xzf "$W/dl/$ORIG" -C "$W/out" --strip-components=2 \
  "$TOP/c/qrcodegen.c" "$TOP/c/qrcodegen.h" "$TOP/cpp/qrcodegen.cpp" "$TOP/cpp/qrcodegen.hpp"
tar -xzf "$W/dl/$ORIG" -O "$TOP/Readme.markdown" | sed -n '/^License/,$p' > "$W/out/LICENSE"
[ -s "$W/out/LICENSE" ] || { echo "fetch-qrcodegen: no License section in $TOP/Readme.markdown" >&2; exit 1; }
(cd "$W/out" && printf '%s\n' "$SUMS" | sha256sum -c --quiet -)

mkdir -p "$DEST"
for f in qrcodegen.c qrcodegen.h qrcodegen.cpp qrcodegen.hpp LICENSE; do
  cp "$W/out/$f" "$DEST/$f"
done
echo "fetch-qrcodegen: qrcodegen 1.8.0 (C and C++ ports, MIT) in $DEST"
