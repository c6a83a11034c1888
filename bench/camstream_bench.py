#!/usr/bin/env python3
"""camstream streamer benchmarks: camstream vs the ffmpeg CLI doing the same work, in the same run.

Run through bench/run.sh (it builds the helper classes and passes arguments on). Every comparison is interleaved
A B A B ... with --reps repetitions; reported figures are medians with the min-max spread, ratios are medians of the
per-repetition ratios (camstream / ffmpeg). Python standard library only; the peers are real processes: Debian's
ffmpeg, the GStreamer RTSP relay (the streamer tests' rtsp-relay.py under /usr/bin/python3), the streamer jar, and a JavaCV
reader (bench/java) that decodes the test pattern's luma timestamps.
"""
import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RELAY_SCRIPT = ROOT / "streamer/src/test/resources/io/camstream/streamer/testing/rtsp-relay.py"
WORK = BENCH / "target"
JAR = Path(os.environ.get("CAMSTREAM_STREAMER_JAR", ROOT / "streamer/target/camstream-streamer.jar"))
CLASSES = WORK / "classes"
GST_PYTHON = "/usr/bin/python3"
CLK_TCK = os.sysconf("SC_CLK_TCK")
FPS = 30
BITRATE_KBPS = 2000
GOP_SECONDS = 1
DOCKERFILE = ROOT / "streamer/Dockerfile"
TRAIN_CDS = ROOT / "streamer/src/main/docker/train-cds.sh"
# The pod's default memory limit (768Mi, OperatorDefaults) stands in for the container: the JVM sizes its heap from
# MaxRAM as it would from the cgroup limit.
POD_MEMORY = "-XX:MaxRAM=768m"
# The JVM flags and environment of the streamer image before this work (main 6b9e9d6), for the "before" variants.
PREVIOUS_JAVA_OPTS = "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError " + POD_MEMORY
NATIVES = WORK / "image" / "natives"
JSA = WORK / "image" / "camstream.jsa"
IMAGE_CACHE = WORK / "image" / "javacpp"
RESOLUTIONS = {"720p": (1280, 720), "1080p": (1920, 1080)}
ENCODER_THREADS = max(1, min(8, len(os.sched_getaffinity(0))))
SUITES = ["transcode", "passthrough", "audio", "latency", "startup", "memory", "density", "jvmflags", "footprint"]
MEDIAMTX = next((p for p in (Path(os.environ.get("CAMSTREAM_MEDIAMTX", "/nonexistent")),
                             ROOT / ".ci/tools/mediamtx/mediamtx", ROOT.parent / "shared/mediamtx/bin/mediamtx")
                 if p.is_file()), None)

LOG_DIR = None  # set in main


def log(msg):
    print(time.strftime("%H:%M:%S ") + msg, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


# ---------------------------------------------------------------------------------------------------------------
# processes

class Proc:
    """A child process in its own process group, with its CPU time and memory read from /proc."""

    def __init__(self, name, cmd, env=None, stdout=None, cwd=None):
        self.name = name
        self.log_path = LOG_DIR / (name + ".log")
        self.log_file = open(self.log_path, "wb")
        self.started = time.time()
        self.popen = subprocess.Popen(cmd, stdout=stdout or self.log_file, stderr=self.log_file,
                                      stdin=subprocess.DEVNULL, env=env, start_new_session=True, cwd=cwd)
        self.pid = self.popen.pid

    def alive(self):
        return self.popen.poll() is None

    def cpu_seconds(self):
        """utime + stime of the process (all its threads), in seconds."""
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def status_kb(self, key):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
        return 0

    def rss_mb(self):
        return self.status_kb("VmRSS") / 1024

    def peak_rss_mb(self):
        return self.status_kb("VmHWM") / 1024

    def log_text(self):
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def stop(self, timeout=6):
        if self.alive():
            try:
                os.killpg(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.popen.wait()
        self.log_file.close()


RUNNING = []


def spawn(name, cmd, **kw):
    p = Proc(name, cmd, **kw)
    RUNNING.append(p)
    return p


def stop_all():
    for p in reversed(RUNNING):
        p.stop(timeout=3)
    RUNNING.clear()


class Relay:
    """GStreamer RTSP relay: publish to /<path>, read from /<path>/play."""

    def __init__(self, paths):
        self.port = free_port()
        self.proc = spawn(f"relay-{self.port}", [GST_PYTHON, str(RELAY_SCRIPT), str(self.port)] + list(paths),
                          env=dict(os.environ, RELAY_LATENCY_MS="0"))
        if not wait_port(self.port):
            raise RuntimeError("relay did not start: " + self.proc.log_text())

    def publish(self, path):
        return f"rtsp://127.0.0.1:{self.port}/{path}"

    def read(self, path):
        return f"rtsp://127.0.0.1:{self.port}/{path}/play"

    def stop(self):
        self.proc.stop()


class MediaMtxRelay:
    """The real MediaMTX v1.20.1 as the relay for cameras with sound (the GStreamer relay carries H.264 only): every
    path open to publish and read over RTSP/TCP on 127.0.0.1, its other servers off."""

    def __init__(self):
        if MEDIAMTX is None:
            raise RuntimeError("MediaMTX not found: run bash .ci/install-test-deps.sh (or set CAMSTREAM_MEDIAMTX)")
        self.port = free_port()
        config = LOG_DIR / f"mediamtx-{self.port}.yml"
        config.write_text("\n".join([
            "logLevel: warn", "api: no", "metrics: no", "pprof: no", "playback: no", "rtmp: no", "hls: no",
            "webrtc: no", "srt: no", "moq: no", "rtsp: yes", "rtspTransports: [tcp]", f"rtspAddress: 127.0.0.1:{self.port}",
            "paths:", "  all_others:", ""]))
        # in the run's log directory: MediaMTX writes a self-signed auto.crt/auto.key into its working directory
        self.proc = spawn(f"mediamtx-{self.port}", [str(MEDIAMTX), str(config)], cwd=LOG_DIR)
        if not wait_port(self.port):
            raise RuntimeError("MediaMTX did not start: " + self.proc.log_text())

    def publish(self, path):
        return f"rtsp://127.0.0.1:{self.port}/{path}"

    def read(self, path):
        return self.publish(path)

    def stop(self):
        self.proc.stop()


def media_file(res):
    """A 20 s H.264 camera-like clip (MPEG-TS, SPS/PPS in-band, no B-frames, 4 Mb/s, 1 s GOP), made once."""
    w, h = RESOLUTIONS[res]
    path = WORK / "media" / f"source-{res}{FPS}.ts"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        log(f"generating {path.name}")
        subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                        f"testsrc2=size={w}x{h}:rate={FPS},noise=alls=6:allf=t",
                        "-t", "20", "-c:v", "libx264", "-preset", "veryfast", "-bf", "0", "-g", str(FPS),
                        "-pix_fmt", "yuv420p", "-b:v", "4000k", "-maxrate", "4000k", "-bufsize", "4000k",
                        "-x264-params", "repeat-headers=1", "-f", "mpegts", str(path)], check=True)
    return path


AUDIO_CODECS = {
    # What IP cameras send: AAC-LC at 16 kHz mono (made Opus by --audio auto), Opus and G.711 (copied).
    "aac": ["-c:a", "aac", "-ar", "16000", "-ac", "1", "-b:a", "32k"],
    "opus": ["-c:a", "libopus", "-ar", "48000", "-ac", "1", "-b:a", "32k"],
    # PCMU 8 kHz mono in 20 ms packets (160 samples), as cameras send it over RTP.
    "pcmu": ["-af", "aresample=8000,asetnsamples=n=160:p=0", "-c:a", "pcm_mulaw", "-ac", "1"],
}


def media_file_with_audio(res, codec):
    """The camera clip (media_file) with a sound track: speech-like noise under a tone, in AUDIO_CODECS[codec]."""
    # Matroska: AAC with its config out of band, as a camera announces it in its SDP (ADTS in MPEG-TS would not go
    # into RTP as it is).
    path = WORK / "media" / f"source-{res}{FPS}-{codec}.mkv"
    if not path.exists():
        log(f"generating {path.name}")
        subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", str(media_file(res)),
                        "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.05:sample_rate=48000[n];"
                        "sine=frequency=440:sample_rate=48000[s];[n][s]amix=inputs=2",
                        "-map", "0:v", "-map", "1:a", "-t", "20", "-c:v", "copy"] + AUDIO_CODECS[codec]
                       + ["-f", "matroska", str(path)], check=True)
    return path


def camera(relay, path, res, audio=None):
    """An ffmpeg process standing in for an IP camera: the clip, looped in real time, pushed to the relay (with its
    sound when audio names a codec of AUDIO_CODECS). It reports the frames it sent (-progress), the frames every
    reader of the relay was delivered."""
    name = f"camera-{path}-{relay.port}"
    clip = media_file(res) if audio is None else media_file_with_audio(res, audio)
    p = spawn(name, ["ffmpeg", "-hide_banner", "-loglevel", "error", "-progress", str(LOG_DIR / (name + ".progress")),
                     "-stats_period", "0.1", "-re", "-stream_loop", "-1", "-i", str(clip), "-c", "copy"]
              + (["-an"] if audio is None else []) + ["-f", "rtsp", "-rtsp_transport", "tcp", relay.publish(path)])
    p.kind = "ffmpeg"
    return p


def thread_ticks(p):
    """CPU ticks per thread name of the process (/proc/<pid>/task/*), for a profile of where its CPU goes."""
    ticks = {}
    for task in Path(f"/proc/{p.pid}/task").iterdir():
        try:
            comm = (task / "comm").read_text().strip()
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        group = re.sub(r"[#\d]+$", "", comm).strip() or comm
        ticks[group] = ticks.get(group, 0) + int(fields[11]) + int(fields[12])
    return ticks


def dockerfile_entrypoint():
    """The exec-form ENTRYPOINT of streamer/Dockerfile, as a list."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    m = re.search(r"^ENTRYPOINT\s+(\[.*?\])\s*$", text, re.M)
    return json.loads(m.group(1))


def dockerfile_env():
    """The ENV settings of the streamer image's runtime stage."""
    return dict(re.findall(r"^ENV\s+(\w+)=(\S+)\s*$", DOCKERFILE.read_text(), re.M))


IMAGE_ENV = dockerfile_env()


def image_jvm_flags(with_cds=True):
    """The image's JVM flags (ENTRYPOINT before -jar) with its paths mapped onto this machine: the natives unpacked
    as the Dockerfile unpacks them, the AppCDS archive trained by the Dockerfile's own script, a javacpp cache dir."""
    entry = dockerfile_entrypoint()
    mapped = []
    for arg in entry[1:entry.index("-jar")]:
        if arg.startswith("-XX:SharedArchiveFile="):
            if with_cds:
                mapped.append(f"-XX:SharedArchiveFile={JSA}")
            continue
        arg = arg.replace("/opt/camstream/natives", str(NATIVES)).replace("/tmp/javacpp", str(IMAGE_CACHE))
        mapped.append(arg)
    return mapped + [POD_MEMORY]


def prepare_image():
    """What the image build does, on this machine: unpack the natives (pathsFirst), build the AppCDS archive with
    streamer/src/main/docker/train-cds.sh and the image's flags."""
    import zipfile
    if NATIVES.exists():
        shutil.rmtree(NATIVES)
    NATIVES.mkdir(parents=True)
    dirs = ("org/bytedeco/ffmpeg/linux-x86_64-gpl/", "org/bytedeco/javacpp/linux-x86_64/")
    with zipfile.ZipFile(JAR) as jar:
        for entry in jar.namelist():
            d, name = entry.rsplit("/", 1)[0] + "/", entry.rsplit("/", 1)[-1]
            if d in dirs and ".so" in name:
                (NATIVES / name).write_bytes(jar.read(entry))
    JSA.unlink(missing_ok=True)
    flags = image_jvm_flags(with_cds=False)
    t0 = time.time()
    r = subprocess.run(["sh", str(TRAIN_CDS), bundled_ffmpeg(), str(JAR), str(JSA)] + flags,
                       capture_output=True, text=True, env=dict(os.environ, CAMSTREAM_TRAIN_PORT=str(free_port())))
    if r.returncode != 0 or not JSA.exists():
        raise RuntimeError("train-cds.sh failed: " + r.stdout[-2000:] + r.stderr[-2000:])
    log(f"image prepared in {time.time() - t0:.0f} s: natives unpacked, {r.stdout.strip()}")


def java_opts():
    override = os.environ.get("CAMSTREAM_BENCH_JAVA_OPTS")
    return shlex_split(override) if override is not None else image_jvm_flags()


def java_cmd(cachedir=None, extra_jvm=(), opts=None):
    cmd = ["java"]
    cmd += java_opts() if opts is None else list(opts)
    cmd += list(extra_jvm)
    if cachedir:
        cmd.append(f"-Dorg.bytedeco.javacpp.cachedir={cachedir}")
    return cmd


def shlex_split(s):
    import shlex
    return shlex.split(s)


CACHE_DIR = None  # warm javacpp cache for the "before" variants (the image unpacks its natives instead)
BEFORE_JAR = None  # --before-jar: the streamer as it was, run with the flags it had


def camstream(name, source, publish, mode, cachedir=None, extra=(), extra_jvm=(), env=None, before=False, opts=None):
    health = free_port()
    jar = BEFORE_JAR if before else JAR
    if before:
        opts, cachedir = shlex_split(PREVIOUS_JAVA_OPTS), cachedir or CACHE_DIR
    cmd = java_cmd(cachedir, extra_jvm, opts) + ["-jar", str(jar), "--source", source, "--publish", publish,
                                                 "--mode", mode, "--health-port", str(health),
                                                 "--camera-name", name] + list(extra)
    merged = {**os.environ, **IMAGE_ENV, **(env or {})}
    p = spawn(name, cmd, env={k: v for k, v in merged.items() if v is not None})
    p.health_port = health
    p.kind = "camstream"
    return p


def bundled_ffmpeg():
    """The ffmpeg program that ships inside the streamer jar's FFmpeg natives (JavaCV's build: the same FFmpeg and
    x264 as camstream), unpacked once next to its libraries. Comparing with it separates the JVM pipeline's own cost
    from differences between FFmpeg/x264 builds."""
    target = WORK / "ffmpeg-javacv"
    binary = target / "ffmpeg"
    if not binary.exists():
        import zipfile
        target.mkdir(parents=True, exist_ok=True)
        prefix = "org/bytedeco/ffmpeg/linux-x86_64-gpl/"
        with zipfile.ZipFile(JAR) as jar:
            for entry in jar.namelist():
                if entry.startswith(prefix) and not entry.endswith("/"):
                    (target / entry[len(prefix):]).write_bytes(jar.read(entry))
        binary.chmod(0o755)
    return str(binary)


def ffmpeg_hop(name, source, publish, mode, progress=True, binary="ffmpeg", audio=None):
    """The ffmpeg CLI doing what camstream does, with camstream's input and encoder settings; with audio "copy" or
    "opus" (camstream's Opus settings) it keeps the source's sound that way, else drops it."""
    cmd = [binary, "-hide_banner", "-loglevel", "error", "-nostdin"]
    if progress:
        cmd += ["-progress", str(LOG_DIR / (name + ".progress")), "-stats_period", "0.1"]
    cmd += ["-rtsp_transport", "tcp", "-timeout", "5000000", "-probesize", "500000", "-analyzeduration", "500000",
            "-fflags", "nobuffer", "-threads", "1", "-i", source]
    if audio == "copy":
        cmd += ["-map", "0:v", "-map", "0:a", "-c:a", "copy"]
    elif audio == "opus":
        cmd += ["-map", "0:v", "-map", "0:a", "-c:a", "libopus", "-ar", "48000", "-b:a", "32k",
                "-application", "lowdelay", "-frame_duration", "20", "-vbr", "constrained", "-compression_level", "5"]
    else:
        cmd += ["-an"]
    if mode == "passthrough":
        cmd += ["-c:v", "copy"]
    else:
        rate = f"{BITRATE_KBPS}k"
        cmd += ["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                "-g", str(FPS * GOP_SECONDS), "-bf", "0", "-b:v", rate, "-maxrate", rate, "-bufsize", rate,
                "-x264-params", "repeat-headers=1:bframes=0",
                # camstream's encoder threads (H264Publisher.encoderThreads: the JVM's CPU count, at most 8) in slices
                "-threads:v", str(ENCODER_THREADS), "-thread_type:v", "slice"]
    cmd += ["-f", "rtsp", "-rtsp_transport", "tcp", publish]
    p = spawn(name, cmd)
    p.kind = "ffmpeg"
    return p


def frames_done(p):
    """Frames the process has published so far, or None when it cannot tell."""
    if p.kind == "ffmpeg":
        try:
            text = (LOG_DIR / (p.name + ".progress")).read_text()
        except OSError:
            return None
        found = re.findall(r"^frame=(\d+)", text, re.M)
        return int(found[-1]) if found else None
    return metric(p, r"camstream_(?:streamer_)?frames_published_total")


def frames_received(p):
    """Frames the process received from its source so far: camstream's frames_grabbed counter; for the ffmpeg CLI
    the frames it encoded, less those its frame-rate logic duplicated, plus those it dropped (-progress)."""
    if p.kind == "ffmpeg":
        try:
            text = (LOG_DIR / (p.name + ".progress")).read_text()
        except OSError:
            return None
        blocks = re.findall(r"^frame=(\d+).*?^dup_frames=(\d+)\s+^drop_frames=(\d+)", text, re.M | re.S)
        if not blocks:
            return None
        frame, dup, drop = (int(x) for x in blocks[-1])
        return frame - dup + drop
    return metric(p, r"camstream_(?:streamer_)?frames_grabbed_total")


def frames_dropped(p):
    """camstream's frames_dropped counter (the drop-oldest hand-off); None for the CLI."""
    if p.kind == "ffmpeg":
        return None
    return metric(p, r"camstream_(?:streamer_)?frames_dropped_total")


def metric(p, name_regex):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{p.health_port}/metrics", timeout=5) as r:
            text = r.read().decode()
    except Exception:
        return None
    total = None
    for line in text.splitlines():
        m = re.match(r"^(" + name_regex + r")(\{[^}]*\})?\s+([0-9.eE+-]+)", line)
        if m:
            total = (total or 0) + float(m.group(3))
    return total


def wait_publishing(p, timeout=30):
    """Until the process has started to publish (camstream: its log says so; ffmpeg: it counts frames)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if not p.alive():
            raise RuntimeError(f"{p.name} exited: {p.log_text()[-2000:]}")
        if p.kind == "camstream" and "Publishing to" in p.log_text():
            return
        if p.kind == "ffmpeg" and (frames_done(p) or 0) > 0:
            return
        time.sleep(0.1)
    raise RuntimeError(f"{p.name} did not start publishing within {timeout}s: {p.log_text()[-2000:]}")


# ---------------------------------------------------------------------------------------------------------------
# statistics

def quantile(values, q):
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q
    f = int(k)
    c = min(f + 1, len(s) - 1)
    return s[f] + (s[c] - s[f]) * (k - f)


def summary(values):
    values = [v for v in values if v is not None]
    if not values:
        return {"median": None, "min": None, "max": None, "n": 0, "values": []}
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values),
            "values": values}


def ratios(a, b):
    return summary([x / y for x, y in zip(a, b) if x is not None and y])


def fmt(x, digits=3):
    if x is None:
        return "n/a"
    if isinstance(x, float):
        return f"{x:.{digits}g}" if abs(x) < 1000 else f"{x:.0f}"
    return str(x)


def spread(s, digits=3, unit=""):
    if not s or s.get("median") is None:
        return "n/a"
    return f"{fmt(s['median'], digits)}{unit} ({fmt(s['min'], digits)}–{fmt(s['max'], digits)})"


# ---------------------------------------------------------------------------------------------------------------
# suites

def measure_cpu(p, warmup, window, fps, cam=None, counter=None):
    wait_publishing(p)
    time.sleep(warmup)
    # Scraping /metrics costs the process some CPU (more the first time): keep the scrapes outside the CPU window.
    frames_done(p)
    f0 = frames_done(p)
    r0 = frames_received(p)
    x0 = frames_dropped(p)
    k0 = metric(p, counter) if counter else None
    d0 = frames_done(cam) if cam else None
    th0 = thread_ticks(p)
    c0, t0 = p.cpu_seconds(), time.time()
    time.sleep(window)
    c1, t1 = p.cpu_seconds(), time.time()
    th1 = thread_ticks(p)
    d1 = frames_done(cam) if cam else None
    f1 = frames_done(p)
    r1 = frames_received(p)
    x1 = frames_dropped(p)
    k1 = metric(p, counter) if counter else None
    if not p.alive():
        raise RuntimeError(f"{p.name} died: {p.log_text()[-2000:]}")
    wall = t1 - t0
    counted = f0 is not None and f1 is not None
    frames = (f1 - f0) if counted else fps * wall
    # What the source delivered to this process (a starved relay delivers less than the camera sent).
    delivered = (r1 - r0) if r0 is not None and r1 is not None else None
    camera_sent = (d1 - d0) if d0 is not None and d1 is not None else None
    threads = {k: 100 * (th1.get(k, 0) - v) / CLK_TCK / wall for k, v in th0.items()}
    return {"cpu_s": c1 - c0, "wall_s": wall, "frames": frames, "frames_counted": counted,
            "cpu_per_frame_ms": 1000 * (c1 - c0) / frames if frames else None,
            "cores": (c1 - c0) / wall, "fps": frames / wall,
            "delivered_frames": delivered, "camera_sent_frames": camera_sent,
            # camstream only: frames the drop-oldest hand-off threw away because the encoder fell behind (CPU
            # starvation); what is neither published nor dropped was lost some other way (timestamps, before).
            "dropped_frames": (x1 - x0) if x0 is not None and x1 is not None else None,
            "published_or_dropped_per_delivered": ((frames + x1 - x0) / delivered
                                                   if delivered and counted and x0 is not None and x1 is not None
                                                   else None),
            "received_per_camera_sent": delivered / camera_sent if delivered and camera_sent else None,
            "counter_per_second": (k1 - k0) / wall if k0 is not None and k1 is not None else None,
            "published_per_delivered": frames / delivered if delivered and counted else None,
            "thread_core_percent": {k: round(v, 2) for k, v in sorted(threads.items(), key=lambda kv: -kv[1])
                                    if v > 0}}


def cpu_suite(args, mode, resolutions):
    results = {}
    for res in resolutions:
        relay = Relay(["cam"] + [f"out{i}" for i in range(4 * args.reps)])
        cam = camera(relay, "cam", res)
        time.sleep(2)
        variants = (("camstream", "ffmpeg") + (("ffmpeg-javacv",) if args.bundled_ffmpeg else ())
                    + (("camstream-before",) if BEFORE_JAR else ()))
        runs = {v: [] for v in variants}
        slot = 0
        for rep in range(args.reps):
            for variant in variants:
                name = f"{mode}-{res}-{variant}-{rep}"
                if variant.startswith("camstream"):
                    p = camstream(name, relay.read("cam"), relay.publish(f"out{slot}"), mode,
                                  before=variant == "camstream-before")
                else:
                    p = ffmpeg_hop(name, relay.read("cam"), relay.publish(f"out{slot}"), mode,
                                   binary=bundled_ffmpeg() if variant == "ffmpeg-javacv" else "ffmpeg")
                slot += 1
                # Passthrough costs so little that the JIT compiling the new code paths during the first seconds
                # would dominate the window: give it time to finish, so the figure is the steady state.
                warmup = args.warmup if mode == "transcode" else max(args.warmup, args.passthrough_warmup)
                try:
                    m = measure_cpu(p, warmup, args.window, FPS, cam)
                finally:
                    p.stop()
                runs[variant].append(m)
                log(f"  {name}: {m['cpu_per_frame_ms']:.3f} ms CPU/frame, {100 * m['cores']:.1f}% of a core, "
                    f"{m['fps']:.1f} fps{'' if m['frames_counted'] else ' (assumed)'}, published/delivered "
                    f"{fmt(m['published_per_delivered'])}")
        cam.stop()
        relay.stop()
        per_frame = {v: [m["cpu_per_frame_ms"] for m in runs[v]] for v in runs}
        cores = {v: [100 * m["cores"] for m in runs[v]] for v in runs}
        results[res] = {
            "runs": runs,
            "cpu_ms_per_frame": {v: summary(per_frame[v]) for v in runs},
            "core_percent": {v: summary(cores[v]) for v in runs},
            "ratio": ratios(per_frame["camstream"], per_frame["ffmpeg"]),
            "ratio_vs_ffmpeg_javacv": (ratios(per_frame["camstream"], per_frame["ffmpeg-javacv"])
                                       if "ffmpeg-javacv" in runs else None),
            "ratio_before": (ratios(per_frame["camstream-before"], per_frame["ffmpeg"])
                             if "camstream-before" in runs else None),
            "published_per_delivered": {v: summary([m["published_per_delivered"] for m in runs[v]]) for v in runs},
            "published_or_dropped_per_delivered": {v: summary([m.get("published_or_dropped_per_delivered")
                                                               for m in runs[v]]) for v in runs},
            "core_percent_difference": summary([a - b for a, b in zip(cores["camstream"], cores["ffmpeg"])]),
        }
    return results


AUDIO_VARIANTS = {
    # name: (camera path, streamer --audio or the CLI's audio handling, who)
    "camstream video only": ("cam-aac", "off", "camstream"),
    "camstream AAC made Opus": ("cam-aac", "auto", "camstream"),
    "camstream Opus copied": ("cam-opus", "auto", "camstream"),
    "camstream G.711 copied": ("cam-pcmu", "auto", "camstream"),
    "ffmpeg AAC made Opus": ("cam-aac", "opus", "ffmpeg"),
    "ffmpeg Opus copied": ("cam-opus", "copy", "ffmpeg"),
    "ffmpeg G.711 copied": ("cam-pcmu", "copy", "ffmpeg"),
}


def audio_suite(args):
    """Passthrough cameras with sound, through the real MediaMTX: camstream with --audio off, AAC made Opus, Opus
    and G.711 copied, and the ffmpeg CLI doing the same, interleaved, 720p30. The cost of AAC -> Opus is the difference to
    --audio off in the same repetition."""
    relay = MediaMtxRelay()
    cams = {path: camera(relay, path, "720p", audio=path.split("-")[1]) for path in ("cam-aac", "cam-opus", "cam-pcmu")}
    time.sleep(2)
    runs = {v: [] for v in AUDIO_VARIANTS}
    slot = 0
    warmup = max(args.warmup, args.passthrough_warmup)
    for rep in range(args.reps):
        for variant, (path, audio, who) in AUDIO_VARIANTS.items():
            name = f"audio-{re.sub(r'[^a-z0-9]+', '-', variant.lower())}-{rep}"
            if who == "camstream":
                p = camstream(name, relay.read(path), relay.publish(f"out{slot}"), "passthrough",
                              extra=["--audio", audio])
            else:
                p = ffmpeg_hop(name, relay.read(path), relay.publish(f"out{slot}"), "passthrough", audio=audio)
            slot += 1
            try:
                m = measure_cpu(p, warmup, args.window, FPS, cams[path],
                                counter=r"camstream_streamer_audio_packets_published_total"
                                if who == "camstream" else None)
            finally:
                p.stop()
            runs[variant].append(m)
            log(f"  {name}: {100 * m['cores']:.2f}% of a core, {m['fps']:.1f} video packets/s"
                + (f", {m['counter_per_second']:.1f} audio packets/s" if m.get("counter_per_second") is not None
                   else ""))
    for cam in cams.values():
        cam.stop()
    relay.stop()
    cores = {v: [100 * m["cores"] for m in runs[v]] for v in runs}
    return {
        "runs": runs,
        "core_percent": {v: summary(cores[v]) for v in runs},
        "aac_to_opus_added": summary([a - b for a, b in zip(cores["camstream AAC made Opus"],
                                                            cores["camstream video only"])]),
        "cli_aac_to_opus_minus_copy": summary([a - b for a, b in zip(cores["ffmpeg AAC made Opus"],
                                                                     cores["ffmpeg Opus copied"])]),
    }


def run_reader(url, warmup, window, name):
    out = LOG_DIR / (name + ".latency")
    cmd = java_cmd(CACHE_DIR) + ["-cp", f"{JAR}{os.pathsep}{CLASSES}", "io.camstream.bench.LatencyReader", url,
                                 str(warmup), str(window), str(out)]
    r = spawn(name + "-reader", cmd)
    try:
        r.popen.wait(timeout=warmup + window + 40)
    except subprocess.TimeoutExpired:
        pass
    r.stop()
    lat = []
    if out.exists():
        lat = [int(line.split()[1]) for line in out.read_text().splitlines() if line.strip()]
    if not lat:
        raise RuntimeError(f"reader decoded nothing from {url}: {r.log_text()[-2000:]}")
    return lat


def latency_suite(args, resolutions):
    results = {}
    for res in resolutions:
        w, h = RESOLUTIONS[res]
        relay = Relay(["src"] + [f"hop{i}" for i in range(3 * args.reps)])
        source = camstream(f"latency-{res}-source", f"testpattern:{w}x{h}@{FPS}", relay.publish("src"), "transcode")
        wait_publishing(source)
        time.sleep(2)
        runs = {"direct": [], "camstream": [], "ffmpeg": []}
        if BEFORE_JAR:
            runs["camstream-before"] = []
        slot = 0
        for rep in range(args.reps):
            for variant in list(runs):
                name = f"latency-{res}-{variant}-{rep}"
                if variant == "direct":
                    lat = run_reader(relay.read("src"), args.latency_warmup, args.window, name)
                else:
                    if variant.startswith("camstream"):
                        hop = camstream(name, relay.read("src"), relay.publish(f"hop{slot}"), "transcode",
                                        before=variant == "camstream-before")
                    else:
                        hop = ffmpeg_hop(name, relay.read("src"), relay.publish(f"hop{slot}"), "transcode")
                    try:
                        wait_publishing(hop)
                        lat = run_reader(relay.read(f"hop{slot}"), args.latency_warmup, args.window, name)
                    finally:
                        hop.stop()
                    slot += 1
                m = {"n": len(lat), "p50": quantile(lat, .5), "p90": quantile(lat, .9), "p99": quantile(lat, .99),
                     "max": max(lat)}
                runs[variant].append(m)
                log(f"  {name}: p50 {m['p50']:.0f} ms p90 {m['p90']:.0f} p99 {m['p99']:.0f} (n={m['n']})")
        source.stop()
        relay.stop()
        results[res] = {"runs": runs}
        for q in ("p50", "p90", "p99"):
            results[res][q] = {v: summary([m[q] for m in runs[v]]) for v in runs}
            results[res][q + "_ratio"] = ratios([m[q] for m in runs["camstream"]], [m[q] for m in runs["ffmpeg"]])
            if BEFORE_JAR:
                results[res][q + "_ratio_before"] = ratios([m[q] for m in runs["camstream-before"]],
                                                           [m[q] for m in runs["ffmpeg"]])
    return results


class FirstPacketSink:
    """A minimal RTSP server that accepts one RECORD session (TCP interleaved) and notes when the first RTP packet
    arrives: "first frame published", measured on the receiving side without any relay or reader in between."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.first_packet = None
        self.done = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def url(self):
        return f"rtsp://127.0.0.1:{self.port}/startup"

    def _serve(self):
        try:
            while not self.done.is_set():
                conn, _ = self.sock.accept()
                threading.Thread(target=self._session, args=(conn,), daemon=True).start()
        except OSError:
            pass

    def _session(self, conn):
        buf = b""
        try:
            while not self.done.is_set():
                chunk = conn.recv(65536)
                if not chunk:
                    return
                buf += chunk
                while buf:
                    if buf[0:1] == b"$":
                        if len(buf) < 4:
                            break
                        size = int.from_bytes(buf[2:4], "big")
                        if len(buf) < 4 + size:
                            break
                        if buf[1] % 2 == 0 and self.first_packet is None:
                            self.first_packet = time.time()
                            self.done.set()
                        buf = buf[4 + size:]
                        continue
                    end = buf.find(b"\r\n\r\n")
                    if end < 0:
                        break
                    head = buf[:end].decode(errors="replace")
                    length = int((re.search(r"Content-Length:\s*(\d+)", head, re.I) or [0, 0])[1])
                    if len(buf) < end + 4 + length:
                        break
                    buf = buf[end + 4 + length:]
                    conn.sendall(self._answer(head).encode())
        except OSError:
            pass
        finally:
            conn.close()

    @staticmethod
    def _answer(head):
        method = head.split(" ", 1)[0]
        cseq = (re.search(r"CSeq:\s*(\d+)", head, re.I) or [0, "0"])[1]
        lines = ["RTSP/1.0 200 OK", f"CSeq: {cseq}", "Session: 7261"]
        if method == "OPTIONS":
            lines.append("Public: OPTIONS, ANNOUNCE, SETUP, RECORD, TEARDOWN")
        if method == "SETUP":
            transport = re.search(r"Transport:\s*([^\r\n]*)", head, re.I)
            interleaved = re.search(r"interleaved=(\d+-\d+)", transport[1] if transport else "")
            lines.append("Transport: RTP/AVP/TCP;unicast;interleaved=" + (interleaved[1] if interleaved else "0-1")
                         + ";mode=record")
        return "\r\n".join(lines) + "\r\n\r\n"

    def close(self):
        self.done.set()
        self.sock.close()


def startup_once(variant, source, extra_jvm=(), linger=0, before=False, opts=None, cpu=None):
    """Seconds from process start to the first RTP packet; with cpu (a list), also appends the CPU seconds the
    process had used by then (utime + stime): what a start costs, whatever else the machine is doing."""
    if variant.startswith("jvm-"):
        # The floor under every camstream start: this JVM with the image's flags starting and exiting, no camstream.
        t0 = time.time()
        jvm = subprocess.Popen(["java"] + (opts or image_jvm_flags()) + ["-version"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(jvm.pid, 0)
        jvm.returncode = os.waitstatus_to_exitcode(status)
        if jvm.returncode != 0:
            raise RuntimeError(f"java -version exited {jvm.returncode}")
        if cpu is not None:
            cpu.append(usage.ru_utime + usage.ru_stime)
        return time.time() - t0
    sink = FirstPacketSink()
    name = f"startup-{variant}-{int(time.time() * 1000) % 100000}"
    t0 = time.time()
    if variant.startswith("ffmpeg"):
        p = ffmpeg_hop(name, source, sink.url(), "passthrough", progress=False)
    else:
        mode = "transcode" if source.startswith("testpattern") else "passthrough"
        p = camstream(name, source, sink.url(), mode, extra_jvm=extra_jvm, before=before, opts=opts)
    try:
        if not sink.done.wait(30):
            raise RuntimeError(f"{name}: nothing published within 30 s: {p.log_text()[-2000:]}")
        if cpu is not None:
            cpu.append(p.cpu_seconds())
        time.sleep(linger)
        return sink.first_packet - t0
    finally:
        p.stop(timeout=30 if linger else 6)
        sink.close()


def startup_suite(args):
    """Process start -> first RTP packet at a minimal RTSP server, warm (natives unpacked / cached, page cache hot).
    camstream-image: the image's JVM flags and AppCDS archive; -no-cds: the same without the archive (what it buys);
    jvm-version: `java -version` with the image's flags (the JDK's own CDS archive), process start to exit: the JVM's
    share of every start at this load; -before: the previous jar with its flags (--before-jar)."""
    relay = Relay(["cam"])
    cam = camera(relay, "cam", "720p")
    time.sleep(2)
    testpattern = f"testpattern:1280x720@{FPS}"
    variants = {
        "camstream-image-testpattern": dict(source=testpattern),
        "camstream-image-no-cds-testpattern": dict(source=testpattern, opts=image_jvm_flags(with_cds=False)),
        "camstream-image-rtsp": dict(source=relay.read("cam")),
        "ffmpeg-rtsp": dict(source=relay.read("cam")),
        "jvm-version": dict(source=None, opts=image_jvm_flags(with_cds=False)),
    }
    if BEFORE_JAR:
        variants["camstream-before-testpattern"] = dict(source=testpattern, before=True)
        variants["camstream-before-rtsp"] = dict(source=relay.read("cam"), before=True)
    runs = {v: [] for v in variants}
    cpu = {v: [] for v in variants}
    for rep in range(args.reps):
        for variant, kw in variants.items():
            s = startup_once(variant, cpu=cpu[variant], **kw)
            runs[variant].append(s)
            log(f"  startup {variant} #{rep}: {s:.3f} s, {cpu[variant][-1]:.2f} s CPU, load {os.getloadavg()[0]:.1f}")
    cam.stop()
    relay.stop()
    return {"runs": runs, "seconds": {v: summary(runs[v]) for v in runs},
            "cpu_runs": cpu, "cpu_seconds": {v: summary(cpu[v]) for v in cpu}}


def jvmflags_suite(args):
    """Each JVM setting of the image measured on its own: cumulative variants from the previous flags to the image's,
    run side by side (same camera, same load) in passthrough and in transcode at 720p30: RSS, steady CPU, first frame.
    """
    flags = image_jvm_flags()
    steps = [("previous flags (MaxRAMPercentage=75, G1, C2)", shlex_split(PREVIOUS_JAVA_OPTS))]
    natives = [f for f in flags if f.startswith("-D")]
    base = ["-XX:+ExitOnOutOfMemoryError", POD_MEMORY, "-XX:MaxRAMPercentage=75"] + natives
    cumulative = [
        ("+ natives unpacked (pathsFirst)", []),
        ("+ SerialGC", ["-XX:+UseSerialGC"]),
        ("+ heap 12.5 % of the limit", ["-XX:MaxRAMPercentage=12.5"]),
        ("+ C1 only", ["-XX:TieredStopAtLevel=1"]),
        ("+ stacks 512k, metaspace 64m, code cache 32m", ["-Xss512k", "-XX:MaxMetaspaceSize=64m",
                                                          "-XX:ReservedCodeCacheSize=32m"]),
        ("+ no hsperfdata (-XX:-UsePerfData)", ["-XX:-UsePerfData"]),
        ("+ AppCDS = the image", [f"-XX:SharedArchiveFile={JSA}"]),
    ]
    current = list(base)
    for label, add in cumulative:
        current = current + add
        steps.append((label, list(current)))
    results = {}
    for mode in ("passthrough", "transcode"):
        relay = Relay(["cam"] + [f"j{i}" for i in range(len(steps))])
        cam = camera(relay, "cam", "720p")
        time.sleep(2)
        procs = []
        for i, (label, opts) in enumerate(steps):
            t0 = time.time()
            p = camstream(f"jvmflags-{mode}-{i}", relay.read("cam"), relay.publish(f"j{i}"), mode,
                          opts=opts, cachedir=CACHE_DIR if i == 0 else None)
            procs.append((label, p, t0))
        for _, p, _ in procs:
            wait_publishing(p, timeout=60)
        time.sleep(args.jvmflags_warmup)
        before = [(p.cpu_seconds(), frames_done(p)) for _, p, _ in procs]
        t0 = time.time()
        time.sleep(args.jvmflags_window)
        wall = time.time() - t0
        rows = []
        for (label, p, started), (c0, f0) in zip(procs, before):
            c1, f1 = p.cpu_seconds(), frames_done(p)
            first = re.search(r"First frame published \d+ ms after the session started \((\d+) ms after the JVM",
                              p.log_text())
            committed = metric(p, "jvm_memory_committed_bytes")
            rows.append({"variant": label, "flags": " ".join(o for o in p.popen.args[1:p.popen.args.index("-jar")]),
                         "rss_mb": p.rss_mb(), "peak_rss_mb": p.peak_rss_mb(),
                         "core_percent": 100 * (c1 - c0) / wall,
                         "cpu_per_frame_ms": 1000 * (c1 - c0) / (f1 - f0) if f0 is not None and f1 and f1 > f0 else None,
                         "jvm_committed_mb": committed / 2 ** 20 if committed else None,
                         "first_frame_jvm_ms": int(first.group(1)) if first else None})
            log(f"  jvmflags {mode} {label}: RSS {rows[-1]['rss_mb']:.0f} MB, {rows[-1]['core_percent']:.1f}% core")
        for _, p, _ in procs:
            p.stop(timeout=3)
        cam.stop()
        relay.stop()
        results[mode] = rows
    return results


def memory_suite(args):
    relay = Relay(["cam", "tc", "pt", "ff", "ar", "btc", "bpt"])
    cam = camera(relay, "cam", "720p")
    time.sleep(2)
    procs = {"camstream-transcode": camstream("memory-transcode", relay.read("cam"), relay.publish("tc"), "transcode"),
             "camstream-passthrough": camstream("memory-passthrough", relay.read("cam"), relay.publish("pt"),
                                                "passthrough"),
             "ffmpeg-transcode": ffmpeg_hop("memory-ffmpeg", relay.read("cam"), relay.publish("ff"), "transcode")}
    if BEFORE_JAR:
        procs["camstream-before-transcode"] = camstream("memory-before-transcode", relay.read("cam"),
                                                        relay.publish("btc"), "transcode", before=True)
        procs["camstream-before-passthrough"] = camstream("memory-before-passthrough", relay.read("cam"),
                                                          relay.publish("bpt"), "passthrough", before=True)
    if args.memory_arena_variant:
        # The image caps glibc's malloc arenas (MALLOC_ARENA_MAX=2, streamer/Dockerfile); this variant runs with
        # glibc's default (8 per core) so the effect stays visible.
        procs["camstream-transcode-glibc-default-arenas"] = camstream(
            "memory-transcode-default-arenas", relay.read("cam"), relay.publish("ar"), "transcode",
            env={"MALLOC_ARENA_MAX": None})
    for p in procs.values():
        wait_publishing(p)
    samples = {k: [] for k in procs}
    restarts, peaks = {}, {}
    t0 = time.time()
    duration = args.memory_minutes * 60
    next_log = 60
    while time.time() - t0 < duration:
        t = time.time() - t0
        for k, p in list(procs.items()):
            if not p.alive():
                if p.kind != "ffmpeg":
                    raise RuntimeError(f"{p.name} died: {p.log_text()[-2000:]}")
                # The CLI gives up when the relay stalls past its 5 s socket timeout (a starved machine), where
                # camstream reconnects by itself: start it again and keep the peak of every incarnation.
                restarts[k] = restarts.get(k, 0) + 1
                log(f"  memory: {p.name} ended ({p.log_text()[-200:].strip()}); restarted")
                procs[k] = p = ffmpeg_hop(f"{p.name}-{restarts[k]}", relay.read("cam"),
                                          relay.publish("ff"), "transcode")
                continue
            try:
                rss = p.rss_mb()
                peaks[k] = max(peaks.get(k, 0), p.peak_rss_mb())
            except OSError:
                continue  # ended between the check and the read: restarted on the next pass
            samples[k].append((t, rss))
        if t >= next_log:
            log("  memory " + ", ".join(f"{k} {samples[k][-1][1]:.0f} MB" for k in procs))
            next_log += 60
        time.sleep(1)
    results = {}
    for k, p in procs.items():
        pts = samples[k]
        # The slope is fitted over the second half, after the JVM's heap and the codec buffers have settled.
        half = [(t, r) for t, r in pts if t >= duration / 2]
        committed = metric(p, "jvm_memory_committed_bytes") if p.kind == "camstream" else None
        results[k] = {"peak_rss_mb": max(p.peak_rss_mb(), peaks.get(k, 0)), "final_rss_mb": pts[-1][1],
                      "restarts": restarts.get(k, 0),
                      "jvm_committed_mb_at_end": committed / 2 ** 20 if committed else None,
                      "slope_mb_per_min_second_half": 60 * slope(half),
                      "samples": [(round(t, 1), round(r, 1)) for t, r in pts[::10]]}
        p.stop()
    cam.stop()
    relay.stop()
    return {"minutes": args.memory_minutes, "processes": results}


def rss_breakdown(p):
    """Resident MB by what is mapped (/proc/<pid>/smaps): the profile behind a memory figure."""
    groups = {}
    current = None
    with open(f"/proc/{p.pid}/smaps") as f:
        for line in f:
            if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                parts = line.split()
                path = parts[5] if len(parts) > 5 else ""
                base = os.path.basename(path)
                if re.match(r"lib(av|sw|jni|postproc|va|x264|javacpp)", base):
                    current = "FFmpeg/JavaCPP libraries"
                elif base.endswith(".jsa"):
                    current = "CDS archive"
                elif base == "libjvm.so":
                    current = "libjvm.so"
                elif path.startswith("/"):
                    current = "other files"
                else:
                    current = "anonymous"
            elif line.startswith("Rss:") and current:
                groups[current] = groups.get(current, 0) + int(line.split()[1]) / 1024
    return {k: round(v, 1) for k, v in sorted(groups.items(), key=lambda kv: -kv[1])}


def footprint_suite(args):
    """Where a streamer's memory goes and its floor, side by side at 720p30: the JVM alone with the image's flags,
    the same with the FFmpeg natives loaded (no source, no encoder), camstream passthrough and transcode, and the
    ffmpeg CLI doing each; RSS split by mapping (smaps) after --footprint-seconds."""
    relay = Relay(["cam", "pt", "tc", "fpt", "ftc"])
    cam = camera(relay, "cam", "720p")
    time.sleep(2)
    cp = f"{JAR}{os.pathsep}{CLASSES}"
    env = {k: v for k, v in dict(os.environ, **IMAGE_ENV).items() if v is not None}
    procs = {
        "JVM alone (image flags)": spawn("footprint-jvm", java_cmd() + ["-cp", cp, "io.camstream.bench.NativesFloor",
                                                                      "jvm"], env=env),
        "JVM + FFmpeg natives loaded": spawn("footprint-natives", java_cmd() + [
            "-cp", cp, "io.camstream.bench.NativesFloor", "natives"], env=env),
        "camstream passthrough": camstream("footprint-passthrough", relay.read("cam"), relay.publish("pt"),
                                           "passthrough"),
        "camstream transcode": camstream("footprint-transcode", relay.read("cam"), relay.publish("tc"), "transcode"),
        "ffmpeg -c copy": ffmpeg_hop("footprint-ffmpeg-copy", relay.read("cam"), relay.publish("fpt"), "passthrough"),
        "ffmpeg transcode": ffmpeg_hop("footprint-ffmpeg-transcode", relay.read("cam"), relay.publish("ftc"),
                                       "transcode"),
    }
    time.sleep(args.footprint_seconds)
    results = {}
    for label, p in procs.items():
        if not p.alive():
            raise RuntimeError(f"{p.name} died: {p.log_text()[-2000:]}")
        results[label] = {"rss_mb": round(p.rss_mb(), 1), "peak_rss_mb": round(p.peak_rss_mb(), 1),
                          "anon_mb": round(p.status_kb("RssAnon") / 1024, 1),
                          "file_mb": round(p.status_kb("RssFile") / 1024, 1), "by_mapping": rss_breakdown(p)}
        log(f"  footprint {label}: {results[label]}")
    for p in procs.values():
        p.stop(timeout=3)
    cam.stop()
    relay.stop()
    return results


def slope(points):
    if len(points) < 2:
        return 0.0
    n = len(points)
    mt = sum(t for t, _ in points) / n
    mr = sum(r for _, r in points) / n
    den = sum((t - mt) ** 2 for t, _ in points)
    return sum((t - mt) * (r - mr) for t, r in points) / den if den else 0.0


def density_suite(args):
    """Starts 720p30 streamers one by one (all pulling one camera through the relay) and checks that every one
    keeps up: publishes >= 95 % of the frame rate one streamer alone publishes."""
    results = {}
    for mode, cap in (("transcode", args.density_max_transcode), ("passthrough", args.density_max_passthrough)):
        relay = Relay(["cam"] + [f"d{i}" for i in range(cap)])
        cam = camera(relay, "cam", "720p")
        time.sleep(2)
        streamers = []
        steps = []
        fits = 0
        baseline = FPS
        step = 1 if mode == "transcode" else max(1, cap // 4)
        try:
            while len(streamers) < cap:
                for _ in range(min(step, cap - len(streamers))):
                    i = len(streamers)
                    streamers.append(camstream(f"density-{mode}-{i}", relay.read("cam"), relay.publish(f"d{i}"), mode))
                for p in streamers[-step:]:
                    wait_publishing(p, timeout=60)
                time.sleep(args.warmup)
                before = [(p.cpu_seconds(), frames_done(p)) for p in streamers]
                total0 = total_cpu()
                t0 = time.time()
                time.sleep(args.window)
                wall = time.time() - t0
                after = [(p.cpu_seconds(), frames_done(p)) for p in streamers]
                total1 = total_cpu()
                fps = [((a[1] - b[1]) / wall) if a[1] is not None and b[1] is not None else None
                       for a, b in zip(after, before)]
                cores = [(a[0] - b[0]) / wall for a, b in zip(after, before)]
                rss = [p.rss_mb() for p in streamers]
                known = [f for f in fps if f is not None]
                # Keeping up = every streamer publishes >= 95 % of 30 fps, or of what one streamer alone publishes if less (camstream
                # skips some frames of a bursty relay even with CPU to spare, see docs/benchmarks.md).
                if not steps and known:
                    baseline = statistics.median(known)
                ok = bool(known) and min(known) >= 0.95 * min(FPS, baseline)
                entry = {"streamers": len(streamers), "min_fps": min(known) if known else None,
                         "median_fps": statistics.median(known) if known else None,
                         "streamer_cores": sum(cores), "per_streamer_core_percent": 100 * statistics.mean(cores),
                         "machine_busy_cores": (total1[0] - total0[0]) / (total1[1] - total0[1]) * os.cpu_count(),
                         "median_rss_mb": statistics.median(rss), "keeps_up": ok}
                steps.append(entry)
                log(f"  density {mode} x{len(streamers)}: min {fmt(entry['min_fps'])} fps, streamers use "
                    f"{entry['streamer_cores']:.2f} cores, machine {entry['machine_busy_cores']:.2f}, "
                    f"{entry['median_rss_mb']:.0f} MB each")
                if not known:
                    break  # no /metrics: cannot tell who keeps up
                if not ok:
                    break
                fits = len(streamers)
        finally:
            for p in streamers:
                p.stop(timeout=3)
            cam.stop()
            relay.stop()
        per = steps[-1]["per_streamer_core_percent"] if steps else None
        results[mode] = {"steps": steps, "fits_measured": fits, "cap": cap,
                         "fits_by_cpu_estimate": int(200 / per) if per else None}
    return results


def total_cpu():
    with open("/proc/stat") as f:
        parts = [int(x) for x in f.readline().split()[1:]]
    idle = parts[3] + parts[4]
    return (sum(parts) - idle, sum(parts))


# ---------------------------------------------------------------------------------------------------------------
# report

def machine():
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ff = subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True).stdout.splitlines()[0]
    jv = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return {"nproc": os.cpu_count(), "cpu": model,
            "camstream_java_opts": " ".join(java_opts()), "before_jar": str(BEFORE_JAR) if BEFORE_JAR else None,
            "commit": subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True,
                                     text=True).stdout.strip(), "kernel": platform.release(), "ffmpeg": ff, "java": jv,
            "loadavg_start": os.getloadavg(), "mem_total_gb": round(os.sysconf("SC_PAGE_SIZE")
                                                                   * os.sysconf("SC_PHYS_PAGES") / 2 ** 30, 1)}


def render(results):
    out = []
    m = results["machine"]
    out.append(f"- machine: {m['nproc']} cores, {m['cpu']}, {m['mem_total_gb']} GB, kernel {m['kernel']}")
    out.append(f"- {m['java']} (streamer JVM flags, the image's: `{m['camstream_java_opts']}`); CLI: {m['ffmpeg']}")
    if m.get("commit"):
        out.append(f"- camstream at `{m['commit']}`" + (f"; before: `{m['before_jar']}` with `{PREVIOUS_JAVA_OPTS}`"
                                                         if m.get("before_jar") else ""))
    out.append(f"- load average at start {m['loadavg_start'][0]:.2f}, at end {results['loadavg_end'][0]:.2f}; "
               f"reps {results['args']['reps']}, window {results['args']['window']} s")
    per_suite = results.get("loadavg_per_suite", {})
    if per_suite:
        out.append("- 1-minute load average at the start/end of each suite: "
                   + ", ".join(f"{k} {v[0]:.1f}/{v[1]:.1f}" for k, v in per_suite.items()))
    out.append("")
    if "audio" in results:
        a = results["audio"]
        out.append(f"### Passthrough with sound, 720p30 through MediaMTX (medians of {results['args']['reps']}, "
                   f"min–max)")
        out.append("")
        out.append("| variant | % of a core | video packets/s | audio packets/s | busiest threads (% of a core) |")
        out.append("|---|---|---|---|---|")
        for v, ms in a["runs"].items():
            pps = summary([m.get("counter_per_second") for m in ms])
            threads = {}
            for m in ms:
                for t, pct in m.get("thread_core_percent", {}).items():
                    threads.setdefault(t, []).append(pct)
            top = sorted(((statistics.median(x), t) for t, x in threads.items()), reverse=True)[:4]
            out.append(f"| {v} | {spread(a['core_percent'][v])} | "
                       f"{fmt(summary([m['fps'] for m in ms])['median'])} | "
                       f"{fmt(pps['median']) if pps.get('median') is not None else '—'} | "
                       + ", ".join(f"{t} {fmt(x, 2)}" for x, t in top) + " |")
        out.append("")
        out.append(f"AAC → Opus adds {spread(a['aac_to_opus_added'])} points of a core to camstream's passthrough "
                   f"(per repetition, against --audio off); the ffmpeg CLI's AAC → Opus costs "
                   f"{spread(a['cli_aac_to_opus_minus_copy'])} points more than its Opus copy.")
        out.append("")
    for mode in ("transcode", "passthrough"):
        if mode not in results:
            continue
        out.append(f"### {mode.capitalize()} CPU (medians of {results['args']['reps']}, min–max)")
        out.append("")
        out.append("| resolution | camstream ms CPU/frame | ffmpeg ms CPU/frame | ratio | camstream % core | "
                   "ffmpeg % core | difference (% core) | fps published camstream / ffmpeg | "
                   "published ÷ delivered camstream / ffmpeg |")
        out.append("|---|---|---|---|---|---|---|---|---|")
        for res, r in results[mode].items():
            fps = {v: summary([m["fps"] for m in r["runs"][v]]) for v in ("camstream", "ffmpeg")}
            ppd = r.get("published_per_delivered", {})
            out.append(f"| {res}{FPS} | {spread(r['cpu_ms_per_frame']['camstream'])} | "
                       f"{spread(r['cpu_ms_per_frame']['ffmpeg'])} | {spread(r['ratio'])} | "
                       f"{spread(r['core_percent']['camstream'])} | {spread(r['core_percent']['ffmpeg'])} | "
                       f"{spread(r['core_percent_difference'])} | {fmt(fps['camstream']['median'])} / "
                       f"{fmt(fps['ffmpeg']['median'])} | {spread(ppd.get('camstream'))} / "
                       f"{spread(ppd.get('ffmpeg'))} |")
        out.append("")
        if mode == "transcode":
            out.append("Per frame *received* (every received frame is decoded; under CPU starvation camstream's "
                       "drop-oldest hand-off skips encoding stale ones, while the CLI falls behind the source):")
            out.append("")
            out.append("| resolution | camstream ms CPU/frame received | ffmpeg ms CPU/frame received | ratio |")
            out.append("|---|---|---|---|")
            for res, r in results[mode].items():
                per = {v: [1000 * m["cpu_s"] / m["delivered_frames"] if m.get("delivered_frames") else None
                           for m in r["runs"][v]] for v in ("camstream", "ffmpeg")}
                out.append(f"| {res}{FPS} | {spread(summary(per['camstream']))} | {spread(summary(per['ffmpeg']))} | "
                           f"{spread(ratios(per['camstream'], per['ffmpeg']))} |")
            out.append("")
        before = {res: r for res, r in results[mode].items() if r.get("ratio_before")}
        if before:
            out.append("Before, in the same run: the previous streamer jar (`--before-jar`) with the flags it had:")
            out.append("")
            out.append("| resolution | before ms CPU/frame | before ÷ ffmpeg | before % core | fps published | "
                       "published ÷ delivered |")
            out.append("|---|---|---|---|---|---|")
            for res, r in before.items():
                fps = summary([m["fps"] for m in r["runs"]["camstream-before"]])
                out.append(f"| {res}{FPS} | {spread(r['cpu_ms_per_frame']['camstream-before'])} | "
                           f"{spread(r['ratio_before'])} | {spread(r['core_percent']['camstream-before'])} | "
                           f"{fmt(fps['median'])} | {spread(r['published_per_delivered'].get('camstream-before'))} |")
            out.append("")
        out.append("Where the CPU goes, % of one core per thread (median over the runs; thread names as the kernel "
                   "has them, numbers stripped):")
        out.append("")
        out.append("| resolution | process | threads |")
        out.append("|---|---|---|")
        for res, r in results[mode].items():
            for v, runs in r["runs"].items():
                names = {}
                for m in runs:
                    for k, x in m.get("thread_core_percent", {}).items():
                        names.setdefault(k, []).append(x)
                top = sorted(((statistics.median(x + [0] * (len(runs) - len(x))), k) for k, x in names.items()),
                             reverse=True)[:8]
                out.append(f"| {res}{FPS} | {v} | " + ", ".join(f"{k} {x:.1f}" for x, k in top if x >= 0.05) + " |")
        out.append("")
        control = {res: r for res, r in results[mode].items() if r.get("ratio_vs_ffmpeg_javacv")}
        if control:
            out.append("Control: the same work by the `ffmpeg` program built from camstream's own FFmpeg 8.1 / x264 "
                       "natives (shipped in the jar):")
            out.append("")
            out.append("| resolution | ffmpeg 8.1 (JavaCV build) ms CPU/frame | camstream ÷ it | fps published |")
            out.append("|---|---|---|---|")
            for res, r in control.items():
                fps = summary([m["fps"] for m in r["runs"]["ffmpeg-javacv"]])
                out.append(f"| {res}{FPS} | {spread(r['cpu_ms_per_frame']['ffmpeg-javacv'])} | "
                           f"{spread(r['ratio_vs_ffmpeg_javacv'])} | {fmt(fps['median'])} |")
            out.append("")
    if "latency" in results:
        out.append("### Glass-to-glass latency, ms (medians over runs of each run's percentile, min–max)")
        out.append("")
        out.append("| resolution | path | p50 | p90 | p99 |")
        out.append("|---|---|---|---|---|")
        labels = {"direct": "camstream testpattern → relay → reader",
                  "camstream": "… → relay → **camstream** transcode → relay → reader",
                  "ffmpeg": "… → relay → **ffmpeg CLI** transcode → relay → reader"}
        for res, r in results["latency"].items():
            for v in ("direct", "camstream", "ffmpeg"):
                out.append(f"| {res}{FPS} | {labels[v]} | {spread(r['p50'][v], 3)} | {spread(r['p90'][v], 3)} | "
                           f"{spread(r['p99'][v], 3)} |")
            out.append(f"| {res}{FPS} | ratio camstream / ffmpeg | {spread(r['p50_ratio'])} | "
                       f"{spread(r['p90_ratio'])} | {spread(r['p99_ratio'])} |")
        out.append("")
    if "startup" in results:
        out.append("### Start-up: process start → first RTP packet received, seconds")
        out.append("")
        out.append("| variant | median (min–max) | CPU seconds used by then |")
        out.append("|---|---|---|")
        cpu = results["startup"].get("cpu_seconds", {})
        for v, s in results["startup"]["seconds"].items():
            out.append(f"| {v} | {spread(s)} | {spread(cpu[v]) if v in cpu else 'n/a'} |")
        out.append("")
    if "memory" in results:
        mm = results["memory"]
        out.append(f"### Memory over {mm['minutes']} min at 720p30")
        out.append("")
        out.append("| process | peak RSS MB | final RSS MB | slope, 2nd half (MB/min) | JVM heap+non-heap committed MB |")
        out.append("|---|---|---|---|---|")
        for k, r in mm["processes"].items():
            out.append(f"| {k} | {r['peak_rss_mb']:.0f} | {r['final_rss_mb']:.0f} | "
                       f"{r['slope_mb_per_min_second_half']:+.2f} | {fmt(r.get('jvm_committed_mb_at_end'))} |")
        out.append("")
    if "jvmflags" in results:
        out.append("### JVM settings, each measured (cumulative, side by side on one camera, 720p30)")
        out.append("")
        out.append("| mode | variant | RSS MB | peak RSS MB | % core, steady | ms CPU/frame | JVM committed MB | "
                   "first frame, ms after JVM start |")
        out.append("|---|---|---|---|---|---|---|---|")
        for mode, rows in results["jvmflags"].items():
            for row in rows:
                out.append(f"| {mode} | {row['variant']} | {row['rss_mb']:.0f} | {row['peak_rss_mb']:.0f} | "
                           f"{row['core_percent']:.2f} | {fmt(row['cpu_per_frame_ms'])} | "
                           f"{fmt(row['jvm_committed_mb'])} | {fmt(row['first_frame_jvm_ms'])} |")
        out.append("")
    if "footprint" in results:
        out.append("### Memory floor: RSS by mapping, MB (side by side, 720p30)")
        out.append("")
        out.append("| process | RSS | anonymous | file-backed | by mapping |")
        out.append("|---|---|---|---|---|")
        for label, r in results["footprint"].items():
            out.append(f"| {label} | {r['rss_mb']:.0f} | {r['anon_mb']:.0f} | {r['file_mb']:.0f} | "
                       + ", ".join(f"{k} {v:.0f}" for k, v in r["by_mapping"].items() if v >= 0.5) + " |")
        out.append("")
    if "density" in results:
        out.append("### Streamers per 2 cores at 720p30")
        out.append("")
        out.append("| mode | streamers | min fps | streamers' cores | machine busy cores | % core each | RSS MB each |")
        out.append("|---|---|---|---|---|---|---|")
        for mode, r in results["density"].items():
            for s in r["steps"]:
                out.append(f"| {mode} | {s['streamers']} | {fmt(s['min_fps'])} | {s['streamer_cores']:.2f} | "
                           f"{s['machine_busy_cores']:.2f} | {s['per_streamer_core_percent']:.1f} | "
                           f"{s['median_rss_mb']:.0f} |")
        for mode, r in results["density"].items():
            out.append(f"\n{mode}: {r['fits_measured']} kept up together (tried up to {r['cap']}); "
                       f"CPU-bound estimate 2 cores / per-streamer CPU = {fmt(r['fits_by_cpu_estimate'])}")
        out.append("")
    return "\n".join(out)


def main():
    global LOG_DIR, CACHE_DIR, BEFORE_JAR
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("suites", nargs="*", default=SUITES, help=f"any of {SUITES} (default: all)")
    ap.add_argument("--quick", action="store_true", help="smoke test: 2 reps, short windows, 720p only, 1 min memory")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--window", type=float, default=8, help="measurement window per run, seconds")
    ap.add_argument("--warmup", type=float, default=4, help="seconds after publishing starts before measuring")
    ap.add_argument("--latency-warmup", type=float, default=2)
    ap.add_argument("--passthrough-warmup", type=float, default=12,
                    help="seconds before measuring passthrough CPU (JIT compilation done)")
    ap.add_argument("--memory-minutes", type=float, default=10)
    ap.add_argument("--memory-arena-variant", action="store_true",
                    help="also run camstream transcode with glibc's default malloc arenas in the memory suite")
    ap.add_argument("--density-max-transcode", type=int, default=8)
    ap.add_argument("--density-max-passthrough", type=int, default=24)
    ap.add_argument("--no-bundled-ffmpeg", dest="bundled_ffmpeg", action="store_false",
                    help="skip the control variant: the ffmpeg program built from camstream's own natives")
    ap.add_argument("--resolutions", default=None, help="comma list of 720p,1080p (default both; --quick: 720p)")
    ap.add_argument("--out", default=None, help="results directory (default bench/results/<timestamp>)")
    ap.add_argument("--before-jar", default=None,
                    help="also run this streamer jar (e.g. main before a change) with the flags it had, interleaved")
    ap.add_argument("--jvmflags-warmup", type=float, default=20)
    ap.add_argument("--jvmflags-window", type=float, default=30)
    ap.add_argument("--footprint-seconds", type=float, default=60)
    args = ap.parse_args()
    if args.quick:
        args.reps, args.window, args.warmup, args.latency_warmup, args.passthrough_warmup = 2, 4, 2, 1, 4
        args.memory_minutes = min(args.memory_minutes, 1)
        args.density_max_transcode, args.density_max_passthrough = 2, 4
        args.jvmflags_warmup, args.jvmflags_window, args.footprint_seconds = 5, 5, 15
        args.resolutions = args.resolutions or "720p"
    for s in args.suites:
        if s not in SUITES:
            ap.error(f"unknown suite {s}; choose from {SUITES}")
    if not JAR.exists():
        sys.exit(f"{JAR} not found: build first (mvn -B -ntp package -DskipTests)")
    out = Path(args.out) if args.out else BENCH / "results" / time.strftime("%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    LOG_DIR = out / "logs"
    LOG_DIR.mkdir(exist_ok=True)
    CACHE_DIR = WORK / "javacpp-cache"
    BEFORE_JAR = Path(args.before_jar).resolve() if args.before_jar else None
    args.resolutions = args.resolutions or "720p,1080p"
    resolutions = args.resolutions.split(",")
    results = {"args": vars(args), "machine": machine(), "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(1))
    try:
        prepare_image()
        # One run each that fills the native caches and the page cache, so that "warm" means warm everywhere.
        warm = startup_once("camstream-warmup", f"testpattern:320x180@{FPS}")
        if BEFORE_JAR:
            startup_once("camstream-before-warmup", f"testpattern:320x180@{FPS}", before=True)
        log(f"warm ({warm:.2f} s); results in {out}")
        results["loadavg_per_suite"] = {}
        for suite in args.suites:
            log(f"== {suite} (load average {os.getloadavg()[0]:.2f})")
            load_before = os.getloadavg()[0]
            if suite in ("transcode", "passthrough"):
                results[suite] = cpu_suite(args, suite, resolutions if suite == "transcode" else ["720p"])
            elif suite == "audio":
                results[suite] = audio_suite(args)
            elif suite == "latency":
                results[suite] = latency_suite(args, resolutions)
            elif suite == "startup":
                results[suite] = startup_suite(args)
            elif suite == "memory":
                results[suite] = memory_suite(args)
            elif suite == "density":
                results[suite] = density_suite(args)
            elif suite == "jvmflags":
                results[suite] = jvmflags_suite(args)
            elif suite == "footprint":
                results[suite] = footprint_suite(args)
            results["loadavg_per_suite"][suite] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
            (out / "results.json").write_text(json.dumps(results, indent=1, default=str))
    finally:
        stop_all()
    results["loadavg_end"] = os.getloadavg()
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    (out / "results.json").write_text(json.dumps(results, indent=1, default=str))
    md = render(results)
    (out / "summary.md").write_text(md + "\n")
    print()
    print(md)


if __name__ == "__main__":
    main()
