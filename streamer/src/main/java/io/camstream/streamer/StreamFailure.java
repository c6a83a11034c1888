package io.camstream.streamer;

/**
 * Why a streaming session ended. Messages are already redacted, so callers may log them as they are.
 * A supervisor retries {@link #retryable()} failures (a camera or server that went away) and gives up on the others
 * (a configuration that can never work).
 */
public abstract class StreamFailure extends Exception {

    protected StreamFailure(String redactedMessage) {
        super(redactedMessage, null, false, false);
    }

    /** Whether trying again later can succeed without anyone changing the configuration. */
    public abstract boolean retryable();
}
