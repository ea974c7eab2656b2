#!/bin/sh
# Downloads the real code the workspace-context benchmark reads (never committed):
#   java/      commons-lang3 and guava sources jars from Maven Central
#   typescript/ rxjs and mobx from npm (they ship their TypeScript sources under src/)
#   python/    the .py files of Debian's python3-urllib3 and python3-rich packages
#   kotlin/    okio-jvm and kotlinx-coroutines-core-jvm sources jars from Maven Central
#   go/        Debian's golang-github-spf13-cobra-dev and golang-github-pelletier-go-toml-dev
#   rust/      Debian's librust-regex-syntax-dev and librust-toml-edit-dev
#   ruby/      Debian's ruby-thor and ruby-rack;  php/  Debian's php-symfony-console
# Debian packages are downloaded and unpacked (apt-get download, dpkg-deb -x), never installed.
# Usage: tools/workspace-recall/fetch.sh DIR
set -eu
dir=${1:?usage: fetch.sh DIR}
mkdir -p "$dir/java" "$dir/typescript" "$dir/python" "$dir/kotlin" "$dir/go" "$dir/rust" "$dir/ruby" \
  "$dir/php" "$dir/.download"
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
for artifact in com/squareup/okio/okio-jvm/3.9.0/okio-jvm-3.9.0 \
  org/jetbrains/kotlinx/kotlinx-coroutines-core-jvm/1.8.1/kotlinx-coroutines-core-jvm-1.8.1; do
  name=$(basename "$artifact")
  [ -f "$name-sources.jar" ] || curl -fsSLO "$central/$artifact-sources.jar"
  rm -rf "../kotlin/$name" && mkdir -p "../kotlin/$name" && unzip -q -o "$name-sources.jar" -d "../kotlin/$name"
done
debian() { # family package...
  family=$1
  shift
  for package in "$@"; do
    ls "$package"_*.deb >/dev/null 2>&1 || apt-get download "$package" >/dev/null
    rm -rf "../$family/$package" && mkdir -p "../$family/$package" && dpkg-deb -x "$package"_*.deb "../$family/$package"
  done
}
debian python python3-urllib3 python3-rich
debian go golang-github-spf13-cobra-dev golang-github-pelletier-go-toml-dev
debian rust librust-regex-syntax-dev librust-toml-edit-dev
debian ruby ruby-thor ruby-rack
debian php php-symfony-console
echo "fetched into $dir"
