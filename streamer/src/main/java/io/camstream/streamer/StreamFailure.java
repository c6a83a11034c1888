package io.camstream.streamer;

/**
 * Why a streaming session ended. Messages are already redacted, so callers may log them as they are.
 * A supervisor retries {@link #retryable()} failures (a camera or server that went away) and gives up on the others
 * (a configuration that can never work).
 */
public abstract class StreamFailure extends Exception {

    private final boolean stalled;

    protected StreamFailure(String redactedMessage) {
        this(redactedMessage, false);
    }

    /** @param stalled the peer went silent (a timeout or deadline fired) rather than reporting an error */
    protected StreamFailure(String redactedMessage, boolean stalled) {
        super(redactedMessage, null, false, false);
        this.stalled = stalled;
    }

    /** Whether the peer went silent (no frame within the stall timeout, a write past its deadline). */
    public boolean stalled() {
        return stalled;
    }

    /** Whether trying again later can succeed without anyone changing the configuration. */
    public abstract boolean retryable();
}
