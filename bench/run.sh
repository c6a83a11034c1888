#!/usr/bin/env bash
# camstream benchmark suite: one command runs everything (see bench/README.md).
#
#   bench/run.sh                      # everything, full settings (~25 min + the 10-minute memory run)
#   bench/run.sh --quick              # smoke test of every part (~4 min)
#   bench/run.sh streamer [SUITE...] [--quick] [--reps N] [--window S] ...   # streamer only (camstream_bench.py)
#   bench/run.sh operator [--quick]   # operator only (10,000 cameras, leader + standby, on the test API server)
#   bench/run.sh wall [--quick]       # camera wall glass-to-glass latency in Chromium, WebRTC and LL-HLS
#   bench/run.sh status-churn [--quick]   # status writes per camera-hour with variable bitrates and readers
#
# Prerequisite: the README's build (mvn -B -ntp package -DskipTests) so that both jars exist.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=${CAMSTREAM_STREAMER_JAR:-streamer/target/camstream-streamer.jar}
what=all
case "${1:-}" in
  streamer|operator|wall|status-churn) what=$1; shift ;;
esac

quick=false
for a in "$@"; do [ "$a" = "--quick" ] && quick=true; done

for tool in ffmpeg java javac /usr/bin/python3 python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found (run .ci/install-test-deps.sh)" >&2; exit 1; }
done

run_streamer() {
  [ -f "$jar" ] || { echo "bench: $jar missing: build first (mvn -B -ntp package -DskipTests)" >&2; exit 1; }
  mkdir -p bench/target/classes
  javac -nowarn -d bench/target/classes -cp "$jar" bench/java/io/camstream/bench/*.java
  local args=()
  for a in "$@"; do
    case $a in -D*) ;; *) args+=("$a") ;; esac
  done
  python3 bench/camstream_bench.py "${args[@]}"
}

# The operator benches' arguments: --quick as the property they read, -D properties as they are.
operator_args() {
  for a in "$@"; do
    case $a in
      --quick) echo "-Dcamstream.bench.quick=true" ;;
      -D*) echo "$a" ;;
    esac
  done
}

run_operator() {
  local args
  mapfile -t args < <(operator_args "$@")
  bash bench/operator-bench.sh "${args[@]}"
}

run_status_churn() {
  local args
  mapfile -t args < <(operator_args "$@")
  bash bench/status-churn-bench.sh "${args[@]}"
}

run_wall() {
  local args=()
  for a in "$@"; do
    case $a in
      --quick) args+=("-Dcamstream.bench.seconds=10") ;;
      -D*) args+=("$a") ;;
    esac
  done
  bash bench/wall-latency.sh "${args[@]}"
}

case $what in
  streamer) run_streamer "$@" ;;
  operator) run_operator "$@" ;;
  wall) run_wall "$@" ;;
  status-churn) run_status_churn "$@" ;;
  all) run_streamer "$@"; run_operator "$@"; run_wall "$@"; run_status_churn "$@" ;;
esac
