#!/usr/bin/env bash
# Status churn benchmark (issue 22, item 8): status writes per camera-hour while every camera's bitrate and readers
# change between polls. The operator runs in the bench's JVM on the tests' API server; see
# operator/src/test/java/io/camstream/operator/bench/StatusChurnBenchmark.java.
#   bench/status-churn-bench.sh [-Dcamstream.bench.quick=true] [-Dcamstream.bench.streams=N] [-Dcamstream.bench.steadyMinutes=M]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${CAMSTREAM_BENCH_OUT:-bench/results/status-churn-$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
mvn -B -ntp -q -pl operator test-compile exec:java \
  -Dexec.mainClass=io.camstream.operator.bench.StatusChurnBenchmark -Dexec.classpathScope=test \
  -Dcamstream.bench.out="$out" "$@" | tee "$out/status-churn-bench.log"
echo "results: $out/status-churn-results.json"
