package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.SourceInfo;
import org.slf4j.LoggerFactory;

/** The H.264 encoder's settings for one session: the user's overrides applied to what the source delivers. */
public record EncoderSettings(int width, int height, double fps, int bitrateKbps, double gopSeconds) {

    /** Used when neither the user nor the source gives a frame rate (some RTSP cameras do not). */
    static final double FALLBACK_FPS = 25;

    public static EncoderSettings resolve(OutputOverrides overrides, SourceInfo source) {
        int width = overrides.width().orElse(source.width());
        int height = overrides.height().orElse(source.height());
        double fps = overrides.fps().orElse(source.fps());
        if (!(fps > 0)) {
            LoggerFactory.getLogger(EncoderSettings.class)
                    .warn("Source does not report a frame rate; encoding at {} fps (set --fps to choose)", FALLBACK_FPS);
            fps = FALLBACK_FPS;
        }
        // 4:2:0 needs even dimensions; a camera with an odd size loses one line or column.
        return new EncoderSettings(width & ~1, height & ~1, fps, overrides.bitrateKbps(), overrides.gopSeconds());
    }

    /** Frames between keyframes: fps × gop-seconds, at least 1. */
    public int gopFrames() {
        return Math.max(1, (int) Math.round(fps * gopSeconds));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%dx%d@%.2f %d kb/s GOP %d frames", width, height, fps,
                bitrateKbps, gopFrames());
    }
}
