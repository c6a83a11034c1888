package io.camstream.streamer;

import io.camstream.streamer.pipeline.AudioMode;
import io.camstream.streamer.pipeline.OutputOverrides;
import io.camstream.streamer.pipeline.PipelineMode;
import io.camstream.streamer.pipeline.PublishTarget;
import io.camstream.streamer.pipeline.SessionConfig;
import io.camstream.streamer.source.Credentials;
import io.camstream.streamer.source.FfmpegLogBridge;
import io.camstream.streamer.source.Redactor;
import io.camstream.streamer.source.RtspTransport;
import io.camstream.streamer.source.SourceLocation;
import io.camstream.streamer.resilience.ReconnectSettings;
import io.camstream.streamer.resilience.StreamTimeouts;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "camstream-streamer", mixinStandardHelpOptions = true, version = "camstream-streamer 0.1.0",
        sortOptions = false, usageHelpWidth = 120,
        description = {
            "Reads one camera and pushes it over RTSP to a media server (MediaMTX) as low-latency H.264.",
            "Every option can also be set by the environment variable shown; a flag wins over the variable."},
        footer = {
            "",
            "Credentials come from the environment only and are never printed:",
            "  CAMSTREAM_SOURCE_USERNAME, CAMSTREAM_SOURCE_PASSWORD    put into the source URL at run time",
            "  CAMSTREAM_PUBLISH_USERNAME, CAMSTREAM_PUBLISH_PASSWORD  put into the publish URL at run time",
            "",
            "SIGTERM/SIGINT stop the stream cleanly. Exit status 1: the source or the server failed; 2: bad configuration.",
            "",
            "Example:",
            "  java -jar camstream-streamer.jar --source testpattern:1280x720@30+tone --publish rtsp://127.0.0.1:8554/demo"})
final class StreamerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "SOURCE", description = "CAMSTREAM_SOURCE. Required. rtsp://, rtsps://, rtmp://, http(s):// (MJPEG, HLS),"
        + " srt://, a file path or file:// (played in real time, looped), a V4L2 device /dev/videoN,"
        + " testpattern or testpattern:1280x720@30 (built-in moving picture with capture timestamps; +tone adds a"
        + " beep every second).")
    String source;

    @Option(names = "--publish", paramLabel = "URL", description = "CAMSTREAM_PUBLISH_URL. Required. Where to push, e.g. rtsp://mediamtx:8554/lobby"
        + " (rtsp, rtsps; rtmp, rtmps and srt also work).")
    String publish;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "auto", description = "CAMSTREAM_MODE. auto (passthrough for browser-playable H.264, else transcode), transcode or"
        + " passthrough. Default: ${DEFAULT-VALUE}.")
    PipelineMode mode;

    @Option(names = "--audio", paramLabel = "AUDIO", defaultValue = "auto", description = "CAMSTREAM_AUDIO. auto (copy Opus and G.711,"
        + " transcode AAC and the rest to Opus 48 kHz, so every browser hears it), copy (as it is), opus (Opus for"
        + " WebRTC and LL-HLS alike) or off (video only). The video is never touched for it. Default: ${DEFAULT-VALUE}.")
    AudioMode audio;

    @Option(names = "--width", paramLabel = "PIXELS", description = "CAMSTREAM_WIDTH. Transcoded width. Default: the source's.")
    Integer width;

    @Option(names = "--height", paramLabel = "PIXELS", description = "CAMSTREAM_HEIGHT. Transcoded height. Default: the source's.")
    Integer height;

    @Option(names = "--fps", paramLabel = "RATE", description = "CAMSTREAM_FPS. Transcoded frame rate. Default: the source's.")
    Double fps;

    @Option(names = "--bitrate-kbps", paramLabel = "KBPS", defaultValue = "2000",
            description = "CAMSTREAM_BITRATE_KBPS. Transcoded bitrate (CBR), kbit/s. Default: ${DEFAULT-VALUE}.")
    int bitrateKbps;

    @Option(names = "--gop-seconds", paramLabel = "SECONDS", defaultValue = "1",
            description = "CAMSTREAM_GOP_SECONDS. Seconds between keyframes when transcoding. Default: ${DEFAULT-VALUE}.")
    double gopSeconds;

    @Option(names = "--rtsp-transport", paramLabel = "PROTO", defaultValue = "tcp",
            description = "CAMSTREAM_RTSP_TRANSPORT. tcp or udp, for pulling and pushing RTSP. Default: ${DEFAULT-VALUE}.")
    RtspTransport rtspTransport;

    @Option(names = "--health-port", paramLabel = "PORT", defaultValue = "8080",
            description = "CAMSTREAM_HEALTH_PORT. HTTP port for /healthz, /readyz, /metrics (0: any free port). Default: ${DEFAULT-VALUE}.")
    int healthPort;

    @Option(names = "--camera-name", paramLabel = "NAME",
            description = "CAMSTREAM_CAMERA_NAME. Name of the camera in logs and metrics. Default: the publish URL's last path segment.")
    String cameraName;

    @Option(names = "--stall-timeout-ms", paramLabel = "MS", defaultValue = "5000", description = "CAMSTREAM_STALL_TIMEOUT_MS. The source counts as lost when it delivers no frame for this long"
        + " (also its socket timeout); the streamer then reconnects. Default: ${DEFAULT-VALUE}.")
    long stallTimeoutMs;

    @Option(names = "--write-timeout-ms", paramLabel = "MS", defaultValue = "3000", description = "CAMSTREAM_WRITE_TIMEOUT_MS. The server counts as lost when one write (or the RTSP handshake)"
        + " takes longer; the streamer then re-publishes. Default: ${DEFAULT-VALUE}.")
    long writeTimeoutMs;

    @Option(names = "--backoff-initial-ms", paramLabel = "MS", defaultValue = "500",
            description = "CAMSTREAM_BACKOFF_INITIAL_MS. First wait before reconnecting; doubles per failure. Default: ${DEFAULT-VALUE}.")
    long backoffInitialMs;

    // picocli formats descriptions with String.format: a literal percent sign is written %%.
    @Option(names = "--backoff-max-ms", paramLabel = "MS", defaultValue = "10000",
        description = "CAMSTREAM_BACKOFF_MAX_MS. Longest wait between reconnects (with jitter, 50-100 %% of it);"
        + " it resets after a healthy minute. Default: ${DEFAULT-VALUE}.")
    long backoffMaxMs;

    @Option(names = "--ready-timeout-ms", paramLabel = "MS", defaultValue = "5000",
            description = "CAMSTREAM_READY_TIMEOUT_MS. /readyz fails when no frame was published for this long. Default: ${DEFAULT-VALUE}.")
    long readyTimeoutMs;

    private final Map<String, String> env;
    private final StreamerRunner runner;

    StreamerCommand(Map<String, String> env, StreamerRunner runner) {
        this.env = env;
        this.runner = runner;
    }

    @Override
    public Integer call() {
        return runner.run(toConfig());
    }

    /** Validates every value and builds the configuration; a bad value throws naming its flag. */
    StreamerConfig toConfig() {
        Optional<Credentials> sourceCredentials = Credentials.of(env.get("CAMSTREAM_SOURCE_USERNAME"),
                env.get("CAMSTREAM_SOURCE_PASSWORD"));
        Optional<Credentials> publishCredentials = Credentials.of(env.get("CAMSTREAM_PUBLISH_USERNAME"),
                env.get("CAMSTREAM_PUBLISH_PASSWORD"));
        Redactor redactor = Redactor.forSecrets(env.get("CAMSTREAM_SOURCE_PASSWORD"), env.get("CAMSTREAM_PUBLISH_PASSWORD"));
        FfmpegLogBridge.install(redactor);

        if (source == null) {
            throw invalid("--source", "is required");
        }
        if (publish == null) {
            throw invalid("--publish", "is required");
        }
        SourceLocation location;
        try {
            location = SourceLocation.parse(source);
            location.openTarget(sourceCredentials);
        } catch (IllegalArgumentException e) {
            throw invalid("--source", redactor.redact(e.getMessage()));
        }
        PublishTarget target;
        try {
            target = new PublishTarget(publish, publishCredentials, rtspTransport);
        } catch (IllegalArgumentException e) {
            throw invalid("--publish", redactor.redact(e.getMessage()));
        }
        if (width != null && (width < 16 || width > 7680 || width % 2 != 0)) {
            throw invalid("--width", "must be an even number from 16 to 7680, was " + width);
        }
        if (height != null && (height < 16 || height > 4320 || height % 2 != 0)) {
            throw invalid("--height", "must be an even number from 16 to 4320, was " + height);
        }
        if (fps != null && !(fps >= 1 && fps <= 120)) {
            throw invalid("--fps", "must be from 1 to 120, was " + fps);
        }
        if (bitrateKbps < 100 || bitrateKbps > 100_000) {
            throw invalid("--bitrate-kbps", "must be from 100 to 100000, was " + bitrateKbps);
        }
        if (!(gopSeconds >= 0.1 && gopSeconds <= 60)) {
            throw invalid("--gop-seconds", "must be from 0.1 to 60, was " + gopSeconds);
        }
        if (healthPort < 0 || healthPort > 65535) {
            throw invalid("--health-port", "must be a TCP port from 0 to 65535, was " + healthPort);
        }
        if (cameraName == null) {
            cameraName = CameraNames.fromPublishUrl(publish);
        }
        if (!cameraName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw invalid("--camera-name", "must be 1-63 letters, digits, '.', '_' or '-', was '" + cameraName + "'");
        }
        OutputOverrides output = new OutputOverrides(
                width == null ? OptionalInt.empty() : OptionalInt.of(width),
                height == null ? OptionalInt.empty() : OptionalInt.of(height),
                fps == null ? OptionalDouble.empty() : OptionalDouble.of(fps),
                bitrateKbps, gopSeconds);
        requireRange("--stall-timeout-ms", stallTimeoutMs, 100, 600_000);
        requireRange("--write-timeout-ms", writeTimeoutMs, 100, 600_000);
        requireRange("--backoff-initial-ms", backoffInitialMs, 10, 600_000);
        requireRange("--backoff-max-ms", backoffMaxMs, 10, 600_000);
        if (backoffMaxMs < backoffInitialMs) {
            throw invalid("--backoff-max-ms", "must not be below --backoff-initial-ms (" + backoffInitialMs + "), was "
                    + backoffMaxMs);
        }
        requireRange("--ready-timeout-ms", readyTimeoutMs, 100, 600_000);
        StreamTimeouts timeouts = new StreamTimeouts(Duration.ofMillis(stallTimeoutMs), Duration.ofMillis(writeTimeoutMs));
        ReconnectSettings reconnect = new ReconnectSettings(Duration.ofMillis(backoffInitialMs),
                Duration.ofMillis(backoffMaxMs), Duration.ofMillis(readyTimeoutMs));
        SessionConfig session = new SessionConfig(location, sourceCredentials, target, mode, audio, output,
                rtspTransport, redactor, timeouts);
        return new StreamerConfig(session, healthPort, cameraName, reconnect);
    }

    private void requireRange(String optionName, long value, long min, long max) {
        if (value < min || value > max) {
            throw invalid(optionName, "must be from " + min + " to " + max + ", was " + value);
        }
    }

    private ParameterException invalid(String optionName, String problem) {
        OptionSpec option = spec.findOption(optionName);
        return new ParameterException(spec.commandLine(),
                "Invalid value for option " + EnvironmentDefaults.describe(option) + ": " + problem, option, null);
    }
}
