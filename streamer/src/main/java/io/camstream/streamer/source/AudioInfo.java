package io.camstream.streamer.source;

/**
 * The audio track a source carries.
 *
 * @param codecName    FFmpeg's short codec name ({@code aac}, {@code pcm_alaw}, {@code pcm_mulaw}, {@code opus}, ...)
 * @param codecId      FFmpeg's {@code AVCodecID}
 * @param sampleRate   samples per second
 * @param channels     channel count
 * @param globalConfig whether the codec's configuration comes out of band (FFmpeg's extradata, e.g. from an SDP or
 *                     an MP4): AAC from MPEG-TS carries it in every packet (ADTS) instead
 */
public record AudioInfo(String codecName, int codecId, int sampleRate, int channels, boolean globalConfig) {

    /** With its configuration out of band. */
    public AudioInfo(String codecName, int codecId, int sampleRate, int channels) {
        this(codecName, codecId, sampleRate, channels, true);
    }

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
