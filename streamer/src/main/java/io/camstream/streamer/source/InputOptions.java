package io.camstream.streamer.source;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The demuxer/protocol options a source is opened with, chosen for low latency and for never hanging. */
public final class InputOptions {

    /** Socket I/O timeout: a camera that stops sending is reported lost after this long. */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    /** Small but not 0 (0 means FFmpeg's default of 5 MB / 5 s of probing before the first frame). */
    static final String PROBE_SIZE_BYTES = "500000";
    static final String ANALYZE_DURATION_MICROS = "500000";

    private InputOptions() {
    }

    /** Options for {@code avformat_open_input}, video only. */
    public static Map<String, String> forSource(SourceKind kind, RtspTransport transport) {
        return forSource(kind, transport, SOCKET_TIMEOUT, false);
    }

    /**
     * Options for {@code avformat_open_input}, with {@code socketTimeout} as the stall timeout; {@code withAudio}
     * when the source's audio is wanted too.
     */
    public static Map<String, String> forSource(SourceKind kind, RtspTransport transport, Duration socketTimeout,
                                                boolean withAudio) {
        Map<String, String> options = new LinkedHashMap<>();
        String timeoutMicros = Long.toString(socketTimeout.toNanos() / 1000);
        switch (kind) {
            // FFmpeg 8 dropped "stimeout"; for RTSP "timeout" is the socket timeout in microseconds.
            case RTSP -> {
                options.put("rtsp_transport", transport.ffmpegName());
                options.put("timeout", timeoutMicros);
                // Only what is published is SET UP: a camera's audio (or metadata) track would otherwise be received
                // and thrown away.
                options.put("allowed_media_types", withAudio ? "video+audio" : "video");
            }
            // For RTMP "timeout" means "listen for a publisher" instead: use the generic rw_timeout.
            case RTMP -> options.put("rw_timeout", timeoutMicros);
            case HTTP, SRT -> {
                options.put("timeout", timeoutMicros);
                options.put("rw_timeout", timeoutMicros);
            }
            case FILE, V4L2, TESTPATTERN -> {
            }
        }
        if (kind != SourceKind.TESTPATTERN) {
            options.put("probesize", PROBE_SIZE_BYTES);
            options.put("analyzeduration", ANALYZE_DURATION_MICROS);
        }
        if (kind.isNetwork()) {
            // Hand packets on as they arrive instead of buffering them for the probe.
            options.put("fflags", "nobuffer");
        }
        return options;
    }

    /**
     * Options for the decoder. One thread: frame threading adds a frame of delay per thread (reader latency measured
     * 105 ms with auto threads vs 38 ms with one), and "auto" counts the node's cores, not the pod's CPU limit.
     */
    public static Map<String, String> forDecoder() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("threads", "1");
        return options;
    }
}
