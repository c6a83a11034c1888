package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.camstream.streamer.source.SourceInfo;
import io.camstream.streamer.testing.Sessions;
import org.junit.jupiter.api.Test;

class EncoderSettingsTest {

    private static SourceInfo source(int width, int height, double fps) {
        return new SourceInfo("h264", AV_CODEC_ID_H264, width, height, fps, 0, AV_PIX_FMT_YUV420P, true);
    }

    @Test
    void keepsTheSourcesSizeAndRateUnlessOverridden() {
        assertThat(EncoderSettings.resolve(OutputOverrides.defaults(), source(1280, 720, 25)))
                .isEqualTo(new EncoderSettings(1280, 720, 25, OutputOverrides.DEFAULT_BITRATE_KBPS, 1.0));
        assertThat(EncoderSettings.resolve(Sessions.output(640, 360, 10.0, 800, 2), source(1280, 720, 25)))
                .isEqualTo(new EncoderSettings(640, 360, 10, 800, 2));
    }

    @Test
    void anOddSourceSizeLosesOneLineOrColumn() {
        assertThat(EncoderSettings.resolve(OutputOverrides.defaults(), source(641, 361, 25)))
                .extracting(EncoderSettings::width, EncoderSettings::height).containsExactly(640, 360);
    }

    @Test
    void aSourceWithoutARateIsEncodedAtTheFallbackUnlessFpsIsGiven() {
        assertThat(EncoderSettings.resolve(OutputOverrides.defaults(), source(640, 360, 0)).fps())
                .isEqualTo(EncoderSettings.FALLBACK_FPS);
        assertThat(EncoderSettings.resolve(Sessions.output(null, null, 12.5, 2000, 1), source(640, 360, 0)).fps())
                .isEqualTo(12.5);
    }

    @Test
    void keyframeIntervalIsRateTimesSecondsButAtLeastEveryFrame() {
        assertThat(new EncoderSettings(640, 360, 30, 2000, 2).gopFrames()).isEqualTo(60);
        assertThat(new EncoderSettings(640, 360, 29.97, 2000, 1).gopFrames()).isEqualTo(30);
        assertThat(new EncoderSettings(640, 360, 5, 2000, 0.1).gopFrames()).isEqualTo(1);
    }

    @Test
    void describesItselfForTheLog() {
        assertThat(new EncoderSettings(640, 360, 29.97, 800, 2)).hasToString("640x360@29.97 800 kb/s GOP 60 frames");
    }
}
