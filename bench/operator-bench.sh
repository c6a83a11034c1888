#!/usr/bin/env bash
# Operator scale benchmark: 1,000 CameraStreams x 10 cameras (a leader and a standby replica) on the tests' API server
# with the fake MediaMTX API.
# The operator runs as the real jar in its own JVM; see operator/src/test/java/io/camstream/operator/bench/.
#   bench/operator-bench.sh [-Dcamstream.bench.quick=true] [-Dcamstream.bench.streams=N] [-Dcamstream.bench.steadyMinutes=M]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=operator/target/camstream-operator.jar
[ -f "$jar" ] || { echo "bench: $jar missing: build first (mvn -B -ntp package -DskipTests)" >&2; exit 1; }
out=${CAMSTREAM_BENCH_OUT:-bench/results/operator-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
mvn -B -ntp -q -pl operator test-compile exec:java \
  -Dexec.mainClass=io.camstream.operator.bench.OperatorScaleBenchmark -Dexec.classpathScope=test \
  -Dcamstream.bench.operatorJar="$PWD/$jar" -Dcamstream.bench.out="$out" "$@" | tee "$out/operator-bench.log"
echo "results: $out/operator-results.json"
