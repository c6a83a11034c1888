package io.camstream.streamer.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Times every write to the server and turns a slow or failed one into a {@link ServerLostException}.
 *
 * <p>A server that accepts TCP but stops reading makes the recorder block (about 6 s per frame, or forever without a
 * socket timeout) and never throw. A blocked FFmpeg call cannot be aborted from another thread, so the recorder must
 * carry FFmpeg's own {@code timeout}/{@code rw_timeout} on its output, which bounds the blocked write; this guard
 * then notices the write took longer than the deadline (or failed) once it returns, and the supervisor re-publishes.
 */
public final class WriteDeadline {

    /** A write to the server; typically {@code () -> recorder.record(frame)}. */
    @FunctionalInterface
    public interface Write {
        void run() throws Exception;
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
     * Runs the write. Throws {@link ServerLostException} with {@link LossKind#STALL} if it took longer than the
     * deadline, or {@link LossKind#ERROR} if it failed; the original exception's message is not carried because
     * FFmpeg messages may embed the URL with credentials.
     */
    public void write(Write write, SecretRedactor redactor) throws ServerLostException {
        long start = nanoClock.getAsLong();
        Exception failure = null;
        try {
            write.run();
        } catch (Exception e) {
            failure = e;
        }
        long took = nanoClock.getAsLong() - start;
        durationSink.accept(took);
        if (took > deadlineNanos) {
            throw new ServerLostException(LossKind.STALL, String.format(
                    "write took %d ms, over the %d ms deadline%s", took / 1_000_000, deadlineNanos / 1_000_000,
                    failure == null ? "" : " and failed: " + redactor.redact(failure.getMessage())));
        }
        if (failure != null) {
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ServerLostException(LossKind.ERROR, "write failed: " + redactor.redact(failure.getMessage()));
        }
    }
}
