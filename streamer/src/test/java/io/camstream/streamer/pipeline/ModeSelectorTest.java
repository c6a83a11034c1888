package io.camstream.streamer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_RAWVIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;

import io.camstream.streamer.source.SourceInfo;
import io.camstream.streamer.testing.Sessions;
import org.junit.jupiter.api.Test;

class ModeSelectorTest {

    private static final SourceInfo H264 = new SourceInfo("h264", AV_CODEC_ID_H264, 1280, 720, 25, 0, AV_PIX_FMT_YUV420P, true);

    @Test
    void autoPassesBrowserPlayableH264Through() throws Exception {
        assertThat(ModeSelector.select(PipelineMode.AUTO, H264, OutputOverrides.defaults()).mode())
                .isEqualTo(PipelineMode.PASSTHROUGH);
    }

    @Test
    void autoTranscodesEverythingElseAndSaysWhy() throws Exception {
        OutputOverrides none = OutputOverrides.defaults();
        assertThat(ModeSelector.select(PipelineMode.AUTO,
                new SourceInfo("hevc", AV_CODEC_ID_HEVC, 1280, 720, 25, 0, AV_PIX_FMT_YUV420P, true), none))
                .isEqualTo(new ModeDecision(PipelineMode.TRANSCODE, "source codec is hevc, browsers need H.264"));
        assertThat(ModeSelector.select(PipelineMode.AUTO,
                new SourceInfo("mjpeg", AV_CODEC_ID_MJPEG, 640, 480, 10, 0, AV_PIX_FMT_YUV420P, true), none).mode())
                .isEqualTo(PipelineMode.TRANSCODE);
        assertThat(ModeSelector.select(PipelineMode.AUTO,
                new SourceInfo("h264", AV_CODEC_ID_H264, 1280, 720, 25, 2, AV_PIX_FMT_YUV420P, true), none).reason())
                .contains("B-frames");
        assertThat(ModeSelector.select(PipelineMode.AUTO,
                new SourceInfo("h264", AV_CODEC_ID_H264, 1280, 720, 25, 0, AV_PIX_FMT_YUV422P, true), none).mode())
                .isEqualTo(PipelineMode.TRANSCODE);
        assertThat(ModeSelector.select(PipelineMode.AUTO, H264, Sessions.output(640, 360, null, 2000, 1)).reason())
                .contains("--width");
        assertThat(ModeSelector.select(PipelineMode.AUTO, H264, Sessions.output(null, null, 10.0, 2000, 1)).reason())
                .contains("--fps");
    }

    @Test
    void forcedModesAreObeyedButPassthroughNeedsPackets() throws Exception {
        assertThat(ModeSelector.select(PipelineMode.TRANSCODE, H264, OutputOverrides.defaults()).mode())
                .isEqualTo(PipelineMode.TRANSCODE);
        SourceInfo raw = new SourceInfo("testpattern", AV_CODEC_ID_RAWVIDEO, 320, 240, 30, 0, AV_PIX_FMT_YUV420P, false);
        assertThatThrownBy(() -> ModeSelector.select(PipelineMode.PASSTHROUGH, raw, OutputOverrides.defaults()))
                .isInstanceOf(InvalidPipelineException.class).hasMessageContaining("--mode passthrough");
    }
}
