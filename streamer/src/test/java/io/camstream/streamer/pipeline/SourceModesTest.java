package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.streamer.testing.AnnexB;
import io.camstream.streamer.testing.CapturedLogs;
import io.camstream.streamer.testing.RtspRelay;
import io.camstream.streamer.testing.RunningSession;
import io.camstream.streamer.testing.Sessions;
import io.camstream.streamer.testing.StreamProbe;
import io.camstream.streamer.testing.TestMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of source through the real relay: auto picks the right mode and the reader gets playable H.264. */
class SourceModesTest {

    private static RtspRelay relay;
    @TempDir
    static Path media;

    @BeforeAll
    static void startRelay() {
        relay = RtspRelay.start("h264", "bframes", "mjpeg", "mpeg4", "camera", "restream");
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    @Test
    void autoPassesH264ThroughUnchangedAndLoopsTheFile(@TempDir Path dir) throws Exception {
        Path clip = TestMedia.h264Camera(media, 2);
        StreamProbe.Report source = StreamProbe.analyse(clip, null);

        try (RunningSession session = RunningSession.start(Sessions.config(clip.toString(), relay.publishUrl("h264"),
                PipelineMode.AUTO))) {
            ModeDecision decision = session.awaitPublishing(Duration.ofSeconds(30));
            assertThat(decision.mode()).isEqualTo(PipelineMode.PASSTHROUGH);

            StreamProbe.Report received = StreamProbe.read(relay.readUrl("h264"), 3.5, dir);

            // The source's codec parameters, not the transcoder's (which would be Constrained Baseline).
            assertThat(received.codec()).isEqualTo("h264");
            assertThat(received.profile()).isEqualTo(source.profile()).isEqualTo("High");
            assertThat(received.width()).isEqualTo(320);
            assertThat(received.height()).isEqualTo(240);
            assertThat(received.hasBFrames()).isZero();
            // No decoder, no encoder: every picture slice received is byte for byte one of the file's.
            Set<String> sourceSlices = AnnexB.slices(TestMedia.annexB(clip, media));
            Set<String> receivedSlices = AnnexB.slices(received.annexB());
            assertThat(receivedSlices).isNotEmpty();
            assertThat(sourceSlices).containsAll(receivedSlices);
            // A 2 s file read for 3.5 s: it looped, in real time.
            assertThat(received.decodedFrames()).isGreaterThan(60);
            assertThat(received.codedFps()).isEqualTo(25.0);
            assertThat(received.measuredFps()).isBetween(15.0, 30.0);
        }
    }

    @Test
    void autoTranscodesH264WithBFrames(@TempDir Path dir) throws Exception {
        Path clip = TestMedia.h264WithBFrames(media, 2);
        assertThat(StreamProbe.analyse(clip, null).hasBFrames()).isPositive();
        try (CapturedLogs logs = new CapturedLogs()) {
            assertTranscodedByAuto(clip, "bframes", "B-frames", dir);
            // The camera's picture types are not forced on x264 (which refuses B and logged it for every one).
            assertThat(logs.count("ffmpeg", "frame type")).isZero();
        }
    }

    @Test
    void autoTranscodesMjpeg(@TempDir Path dir) throws Exception {
        assertTranscodedByAuto(TestMedia.mjpeg(media, 2), "mjpeg", "mjpeg", dir);
    }

    @Test
    void autoTranscodesMpeg4(@TempDir Path dir) throws Exception {
        assertTranscodedByAuto(TestMedia.mpeg4(media, 2), "mpeg4", "mpeg4", dir);
    }

    @Test
    void rtspCameraIsReadAndRestreamed(@TempDir Path dir) throws Exception {
        // A "camera" pushing the test pattern into the relay, and a second streamer pulling it over RTSP.
        try (RunningSession camera = RunningSession.start(Sessions.config("testpattern:320x240@25",
                relay.publishUrl("camera"), PipelineMode.AUTO))) {
            camera.awaitPublishing(Duration.ofSeconds(30));
            try (RunningSession restream = RunningSession.start(Sessions.config(relay.readUrl("camera"),
                    relay.publishUrl("restream"), PipelineMode.AUTO))) {
                assertThat(restream.awaitPublishing(Duration.ofSeconds(30)).mode()).isEqualTo(PipelineMode.PASSTHROUGH);
                assertThat(restream.sourceInfo().codecName()).isEqualTo("h264");

                StreamProbe.Report received = StreamProbe.read(relay.readUrl("restream"), 3, dir);

                assertThat(received.codec()).isEqualTo("h264");
                assertThat(received.width()).isEqualTo(320);
                assertThat(received.decodedFrames()).isGreaterThan(40);
                assertThat(received.spsCount()).isGreaterThanOrEqualTo(2);
            }
        }
    }

    private static void assertTranscodedByAuto(Path clip, String path, String reason, Path dir) throws Exception {
        try (RunningSession session = RunningSession.start(Sessions.config(clip.toString(), relay.publishUrl(path),
                PipelineMode.AUTO))) {
            ModeDecision decision = session.awaitPublishing(Duration.ofSeconds(30));
            assertThat(decision.mode()).isEqualTo(PipelineMode.TRANSCODE);
            assertThat(decision.reason()).contains(reason);

            StreamProbe.Report received = StreamProbe.read(relay.readUrl(path), 2.5, dir);

            assertThat(received.codec()).isEqualTo("h264");
            assertThat(received.profile()).isEqualTo("Constrained Baseline");
            assertThat(received.hasBFrames()).isZero();
            assertThat(received.pixelFormat()).isEqualTo("yuv420p");
            assertThat(received.width()).isEqualTo(320);
            assertThat(received.height()).isEqualTo(240);
            assertThat(received.decodedFrames()).isGreaterThan(35);
            assertThat(received.longestKeyframeDistance()).isLessThanOrEqualTo(25);
        }
    }
}
