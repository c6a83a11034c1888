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
                new SourceInfo("h264", AV_CODEC_ID_H264, 1280, 720, 25, 2, AV_PIX_FMT_YUV420P, true), none))
                .isEqualTo(new ModeDecision(PipelineMode.TRANSCODE,
                        "source H.264 has B-frames, which WebRTC readers cannot play"));
        assertThat(ModeSelector.select(PipelineMode.AUTO,
                new SourceInfo("h264", AV_CODEC_ID_H264, 1280, 720, 25, 0, AV_PIX_FMT_YUV422P, true), none).mode())
                .isEqualTo(PipelineMode.TRANSCODE);
        assertThat(ModeSelector.select(PipelineMode.AUTO, H264, Sessions.output(640, 360, null, 2000, 1)).reason())
                .contains("--width");
        assertThat(ModeSelector.select(PipelineMode.AUTO, H264, Sessions.output(null, null, 10.0, 2000, 1)).reason())
                .contains("--fps");
    }

    @Test
    void autoTranscodesRawFrames() throws Exception {
        SourceInfo raw = new SourceInfo("rawvideo", AV_CODEC_ID_RAWVIDEO, 320, 240, 30, 0, AV_PIX_FMT_YUV420P, false);
        assertThat(ModeSelector.select(PipelineMode.AUTO, raw, OutputOverrides.defaults()))
                .isEqualTo(new ModeDecision(PipelineMode.TRANSCODE, "rawvideo delivers raw frames"));
    }

    @Test
    void overridesThatMatchTheSourceStillPassThrough() throws Exception {
        for (OutputOverrides same : new OutputOverrides[] {
            Sessions.output(1280, 720, null, 2000, 1), Sessions.output(1280, null, null, 2000, 1),
            Sessions.output(null, 720, 25.0, 2000, 1), Sessions.output(null, null, 25.004, 2000, 1)}) {
            assertThat(ModeSelector.select(PipelineMode.AUTO, H264, same).mode()).as("%s", same)
                    .isEqualTo(PipelineMode.PASSTHROUGH);
        }
    }

    @Test
    void eachDifferingOverrideAloneForcesATranscode() throws Exception {
        assertThat(ModeSelector.select(PipelineMode.AUTO, H264, Sessions.output(1280, 360, null, 2000, 1)).reason())
                .isEqualTo("--width/--height differ from the source's 1280x720");
        assertThat(ModeSelector.select(PipelineMode.AUTO, H264, Sessions.output(640, 720, null, 2000, 1)).mode())
                .isEqualTo(PipelineMode.TRANSCODE);
        assertThat(ModeSelector.select(PipelineMode.AUTO, H264, Sessions.output(null, null, 24.9, 2000, 1)).mode())
                .isEqualTo(PipelineMode.TRANSCODE);
    }

    /** A camera that does not report its rate cannot be compared with --fps: its stream is passed on as it is. */
    @Test
    void fpsOverrideCannotBeComparedWithASourceThatReportsNoRate() throws Exception {
        SourceInfo noRate = new SourceInfo("h264", AV_CODEC_ID_H264, 1280, 720, 0, 0, AV_PIX_FMT_YUV420P, true);
        assertThat(ModeSelector.select(PipelineMode.AUTO, noRate, Sessions.output(null, null, 10.0, 2000, 1)).mode())
                .isEqualTo(PipelineMode.PASSTHROUGH);
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
