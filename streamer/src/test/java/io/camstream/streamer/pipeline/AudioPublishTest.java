package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.streamer.testing.AnnexB;
import io.camstream.streamer.testing.CapturedLogs;
import io.camstream.streamer.testing.FfmpegReceiver;
import io.camstream.streamer.testing.PrometheusText;
import io.camstream.streamer.testing.RtspCamera;
import io.camstream.streamer.testing.RunningSession;
import io.camstream.streamer.testing.RunningStreamer;
import io.camstream.streamer.testing.Sessions;
import io.camstream.streamer.testing.StreamProbe;
import io.camstream.streamer.testing.StreamerConfigs;
import io.camstream.streamer.testing.TestMedia;
import io.camstream.streamer.testpattern.AvSyncMeter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cameras with sound (AAC, G.711, Opus, the test pattern's tone), made by Debian's ffmpeg and GStreamer, published
 * to FFmpeg's RTSP listener and read back with ffprobe and FFmpeg's decoders: which audio arrives, whether the video
 * went its own way, and how far sound and picture are apart.
 */
class AudioPublishTest {

    /** The bound on the A/V offset at the reader. */
    private static final double MAX_OFFSET_MILLIS = 40;

    @TempDir
    Path dir;

    /** Passthrough stays passthrough: the picture is copied, only the sound is decoded and made Opus. */
    @Test
    void aacCameraIsPassedThroughAndItsSoundMadeOpusInSync() throws Exception {
        Path clip = cameraClip("aac", "-c:a", "aac", "-b:a", "64k");
        Recording recording = publish(clip.toString(), 4.5, session -> {
            assertThat(session.awaitPublishing(Duration.ofSeconds(30)).mode()).isEqualTo(PipelineMode.PASSTHROUGH);
            assertThat(session.audioDecision()).hasToString(
                    "aac 48000 Hz mono -> opus 48000 Hz mono (WebRTC cannot play AAC)");
        });

        assertThat(recording.video().codec()).isEqualTo("h264");
        assertThat(recording.video().profile()).as("the camera's own H.264, not the transcoder's").isEqualTo("High");
        // Video untouched: every picture slice received is byte for byte one of the camera's.
        Set<String> received = AnnexB.slices(TestMedia.annexB(recording.file(), dir));
        assertThat(received).isNotEmpty().isSubsetOf(AnnexB.slices(TestMedia.annexB(clip, dir)));
        assertOpus(recording.audio(), 4);
        assertInSync(recording.sync());
    }

    /**
     * A camera's G.711 plays in WebRTC as it is: with the streamer's defaults (flags as the operator passes them),
     * both tracks are set up and the sound is copied; the log and {@code /metrics} say what was found and done.
     */
    @Test
    void g711CameraIsCopiedAndTheLogAndMetricsSaySo() throws Exception {
        Path received;
        try (RtspCamera camera = RtspCamera.start(); FfmpegReceiver receiver = FfmpegReceiver.start(dir, true);
             CapturedLogs logs = new CapturedLogs()) {
            try (RunningStreamer streamer = RunningStreamer.start(StreamerConfigs.of(camera.url(), receiver.url()))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> streamer.frames() > 50);
                PrometheusText metrics = PrometheusText.parse(streamer.get("/metrics").body());
                assertThat(metrics.value("camstream_streamer_audio",
                        Map.of("source_codec", "pcm_mulaw", "codec", "pcm_mulaw", "action", "copy"))).isEqualTo(1);
                assertThat(metrics.value("camstream_streamer_audio_packets_published_total")).isPositive();
            }
            received = receiver.awaitFile();
            assertThat(camera.setups()).containsExactly("/cam/stream=0", "/cam/stream=1");
            assertThat(logs.count("FfmpegSource", "audio pcm_mulaw 8000 Hz mono")).isEqualTo(1);
            assertThat(logs.count("StreamSession", "in passthrough mode")).isEqualTo(1);
            assertThat(logs.count("StreamSession", "; audio: pcm_mulaw 8000 Hz mono copied (G.711 plays in WebRTC"))
                    .isEqualTo(1);
        }
        assertThat(StreamProbe.analyse(received, null).codec()).isEqualTo("h264");
        assertMono(StreamProbe.audio(received), "pcm_mulaw", 8000, 1.5);
    }

    /** The picture is transcoded (B-frames) on its own thread; the Opus sound is copied beside it, in sync. */
    @Test
    void opusIsCopiedBesideATranscodedPictureInSync() throws Exception {
        Path clip = TestMedia.flashAndBeep(dir, "opus", 3, "-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-g",
                "25", "-pix_fmt", "yuv420p", "-c:a", "libopus", "-b:a", "48k");
        Recording recording = publish(clip.toString(), 4.5, session -> {
            assertThat(session.awaitPublishing(Duration.ofSeconds(30)).mode()).isEqualTo(PipelineMode.TRANSCODE);
            assertThat(session.audioDecision().action()).isEqualTo(AudioAction.COPY);
        });

        assertThat(recording.video().profile()).isEqualTo("Constrained Baseline");
        assertOpus(recording.audio(), 4);
        assertInSync(recording.sync());
    }

    /**
     * {@code --audio copy}: the camera's AAC reaches RTSP readers (and LL-HLS viewers) as it is, nothing decoded,
     * still in sync with the copied picture.
     */
    @Test
    void copyPublishesTheCamerasAacAsItIs() throws Exception {
        Path clip = cameraClip("aac", "-c:a", "aac", "-b:a", "64k");
        Recording recording = publish(clip.toString(), AudioMode.COPY, 3.5, session -> {
            assertThat(session.awaitPublishing(Duration.ofSeconds(30)).mode()).isEqualTo(PipelineMode.PASSTHROUGH);
            assertThat(session.audioDecision()).hasToString("aac 48000 Hz mono copied (--audio copy)");
        });

        assertThat(recording.video().profile()).isEqualTo("High");
        assertMono(recording.audio(), "aac", 48000, 2.5);
        assertInSync(recording.sync());
    }

    /** G.711 A-law, as many cameras send it: {@code auto} copies it (WebRTC plays it), in sync with the picture. */
    @Test
    void pcmaCameraIsCopiedInSync() throws Exception {
        Recording recording = publish(g711aClip().toString(), AudioMode.AUTO, 3.5, session -> {
            assertThat(session.awaitPublishing(Duration.ofSeconds(30)).mode()).isEqualTo(PipelineMode.PASSTHROUGH);
            assertThat(session.audioDecision().action()).isEqualTo(AudioAction.COPY);
        });

        assertMono(recording.audio(), "pcm_alaw", 8000, 2.5);
        assertInSync(recording.sync());
    }

    /** {@code --audio opus}: G.711, which LL-HLS cannot play, is made Opus 48 kHz for every reader, in sync. */
    @Test
    void opusModeMakesOpusOfG711() throws Exception {
        Recording recording = publish(g711aClip().toString(), AudioMode.OPUS, 4.5, session -> {
            assertThat(session.awaitPublishing(Duration.ofSeconds(30)).mode()).isEqualTo(PipelineMode.PASSTHROUGH);
            assertThat(session.audioDecision()).hasToString(
                    "pcm_alaw 8000 Hz mono -> opus 48000 Hz mono (--audio opus)");
        });

        assertOpus(recording.audio(), 4);
        assertInSync(recording.sync());
    }

    /**
     * Any other codec is made Opus too: MP3 at 44.1 kHz stereo, resampled at a ratio that is no whole number and
     * encoded in two channels, still in sync.
     */
    @Test
    void otherCodecsAreMadeOpusAtAnyRateAndInStereo() throws Exception {
        Path clip = cameraClip("mp3", "-c:a", "libmp3lame", "-ar", "44100", "-ac", "2", "-b:a", "128k");
        Recording recording = publish(clip.toString(), AudioMode.AUTO, 4.5, session -> {
            assertThat(session.awaitPublishing(Duration.ofSeconds(30)).mode()).isEqualTo(PipelineMode.PASSTHROUGH);
            assertThat(session.audioDecision()).hasToString(
                    "mp3 44100 Hz stereo -> opus 48000 Hz stereo (browsers cannot play mp3)");
        });

        assertOpus(recording.audio(), 4);
        assertInSync(recording.sync());
    }

    private Path g711aClip() {
        return cameraClip("pcma", "-c:a", "pcm_alaw", "-ar", "8000");
    }

    /** A flash-and-beep clip: H.264 as IP cameras send it (no B-frames, headers at each keyframe) and {@code audio}. */
    private Path cameraClip(String name, String... audio) {
        List<String> codec = new ArrayList<>(List.of("-c:v", "libx264", "-preset", "veryfast", "-bf", "0",
                "-g", "25", "-pix_fmt", "yuv420p", "-x264-params", "repeat-headers=1"));
        codec.addAll(List.of(audio));
        return TestMedia.flashAndBeep(dir, name, 3, codec.toArray(String[]::new));
    }

    /** {@code +tone}: the test pattern beeps once a second, made Opus beside the transcoded picture. */
    @Test
    void testPatternToneIsPublishedAsOpus() throws Exception {
        Recording recording = publish("testpattern:320x240@25+tone", 3.5, session -> {
            session.awaitPublishing(Duration.ofSeconds(30));
            assertThat(session.audioDecision()).hasToString(
                    "pcm_s16le 48000 Hz mono -> opus 48000 Hz mono (browsers cannot play pcm_s16le)");
        });

        assertOpus(recording.audio(), 3);
        List<Double> beeps = recording.sync().beeps();
        assertThat(beeps).hasSizeGreaterThanOrEqualTo(3);
        // The first may be cut: sound before the first picture is not published.
        for (int i = 2; i < beeps.size(); i++) {
            assertThat(beeps.get(i) - beeps.get(i - 1)).as("a beep a second").isCloseTo(1.0, within(0.03));
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double value) {
        return org.assertj.core.data.Offset.offset(value);
    }

    /** The recording's sound is {@code codec}, mono, at {@code rate}, and lasts more than {@code seconds}. */
    private static void assertMono(StreamProbe.AudioReport audio, String codec, int rate, double seconds) {
        assertThat(audio.codec()).isEqualTo(codec);
        assertThat(audio.sampleRate()).isEqualTo(rate);
        assertThat(audio.channels()).isEqualTo(1);
        assertThat(audio.seconds()).isGreaterThan(seconds);
    }

    private static void assertOpus(StreamProbe.AudioReport audio, double atLeastSeconds) {
        assertThat(audio.codec()).isEqualTo("opus");
        assertThat(audio.sampleRate()).isEqualTo(48000);
        // RTP always announces Opus as 2 channels (RFC 7587); the stream itself is mono here.
        assertThat(audio.seconds()).isGreaterThan(atLeastSeconds - 1);
        assertThat(audio.packets()).as("a packet every 20 ms").isBetween((int) (audio.seconds() * 45),
                (int) (audio.seconds() * 55) + 1);
    }

    private static void assertInSync(AvSyncMeter.Result sync) {
        assertThat(sync.offsetsMillis()).as("flashes with a beep: %s", sync).hasSizeGreaterThanOrEqualTo(3);
        assertThat(sync.worstMillis()).as("sound against picture at the reader: %s", sync)
                .isLessThanOrEqualTo(MAX_OFFSET_MILLIS);
    }

    private record Recording(Path file, StreamProbe.Report video, StreamProbe.AudioReport audio,
                             AvSyncMeter.Result sync) {
    }

    @FunctionalInterface
    private interface Check {
        void accept(RunningSession session) throws Exception;
    }

    /** Publishes {@code source} with {@code --audio auto} for {@code seconds}, then reads back what arrived. */
    private Recording publish(String source, double seconds, Check whilePublishing) throws Exception {
        return publish(source, AudioMode.AUTO, seconds, whilePublishing);
    }

    /** Publishes {@code source} with {@code --audio audio} for {@code seconds}, then reads back what arrived. */
    private Recording publish(String source, AudioMode audio, double seconds, Check whilePublishing)
            throws Exception {
        Path received;
        try (FfmpegReceiver receiver = FfmpegReceiver.start(dir, true)) {
            try (RunningSession session = RunningSession.start(Sessions.config(source, receiver.url(),
                    PipelineMode.AUTO).withAudio(audio))) {
                whilePublishing.accept(session);
                Thread.sleep((long) (seconds * 1000));
            }
            received = receiver.awaitFile();
        }
        return new Recording(received, StreamProbe.analyse(received, null), StreamProbe.audio(received),
                AvSyncMeter.measure(received.toString(), 60));
    }
}
