package io.camstream.streamer.pipeline;

/**
 * Keeps output timestamps strictly increasing whatever the source does (cameras restart their clocks, files loop,
 * RTSP sends duplicates); muxers and encoders reject a non-increasing timestamp with error -22 (EINVAL) and the
 * session would die on it.
 *
 * <p>Small steps back or duplicates are dropped (which also thins a too-fast source down to the output rate);
 * a jump of more than {@link #REBASE_MICROS} either way is treated as a new clock and continues right after the
 * last output timestamp.
 *
 * <p>Arrival jitter is absorbed rather than punished: a frame that rounds onto the slot just taken (it came early,
 * e.g. a relay that stamps frames on arrival) goes into the next slot as long as that puts it at most
 * {@link #MAX_FRAMES_AHEAD} frames ahead of its own time, as the ffmpeg CLI's constant-frame-rate logic does.
 * Rounding alone dropped about one frame in six of a 30 fps RTSP camera read through a relay (measured by bench/).
 */
public final class MonotonicTimestamps {

    static final long REBASE_MICROS = 2_000_000;
    static final double MAX_FRAMES_AHEAD = 1.1;

    private final double fps;
    private long originMicros = Long.MIN_VALUE;
    private long lastIndex = -1;
    private long lastSourceMicros = Long.MIN_VALUE;

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
        double exact = (sourceMicros - originMicros) * fps / 1_000_000.0;
        long index = Math.round(exact);
        long rebaseFrames = Math.round(REBASE_MICROS * fps / 1_000_000.0);
        if (lastIndex >= 0 && (index < lastIndex - rebaseFrames || index > lastIndex + rebaseFrames)) {
            // New clock: make this frame come one frame after the last one.
            originMicros = sourceMicros - Math.round((lastIndex + 1) * 1_000_000.0 / fps);
            index = lastIndex + 1;
        } else if (index <= lastIndex) {
            if (sourceMicros <= lastSourceMicros || lastIndex + 1 - exact > MAX_FRAMES_AHEAD) {
                return -1;
            }
            index = lastIndex + 1;
        }
        lastIndex = index;
        lastSourceMicros = sourceMicros;
        return index;
    }
}
