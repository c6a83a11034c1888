#!/bin/sh
# Builds the streamer's AppCDS archive: the classes a start-up loads, parsed and verified once at image build time and
# mapped by every later start (-XX:SharedArchiveFile) instead of being read from the jar again.
#
#   train-cds.sh FFMPEG JAR ARCHIVE [JVM FLAGS...]
#
# FFMPEG: an ffmpeg program (the one shipped in the FFmpeg natives) that makes a training clip and plays the RTSP
# server; JAR: the streamer jar, at the path it will run from; ARCHIVE: the .jsa to write; JVM FLAGS: the flags the
# streamer runs with (those in the image's ENTRYPOINT before -jar, without -XX:SharedArchiveFile).
# Three short training starts (test pattern with its tone, camera-like clip with AAC sound transcoded, the same clip
# passed through) list the classes they load; the archive is dumped from the union of the lists. streamer/Dockerfile runs this at image build;
# bench/ runs the same script to measure with the same archive.
set -eu
ffmpeg=$1; jar=$2; archive=$3; shift 3
jvm="$*" # the flags hold no spaces (paths in the image do not)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
port=${CAMSTREAM_TRAIN_PORT:-18554}

# With AAC sound, as most cameras send: the starts load the audio path (AAC made Opus) too.
"$ffmpeg" -hide_banner -loglevel error -nostdin -y -f lavfi -i testsrc2=size=320x180:rate=30 \
  -f lavfi -i sine=frequency=440:sample_rate=16000 -t 3 \
  -c:v libx264 -preset ultrafast -bf 0 -g 30 -pix_fmt yuv420p -c:a aac -f mpegts "$work/clip.ts"

train() { # name, then streamer arguments
  name=$1; shift
  # shellcheck disable=SC2086
  "$ffmpeg" -hide_banner -loglevel error -nostdin -rtsp_flags listen -listen_timeout 30 \
    -i "rtsp://127.0.0.1:$port/$name" -f null - &
  listener=$!
  sleep 0.5
  java $jvm -Xshare:auto -XX:DumpLoadedClassList="$work/$name.classlist" -jar "$jar" --health-port 0 \
    --camera-name cds-training --publish "rtsp://127.0.0.1:$port/$name" "$@" > "$work/$name.log" 2>&1 &
  streamer=$!
  i=0
  until grep -q "First frame published" "$work/$name.log" 2>/dev/null; do
    i=$((i + 1))
    if [ "$i" -gt 300 ] || ! kill -0 "$streamer" 2>/dev/null; then
      cat "$work/$name.log" >&2
      echo "train-cds: the $name training start published nothing" >&2
      exit 1
    fi
    sleep 0.1
  done
  sleep 2
  kill -TERM "$streamer"
  wait "$streamer" || true
  kill "$listener" 2>/dev/null || true
  wait "$listener" 2>/dev/null || true
}

train testpattern --source testpattern:320x180@30+tone
train transcode --source "$work/clip.ts" --mode transcode
train passthrough --source "$work/clip.ts" --mode passthrough

# Merged in load order, duplicates dropped: an @lambda-proxy or @lambda-form-invoker line only takes effect after the
# classes it names (sorted, those lines came first and the dump skipped them, so their lambdas were spun at every start).
cat "$work/testpattern.classlist" "$work/transcode.classlist" "$work/passthrough.classlist" | grep -v '^#' \
  | awk '!seen[$0]++' > "$work/all.classlist"
# shellcheck disable=SC2086
java $jvm -Xshare:dump -XX:SharedClassListFile="$work/all.classlist" -XX:SharedArchiveFile="$archive" -cp "$jar" \
  > "$work/dump.log" 2>&1 || { cat "$work/dump.log" >&2; exit 1; }
echo "train-cds: $(wc -l < "$work/all.classlist") classes -> $archive ($(du -k "$archive" | cut -f1) KiB)"
