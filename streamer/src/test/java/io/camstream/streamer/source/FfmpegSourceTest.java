package io.camstream.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import io.camstream.streamer.testing.StreamProbe;
import io.camstream.streamer.testing.TestMedia;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegSourceTest {

    @TempDir
    Path dir;

    /**
     * 360 px rows are padded to a 384 px stride by the grabber; the frame handed on must still be packed I420 with
     * the right planes (a lossless red picture: Y 81, U 90, V 240 in BT.601 limited range).
     */
    @Test
    void deliversPackedYuvPlanesForPaddedWidths() throws Exception {
        Path red = dir.resolve("red.mkv");
        StreamProbe.run(60, "ffmpeg", "-hide_banner", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                "color=c=red:size=360x240:rate=10", "-t", "1", "-pix_fmt", "yuv420p", "-c:v", "ffv1", red.toString());

        try (FfmpegSource source = FfmpegSource.open(SourceLocation.parse(red.toString()), Optional.empty(),
                RtspTransport.TCP, Redactor.urlsOnly())) {
            assertThat(source.info().codecName()).isEqualTo("ffv1");
            YuvFrame frame = source.grabFrame();

            assertThat(frame.width()).isEqualTo(360);
            assertThat(frame.height()).isEqualTo(240);
            ByteBuffer data = frame.data();
            assertThat(data.remaining()).isEqualTo(360 * 240 * 3 / 2);
            int ySize = 360 * 240;
            int cSize = 180 * 120;
            assertPlane(data, 0, ySize, 81);
            assertPlane(data, ySize, cSize, 90);
            assertPlane(data, ySize + cSize, cSize, 240);
        }
    }

    @Test
    void fileSourceLoopsWithIncreasingTimestamps() throws Exception {
        Path clip = dir.resolve("short.mkv");
        StreamProbe.run(60, "ffmpeg", "-hide_banner", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=160x120:rate=25", "-t", "0.4", "-c:v", "ffv1", clip.toString());

        try (FfmpegSource source = FfmpegSource.open(SourceLocation.parse(clip.toString()), Optional.empty(),
                RtspTransport.TCP, Redactor.urlsOnly())) {
            long last = Long.MIN_VALUE;
            for (int i = 0; i < 25; i++) {
                long ts = source.grabFrame().timestampMicros();
                assertThat(ts).as("frame %d", i).isGreaterThan(last);
                last = ts;
            }
            // 25 frames of a 10-frame file: looped twice, about 40 ms apart throughout.
            assertThat(last).isBetween(900_000L, 1_100_000L);
        }
    }

    /** Passthrough takes packets only: no decoder is opened, so none of a decoder's picture buffers are held. */
    @Test
    void packetsAreReadWithoutOpeningADecoder() throws Exception {
        Path clip = TestMedia.h264Camera(dir, 1);

        try (FfmpegSource source = FfmpegSource.open(SourceLocation.parse(clip.toString()), Optional.empty(),
                RtspTransport.TCP, Redactor.urlsOnly())) {
            assertThat(source.info().codecName()).isEqualTo("h264");
            for (int i = 0; i < 10; i++) {
                AVPacket packet = source.grabPacket();
                // The clip's audio track is skipped.
                assertThat(source.formatContext().streams(packet.stream_index()).codecpar().codec_type())
                        .isEqualTo(AVMEDIA_TYPE_VIDEO);
                av_packet_unref(packet);
            }
            assertThat(source.decoding()).isFalse();

            assertThat(source.grabFrame().width()).isEqualTo(320);
            assertThat(source.decoding()).isTrue();
        }
    }

    /** Capture devices come from libavdevice, registered only when a device is opened. */
    @Test
    void aMissingDeviceIsReportedByName() {
        assertThatThrownBy(() -> FfmpegSource.open(SourceLocation.parse("/dev/video97"), Optional.empty(),
                RtspTransport.TCP, Redactor.urlsOnly()))
                .isInstanceOf(SourceLostException.class)
                .hasMessageStartingWith("Cannot open source /dev/video97: ")
                .hasMessageContaining("No such file or directory");
        assertThat(av_find_input_format("video4linux2")).isNotNull();
    }

    private static void assertPlane(ByteBuffer data, int offset, int length, int expected) {
        for (int i = offset; i < offset + length; i++) {
            int value = data.get(i) & 0xff;
            if (Math.abs(value - expected) > 2) {
                throw new AssertionError("byte " + i + " is " + value + ", expected about " + expected);
            }
        }
    }
}
