package io.camstream.streamer.source;

/**
 * The audio track a source carries.
 *
 * @param codecName  FFmpeg's short codec name ({@code aac}, {@code pcm_alaw}, {@code pcm_mulaw}, {@code opus}, ...)
 * @param codecId    FFmpeg's {@code AVCodecID}
 * @param sampleRate samples per second
 * @param channels   channel count
 */
public record AudioInfo(String codecName, int codecId, int sampleRate, int channels) {

    @Override
    public String toString() {
        return codecName + " " + sampleRate + " Hz " + channelsName(channels);
    }

    /** "mono", "stereo", or "6 channels". */
    public static String channelsName(int channels) {
        return switch (channels) {
            case 1 -> "mono";
            case 2 -> "stereo";
            default -> channels + " channels";
        };
    }
}
