package io.camstream.streamer.source;

/**
 * What an opened source delivers.
 *
 * @param codecName   FFmpeg's short codec name ({@code h264}, {@code mjpeg}, {@code rawvideo} for the test pattern)
 * @param codecId     FFmpeg's {@code AVCodecID}
 * @param width       picture width
 * @param height      picture height
 * @param fps         frame rate, or 0 when the source does not say
 * @param videoDelay  {@code has_b_frames} of the stream: frames of reordering delay, 0 when there are no B-frames
 * @param pixelFormat FFmpeg's {@code AVPixelFormat} of the coded pictures
 * @param encoded     whether the source delivers coded packets that can be passed through
 */
public record SourceInfo(String codecName, int codecId, int width, int height, double fps, int videoDelay,
                         int pixelFormat, boolean encoded) {

    @Override
    public String toString() {
        return codecName + " " + width + "x" + height + (fps > 0 ? String.format(java.util.Locale.ROOT, "@%.2f", fps) : "")
                + (videoDelay > 0 ? " with B-frames" : "");
    }
}
