package io.camstream.streamer.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.streamer.metrics.ReconnectCause;
import io.camstream.streamer.testing.CapturedLogs;
import io.camstream.streamer.testing.FfmpegPublisher;
import io.camstream.streamer.testing.RtspRelay;
import io.camstream.streamer.testing.RunningStreamer;
import io.camstream.streamer.testing.StreamerConfigs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Passwords planted in the source and publish URLs (and in the credential variables) appear in no log line, no
 * error message, no probe or metrics response, while the streamer goes through every failure it reports.
 */
class SecretsStayOutOfLogsTest {

    private static final String SOURCE_PASSWORD = "src-Pl4nted-s3cret";
    private static final String PUBLISH_PASSWORD = "pub-Pl4nted-s3cret";
    private static final String ENV_PASSWORD = "env-Pl4nted-s3cret";

    @Test
    void plantedPasswordsNeverAppear() throws Exception {
        List<String> seen = new ArrayList<>();
        try (CapturedLogs logs = new CapturedLogs(); RtspRelay cameraRelay = RtspRelay.start("src");
             RtspRelay relay = RtspRelay.start("cam")) {
            String source = "rtsp://admin:" + SOURCE_PASSWORD + "@127.0.0.1:" + cameraRelay.port() + "/src/play";
            String publish = "rtsp://pub:" + PUBLISH_PASSWORD + "@127.0.0.1:" + relay.port() + "/cam";
            List<String> args = new ArrayList<>(List.of("--source", source, "--publish", publish));
            args.addAll(StreamerConfigs.fastRecovery());
            var config = StreamerConfigs.parse(Map.of("CAMSTREAM_SOURCE_USERNAME", "viewer",
                    "CAMSTREAM_SOURCE_PASSWORD", ENV_PASSWORD), args);
            try (RunningStreamer streamer = RunningStreamer.start(config)) {
                // No camera yet: the source fails to open, again and again.
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> streamer.metrics().reconnects(ReconnectCause.SOURCE)
                                + streamer.metrics().reconnects(ReconnectCause.STALL) >= 2);
                seen.add(streamer.get("/readyz").body());
                // The camera comes, the stream flows, then the server goes away and comes back.
                try (FfmpegPublisher camera = new FfmpegPublisher(cameraRelay.publishUrl("src")).start()) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> streamer.status("/readyz") == 200);
                    relay.kill();
                    await().atMost(Duration.ofSeconds(10)).until(() -> streamer.metrics().reconnects(ReconnectCause.SERVER)
                            + streamer.metrics().reconnects(ReconnectCause.STALL) >= 1);
                    Thread.sleep(1500);
                    seen.add(streamer.get("/metrics").body());
                    seen.add(streamer.get("/healthz").body());
                    relay.launch();
                }
            }
            seen.addAll(logs.lines());
        }
        assertThat(seen).as("captured log lines").hasSizeGreaterThan(10);
        assertThat(String.join("\n", seen)).satisfies(all -> {
            for (String secret : List.of(SOURCE_PASSWORD, PUBLISH_PASSWORD, ENV_PASSWORD)) {
                assertThat(all).doesNotContain(secret);
                assertThat(all).doesNotContain(secret.toLowerCase());
                assertThat(all).doesNotContain(Base64.getEncoder().encodeToString(
                        ("admin:" + secret).getBytes(StandardCharsets.UTF_8)));
            }
            assertThat(all).contains("Lost source", "Lost server", "rtsp://admin:***@127.0.0.1");
        });
    }
}
