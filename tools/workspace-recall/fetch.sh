#!/bin/sh
# Downloads the real code the workspace-context benchmark reads (never committed):
#   java/      commons-lang3 and guava sources jars from Maven Central
#   typescript/ rxjs from npm (it ships its TypeScript sources under src/)
#   python/    the .py files of Debian's python3-urllib3 and python3-rich packages
# Usage: tools/workspace-recall/fetch.sh DIR
set -eu
dir=${1:?usage: fetch.sh DIR}
mkdir -p "$dir/java" "$dir/typescript" "$dir/python" "$dir/.download"
cd "$dir/.download"
central=https://repo1.maven.org/maven2
for artifact in org/apache/commons/commons-lang3/3.14.0/commons-lang3-3.14.0 com/google/guava/guava/33.2.1-jre/guava-33.2.1-jre; do
  name=$(basename "$artifact")
  [ -f "$name-sources.jar" ] || curl -fsSLO "$central/$artifact-sources.jar"
  rm -rf "../java/$name" && mkdir -p "../java/$name" && unzip -q -o "$name-sources.jar" -d "../java/$name"
done
[ -f rxjs-7.8.1.tgz ] || npm pack --silent rxjs@7.8.1 >/dev/null
rm -rf ../typescript/rxjs && mkdir -p ../typescript/rxjs && tar -xzf rxjs-7.8.1.tgz -C ../typescript/rxjs package/src
for package in python3-urllib3 python3-rich; do
  ls "$package"_*.deb >/dev/null 2>&1 || apt-get download "$package" >/dev/null
  rm -rf "../python/$package" && mkdir -p "../python/$package" && dpkg-deb -x "$package"_*.deb "../python/$package"
done
echo "fetched into $dir"
