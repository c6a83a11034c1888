package io.camstream.streamer.resilience;

import java.time.Duration;

/**
 * The deadlines that turn a silent peer into a reconnect.
 *
 * @param stall how long the source may deliver no frame (it is also the source's socket timeout) before it counts
 *              as lost
 * @param write how long one write to the server may take (it is also the output's socket timeout, which bounds the
 *              RTSP handshake with a frozen server) before the server counts as lost
 */
public record StreamTimeouts(Duration stall, Duration write) {

    public static final Duration DEFAULT_STALL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_WRITE = Duration.ofSeconds(3);
    public static final StreamTimeouts DEFAULTS = new StreamTimeouts(DEFAULT_STALL, DEFAULT_WRITE);

    public StreamTimeouts {
        if (stall.isNegative() || stall.isZero() || write.isNegative() || write.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** FFmpeg's socket timeout options take microseconds. */
    public static String micros(Duration duration) {
        return Long.toString(duration.toNanos() / 1000);
    }
}
