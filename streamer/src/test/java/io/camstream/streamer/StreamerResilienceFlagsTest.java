package io.camstream.streamer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StreamerResilienceFlagsTest {

    private final AtomicReference<StreamerConfig> ran = new AtomicReference<>();
    private final StringWriter err = new StringWriter();

    private int execute(Map<String, String> env, String... args) {
        return StreamerMain.execute(args, env, config -> {
            ran.set(config);
            return 0;
        }, new PrintWriter(new StringWriter()), new PrintWriter(err));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(execute(Map.of(), "--source", "testpattern", "--publish", "rtsp://m:8554/lobby")).isZero();
        StreamerConfig config = ran.get();
        assertThat(config.session().timeouts().stall()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.session().timeouts().write()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.reconnect().backoffInitial()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.reconnect().backoffMax()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.reconnect().readyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.cameraName()).isEqualTo("lobby");
    }

    @Test
    void environmentSetsThemAndFlagsWin() {
        Map<String, String> env = Map.of("CAMSTREAM_STALL_TIMEOUT_MS", "8000", "CAMSTREAM_WRITE_TIMEOUT_MS", "1500",
                "CAMSTREAM_BACKOFF_INITIAL_MS", "250", "CAMSTREAM_BACKOFF_MAX_MS", "4000",
                "CAMSTREAM_READY_TIMEOUT_MS", "9000", "CAMSTREAM_CAMERA_NAME", "yard");
        assertThat(execute(env, "--source", "testpattern", "--publish", "rtsp://m:8554/lobby",
                "--write-timeout-ms", "2500")).isZero();
        StreamerConfig config = ran.get();
        assertThat(config.session().timeouts().stall()).isEqualTo(Duration.ofSeconds(8));
        assertThat(config.session().timeouts().write()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.reconnect().backoffInitial()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.reconnect().backoffMax()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.reconnect().readyTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(config.cameraName()).isEqualTo("yard");
    }

    @Test
    void maximumBelowInitialBackoffNamesTheFlagAndItsVariable() {
        assertThat(execute(Map.of("CAMSTREAM_BACKOFF_MAX_MS", "100"), "--source", "testpattern", "--publish",
                "rtsp://m:8554/lobby")).isEqualTo(StreamerMain.EXIT_USAGE);
        assertThat(err.toString()).contains("--backoff-max-ms (CAMSTREAM_BACKOFF_MAX_MS)", "--backoff-initial-ms");
    }
}
