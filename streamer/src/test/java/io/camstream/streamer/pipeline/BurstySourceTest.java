package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.streamer.testing.RtspRelay;
import io.camstream.streamer.testing.RunningSession;
import io.camstream.streamer.testing.Sessions;
import io.camstream.streamer.testing.StreamProbe;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source whose frames come in bursts (as a relay that stamps on arrival, or a camera on Wi-Fi, delivers them), run
 * through a real transcode session to a real RTSP server: no frame is lost to its timestamps. Every frame grabbed is
 * published, unless the drop-oldest hand-off counted it as dropped because the encoder fell behind.
 */
class BurstySourceTest {

    @Test
    void everyFrameOfABurstySourceIsPublishedOrCountedAsDropped(@TempDir Path dir) throws Exception {
        // 30 fps on average, as pairs of frames 2 ms apart every 66.7 ms (the old 1/fps frame grid put the second
        // frame of a pair on the slot the first had taken, and dropped it after decoding it).
        Path bursty = dir.resolve("bursty.mkv");
        StreamProbe.run(60, "ffmpeg", "-hide_banner", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=320x240:rate=30", "-t", "4", "-vf",
                "setpts='(floor(N/2)*2/30+mod(N,2)*0.002)/TB'", "-fps_mode", "passthrough", "-c:v", "libx264",
                "-preset", "ultrafast", "-bf", "0", "-g", "30", "-pix_fmt", "yuv420p", bursty.toString());
        try (RtspRelay relay = RtspRelay.start("bursty");
             RunningSession session = RunningSession.start(Sessions.config(bursty.toString(),
                     relay.publishUrl("bursty"), PipelineMode.TRANSCODE))) {
            session.awaitPublishing(Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(60)).until(() -> session.framesPublished() >= 150);
            session.close();

            long grabbed = session.framesGrabbed();
            long accounted = session.framesPublished() + session.framesDropped();
            // Frames still queued for the encoder when the session stopped are in neither count.
            assertThat(accounted).as("published %d + dropped %d of %d grabbed", session.framesPublished(),
                    session.framesDropped(), grabbed).isBetween(grabbed - GrabThread.QUEUE_CAPACITY, grabbed);
            assertThat(session.framesPublished()).isGreaterThanOrEqualTo(150);
        }
    }
}
