package io.camstream.streamer.pipeline;

/**
 * Keeps output timestamps strictly increasing whatever the source does (cameras restart their clocks, files loop,
 * RTSP sends duplicates); muxers and encoders reject a non-increasing timestamp with error -22 (EINVAL) and the
 * session would die on it.
 *
 * <p>Small steps back or duplicates are dropped (which also thins a too-fast source down to the output rate);
 * a jump of more than {@link #REBASE_MICROS} either way is treated as a new clock and continues right after the
 * last output timestamp.
 */
public final class MonotonicTimestamps {

    static final long REBASE_MICROS = 2_000_000;

    private final double fps;
    private long originMicros = Long.MIN_VALUE;
    private long lastIndex = -1;

    /** @param fps the output frame rate that timestamps are quantized to */
    public MonotonicTimestamps(double fps) {
        this.fps = fps;
    }

    /**
     * Maps a source timestamp to the output frame number.
     *
     * @return the frame number, or -1 when the frame must be dropped
     */
    public long frameIndex(long sourceMicros) {
        if (originMicros == Long.MIN_VALUE) {
            originMicros = sourceMicros;
        }
        long index = Math.round((sourceMicros - originMicros) * fps / 1_000_000.0);
        long rebaseFrames = Math.round(REBASE_MICROS * fps / 1_000_000.0);
        if (lastIndex >= 0 && (index < lastIndex - rebaseFrames || index > lastIndex + rebaseFrames)) {
            // New clock: make this frame come one frame after the last one.
            originMicros = sourceMicros - Math.round((lastIndex + 1) * 1_000_000.0 / fps);
            index = lastIndex + 1;
        }
        if (index <= lastIndex) {
            return -1;
        }
        lastIndex = index;
        return index;
    }
}
