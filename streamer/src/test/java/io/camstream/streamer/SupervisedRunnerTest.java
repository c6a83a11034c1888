package io.camstream.streamer;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.streamer.resilience.GracefulShutdown;
import io.camstream.streamer.testing.CapturedLogs;
import io.camstream.streamer.testing.StreamerConfigs;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupervisedRunnerTest {

    @Test
    void aHealthPortInUseIsAClearStartupError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0); CapturedLogs logs = new CapturedLogs()) {
            StreamerConfig config = StreamerConfigs.parse(Map.of(), List.of("--source", "testpattern",
                    "--publish", "rtsp://127.0.0.1:1/cam", "--health-port", Integer.toString(taken.getLocalPort())));
            int status = new SupervisedRunner(new GracefulShutdown(Duration.ofSeconds(1))).run(config);
            assertThat(status).isEqualTo(StreamerMain.EXIT_FAILURE);
            assertThat(String.join("\n", logs.lines()))
                    .contains("Cannot serve probes and metrics on --health-port " + taken.getLocalPort());
        }
    }
}
