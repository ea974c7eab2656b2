#!/bin/sh
# Downloads the real code the workspace-context benchmark reads (never committed):
#   java/      commons-lang3 and guava sources jars from Maven Central
#   typescript/ rxjs and mobx from npm (they ship their TypeScript sources under src/)
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
for package in rxjs@7.8.1 mobx@6.13.5; do
  name=${package%@*}
  [ -f "$name-${package#*@}.tgz" ] || npm pack --silent "$package" >/dev/null
  rm -rf "../typescript/$name" && mkdir -p "../typescript/$name" && tar -xzf "$name-${package#*@}.tgz" -C "../typescript/$name" package/src
done
for package in python3-urllib3 python3-rich; do
  ls "$package"_*.deb >/dev/null 2>&1 || apt-get download "$package" >/dev/null
  rm -rf "../python/$package" && mkdir -p "../python/$package" && dpkg-deb -x "$package"_*.deb "../python/$package"
done
echo "fetched into $dir"
