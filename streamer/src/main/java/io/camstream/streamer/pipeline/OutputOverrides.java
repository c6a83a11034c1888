package io.camstream.streamer.pipeline;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Transcode settings the user asked for; empty size/rate means "as the source".
 *
 * @param gopSeconds seconds between keyframes
 */
public record OutputOverrides(OptionalInt width, OptionalInt height, OptionalDouble fps, int bitrateKbps,
                              double gopSeconds) {

    public static final int DEFAULT_BITRATE_KBPS = 2000;
    public static final double DEFAULT_GOP_SECONDS = 1.0;

    public static OutputOverrides defaults() {
        return new OutputOverrides(OptionalInt.empty(), OptionalInt.empty(), OptionalDouble.empty(),
                DEFAULT_BITRATE_KBPS, DEFAULT_GOP_SECONDS);
    }
}
