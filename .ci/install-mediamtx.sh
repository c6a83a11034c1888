#!/usr/bin/env bash
# MediaMTX v1.20.1, the real media server the operator's tests start (RealMediaMtx), installed idempotently at
# .ci/tools/mediamtx/mediamtx (tests look there unless CAMSTREAM_MEDIAMTX names another binary). Preferred: the
# binary this environment provides at <repo>/../shared/mediamtx/bin/mediamtx, checked against the mediamtx.sha256
# beside it. Elsewhere: the official linux_amd64 release, checked against the release's published checksums.sha256.
# A checksum or version that does not match stops the script; an installed binary that still matches is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

mediamtx_version=v1.20.1
mediamtx_dir=.ci/tools/mediamtx
mediamtx_shared=../shared/mediamtx/bin
install_mediamtx() {
  if [ -x "$mediamtx_dir/mediamtx" ] && [ -f "$mediamtx_dir/mediamtx.sha256" ] \
      && (cd "$mediamtx_dir" && sha256sum --check --status mediamtx.sha256) \
      && [ "$("$mediamtx_dir/mediamtx" --version 2>/dev/null)" = "$mediamtx_version" ]; then
    return 0
  fi
  local work
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  if [ -f "$mediamtx_shared/mediamtx" ] && [ -f "$mediamtx_shared/mediamtx.sha256" ]; then
    echo "installing MediaMTX $mediamtx_version from $mediamtx_shared"
    cp "$mediamtx_shared/mediamtx" "$mediamtx_shared/mediamtx.sha256" "$work/"
  else
    local release="https://github.com/bluenviron/mediamtx/releases/download/$mediamtx_version"
    local tarball="mediamtx_${mediamtx_version}_linux_amd64.tar.gz"
    echo "downloading MediaMTX $mediamtx_version ($release/$tarball)"
    curl -fsSL --retry 3 -o "$work/$tarball" "$release/$tarball"
    curl -fsSL --retry 3 -o "$work/checksums.sha256" "$release/checksums.sha256"
    # the release's file lists every platform's archive as "<sha256> *<file>"
    grep -E "[ *]$tarball\$" "$work/checksums.sha256" > "$work/$tarball.sha256" \
      || { echo "MediaMTX: $tarball is not in the release's checksums.sha256" >&2; return 1; }
    (cd "$work" && sha256sum --check --status "$tarball.sha256") \
      || { echo "MediaMTX: $tarball does not match the release's checksums.sha256" >&2; return 1; }
    tar -xzf "$work/$tarball" -C "$work" mediamtx
    (cd "$work" && sha256sum mediamtx > mediamtx.sha256)
  fi
  (cd "$work" && sha256sum --check --status mediamtx.sha256) \
    || { echo "MediaMTX: the binary does not match its mediamtx.sha256" >&2; return 1; }
  local version
  version=$("$work/mediamtx" --version)
  [ "$version" = "$mediamtx_version" ] \
    || { echo "MediaMTX: expected $mediamtx_version, the binary says $version" >&2; return 1; }
  mkdir -p "$mediamtx_dir"
  install -m 0755 "$work/mediamtx" "$mediamtx_dir/mediamtx.new"
  install -m 0644 "$work/mediamtx.sha256" "$mediamtx_dir/mediamtx.sha256"
  mv -f "$mediamtx_dir/mediamtx.new" "$mediamtx_dir/mediamtx"
}
install_mediamtx
