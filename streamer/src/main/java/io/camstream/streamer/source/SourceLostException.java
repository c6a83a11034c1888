package io.camstream.streamer.source;

import io.camstream.streamer.StreamFailure;

/** The source could not be opened, stopped sending, or ended: the camera side of the session is gone. */
public final class SourceLostException extends StreamFailure {

    public SourceLostException(String redactedMessage) {
        super(redactedMessage);
    }

    public SourceLostException(String redactedMessage, boolean stalled) {
        super(redactedMessage, stalled);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
