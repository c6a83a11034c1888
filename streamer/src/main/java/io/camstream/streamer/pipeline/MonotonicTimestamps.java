package io.camstream.streamer.pipeline;

/**
 * The encoder's presentation timestamps: the source's own times on a fine time base ({@link #TICKS_PER_SECOND}, the
 * 90 kHz clock RTP carries video on), starting at 0, strictly increasing whatever the source does, and never a reason
 * to drop a frame.
 *
 * <p>Earlier versions quantised source times onto a 1/fps frame grid (JavaCV's recorder counts frames): a source
 * whose frames arrive in bursts (a relay stamping on arrival, a camera on Wi-Fi) then had two frames on one slot, and
 * one of them was dropped after it had been decoded, about 1 frame in 8 on the bench's relayed camera. On a 90 kHz
 * base every frame keeps its own time, as the ffmpeg CLI and RTP do.
 *
 * <p>Muxers and encoders reject a timestamp that does not increase (error -22, EINVAL), so:
 * <ul>
 *   <li>a duplicate or a small step back goes one tick (11 µs) after the previous frame: the picture is kept;</li>
 *   <li>a jump of more than {@link #REBASE_MICROS} either way is a new clock (a camera restarted, a file looped):
 *       the frame continues one nominal frame interval after the last one.</li>
 * </ul>
 */
public final class MonotonicTimestamps {

    /** RTP's video clock rate; also the encoder's and the output stream's time base (1/90000 s). */
    public static final int TICKS_PER_SECOND = 90_000;
    static final long REBASE_MICROS = 2_000_000;
    private static final long REBASE_TICKS = toTicks(REBASE_MICROS);

    private final long nominalFrameTicks;
    private long offsetTicks;
    private long lastTicks = Long.MIN_VALUE;

    /** @param nominalFps the frame rate that spaces a frame after a clock jump; 0 or less if unknown (25 is used) */
    public MonotonicTimestamps(double nominalFps) {
        double fps = nominalFps > 0 ? nominalFps : 25;
        this.nominalFrameTicks = Math.max(1, Math.round(TICKS_PER_SECOND / fps));
    }

    /** Whether a first frame set the clock: {@link #offsetTicks()} is known from then on. */
    public boolean started() {
        return lastTicks != Long.MIN_VALUE;
    }

    /**
     * What is added to a source time (in ticks) to put it on the output clock, as of the last frame: the audio
     * follows the pictures with it, so that both keep the relation the source gave them.
     */
    public long offsetTicks() {
        return offsetTicks;
    }

    /** Microseconds to 90 kHz ticks, rounding down. */
    public static long toTicks(long micros) {
        return Math.floorDiv(micros * 9, 100);
    }

    /** The output timestamp, in 1/{@value #TICKS_PER_SECOND} s, of the frame the source stamped {@code sourceMicros}. */
    public long pts(long sourceMicros) {
        long sourceTicks = toTicks(sourceMicros);
        if (lastTicks == Long.MIN_VALUE) {
            offsetTicks = -sourceTicks;
            lastTicks = 0;
            return 0;
        }
        long ticks = sourceTicks + offsetTicks;
        if (ticks > lastTicks + REBASE_TICKS || ticks < lastTicks - REBASE_TICKS) {
            offsetTicks = lastTicks + nominalFrameTicks - sourceTicks;
            ticks = lastTicks + nominalFrameTicks;
        } else if (ticks <= lastTicks) {
            ticks = lastTicks + 1;
        }
        lastTicks = ticks;
        return ticks;
    }
}
