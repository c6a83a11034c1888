#!/usr/bin/env python3
"""Renders the tables of docs/benchmarks.md from bench results: the targets (issue 13 for the streamer) with what was measured, then
each streamer suite's table and the operator's.

    python3 bench/report.py STREAMER_RESULTS_DIR [MORE_STREAMER_DIRS...] [--operator OPERATOR_RESULTS_DIR]
    python3 bench/report.py --operator OPERATOR_RESULTS_DIR      # the operator's rows alone

Several streamer directories may be given (e.g. the 10-minute memory run made separately); for each suite the last
directory that has it wins, and the machine line is the last directory's. DIR:SUITE,SUITE takes only those suites
from DIR (e.g. a later run's start-up but not its transcode).
"""
import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import camstream_bench as cb  # noqa: E402


def load_streamer(dirs):
    merged = {}
    for d in dirs:
        d, _, only = d.partition(":")
        r = json.loads((Path(d) / "results.json").read_text())
        if only:
            keep = only.split(",")
            r = {k: v for k, v in r.items() if k not in cb.SUITES or k in keep}
            r["loadavg_per_suite"] = {k: v for k, v in r.get("loadavg_per_suite", {}).items() if k in keep}
        for k, v in r.items():
            if k in ("loadavg_per_suite",):
                merged.setdefault(k, {}).update(v)
            elif k not in merged or k in cb.SUITES or k in ("machine", "args", "started", "finished"):
                merged[k] = v
        merged.setdefault("loadavg_end", r.get("loadavg_end", r["machine"]["loadavg_start"]))
    return merged


def verdict(ok):
    return "met" if ok else "**missed**"


def targets(s, op):
    rows = []

    def med(x):
        return x["median"] if x and x.get("median") is not None else None

    def before(x):
        return f" (before: {cb.spread(x)})" if x and x.get("median") is not None else ""

    for res in ("720p", "1080p"):
        t = s.get("transcode", {}).get(res)
        if t:
            r = med(t["ratio"])
            rows.append((f"Transcode CPU/frame {res}30, camstream ÷ ffmpeg CLI", "≤ 1.05×",
                         f"{cb.spread(t['ratio'])}× ({cb.fmt(med(t['cpu_ms_per_frame']['camstream']))} vs "
                         f"{cb.fmt(med(t['cpu_ms_per_frame']['ffmpeg']))} ms){before(t.get('ratio_before'))}",
                         verdict(r <= 1.05)))
    for res in ("720p", "1080p"):
        t = s.get("transcode", {}).get(res)
        ppd = t.get("published_per_delivered") if t else None
        if ppd and med(ppd.get("camstream")) is not None:
            cam, cli = med(ppd["camstream"]), med(ppd["ffmpeg"])
            pod = (t.get("published_or_dropped_per_delivered") or {}).get("camstream")
            rows.append((f"Frames published ÷ frames the source delivered, transcode {res}30", "≥ 0.99, as the CLI",
                         f"{cb.spread(ppd['camstream'])} (CLI {cb.spread(ppd['ffmpeg'])})"
                         + (f"; published or dropped by the drop-oldest hand-off (encoder short of CPU) "
                            f"{cb.spread(pod)}" if pod and pod.get("median") is not None else "")
                         + before(ppd.get("camstream-before")), verdict(cam >= 0.99 and cam >= cli - 0.01)))
    p = s.get("passthrough", {}).get("720p")
    if p:
        cam = med(p["core_percent"]["camstream"])
        diff = med(p["core_percent_difference"])
        rows.append(("Passthrough CPU 720p30, steady state", "≤ 1.5 % of one core",
                     f"{cb.spread(p['core_percent']['camstream'])} % of a core (ffmpeg -c copy "
                     f"{cb.fmt(med(p['core_percent']['ffmpeg']))} %, difference {cb.fmt(diff)} points)"
                     + before(p["core_percent"].get("camstream-before")), verdict(cam <= 1.5)))
    a = s.get("audio")
    if a:
        rows.append(("AAC → Opus added to a passthrough camera, 720p30", "≤ 1 % of one core",
                     f"{cb.spread(a['aac_to_opus_added'])} points (camstream AAC made Opus "
                     f"{cb.spread(a['core_percent']['camstream AAC made Opus'])} % against --audio off "
                     f"{cb.spread(a['core_percent']['camstream video only'])} %)",
                     verdict(med(a["aac_to_opus_added"]) <= 1)))
        for codec in ("Opus", "G.711"):
            copied = a["core_percent"].get(f"camstream {codec} copied")
            if copied:
                rows.append((f"Passthrough with the sound copied ({codec}), 720p30", "≤ 1.5 % of one core",
                             f"{cb.spread(copied)} % of a core (ffmpeg -c copy "
                             f"{cb.fmt(med(a['core_percent'][f'ffmpeg {codec} copied']))} %)",
                             verdict(med(copied) <= 1.5)))
    for res in ("720p", "1080p"):
        lat = s.get("latency", {}).get(res)
        if lat:
            r50, r99 = med(lat["p50_ratio"]), med(lat["p99_ratio"])
            rows.append((f"Glass-to-glass {res}30 with camstream as the transcoding hop, p50 / p99 ÷ ffmpeg CLI",
                         "≤ 1.0× both",
                         f"p50 {cb.spread(lat['p50_ratio'])}×, p99 {cb.spread(lat['p99_ratio'])}× (camstream "
                         f"{cb.fmt(med(lat['p50']['camstream']))} / {cb.fmt(med(lat['p99']['camstream']))} ms, CLI "
                         f"{cb.fmt(med(lat['p50']['ffmpeg']))} / {cb.fmt(med(lat['p99']['ffmpeg']))} ms)"
                         + (f" (before: p50 {cb.spread(lat['p50_ratio_before'])}×, p99 "
                            f"{cb.spread(lat['p99_ratio_before'])}×)" if lat.get("p50_ratio_before") else ""),
                         verdict(r50 <= 1.0 and r99 <= 1.0)))
    st = s.get("startup")
    if st and "camstream-image-testpattern" in st["seconds"]:
        sec = st["seconds"]
        img = med(sec["camstream-image-testpattern"])
        rows.append(("Start-up to first published frame, warm, image JVM settings (test pattern)", "≤ 1.0 s",
                     f"{cb.spread(sec['camstream-image-testpattern'])} s; without AppCDS "
                     f"{cb.fmt(med(sec['camstream-image-no-cds-testpattern']))} s; RTSP camera "
                     f"{cb.fmt(med(sec['camstream-image-rtsp']))} s (ffmpeg -c copy {cb.fmt(med(sec['ffmpeg-rtsp']))} s)"
                     + (f"; the JVM alone starting and exiting (java -version) {cb.fmt(med(sec['jvm-version']))} s"
                        if "jvm-version" in sec else "")
                     + (f"; CPU used by the first frame {cb.fmt(med(st['cpu_seconds']['camstream-image-testpattern']))}"
                        f" s (java -version {cb.fmt(med(st['cpu_seconds']['jvm-version']))} s)"
                        if "jvm-version" in st.get("cpu_seconds", {}) else "")
                     + before(sec.get("camstream-before-testpattern")), verdict(img <= 1.0)))
    mem = s.get("memory")
    if mem:
        procs = mem["processes"]
        t = procs["camstream-transcode"]
        pt = procs["camstream-passthrough"]
        bt, bp = procs.get("camstream-before-transcode"), procs.get("camstream-before-passthrough")
        rows.append((f"Peak RSS over {cb.fmt(mem['minutes'])} min at 720p30, transcode / passthrough",
                     "≤ 110 / ≤ 80 MB, flat",
                     f"{t['peak_rss_mb']:.0f} ({t['slope_mb_per_min_second_half']:+.2f} MB/min) / "
                     f"{pt['peak_rss_mb']:.0f} MB ({pt['slope_mb_per_min_second_half']:+.2f} MB/min); ffmpeg CLI "
                     f"transcode {procs['ffmpeg-transcode']['peak_rss_mb']:.0f} MB"
                     + (f" (before: {bt['peak_rss_mb']:.0f} / {bp['peak_rss_mb']:.0f} MB)" if bt and bp else ""),
                     verdict(t["peak_rss_mb"] <= 110 and pt["peak_rss_mb"] <= 80
                             and abs(t["slope_mb_per_min_second_half"]) < 0.5
                             and abs(pt["slope_mb_per_min_second_half"]) < 0.5)))
    d = s.get("density")
    if d:
        for mode, r in d.items():
            rows.append((f"{mode.capitalize()} streamers at 720p30 on 2 cores", "(report)",
                         f"{r['fits_measured']} kept up together (tried up to {r['cap']}); CPU estimate "
                         f"{cb.fmt(r['fits_by_cpu_estimate'])}", ""))
    if op:
        rows += operator_target_rows(op)
    out = ["| item | target | measured: median (min–max) | |", "|---|---|---|---|"]
    out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(out)


def operator_event_writes(op):
    return sum(v for k, v in op["operatorApiRequestsToConvergeByVerb"].items() if k.endswith(" events"))


def operator_replicas(op):
    """(name, memory figures) per replica: issue 22's runs nest them, earlier runs had one at the top level."""
    if "leader" in op:
        return [(name, op[key]) for name, key in (("leader", "leader"), ("standby", "standbyReplica"),
                                                  ("standby restarted with everything in place", "restartedStandby"))
                if key in op]
    return [("operator", op)]


def operator_heap_mb(op):
    """The heap the run's JVM flags give: -XX:MaxRAM times -XX:MaxRAMPercentage (the JVM's default 25 %)."""
    flags = op.get("operatorJvmArgs", "")
    ram = re.search(r"-XX:MaxRAM=(\d+)([mMgG])", flags)
    pct = re.search(r"-XX:MaxRAMPercentage=([\d.]+)", flags)
    if not ram:
        return None
    mb = int(ram.group(1)) * (1024 if ram.group(2) in "gG" else 1)
    return mb * (float(pct.group(1)) if pct else 25.0) / 100


def operator_target_rows(op):
    """Issue 22's operator targets (issues 11 and 13's before them) for one operator-results.json."""
    streams = op["cameraStreams"]
    n = f"{streams} CameraStreams × {op['camerasPerStream']} cameras"
    events = operator_event_writes(op)
    load = op.get("machineLoadAverage1mAtStart")
    load_text = (f"load {load}–{op['machineLoadAverage1mAtEnd']}" if load is not None
                 else f"load {op['machineLoadAverage1mAtEnd']} at the end")
    requests = op["operatorApiRequestsToConverge"]
    per_stream = op.get("operatorApiRequestsPerCameraStream", round(requests / streams, 2))
    heap = operator_heap_mb(op)
    rows = [
        (f"Operator: {n} → all Ready", "≤ 30 s",
         f"{op['convergedSeconds']} s ({load_text}; creating them {op['createSeconds']} s; operator CPU "
         f"{op.get('operatorCpuSecondsToConverge')} s; test API server "
         f"{op.get('mockApiCpuMillisPerRequest', op['mockApiMillisPerRequest'])} ms CPU per request)",
         verdict(0 <= op["convergedSeconds"] <= 30)),
        ("Operator: reconciles per CameraStream until converged", "≤ 5", f"{op['reconcilesPerCameraStream']}",
         verdict(0 <= op["reconcilesPerCameraStream"] <= 5)),
        ("Operator: API requests per CameraStream until converged", "(report)",
         f"{per_stream} ({requests} in all)", ""),
        ("Operator: Event writes per CameraStream until converged (issue 11)", "≤ 3",
         f"{round(events / streams, 2)}", verdict(events <= 3 * streams)),
    ]
    for name, memory in operator_replicas(op):
        peak = memory["peakHeapUsedMbFromGcLog"]
        rows.append((f"Operator {name}: peak heap, {n}", f"≤ {round(heap)} MB (the image's heap)" if heap else "(report)",
                     f"{peak} MB peak used, {memory.get('peakHeapAfterGcMbFromGcLog', '–')} MB most kept after a "
                     f"collection (GC log), live set {memory['liveHeapMbAfterFullGc']} MB, peak RSS "
                     f"{memory['peakRssMb']} MB; flags `{op['operatorJvmArgs']}`",
                     verdict(peak <= heap) if heap else ""))
    rows.append(("Operator steady state, per CameraStream per minute", "writes → 0",
                 f"{op['steadyApiRequestsPerMinutePerCameraStream']} API requests, "
                 f"{op['steadyApiWritesPerMinutePerCameraStream']} writes, "
                 f"{op['steadyMediamtxApiRequestsPerMinutePerCameraStream']} MediaMTX API requests",
                 verdict(op["steadyApiWritesPerMinutePerCameraStream"] < 0.1)))
    return rows


def operator_table(op):
    keys = [("cameraStreams", "CameraStreams"), ("camerasPerStream", "cameras each"),
            ("operatorJvmArgs", "operator JVM flags"),
            ("convergedSeconds", "seconds from the first create to all Ready with every resource"),
            ("createSeconds", "seconds the bench took to create the CameraStreams"),
            ("reconcilesPerCameraStream", "reconciles per CameraStream"),
            ("operatorApiRequestsToConverge", "operator API requests"),
            ("operatorApiWritesToConverge", "… of which writes"),
            ("operatorEventWritesToConverge", "… of which Event writes"),
            ("mediamtxApiRequestsToConverge", "MediaMTX API requests"),
            ("operatorCpuSecondsToConverge", "operator CPU seconds"),
            ("mockAndBenchCpuSecondsToConverge", "mock API server + bench CPU seconds"),
            ("mockApiBusySecondsToConverge", "mock busy seconds (serialised request handling)"),
            ("mockApiMillisPerRequest", "test API server ms per request (wall, summed over concurrent requests)"),
            ("mockApiCpuMillisPerRequest", "test API server CPU ms per request"),
            ("deploymentControllerStatusWritesInProcess",
             "Deployment controller status writes through the store, no request (whole run)"),
            ("machineLoadAverage1mAtConverge", "machine 1-minute load average when converged"),
            ("peakHeapUsedMbFromGcLog", "operator peak heap used, MB (GC log)"),
            ("maxHeapCommittedMbFromGcLog", "operator heap committed, MB"),
            ("liveHeapMbAfterFullGc", "operator live heap after a full GC at the end, MB"),
            ("peakRssMb", "operator peak RSS, MB"),
            ("operatorApiRequestsPerCameraStream", "operator API requests per CameraStream"),
            ("steadyMinutes", "steady state observed, minutes"),
            ("steadyApiRequestsPerMinutePerCameraStream", "steady: API requests / min / CameraStream"),
            ("steadyApiWritesPerMinutePerCameraStream", "steady: API writes / min / CameraStream"),
            ("steadyCameraStreamWritesPerMinutePerCameraStream", "steady: CameraStream status writes / min / CameraStream"),
            ("steadyReconcilesPerMinutePerCameraStream", "steady: reconciles / min / CameraStream"),
            ("steadyMediamtxApiRequestsPerMinutePerCameraStream", "steady: MediaMTX API requests / min / CameraStream"),
            ("machineLoadAverage1mAtStart", "machine 1-minute load average at the start"),
            ("machineLoadAverage1mAtEnd", "machine 1-minute load average at the end")]
    out = ["| | |", "|---|---|"]
    out += [f"| {label} | {op.get(k)} |" for k, label in keys if k in op]
    for name, memory in operator_replicas(op):
        if memory is not op:
            out += [f"| {name}: {k} | {v} |" for k, v in memory.items()]
    if op.get("replicaExits"):
        out.append(f"| replicas that exited | {op['replicaExits']} |")
    out.append("")
    out.append("Operator API requests until converged, by verb and resource: "
               + ", ".join(f"`{k}` {v}" for k, v in op["operatorApiRequestsToConvergeByVerb"].items()) + ".")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("streamer", nargs="*")
    ap.add_argument("--operator")
    ap.add_argument("--control", help="a separate transcode run with the ffmpeg-javacv control variant")
    args = ap.parse_args()
    op = json.loads((Path(args.operator) / "operator-results.json").read_text()) if args.operator else None
    if not args.streamer:
        if not op:
            ap.error("give streamer result directories, --operator, or both")
        print("## Operator targets\n")
        print("| item | target | measured | |\n|---|---|---|---|")
        print("\n".join(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in operator_target_rows(op)))
        print("\n## Operator\n")
        print(operator_table(op))
        return
    s = load_streamer(args.streamer)
    print("## Targets\n")
    print(targets(s, op))
    print("\n## Streamer\n")
    print(cb.render(s))
    if args.control:
        c = json.loads((Path(args.control) / "results.json").read_text())
        c["loadavg_end"] = c.get("loadavg_end", c["machine"]["loadavg_start"])
        print("### Control run: is the gap camstream's pipeline or the FFmpeg/x264 build?\n")
        print(f"A separate interleaved run of camstream, Debian's ffmpeg and the `ffmpeg` program built from "
              f"camstream's own natives ({c['args']['reps']} reps, {c['args']['window']} s windows, load average "
              f"{c['machine']['loadavg_start'][0]:.1f}):\n")
        print("\n".join(line for line in cb.render({k: v for k, v in c.items() if k != "loadavg_per_suite"})
                        .splitlines() if not line.startswith("- ")))
    if op:
        print("\n## Operator\n")
        print(operator_table(op))


if __name__ == "__main__":
    main()
