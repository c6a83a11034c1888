#!/usr/bin/env bash
# Measures the streamer on this machine (numbers go to stdout; nothing is asserted):
#   - start-up: JVM start -> first frame published (from the streamer's own log line)
#   - CPU per frame: transcode of testpattern:1280x720@30; passthrough and transcode of a 720p30 H.264 file
#   - latency: testpattern -> RTSP relay on loopback -> reader decoding the luma timestamps (LatencyMeter)
# Needs: the shaded jar (mvn -B -ntp -DskipTests package), Debian ffmpeg, /usr/bin/python3 with GStreamer's RTSP server.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=streamer/target/camstream-streamer.jar
RELAY=streamer/src/test/resources/io/camstream/streamer/testing/rtsp-relay.py
SECONDS_MEASURED=${SECONDS_MEASURED:-15}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/bin/python3 "$RELAY" "$port" tx px > "$work/relay.log" 2>&1 & pids+=($!)
for _ in $(seq 50); do grep -q ready "$work/relay.log" && break; sleep 0.1; done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

measure() { # name pid fps
  sleep 5
  local c0 t0 c1 t1
  c0=$(cpu_ticks "$2"); t0=$(date +%s.%N)
  sleep "$SECONDS_MEASURED"
  c1=$(cpu_ticks "$2"); t1=$(date +%s.%N)
  awk -v n="$1" -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$hz" -v fps="$3" 'BEGIN {
    cpu = (c1 - c0) / hz; wall = t1 - t0;
    printf "%s: %.1f%% of one core, %.2f ms CPU per frame (%d fps)\n", n, 100 * cpu / wall, 1000 * cpu / (wall * fps), fps }'
}

java -jar "$JAR" --health-port 0 --source testpattern:1280x720@30 --publish "rtsp://127.0.0.1:$port/tx" > "$work/tx.log" 2>&1 & tx=$!; pids+=($tx)
measure "transcode testpattern 1280x720@30 (incl. pattern generation)" "$tx" 30
grep -o 'First frame published.*' "$work/tx.log" | sed 's/^/start-up: /'
java -cp "$JAR" io.camstream.streamer.testpattern.LatencyMeter "rtsp://127.0.0.1:$port/tx/play" 10 | sed 's/^/latency testpattern 720p30 -> relay -> reader: /'
kill "$tx"; wait "$tx" 2>/dev/null || true

ffmpeg -hide_banner -v error -nostdin -y -f lavfi -i testsrc2=size=1280x720:rate=30 -t 10 -c:v libx264 -preset veryfast \
  -bf 0 -g 30 -x264-params repeat-headers=1 "$work/720p.mp4"
java -jar "$JAR" --health-port 0 --source "$work/720p.mp4" --publish "rtsp://127.0.0.1:$port/px" > "$work/px.log" 2>&1 & px=$!; pids+=($px)
measure "passthrough 720p30 H.264 file" "$px" 30
kill "$px"; wait "$px" 2>/dev/null || true

java -jar "$JAR" --health-port 0 --mode transcode --source "$work/720p.mp4" --publish "rtsp://127.0.0.1:$port/px" > "$work/tc.log" 2>&1 & tc=$!; pids+=($tc)
measure "transcode 720p30 H.264 file (decode + encode)" "$tc" 30
kill "$tc"; wait "$tc" 2>/dev/null || true
