package io.camstream.streamer.metrics;

import java.util.Locale;

/**
 * Why the streamer reconnected, as the {@code cause} tag of {@code camstream_streamer_reconnects_total}.
 * {@code stall} is a peer that went silent without an error: no frame from the source within the stall timeout,
 * or a write to the server that exceeded the write deadline.
 */
public enum ReconnectCause {
    SOURCE,
    SERVER,
    STALL;

    public String tagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
