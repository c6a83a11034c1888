package io.camstream.streamer.resilience;

/**
 * A recoverable loss of one side of the stream. Messages are already redacted; no cause is attached because the
 * underlying FFmpeg/JavaCV messages can embed URLs with credentials.
 */
public abstract sealed class StreamLostException extends Exception permits SourceLostException, ServerLostException {
    private final LossKind kind;

    protected StreamLostException(LossKind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public LossKind kind() {
        return kind;
    }
}
