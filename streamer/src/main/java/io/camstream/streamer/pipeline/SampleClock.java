package io.camstream.streamer.pipeline;

/**
 * Keeps re-chunked audio on the source's clock: chunks are timed by counting samples from the first frame's time
 * (so they follow each other without gaps or overlaps however the source's frames are cut), and each decoded frame is
 * fitted to that count by the source's own time: a gap before it is filled with silence, a piece that overlaps
 * what was already counted is cut off, so the sound never drifts from the picture. Differences within a jitter (a
 * container's millisecond timestamps, a resampler's delay) are left alone; a gap beyond a limit restarts the count at
 * the frame's time. Pure, so that every rule is unit-tested.
 */
final class SampleClock {

    /** How a decoded frame joins the samples waiting. */
    enum Kind {
        /** Its samples follow the ones waiting. */
        APPEND,
        /** {@link Placement#samples()} of silence go first: the source left a gap. */
        PAD,
        /** Its first {@link Placement#samples()} go: they were counted already. */
        TRIM,
        /** The source skipped far ahead: drop the samples waiting, the frame starts at its own time. */
        RESTART
    }

    record Placement(Kind kind, long samples) {
        static final Placement APPEND = new Placement(Kind.APPEND, 0);
        static final Placement RESTART = new Placement(Kind.RESTART, 0);
    }

    private final long jitterSamples;
    private final long maxGapSamples;
    /** Time of the first sample waiting (or of the next one to come, when none waits); MIN_VALUE before any. */
    private long next = Long.MIN_VALUE;

    /**
     * @param jitterSamples how far a frame's time may be off the count and still just follow
     * @param maxGapSamples the longest gap filled with silence; a longer one restarts the count
     */
    SampleClock(long jitterSamples, long maxGapSamples) {
        this.jitterSamples = jitterSamples;
        this.maxGapSamples = maxGapSamples;
    }

    /**
     * Places a frame whose first sample the source stamped {@code pts}, while {@code waiting} samples wait to be
     * taken (or are on their way: a resampler's delay counts).
     */
    Placement place(long pts, long waiting) {
        if (next == Long.MIN_VALUE) {
            next = pts;
            return Placement.APPEND;
        }
        long offBy = pts - (next + waiting);
        if (offBy > maxGapSamples) {
            next = pts;
            return Placement.RESTART;
        }
        if (Math.abs(offBy) <= jitterSamples) {
            return Placement.APPEND;
        }
        return offBy > 0 ? new Placement(Kind.PAD, offBy) : new Placement(Kind.TRIM, -offBy);
    }

    /** The time of the next {@code samples} samples taken, which the clock then moves past. */
    long take(int samples) {
        long pts = next;
        next += samples;
        return pts;
    }
}
