package io.camstream.streamer.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private Backoff backoff(double random) {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMinutes(1), now::get,
                () -> random);
    }

    private static List<Long> delaysMillis(Backoff backoff, int n) {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            delays.add(backoff.nextDelay().toMillis());
        }
        return delays;
    }

    @Test
    void doublesFromInitialUpToTheCapWithoutJitter() {
        // random just below 1.0 gives the full ceiling
        assertThat(delaysMillis(backoff(0.999999999), 8))
                .containsExactly(499L, 999L, 1999L, 3999L, 7999L, 9999L, 9999L, 9999L);
    }

    @Test
    void jitterScalesEachDelayBetweenHalfAndAllOfTheCeiling() {
        assertThat(delaysMillis(backoff(0.0), 6)).containsExactly(250L, 500L, 1000L, 2000L, 4000L, 5000L);
        assertThat(delaysMillis(backoff(0.5), 3)).containsExactly(375L, 750L, 1500L);
    }

    @Test
    void realRandomJitterStaysWithinBounds() {
        Backoff backoff = Backoff.withDefaults();
        for (int i = 0; i < 200; i++) {
            Duration delay = backoff.nextDelay();
            assertThat(delay).isBetween(Duration.ofMillis(250), Duration.ofSeconds(10));
        }
        assertThat(backoff.nextDelay()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void resetsOnlyAfterAHealthyMinute() {
        Backoff backoff = backoff(0.0);
        delaysMillis(backoff, 4); // 250, 500, 1000, 2000
        backoff.onHealthy();
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(backoff.nextDelay().toMillis()).as("healthy for 59 s only: keeps growing").isEqualTo(4000L);

        backoff.onHealthy();
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(backoff.nextDelay().toMillis()).as("healthy for a minute: starts over").isEqualTo(250L);
        assertThat(backoff.failures()).isEqualTo(1);
    }

    @Test
    void repeatedHealthySignalsDoNotRestartTheHealthyPeriod() {
        Backoff backoff = backoff(0.0);
        delaysMillis(backoff, 3);
        backoff.onHealthy();
        now.addAndGet(Duration.ofSeconds(40).toNanos());
        backoff.onHealthy();
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(backoff.nextDelay().toMillis()).isEqualTo(250L);
    }

    @Test
    void manyFailuresNeverOverflow() {
        Backoff backoff = backoff(0.999);
        for (int i = 0; i < 10_000; i++) {
            assertThat(backoff.nextDelay()).isLessThanOrEqualTo(Duration.ofSeconds(10)).isPositive();
        }
    }

    @Test
    void aMaximumEqualToTheInitialDelayKeepsTheDelayConstant() {
        Backoff constant = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1), now::get,
                () -> 0.999999999);
        assertThat(delaysMillis(constant, 4)).containsExactly(999L, 999L, 999L, 999L);
        assertThat(constant.max()).isEqualTo(Duration.ofSeconds(1));
    }

    /** A fleet of streamers that lost the same server must not come back in lock-step. */
    @Test
    void theDefaultJitterIsRandom() {
        java.util.Set<Duration> firstDelays = new java.util.HashSet<>();
        for (int streamer = 0; streamer < 50; streamer++) {
            firstDelays.add(Backoff.withDefaults().nextDelay());
        }
        assertThat(firstDelays).hasSizeGreaterThan(10);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> Backoff.of(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.of(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below");
    }
}
