package io.camstream.streamer.resilience;

import io.camstream.streamer.pipeline.PublishLostException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Times every write to the server and turns one that overran the deadline into a stalled server.
 *
 * <p>A server that accepts TCP but stops reading makes the recorder block and never throw: first the kernel's
 * socket buffers absorb a few MB, then each write waits for the peer's window to open a little. A blocked FFmpeg
 * call cannot be aborted from another thread, so the output carries FFmpeg's own socket timeout (which bounds each
 * wait and the RTSP handshake with a frozen server), and this guard notices the overrun as soon as the write
 * returns, so the supervisor re-publishes instead of trickling frames into a dead connection.
 */
public final class WriteDeadline {

    /** A write to the server; typically {@code () -> publisher.publish(frame)}. */
    @FunctionalInterface
    public interface Write {
        void run() throws PublishLostException;
    }

    private final long deadlineNanos;
    private final LongSupplier nanoClock;
    private final LongConsumer durationSink;

    public WriteDeadline(Duration deadline, LongSupplier nanoClock, LongConsumer durationNanosSink) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("write deadline must be positive, got " + deadline);
        }
        this.deadlineNanos = deadline.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock);
        this.durationSink = Objects.requireNonNull(durationNanosSink);
    }

    public Duration deadline() {
        return Duration.ofNanos(deadlineNanos);
    }

    /**
     * Runs the write and returns how long it took (nanoseconds).
     *
     * @param redactedTarget the server, already redacted, for the message
     * @throws PublishLostException the write's own failure, or a {@linkplain PublishLostException#stalled() stalled}
     *                              one if it took longer than the deadline
     */
    public long write(Write write, String redactedTarget) throws PublishLostException {
        long start = nanoClock.getAsLong();
        PublishLostException failure = null;
        try {
            write.run();
        } catch (PublishLostException e) {
            failure = e;
        }
        long took = nanoClock.getAsLong() - start;
        durationSink.accept(took);
        if (took > deadlineNanos) {
            throw new PublishLostException(String.format("Server %s stalled: a write took %d ms (deadline %d ms)%s",
                    redactedTarget, took / 1_000_000, deadlineNanos / 1_000_000,
                    failure == null ? "" : "; " + failure.getMessage()), true);
        }
        if (failure != null) {
            throw failure;
        }
        return took;
    }
}
