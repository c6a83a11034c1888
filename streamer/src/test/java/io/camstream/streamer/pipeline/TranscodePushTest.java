package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.streamer.source.RtspTransport;
import io.camstream.streamer.testing.RtspRelay;
import io.camstream.streamer.testing.RunningSession;
import io.camstream.streamer.testing.Sessions;
import io.camstream.streamer.testing.StreamProbe;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test pattern transcoded and pushed to a real RTSP server, checked by a real reader that decodes it. */
class TranscodePushTest {

    private static RtspRelay relay;

    @BeforeAll
    static void startRelay() {
        relay = RtspRelay.start("native", "scaled", "udp");
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    @Test
    void pushesBrowserPlayableH264AtTheSourceSizeAndRate(@TempDir Path dir) throws Exception {
        try (RunningSession session = RunningSession.start(Sessions.config("testpattern:320x240@30",
                relay.publishUrl("native"), PipelineMode.AUTO).withAudio(AudioMode.AUTO))) {
            ModeDecision decision = session.awaitPublishing(Duration.ofSeconds(30));
            assertThat(decision.mode()).isEqualTo(PipelineMode.TRANSCODE);
            // A camera without sound is fine, and says so (the relay takes video only: an audio track would fail).
            assertThat(session.audioDecision()).hasToString("none (the source has no audio)");

            StreamProbe.Report report = StreamProbe.read(relay.readUrl("native"), 3.5, dir);

            assertThat(report.codec()).isEqualTo("h264");
            assertThat(report.hasBFrames()).isZero();
            assertThat(report.pixelFormat()).isEqualTo("yuv420p");
            assertThat(report.width()).isEqualTo(320);
            assertThat(report.height()).isEqualTo(240);
            assertThat(report.decodedFrames()).as("frames the reader decoded").isGreaterThan(60);
            assertThat(report.codedFps()).isEqualTo(30.0);
            assertThat(report.measuredFps()).as("frames per second of the stream's timestamps").isBetween(18.0, 36.0);
            // GOP = fps x gop-seconds (default 1 s): a keyframe at least every 30 frames.
            assertThat(report.keyframeCount()).isGreaterThanOrEqualTo(2);
            assertThat(report.longestKeyframeDistance()).isLessThanOrEqualTo(30);
            // SPS/PPS in-band before keyframes (the relay inserts none itself).
            assertThat(report.spsCount()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void pushesOverUdpWhenAsked(@TempDir Path dir) throws Exception {
        SessionConfig tcp = Sessions.config("testpattern:320x240@25", relay.publishUrl("udp"), PipelineMode.AUTO);
        SessionConfig udp = new SessionConfig(tcp.source(), tcp.sourceCredentials(),
                new PublishTarget(tcp.publish().url(), tcp.publish().credentials(), RtspTransport.UDP), tcp.mode(),
                tcp.output(), RtspTransport.UDP, tcp.redactor());
        try (RunningSession session = RunningSession.start(udp)) {
            session.awaitPublishing(Duration.ofSeconds(30));

            StreamProbe.Report report = StreamProbe.read(relay.readUrl("udp"), 2.5, dir);

            assertThat(report.codec()).isEqualTo("h264");
            assertThat(report.decodedFrames()).isGreaterThan(40);
        }
    }

    @Test
    void appliesRequestedSizeRateAndGop(@TempDir Path dir) throws Exception {
        OutputOverrides output = Sessions.output(160, 120, 15.0, 500, 2.0);
        try (RunningSession session = RunningSession.start(Sessions.config("testpattern:320x240@30",
                relay.publishUrl("scaled"), PipelineMode.TRANSCODE, output))) {
            session.awaitPublishing(Duration.ofSeconds(30));

            StreamProbe.Report report = StreamProbe.read(relay.readUrl("scaled"), 5, dir);

            assertThat(report.width()).isEqualTo(160);
            assertThat(report.height()).isEqualTo(120);
            assertThat(report.codedFps()).isEqualTo(15.0);
            assertThat(report.measuredFps()).isBetween(9.0, 18.0);
            assertThat(report.hasBFrames()).isZero();
            assertThat(report.longestKeyframeDistance()).isLessThanOrEqualTo(30);
            assertThat(report.keyframeCount()).isGreaterThanOrEqualTo(2);
        }
    }
}
