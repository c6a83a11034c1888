package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.SourceInfo;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;

/** Chooses transcode or passthrough for a source; pure, so every rule is unit-tested. */
public final class ModeSelector {

    private ModeSelector() {
    }

    /**
     * @throws InvalidPipelineException when passthrough is forced on a source that has no coded packets
     */
    public static ModeDecision select(PipelineMode requested, SourceInfo source, OutputOverrides overrides)
            throws InvalidPipelineException {
        return switch (requested) {
            case TRANSCODE -> new ModeDecision(PipelineMode.TRANSCODE, "--mode transcode");
            case PASSTHROUGH -> {
                if (!source.encoded()) {
                    throw new InvalidPipelineException("--mode passthrough needs an encoded source, but "
                            + source.codecName() + " delivers raw frames; use --mode transcode or auto");
                }
                yield new ModeDecision(PipelineMode.PASSTHROUGH, "--mode passthrough");
            }
            case AUTO -> auto(source, overrides);
        };
    }

    private static ModeDecision auto(SourceInfo source, OutputOverrides overrides) {
        if (!source.encoded()) {
            return transcode(source.codecName() + " delivers raw frames");
        }
        if (source.codecId() != AV_CODEC_ID_H264) {
            return transcode("source codec is " + source.codecName() + ", browsers need H.264");
        }
        if (source.videoDelay() > 0) {
            return transcode("source H.264 has B-frames, which WebRTC readers cannot play");
        }
        int pixelFormat = source.pixelFormat();
        if (pixelFormat != AV_PIX_FMT_NONE && pixelFormat != AV_PIX_FMT_YUV420P && pixelFormat != AV_PIX_FMT_YUVJ420P) {
            return transcode("source H.264 is not 8-bit 4:2:0, which browsers cannot decode");
        }
        if (overrides.width().isPresent() && overrides.width().getAsInt() != source.width()
                || overrides.height().isPresent() && overrides.height().getAsInt() != source.height()) {
            return transcode("--width/--height differ from the source's " + source.width() + "x" + source.height());
        }
        if (overrides.fps().isPresent() && source.fps() > 0 && Math.abs(overrides.fps().getAsDouble() - source.fps()) > 0.01) {
            return transcode("--fps differs from the source's frame rate");
        }
        return new ModeDecision(PipelineMode.PASSTHROUGH, "source is browser-playable H.264 without B-frames");
    }

    private static ModeDecision transcode(String why) {
        return new ModeDecision(PipelineMode.TRANSCODE, why);
    }
}
