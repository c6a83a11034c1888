package io.camstream.streamer.resilience;

import java.time.Duration;

/**
 * How the streamer retries and reports.
 *
 * @param backoffInitial first wait after a failure
 * @param backoffMax     longest wait between attempts (also the worst-case delay between a peer coming back and
 *                       the stream resuming after a long outage)
 * @param readyTimeout   {@code /readyz} fails when no frame was published for this long
 */
public record ReconnectSettings(Duration backoffInitial, Duration backoffMax, Duration readyTimeout) {

    public static final ReconnectSettings DEFAULTS =
            new ReconnectSettings(Backoff.DEFAULT_INITIAL, Backoff.DEFAULT_MAX, Duration.ofSeconds(5));

    public ReconnectSettings {
        if (backoffInitial.isNegative() || backoffInitial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive");
        }
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("maximum backoff is below the initial backoff");
        }
        if (readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("ready timeout must be positive");
        }
    }
}
