#!/usr/bin/env bash
# Glass-to-glass latency of the camera wall in Chromium, WebRTC and LL-HLS (issue 21 item 6): camstream's test
# pattern (capture time in luma blocks) -> the real MediaMTX v1.20.1 (the operator's configuration) -> the camera
# wall -> headless Chromium, which reads the capture time back from every frame it presents.
# See operator/src/test/java/io/camstream/operator/ui/WallLatencyBenchmark.java.
#   bench/wall-latency.sh [-Dcamstream.bench.seconds=30] [-Dcamstream.bench.source=testpattern:640x360@30]
#                         [-Dcamstream.bench.bitrateKbps=1000] [-Dcamstream.bench.gopSeconds=1]
#                         [-Dcamstream.bench.warmup=5]
# Needs the streamer jar (mvn -B -ntp package -DskipTests) and the test peers (bash .ci/install-test-deps.sh:
# MediaMTX, Chromium and chromedriver).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f streamer/target/camstream-streamer.jar ] || {
  echo "bench: streamer/target/camstream-streamer.jar missing: build first (mvn -B -ntp package -DskipTests)" >&2
  exit 1
}
out=${CAMSTREAM_BENCH_OUT:-bench/results/wall-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
mvn -B -ntp -q -pl operator test-compile exec:java \
  -Dexec.mainClass=io.camstream.operator.ui.WallLatencyBenchmark -Dexec.classpathScope=test \
  -Dcamstream.bench.out="$out" "$@" | tee "$out/wall-latency.log"
