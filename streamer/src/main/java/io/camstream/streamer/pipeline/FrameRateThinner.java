package io.camstream.streamer.pipeline;

/**
 * Thins a source evenly down to a lower frame rate the user asked for ({@code --fps}): of the frames around each
 * output slot (one every 1/fps), the first within half a source frame of the slot is kept and the others are skipped.
 * Slots advance on their own grid (pulled gently towards the phase of the frames kept), so the output rate is exact
 * on average and kept frames are spaced by the output interval give or take one source frame, even when the source's
 * frames arrive with jitter or in bursts.
 *
 * <p>Skipping here is intended, not a dropped frame: it is not counted in {@code frames_dropped}.
 */
public final class FrameRateThinner {

    /** Weight 1/16 per frame of the moving average of the source's frame interval. */
    private static final int AVERAGE_SHIFT = 4;
    /** Each kept frame moves the grid by 1/8 of its distance from its slot. */
    private static final int PHASE_PULL = 8;

    private final long outputIntervalTicks;
    private long sourceIntervalTicks;
    private long nextSlotTicks = Long.MIN_VALUE;
    private long lastTicks = Long.MIN_VALUE;

    /**
     * @param outputFps the frame rate asked for
     * @param sourceFps the source's nominal rate, or 0 or less if unknown (then it is learnt from the timestamps)
     */
    public FrameRateThinner(double outputFps, double sourceFps) {
        if (!(outputFps > 0)) {
            throw new IllegalArgumentException("output frame rate must be positive, got " + outputFps);
        }
        this.outputIntervalTicks = Math.max(1, Math.round(MonotonicTimestamps.TICKS_PER_SECOND / outputFps));
        this.sourceIntervalTicks = sourceFps > 0
                ? Math.max(1, Math.round(MonotonicTimestamps.TICKS_PER_SECOND / sourceFps))
                : outputIntervalTicks;
    }

    /**
     * Whether to encode the frame with output timestamp {@code ticks} (strictly increasing, as
     * {@link MonotonicTimestamps} makes them).
     */
    public boolean keep(long ticks) {
        if (lastTicks != Long.MIN_VALUE) {
            long interval = Math.min(ticks - lastTicks, 4 * outputIntervalTicks);
            sourceIntervalTicks += (interval - sourceIntervalTicks) >> AVERAGE_SHIFT;
        }
        lastTicks = ticks;
        if (nextSlotTicks == Long.MIN_VALUE) {
            nextSlotTicks = ticks + outputIntervalTicks;
            return true;
        }
        long tolerance = Math.min(sourceIntervalTicks, outputIntervalTicks) / 2;
        if (ticks <= nextSlotTicks - tolerance) {
            return false;
        }
        long late = ticks - nextSlotTicks;
        if (late > outputIntervalTicks) {
            // A source that paused for longer than a slot restarts the grid at its next frame instead of bursting.
            nextSlotTicks = ticks + outputIntervalTicks;
        } else {
            // Pull the grid a little towards the frames it keeps, so that it settles on the source's own phase
            // rather than on the jitter of the first frame.
            nextSlotTicks += outputIntervalTicks + late / PHASE_PULL;
        }
        return true;
    }
}
