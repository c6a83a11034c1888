package io.camstream.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.streamer.pipeline.AudioMode;
import io.camstream.streamer.pipeline.ModeDecision;
import io.camstream.streamer.pipeline.PipelineMode;
import io.camstream.streamer.testing.FfmpegReceiver;
import io.camstream.streamer.testing.RtspCamera;
import io.camstream.streamer.testing.RtspRelay;
import io.camstream.streamer.testing.RunningSession;
import io.camstream.streamer.testing.Sessions;
import io.camstream.streamer.testing.StreamProbe;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cameras that serve HTTP MJPEG or RTMP (Debian's ffmpeg in server mode) or RTSP with audio (GStreamer). */
class NetworkSourcesTest {

    @TempDir
    Path dir;

    /**
     * MJPEG over HTTP has no timestamps (FFmpeg invents them at 25 fps): the streamer must stamp frames by arrival,
     * or a 10 fps camera would be published as if it ran 2.5x slower than real time.
     */
    @Test
    void httpMjpegCameraIsTranscodedWithRealTimeTimestamps() throws Exception {
        int port = RtspRelay.freePort();
        String camera = "http://127.0.0.1:" + port + "/video.mjpg";
        Process server = new ProcessBuilder("ffmpeg", "-hide_banner", "-v", "error", "-nostdin", "-re", "-f", "lavfi",
                "-i", "testsrc2=size=320x240:rate=10", "-t", "30", "-c:v", "mjpeg", "-q:v", "5", "-f", "mpjpeg",
                "-listen", "1", camera).redirectErrorStream(true).redirectOutput(dir.resolve("camera.log").toFile()).start();
        try (FfmpegReceiver receiver = FfmpegReceiver.start(dir)) {
            Thread.sleep(500);
            StreamProbe.Report report;
            try (RunningSession session = RunningSession.start(Sessions.config(camera, receiver.url(), PipelineMode.AUTO,
                    Sessions.output(null, null, 10.0, 1000, 1)))) {
                ModeDecision decision = session.awaitPublishing(Duration.ofSeconds(30));
                assertThat(decision.mode()).isEqualTo(PipelineMode.TRANSCODE);
                assertThat(session.sourceInfo().codecName()).isEqualTo("mjpeg");
                Thread.sleep(4000);
            }
            report = receiver.awaitRecording();

            assertThat(report.codec()).isEqualTo("h264");
            assertThat(report.width()).isEqualTo(320);
            assertThat(report.decodedFrames()).isGreaterThan(25);
            assertThat(report.measuredFps()).as("timestamps follow the camera's real 10 fps").isBetween(5.0, 13.0);
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void rtmpCameraIsPassedThrough() throws Exception {
        int port = RtspRelay.freePort();
        String camera = "rtmp://127.0.0.1:" + port + "/live/cam";
        Process server = new ProcessBuilder("ffmpeg", "-hide_banner", "-v", "error", "-nostdin", "-re", "-f", "lavfi",
                "-i", "testsrc2=size=320x240:rate=25", "-t", "30", "-c:v", "libx264", "-preset", "ultrafast", "-bf", "0",
                "-g", "25", "-pix_fmt", "yuv420p", "-f", "flv", "-listen", "1", camera)
                .redirectErrorStream(true).redirectOutput(dir.resolve("camera.log").toFile()).start();
        try (FfmpegReceiver receiver = FfmpegReceiver.start(dir)) {
            Thread.sleep(500);
            try (RunningSession session = RunningSession.start(Sessions.config(camera, receiver.url(), PipelineMode.AUTO))) {
                assertThat(session.awaitPublishing(Duration.ofSeconds(30)).mode()).isEqualTo(PipelineMode.PASSTHROUGH);
                Thread.sleep(3000);
            }
            StreamProbe.Report report = receiver.awaitRecording();

            assertThat(report.codec()).isEqualTo("h264");
            assertThat(report.width()).isEqualTo(320);
            assertThat(report.decodedFrames()).isGreaterThan(40);
            assertThat(report.measuredFps()).isBetween(15.0, 30.0);
        } finally {
            server.destroyForcibly();
        }
    }

    /**
     * With {@code --audio off} a camera's audio track is never asked for: the streamer publishes video only, so
     * receiving the audio would be bandwidth and demuxing for nothing.
     */
    @Test
    void rtspCameraWithAudioOffIsPassedThroughAndOnlyItsVideoIsSetUp() throws Exception {
        try (RtspCamera camera = RtspCamera.start(); FfmpegReceiver receiver = FfmpegReceiver.start(dir)) {
            try (RunningSession session = RunningSession.start(Sessions.config(camera.url(), receiver.url(),
                    PipelineMode.AUTO).withAudio(AudioMode.OFF))) {
                assertThat(session.awaitPublishing(Duration.ofSeconds(30)).mode()).isEqualTo(PipelineMode.PASSTHROUGH);
                Thread.sleep(3000);
            }
            StreamProbe.Report report = receiver.awaitRecording();

            assertThat(report.codec()).isEqualTo("h264");
            assertThat(report.width()).isEqualTo(320);
            assertThat(report.decodedFrames()).isGreaterThan(40);
            assertThat(camera.setups()).containsExactly("/cam/stream=0");
        }
    }
}
