package io.camstream.streamer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlidingRateTest {

    private static final long HALF_SECOND = TimeUnit.MILLISECONDS.toNanos(500);

    /** An arbitrary origin: System.nanoTime() starts anywhere. */
    private final AtomicLong now = new AtomicLong(7_000_000_000L);
    /** Five half-second buckets: a rate over the last four completed ones (2 s), as the streamer's fps gauge. */
    private final SlidingRate rate = new SlidingRate(5, HALF_SECOND, now::get);

    private void advanceBuckets(int n) {
        now.addAndGet(n * HALF_SECOND);
    }

    @Test
    void isZeroBeforeAnyBucketCompleted() {
        assertThat(rate.perSecond()).isZero();
        rate.add(10);
        assertThat(rate.perSecond()).as("the current bucket is still filling").isZero();
    }

    @Test
    void countsOnlyCompletedBuckets() {
        rate.add(15);
        advanceBuckets(1);
        assertThat(rate.perSecond()).as("15 in the one completed half second").isEqualTo(30.0);
        rate.add(1000);
        assertThat(rate.perSecond()).isEqualTo(30.0);
    }

    @Test
    void averagesOverTheWholeWindowIncludingItsOldestBucket() {
        for (int i = 0; i < 4; i++) {
            rate.add(15);
            advanceBuckets(1);
        }
        assertThat(rate.perSecond()).as("60 frames in 2 s").isEqualTo(30.0);
        rate.add(15);
        advanceBuckets(1);
        assertThat(rate.perSecond()).as("the window slides: still 60 frames in the last 2 s").isEqualTo(30.0);
    }

    @Test
    void forgetsWhatLeftTheWindow() {
        rate.add(100);
        advanceBuckets(5);
        assertThat(rate.perSecond()).isZero();
        rate.add(8);
        advanceBuckets(1);
        assertThat(rate.perSecond()).as("8 in 2 s; the old 100 is gone although its slot is reused")
                .isEqualTo(4.0);
    }
}
