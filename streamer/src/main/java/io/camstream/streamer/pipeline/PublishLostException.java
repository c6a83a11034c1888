package io.camstream.streamer.pipeline;

import io.camstream.streamer.StreamFailure;

/** The media server could not be reached, refused the stream, or the connection to it broke. */
public final class PublishLostException extends StreamFailure {

    public PublishLostException(String redactedMessage) {
        super(redactedMessage);
    }

    public PublishLostException(String redactedMessage, boolean stalled) {
        super(redactedMessage, stalled);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
