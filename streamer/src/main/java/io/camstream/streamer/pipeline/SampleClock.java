package io.camstream.streamer.pipeline;

/**
 * The presentation times of re-chunked audio: counted in samples from the first frame's time, rather than taken
 * from every decoded frame, so that chunks follow each other without gaps or overlaps however the source's frames
 * are cut. The source's times win only when they leave the count by more than a tolerance: a gap (lost packets, a
 * camera that paused its audio) moves the clock forward; a frame from before the count (repeated audio) is dropped.
 * Pure, so that every rule is unit-tested.
 */
final class SampleClock {

    /** What to do with a decoded frame. */
    enum Placement {
        /** Its samples follow the ones waiting. */
        APPEND,
        /** The source skipped ahead: drop the samples waiting, the frame starts at its own time. */
        RESTART,
        /** It lies before what was already counted: drop it. */
        DROP
    }

    private final long toleranceSamples;
    /** Time of the first sample waiting (or of the next one to come, when none waits); MIN_VALUE before any. */
    private long next = Long.MIN_VALUE;

    SampleClock(long toleranceSamples) {
        this.toleranceSamples = toleranceSamples;
    }

    /**
     * Places a frame whose first sample the source stamped {@code pts}, while {@code waiting} samples wait to be
     * taken.
     */
    Placement place(long pts, long waiting) {
        if (next == Long.MIN_VALUE) {
            next = pts;
            return Placement.APPEND;
        }
        long expected = next + waiting;
        if (pts > expected + toleranceSamples) {
            next = pts;
            return Placement.RESTART;
        }
        if (pts < expected - toleranceSamples) {
            return Placement.DROP;
        }
        return Placement.APPEND;
    }

    /** The time of the next {@code samples} samples taken, which the clock then moves past. */
    long take(int samples) {
        long pts = next;
        next += samples;
        return pts;
    }
}
