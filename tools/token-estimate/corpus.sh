#!/usr/bin/env bash
# Lists the measurement corpus as "language<TAB>path": this repo's Java, java.util.concurrent from a
# JDK's src.zip, Python's standard library, npm's own JavaScript, C headers and pyenv's shell scripts.
# Paths are those of the machine the figures in README were made on; any real code will do.
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
work=${TMPDIR:-/tmp}/token-estimate-corpus
mkdir -p "$work"
src_zip=$(ls /usr/lib/jvm/*/lib/src.zip | xargs -n1 readlink -f | head -1)
unzip -q -o "$src_zip" 'java.base/java/util/concurrent/*.java' -d "$work/jdk"
{
  find "$repo/server/src/main/java" "$repo/protocol-tests/src" -name '*.java' | sed 's/^/java\t/'
  ls "$work"/jdk/java.base/java/util/concurrent/*.java | head -30 | sed 's/^/java\t/'
  ls "$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"/*.py | head -60 | tail -45 | sed 's/^/python\t/'
  find "$(npm root -g)/npm/lib" -name '*.js' | head -45 | sed 's/^/javascript\t/'
  ls /usr/include/*.h | head -40 | sed 's/^/c\t/'
  find "$(pyenv root)/libexec" "$(pyenv root)/plugins" -type f -name 'pyenv-*' | head -35 | sed 's/^/shellscript\t/'
}
