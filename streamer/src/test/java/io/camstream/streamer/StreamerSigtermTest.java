package io.camstream.streamer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.streamer.testing.JavaProcess;
import io.camstream.streamer.testing.RtspRelay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM while the streamer waits for a server that is down: it stops within seconds and exits 0. */
class StreamerSigtermTest {

    @Test
    void sigtermDuringBackoffExitsZeroWithinSeconds(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("streamer.log");
        String closedPort = "rtsp://127.0.0.1:" + RtspRelay.freePort() + "/cam";
        Process streamer = JavaProcess.start(StreamerMain.class, List.of(), log, "--source", "testpattern:160x120@10",
                "--publish", closedPort, "--health-port", "0", "--backoff-initial-ms", "10000",
                "--backoff-max-ms", "10000");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("Backing off"));
            long start = System.nanoTime();
            streamer.destroy(); // SIGTERM
            assertThat(streamer.waitFor(10, TimeUnit.SECONDS)).as("stopped").isTrue();
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(streamer.exitValue()).as(Files.readString(log)).isZero();
            assertThat(tookMillis).as("did not wait out the 5-10 s backoff").isLessThan(5000);
            assertThat(Files.readString(log)).contains("Termination requested", "Stopped publishing", "[cam]");
        } finally {
            streamer.destroyForcibly();
        }
    }
}
