package io.camstream.streamer;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.streamer.pipeline.AudioMode;
import io.camstream.streamer.pipeline.PipelineMode;
import io.camstream.streamer.source.RtspTransport;
import io.camstream.streamer.source.SourceKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamerCommandTest {

    private final AtomicReference<StreamerConfig> ran = new AtomicReference<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(Map<String, String> env, String... args) {
        return StreamerMain.execute(args, env, config -> {
            ran.set(config);
            return 0;
        }, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void flagsConfigureTheSession() {
        int code = execute(Map.of(), "--source", "rtsp://cam.local:554/stream1", "--publish", "rtsp://mediamtx:8554/lobby",
                "--mode", "passthrough", "--audio", "opus", "--width", "640", "--height", "360", "--fps", "15", "--bitrate-kbps", "800",
                "--gop-seconds", "2", "--rtsp-transport", "udp", "--health-port", "9090", "--camera-name", "lobby");

        assertThat(code).isZero();
        StreamerConfig config = ran.get();
        assertThat(config.session().source().kind()).isEqualTo(SourceKind.RTSP);
        assertThat(config.session().publish().url()).isEqualTo("rtsp://mediamtx:8554/lobby");
        assertThat(config.session().mode()).isEqualTo(PipelineMode.PASSTHROUGH);
        assertThat(config.session().audio()).isEqualTo(AudioMode.OPUS);
        assertThat(config.session().output().width()).hasValue(640);
        assertThat(config.session().output().height()).hasValue(360);
        assertThat(config.session().output().fps()).hasValue(15.0);
        assertThat(config.session().output().bitrateKbps()).isEqualTo(800);
        assertThat(config.session().output().gopSeconds()).isEqualTo(2.0);
        assertThat(config.session().rtspTransport()).isEqualTo(RtspTransport.UDP);
        assertThat(config.healthPort()).isEqualTo(9090);
        assertThat(config.cameraName()).isEqualTo("lobby");
    }

    @Test
    void environmentConfiguresTheSessionAndFlagsWin() {
        Map<String, String> env = new HashMap<>();
        env.put("CAMSTREAM_SOURCE", "testpattern:640x360@25");
        env.put("CAMSTREAM_PUBLISH_URL", "rtsp://mediamtx:8554/yard");
        env.put("CAMSTREAM_MODE", "TRANSCODE");
        env.put("CAMSTREAM_AUDIO", "off");
        env.put("CAMSTREAM_WIDTH", "320");
        env.put("CAMSTREAM_HEIGHT", "180");
        env.put("CAMSTREAM_FPS", "10");
        env.put("CAMSTREAM_BITRATE_KBPS", "700");
        env.put("CAMSTREAM_GOP_SECONDS", "0.5");
        env.put("CAMSTREAM_RTSP_TRANSPORT", "udp");
        env.put("CAMSTREAM_HEALTH_PORT", "8181");
        env.put("CAMSTREAM_CAMERA_NAME", "yard");

        assertThat(execute(env, "--bitrate-kbps", "900")).isZero();

        StreamerConfig config = ran.get();
        assertThat(config.session().source().kind()).isEqualTo(SourceKind.TESTPATTERN);
        assertThat(config.session().publish().url()).isEqualTo("rtsp://mediamtx:8554/yard");
        assertThat(config.session().mode()).isEqualTo(PipelineMode.TRANSCODE);
        assertThat(config.session().audio()).isEqualTo(AudioMode.OFF);
        assertThat(config.session().output().width()).hasValue(320);
        assertThat(config.session().output().fps()).hasValue(10.0);
        assertThat(config.session().output().bitrateKbps()).isEqualTo(900);
        assertThat(config.session().output().gopSeconds()).isEqualTo(0.5);
        assertThat(config.session().rtspTransport()).isEqualTo(RtspTransport.UDP);
        assertThat(config.healthPort()).isEqualTo(8181);
        assertThat(config.cameraName()).isEqualTo("yard");
    }

    @Test
    void defaultsFollowTheContract() {
        assertThat(execute(Map.of(), "--source", "testpattern", "--publish", "rtsp://m:8554/x")).isZero();
        StreamerConfig config = ran.get();
        assertThat(config.session().mode()).isEqualTo(PipelineMode.AUTO);
        assertThat(config.session().audio()).isEqualTo(AudioMode.AUTO);
        assertThat(config.session().output().width()).isEmpty();
        assertThat(config.session().output().fps()).isEmpty();
        assertThat(config.session().output().bitrateKbps()).isEqualTo(2000);
        assertThat(config.session().output().gopSeconds()).isEqualTo(1.0);
        assertThat(config.session().rtspTransport()).isEqualTo(RtspTransport.TCP);
        assertThat(config.healthPort()).isEqualTo(8080);
    }

    @Test
    void helpDocumentsEveryFlagAndVariable() {
        assertThat(execute(Map.of(), "--help")).isZero();
        String help = out.toString();
        for (String expected : new String[] {"--source", "--publish", "--mode", "--audio", "CAMSTREAM_AUDIO", "--width", "--height", "--fps",
            "--bitrate-kbps", "--gop-seconds", "--rtsp-transport", "--health-port", "CAMSTREAM_SOURCE",
            "CAMSTREAM_PUBLISH_URL", "CAMSTREAM_MODE", "CAMSTREAM_WIDTH", "CAMSTREAM_HEIGHT", "CAMSTREAM_FPS",
            "CAMSTREAM_BITRATE_KBPS", "CAMSTREAM_GOP_SECONDS", "CAMSTREAM_RTSP_TRANSPORT", "CAMSTREAM_HEALTH_PORT",
            "CAMSTREAM_SOURCE_USERNAME", "CAMSTREAM_SOURCE_PASSWORD", "CAMSTREAM_PUBLISH_USERNAME",
            "CAMSTREAM_PUBLISH_PASSWORD", "testpattern:1280x720@30", "+tone"}) {
            assertThat(help).contains(expected);
        }
        assertThat(ran.get()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--mode|sideways|--mode",
        "--audio|aac|--audio",
        "--source|testpattern:320x240@25+beep|--source",
        "--width|641|--width",
        "--width|wide|--width",
        "--height|0|--height",
        "--fps|0|--fps",
        "--fps|500|--fps",
        "--bitrate-kbps|5|--bitrate-kbps",
        "--gop-seconds|0|--gop-seconds",
        "--rtsp-transport|sctp|--rtsp-transport",
        "--health-port|70000|--health-port",
        "--health-port|http|--health-port",
        "--source|ftp://cam/x|--source",
        "--source|testpattern:huge|--source",
        "--publish|http://mediamtx:8554/x|--publish",
        "--camera-name|bad name!|--camera-name",
        "--stall-timeout-ms|0|--stall-timeout-ms",
        "--write-timeout-ms|soon|--write-timeout-ms",
        "--backoff-initial-ms|5|--backoff-initial-ms",
        "--backoff-max-ms|100|--backoff-max-ms",
        "--ready-timeout-ms|-1|--ready-timeout-ms",
        "--publish|rtsp://m:port/x|--publish",
    })
    void badFlagValueExitsNonZeroNamingTheFlag(String flag, String value, String named) {
        Map<String, String> args = new HashMap<>(Map.of("--source", "testpattern", "--publish", "rtsp://m:8554/x"));
        args.put(flag, value);
        String[] argv = args.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);

        int code = execute(Map.of(), argv);

        assertThat(code).isEqualTo(StreamerMain.EXIT_USAGE);
        assertThat(err.toString()).contains(named);
        assertThat(ran.get()).isNull();
    }

    @Test
    void badEnvironmentValueNamesFlagAndVariable() {
        int code = execute(Map.of("CAMSTREAM_SOURCE", "testpattern", "CAMSTREAM_PUBLISH_URL", "rtsp://m:8554/x",
                "CAMSTREAM_FPS", "fast"));

        assertThat(code).isEqualTo(StreamerMain.EXIT_USAGE);
        assertThat(err.toString()).contains("--fps").contains("CAMSTREAM_FPS");
    }

    @Test
    void unknownModeFromTheEnvironmentIsAUsageErrorNamingTheVariable() {
        int code = execute(Map.of("CAMSTREAM_SOURCE", "testpattern", "CAMSTREAM_PUBLISH_URL", "rtsp://m:8554/x",
                "CAMSTREAM_MODE", "teleport"));

        assertThat(code).isEqualTo(StreamerMain.EXIT_USAGE);
        assertThat(err.toString()).contains("CAMSTREAM_MODE").contains("--mode").contains("'teleport'")
                .contains("AUTO", "TRANSCODE", "PASSTHROUGH");
        assertThat(ran.get()).isNull();
    }

    @Test
    void unknownAudioFromTheEnvironmentNamesTheVariableAndTheChoices() {
        int code = execute(Map.of("CAMSTREAM_SOURCE", "testpattern", "CAMSTREAM_PUBLISH_URL", "rtsp://m:8554/x",
                "CAMSTREAM_AUDIO", "mp3"));

        assertThat(code).isEqualTo(StreamerMain.EXIT_USAGE);
        assertThat(err.toString()).contains("CAMSTREAM_AUDIO").contains("--audio").contains("'mp3'")
                .contains("AUTO", "COPY", "OPUS", "OFF");
        assertThat(ran.get()).isNull();
    }

    @Test
    void missingSourceOrPublishIsAnError() {
        assertThat(execute(Map.of(), "--publish", "rtsp://m:8554/x")).isEqualTo(StreamerMain.EXIT_USAGE);
        assertThat(err.toString()).contains("--source").contains("CAMSTREAM_SOURCE");
        assertThat(execute(Map.of(), "--source", "testpattern")).isEqualTo(StreamerMain.EXIT_USAGE);
        assertThat(err.toString()).contains("--publish").contains("CAMSTREAM_PUBLISH_URL");
    }

    @Test
    void credentialsComeFromTheEnvironmentAndAreNeverPrinted() {
        String secret = "s3cr3t-Pa55";
        Map<String, String> env = Map.of("CAMSTREAM_SOURCE_USERNAME", "viewer", "CAMSTREAM_SOURCE_PASSWORD", secret,
                "CAMSTREAM_PUBLISH_USERNAME", "pub", "CAMSTREAM_PUBLISH_PASSWORD", secret + "x");

        assertThat(execute(env, "--source", "rtsp://cam.local/stream", "--publish", "rtsp://m:8554/x")).isZero();
        StreamerConfig config = ran.get();
        assertThat(config.session().sourceCredentials()).isPresent();
        assertThat(config.session().publish().credentials()).isPresent();
        assertThat(config.session().redactor().redact("failed: rtsp://viewer:" + secret + "@cam.local/stream"))
                .doesNotContain(secret);

        // A bad value next to credentials: the error text must not carry them either.
        ran.set(null);
        int code = execute(env, "--source", "rtsp://viewer:" + secret + "@cam.local/stream", "--publish",
                "ftp://pub:" + secret + "x@m/x");
        assertThat(code).isEqualTo(StreamerMain.EXIT_USAGE);
        assertThat(err.toString()).contains("--publish").doesNotContain(secret);
    }

    @Test
    void credentialsForAFileSourceAreRejected() {
        int code = execute(Map.of("CAMSTREAM_SOURCE_USERNAME", "u", "CAMSTREAM_SOURCE_PASSWORD", "p"),
                "--source", "/videos/lobby.mp4", "--publish", "rtsp://m:8554/x");
        assertThat(code).isEqualTo(StreamerMain.EXIT_USAGE);
        assertThat(err.toString()).contains("--source");
    }
}
