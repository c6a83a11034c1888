package io.camstream.streamer.testpattern;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.streamer.pipeline.PipelineMode;
import io.camstream.streamer.testing.RtspRelay;
import io.camstream.streamer.testing.RunningSession;
import io.camstream.streamer.testing.Sessions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The capture time written into the test pattern survives H.264 and RTSP and reads back at the other end. */
class LatencyStampTest {

    @Test
    void readerDecodesCaptureTimesFromThePushedStream() throws Exception {
        try (RtspRelay relay = RtspRelay.start("stamped");
             RunningSession session = RunningSession.start(Sessions.config("testpattern:320x240@30",
                     relay.publishUrl("stamped"), PipelineMode.AUTO))) {
            session.awaitPublishing(Duration.ofSeconds(30));

            LatencyMeter.Result result = LatencyMeter.measure(relay.readUrl("stamped"), 2.5);

            System.out.println("testpattern 320x240@30 -> relay -> reader: " + result);
            assertThat(result.frames()).isGreaterThan(40);
            assertThat(result.decodedStamps()).as("frames whose stamp decoded").isGreaterThan(result.frames() * 7 / 10);
            List<Long> captures = result.captureMillis();
            for (int i = 1; i < captures.size(); i++) {
                // Never backwards; a repeat is allowed (a reader joining mid-GOP conceals with the previous picture).
                assertThat(captures.get(i)).as("capture times never go back").isGreaterThanOrEqualTo(captures.get(i - 1));
            }
            assertThat(captures.stream().distinct().count()).as("distinct pictures").isGreaterThan(captures.size() * 8L / 10);
            // Sanity, not a speed target: a stamp is a real capture time from this run, never one from the future.
            assertThat(result.percentile(0)).isGreaterThanOrEqualTo(0);
            assertThat(result.percentile(1.0)).isLessThan(10_000);
        }
    }
}
