package io.camstream.streamer.metrics;

import java.util.function.LongSupplier;

/**
 * Events (or bytes) per second over the last few seconds, in fixed time buckets, so the value reflects "now" and does
 * not depend on how often Prometheus scrapes.
 */
final class SlidingRate {

    private final long bucketNanos;
    private final long[] counts;
    private final long[] bucketIds;
    private final LongSupplier nanoClock;
    private final long startNanos;

    SlidingRate(int buckets, long bucketNanos, LongSupplier nanoClock) {
        this.bucketNanos = bucketNanos;
        this.counts = new long[buckets];
        this.bucketIds = new long[buckets];
        java.util.Arrays.fill(bucketIds, Long.MIN_VALUE);
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    synchronized void add(long amount) {
        long id = bucketId(nanoClock.getAsLong());
        int slot = slot(id);
        if (bucketIds[slot] != id) {
            bucketIds[slot] = id;
            counts[slot] = 0;
        }
        counts[slot] += amount;
    }

    /** Per second, over the completed buckets of the window (the current, partial bucket is left out). */
    synchronized double perSecond() {
        long now = nanoClock.getAsLong();
        long current = bucketId(now);
        int window = counts.length - 1;
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            long id = bucketIds[i];
            if (id < current && id >= current - window) {
                sum += counts[i];
            }
        }
        long completedBuckets = Math.min(window, current);
        if (completedBuckets <= 0) {
            return 0.0;
        }
        return sum / (completedBuckets * bucketNanos / 1e9);
    }

    private long bucketId(long nanos) {
        return Math.floorDiv(nanos - startNanos, bucketNanos);
    }

    private int slot(long id) {
        return (int) Math.floorMod(id, counts.length);
    }
}
