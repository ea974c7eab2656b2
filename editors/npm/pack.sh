#!/usr/bin/env bash
# Packs the npm packages in Copilot's style into OUT (default server/target/npm): codestral-lsp
# (a small Node shim) and @codestral-lsp/PLATFORM, which carries the unpacked distribution
# server/target/dist/codestral-lsp-VERSION-PLATFORM. Publishes nothing.
#   editors/npm/pack.sh [PLATFORM] [OUT]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
platform=${1:-linux-x64}
out=${2:-$repo/server/target/npm}
dist=$(ls -d "$repo"/server/target/dist/codestral-lsp-*-"$platform" | head -n 1)
[ -d "$dist" ] || { echo "pack.sh: build the distribution first (mvn -B -pl server package -Pdist ...)" >&2; exit 1; }
version=$(node -p "require('$here/codestral-lsp/package.json').version")
case $platform in
  linux-*) os=linux ;; macos-*) os=darwin ;; windows-*) os=win32 ;;
esac
cpu=${platform#*-}

work=$out/work/$platform
rm -rf "$work" && mkdir -p "$work" "$out"
cp -pR "$dist/." "$work/"
cat >"$work/package.json" <<JSON
{
  "name": "@codestral-lsp/$platform",
  "version": "$version",
  "description": "The codestral-lsp server for $platform, with its own Java runtime.",
  "license": "SEE LICENSE IN README.md",
  "os": ["$os"],
  "cpu": ["$cpu"],
  "files": ["bin/", "lib/", "runtime/"]
}
JSON
(cd "$out" && npm pack --silent "$work" && npm pack --silent "$here/codestral-lsp")
