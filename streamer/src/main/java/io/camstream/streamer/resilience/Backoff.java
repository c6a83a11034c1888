package io.camstream.streamer.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Exponential reconnect backoff with jitter.
 *
 * <p>The n-th consecutive failure waits {@code min(cap, initial * 2^n)} scaled by a random factor in
 * {@code [0.5, 1.0)} ("equal jitter"), so a fleet of streamers that lost the same MediaMTX does not reconnect in
 * lock-step. Once a connection has stayed healthy for {@code resetAfter}, the next failure starts again from
 * {@code initial}: a camera that drops once a day reconnects fast, one that flaps keeps backing off.
 *
 * <p>Not thread-safe: owned by the supervisor loop.
 */
public final class Backoff {

    public static final Duration DEFAULT_INITIAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RESET_AFTER = Duration.ofMinutes(1);

    private final long initialNanos;
    private final long maxNanos;
    private final long resetAfterNanos;
    private final LongSupplier nanoClock;
    private final DoubleSupplier random;

    private int failures;
    private long healthySinceNanos;
    private boolean healthy;

    public Backoff(Duration initial, Duration max, Duration resetAfter, LongSupplier nanoClock, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, got " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("maximum backoff " + max + " is below the initial backoff " + initial);
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.resetAfterNanos = resetAfter.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock);
        this.random = Objects.requireNonNull(random);
    }

    public static Backoff withDefaults() {
        return of(DEFAULT_INITIAL, DEFAULT_MAX);
    }

    public static Backoff of(Duration initial, Duration max) {
        return new Backoff(initial, max, DEFAULT_RESET_AFTER, System::nanoTime,
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** The connection works (first frame published): start timing the healthy period. */
    public void onHealthy() {
        if (!healthy) {
            healthy = true;
            healthySinceNanos = nanoClock.getAsLong();
        }
    }

    /** A failure happened: returns how long to wait before the next attempt. */
    public Duration nextDelay() {
        if (healthy && nanoClock.getAsLong() - healthySinceNanos >= resetAfterNanos) {
            failures = 0;
        }
        healthy = false;
        long ceiling = ceilingFor(failures);
        failures = Math.min(failures + 1, 62);
        double factor = 0.5 + 0.5 * Math.min(Math.max(random.getAsDouble(), 0.0), Math.nextDown(1.0));
        return Duration.ofNanos(Math.max(1, (long) (ceiling * factor)));
    }

    /** Consecutive failures since the last healthy minute. */
    public int failures() {
        return failures;
    }

    public Duration max() {
        return Duration.ofNanos(maxNanos);
    }

    private long ceilingFor(int attempt) {
        long ceiling = initialNanos;
        for (int i = 0; i < attempt && ceiling < maxNanos; i++) {
            ceiling = ceiling > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : ceiling * 2;
        }
        return Math.min(ceiling, maxNanos);
    }
}
