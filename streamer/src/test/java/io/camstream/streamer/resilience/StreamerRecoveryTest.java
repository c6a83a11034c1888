package io.camstream.streamer.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.streamer.metrics.ReconnectCause;
import io.camstream.streamer.testing.CapturedLogs;
import io.camstream.streamer.testing.FfmpegPublisher;
import io.camstream.streamer.testing.PrometheusText;
import io.camstream.streamer.testing.RtspReader;
import io.camstream.streamer.testing.RtspRelay;
import io.camstream.streamer.testing.RunningStreamer;
import io.camstream.streamer.testing.StreamerConfigs;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streamer against real peers that die, come back and freeze: a GStreamer RTSP relay as the server (and as the
 * camera's relay), Debian's ffmpeg as the camera. Recovery times are measured from the moment the peer is back to
 * the first picture a separate reader decodes.
 */
class StreamerRecoveryTest {

    private static final Logger LOG = LoggerFactory.getLogger(StreamerRecoveryTest.class);
    private static final Duration RESUME_WITHIN = Duration.ofSeconds(5);

    private final CapturedLogs logs = new CapturedLogs();
    private RtspRelay relay;
    private FfmpegPublisher camera;
    private RunningStreamer streamer;

    @AfterEach
    void cleanUp() throws Exception {
        if (streamer != null) {
            streamer.close();
        }
        if (camera != null) {
            camera.close();
        }
        if (relay != null) {
            relay.close();
        }
        logs.close();
    }

    /** How long after now the streamer publishes frames again (it must not be publishing now), or null. */
    private Duration publishingResumesWithin(Duration max) throws InterruptedException {
        long start = System.nanoTime();
        double before = streamer.frames();
        while (System.nanoTime() - start < max.toNanos()) {
            if (streamer.frames() > before) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(10);
        }
        return null;
    }

    private double reconnects(ReconnectCause cause) {
        return streamer.metrics().reconnects(cause);
    }

    private double serverSideReconnects() {
        return reconnects(ReconnectCause.SERVER) + reconnects(ReconnectCause.STALL);
    }

    @Test
    void serverKilledAndRestartedOnTheSamePort() throws Exception {
        relay = RtspRelay.start("cam");
        streamer = RunningStreamer.start(StreamerConfigs.of("testpattern:320x240@25", relay.publishUrl("cam")));
        await().atMost(Duration.ofSeconds(20)).until(() -> streamer.status("/readyz") == 200);
        assertThat(RtspReader.firstPicture(relay.readUrl("cam"), Duration.ofSeconds(10))).isNotNull();
        // A camera without sound is fine and says so, in the log and in /metrics.
        assertThat(logs.count("StreamSession", "; audio: none (the source has no audio)")).isEqualTo(1);
        assertThat(PrometheusText.parse(streamer.get("/metrics").body()).value("camstream_streamer_audio",
                Map.of("source_codec", "none", "codec", "none", "action", "none"))).isEqualTo(1);

        relay.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> serverSideReconnects() >= 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> streamer.status("/readyz") == 503);
        Thread.sleep(1500); // a few failed attempts against the closed port
        assertThat(streamer.status("/healthz")).as("no pod restart needed").isEqualTo(200);

        relay.launch();
        Duration resumed = publishingResumesWithin(Duration.ofSeconds(15));
        LOG.info("MEASURED server restart -> publishing again: {} ms", resumed == null ? -1 : resumed.toMillis());
        assertThat(resumed).as("publishing resumes").isNotNull().isLessThanOrEqualTo(RESUME_WITHIN);
        Duration seen = RtspReader.firstPicture(relay.readUrl("cam"), Duration.ofSeconds(10));
        LOG.info("MEASURED ... then a new reader's first picture: {} ms", seen == null ? -1 : seen.toMillis());
        assertThat(seen).as("a reader sees frames again").isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> streamer.status("/readyz") == 200);

        // /metrics is valid Prometheus text and counts exactly the reconnects the log reported.
        PrometheusText metrics = PrometheusText.parse(streamer.get("/metrics").body());
        double server = metrics.value("camstream_streamer_reconnects_total", Map.of("cause", "server"));
        double stall = metrics.value("camstream_streamer_reconnects_total", Map.of("cause", "stall"));
        double source = metrics.value("camstream_streamer_reconnects_total", Map.of("cause", "source"));
        assertThat(server + stall).isGreaterThanOrEqualTo(2);
        assertThat(source).isZero();
        assertThat(server + stall).isEqualTo(logs.count("StreamSupervisor", "Lost server"));
        // The same "Connection refused" again and again is one state: only its first occurrence is a warning.
        assertThat(logs.countAtLeast(ch.qos.logback.classic.Level.WARN, "StreamSupervisor", "Connection refused"))
                .isEqualTo(1);
        assertThat(metrics.value("camstream_streamer_frames_published_total")).isPositive();
        assertThat(metrics.value("camstream_streamer_mode", Map.of("mode", "transcode"))).isEqualTo(1);
    }

    @Test
    void cameraKilledAndRestarted() throws Exception {
        relay = RtspRelay.start("src", "cam");
        camera = new FfmpegPublisher(relay.publishUrl("src")).start();
        assertThat(RtspReader.firstPicture(relay.readUrl("src"), Duration.ofSeconds(15))).as("camera is up").isNotNull();
        streamer = RunningStreamer.start(StreamerConfigs.of(relay.readUrl("src"), relay.publishUrl("cam")));
        await().atMost(Duration.ofSeconds(20)).until(() -> streamer.status("/readyz") == 200);

        camera.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> reconnects(ReconnectCause.STALL)
                + reconnects(ReconnectCause.SOURCE) >= 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> streamer.status("/readyz") == 503);

        camera.start();
        Duration resumed = publishingResumesWithin(Duration.ofSeconds(15));
        LOG.info("MEASURED camera restart -> publishing again: {} ms", resumed == null ? -1 : resumed.toMillis());
        assertThat(resumed).as("publishing resumes").isNotNull().isLessThanOrEqualTo(RESUME_WITHIN);
        Duration seen = RtspReader.firstPicture(relay.readUrl("cam"), Duration.ofSeconds(10));
        LOG.info("MEASURED ... then a new reader's first picture: {} ms", seen == null ? -1 : seen.toMillis());
        assertThat(seen).as("a reader sees frames again").isNotNull();
        assertThat(logs.count("StreamSupervisor", "Lost source")).isPositive();
    }

    @Test
    void frozenServerIsDetectedAndLeftAfterSigcont() throws Exception {
        relay = RtspRelay.start("cam");
        streamer = RunningStreamer.start(StreamerConfigs.of("testpattern:640x360@30", relay.publishUrl("cam"),
                "--bitrate-kbps", "4000"));
        await().atMost(Duration.ofSeconds(20)).until(() -> streamer.status("/readyz") == 200);

        long frozenAt = System.nanoTime();
        relay.pause();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> serverSideReconnects() >= 1);
            LOG.info("MEASURED SIGSTOP -> stall detected: {} ms", (System.nanoTime() - frozenAt) / 1_000_000);
            assertThat(streamer.status("/healthz")).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> streamer.status("/readyz") == 503);
        } finally {
            relay.resume();
        }
        Duration resumed = publishingResumesWithin(Duration.ofSeconds(15));
        LOG.info("MEASURED SIGCONT -> publishing again: {} ms", resumed == null ? -1 : resumed.toMillis());
        assertThat(resumed).as("publishing resumes").isNotNull().isLessThanOrEqualTo(RESUME_WITHIN);
        assertThat(RtspReader.firstPicture(relay.readUrl("cam"), Duration.ofSeconds(10))).isNotNull();
    }
}
