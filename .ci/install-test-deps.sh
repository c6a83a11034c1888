#!/usr/bin/env bash
# Installs, idempotently and quietly, the real peers the test suite talks to:
# MediaMTX v1.20.1 (install-mediamtx.sh), Debian's ffmpeg (reader/listener, stand-in HLS origin), GStreamer's RTSP server (relay), Lua 5.1 (Argo CD health
# check), Chromium and its chromedriver (the camera wall's browser test; Selenium is pointed at both, so nothing is
# downloaded at run time), Prometheus' promtool (the alert rules' unit tests; Debian ships it in the prometheus
# package, whose server is not started here) and the npm validators for Kubernetes manifests.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  ffmpeg
  python3-gi gir1.2-gst-rtsp-server-1.0
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly
  gstreamer1.0-libav gstreamer1.0-tools
  lua5.1
  chromium chromium-driver
  prometheus
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm validators for the Kubernetes manifests under k8s/ and Prometheus' PromQL grammar (pinned by
# k8s/test/package-lock.json).
if ! (cd k8s/test && npm ls --all >/dev/null 2>&1); then
  (cd k8s/test && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

bash .ci/install-mediamtx.sh
