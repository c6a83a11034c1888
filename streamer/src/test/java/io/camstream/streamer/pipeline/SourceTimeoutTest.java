package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.streamer.StreamFailure;
import io.camstream.streamer.resilience.StreamTimeouts;
import io.camstream.streamer.source.SourceLostException;
import io.camstream.streamer.testing.RtspRelay;
import io.camstream.streamer.testing.RunningSession;
import io.camstream.streamer.testing.Sessions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A camera that stops answering ends the session with a source loss instead of a grab that hangs forever. */
class SourceTimeoutTest {

    @Test
    void frozenRtspCameraIsReportedLostAfterTheSocketTimeout() throws Exception {
        try (RtspRelay camera = RtspRelay.start("cam");
             RtspRelay server = RtspRelay.start("out");
             RunningSession pattern = RunningSession.start(Sessions.config("testpattern:160x120@15",
                     camera.publishUrl("cam"), PipelineMode.AUTO))) {
            pattern.awaitPublishing(Duration.ofSeconds(30));
            StreamTimeouts timeouts = new StreamTimeouts(Duration.ofSeconds(2), StreamTimeouts.DEFAULT_WRITE);
            try (RunningSession restream = RunningSession.start(Sessions.config(camera.readUrl("cam"),
                    server.publishUrl("out"), PipelineMode.AUTO).withTimeouts(timeouts))) {
                restream.awaitPublishing(Duration.ofSeconds(30));
                await().atMost(Duration.ofSeconds(10)).until(() -> restream.framesPublished() > 5);

                camera.pause();
                long pausedAt = System.nanoTime();
                StreamFailure failure;
                try {
                    // Detection takes one socket timeout; closing the RTSP session (TEARDOWN to the frozen peer) may take another.
                    failure = restream.awaitEnd(timeouts.stall().multipliedBy(2).plusSeconds(10));
                } finally {
                    camera.resume();
                }
                double seconds = (System.nanoTime() - pausedAt) / 1e9;

                assertThat(failure).isInstanceOf(SourceLostException.class);
                assertThat(failure.getMessage()).contains(camera.readUrl("cam"));
                assertThat(seconds).as("reported after the socket timeout, not hung")
                        .isGreaterThanOrEqualTo(timeouts.stall().toSeconds() - 0.5);
            }
        }
    }
}
