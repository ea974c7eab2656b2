#!/usr/bin/env bash
# Builds the self-contained distribution for the platform it runs on (mvn -B -pl server package
# -Pdist calls it; docs/install.md): a Java runtime of only the modules the server needs, the
# jar, the launcher, and a class-data sharing archive recorded by a training session now, so that
# even the user's first start maps the server's classes instead of loading them.
#
#   make-dist.sh JDK_HOME TARGET_DIR VERSION [PLATFORM]
#
# Writes TARGET_DIR/codestral-lsp-VERSION-PLATFORM/ and its .tar.gz (.zip on Windows).
set -euo pipefail

jdk=$1
target=$2
version=$3
platform=${4:-}

if [ -z "$platform" ]; then
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=macos ;;
    MINGW* | MSYS* | CYGWIN*) os=windows ;;
    *) echo "make-dist: unknown OS $(uname -s)" >&2; exit 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "make-dist: unknown architecture $(uname -m)" >&2; exit 1 ;;
  esac
  platform=$os-$arch
fi
exe=
case $platform in windows-*) exe=.exe ;; esac

# Java 25's class-data archives record the jar's path relative to the runtime, so the archive
# made here is used wherever the user unpacks the distribution; Java 17's are bound to the
# absolute path of the build (measured: "shared class paths mismatch" after a move).
jdk_version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")
if [ "${jdk_version:-0}" -lt 25 ]; then
  echo "make-dist: $jdk is Java $jdk_version; the distribution needs a JDK 25 or newer (-Ddist.jdk=...)" >&2
  exit 1
fi

name=codestral-lsp-$version-$platform
out=$target/dist/$name
jar=$target/codestral-lsp.jar
rm -rf "$out" "$target/dist/$name.tar.gz" "$target/dist/$name.zip"
mkdir -p "$out/bin" "$out/lib"

# The modules: what jdeps finds, less three it finds only on paths the server never takes
# (Jackson's java.beans and java.sql handlers and Gson's java.sql adapters load only when those
# classes exist; java.compiler is for Error Prone's annotations), plus what jdeps cannot see:
# java.logging (hidden behind java.sql's transitive requires), jdk.crypto.ec (TLS's ECDHE key
# exchange and ECDSA certificates, a provider found by service loading; part of java.base from
# Java 22) and jdk.unsupported (Gson's Unsafe allocator, looked up by reflection).
found=$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 "$jar")
modules=java.logging,jdk.unsupported
IFS=, read -r -a list <<<"$found"
for module in "${list[@]}"; do
  case $module in
    java.desktop | java.sql | java.compiler) ;;
    *) modules=$modules,$module ;;
  esac
done
if "$jdk/bin/java" --list-modules | grep -q '^jdk.crypto.ec@'; then
  modules=$modules,jdk.crypto.ec
fi
echo "make-dist: jdeps found $found; the runtime holds $modules"

# --generate-cds-archive: the JDK's own classes' archive, which the server's archive builds on.
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --generate-cds-archive --output "$out/runtime"
# The archive for heaps over 32 GB (no compressed oops): never with the launcher's -Xmx256m; 11 MB.
rm -f "$out/runtime/lib/server/classes_nocoops.jsa"
cp "$jar" "$out/lib/codestral-lsp.jar"
# The archive is valid only for the jar's exact modification time, which npm and some zip tools
# do not keep: the time is fixed here (UTC) and written down, and the launcher puts it back.
stamp=202601010000.00
TZ=UTC0 touch -t "$stamp" "$out/lib/codestral-lsp.jar"
printf '%s\n' "$stamp" >"$out/lib/codestral-lsp.jar.time"
here=$(cd "$(dirname "$0")" && pwd)
cp "$here/codestral-lsp" "$out/bin/codestral-lsp"
chmod 755 "$out/bin/codestral-lsp"
cp "$here/codestral-lsp.cmd" "$out/bin/codestral-lsp.cmd"

# The training session: what an editor does first (initialize, open a file, ask for an inline
# suggestion, which fails fast for want of a key), then shutdown and exit. The archive holds the
# classes it loaded; the JVM flags must match the launcher's for the archive to be used.
message() {
  printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"
}
uri=file:///tmp/training.py
{
  message '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{"textDocument":{"inlineCompletion":{}}}}}'
  message '{"jsonrpc":"2.0","method":"initialized","params":{}}'
  message '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"'$uri'","languageId":"python","version":1,"text":"def add(a, b):\n    return \n"}}}'
  message '{"jsonrpc":"2.0","id":2,"method":"textDocument/inlineCompletion","params":{"textDocument":{"uri":"'$uri'"},"position":{"line":1,"character":11},"context":{"triggerKind":2}}}'
  message '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"'$uri'","version":2},"contentChanges":[{"text":"def add(a, b):\n    return a\n"}]}}'
  sleep 2 # lets the completion's failure and the logging of it load their classes
  message '{"jsonrpc":"2.0","id":3,"method":"shutdown"}'
  message '{"jsonrpc":"2.0","method":"exit"}'
} | env -u CODESTRAL_API_KEY -u MISTRAL_API_KEY CODESTRAL_LSP_CDS=off \
  CODESTRAL_LSP_JAVA_OPTS="-XX:ArchiveClassesAtExit=$out/lib/codestral-lsp.jsa" \
  "$out/bin/codestral-lsp" >/dev/null 2>"$target/dist/training.log" || true
# The training's launcher marked the jar's time as checked; the user's copy must check it again.
rm -f "$out/lib/.codestral-lsp.jar.checked"
[ -s "$out/lib/codestral-lsp.jsa" ] || { echo "make-dist: the training session made no archive" >&2; cat "$target/dist/training.log" >&2; exit 1; }

cd "$target/dist"
if [ "$exe" = .exe ]; then
  "$jdk/bin/jar" --create --no-manifest --file "$name.zip" -C . "$name"
  echo "make-dist: $target/dist/$name.zip"
else
  tar -czf "$name.tar.gz" "$name"
  echo "make-dist: $target/dist/$name.tar.gz"
fi
