package io.camstream.streamer.pipeline;

import io.camstream.streamer.StreamFailure;

/** The configuration cannot work with this source (e.g. passthrough of raw frames); retrying will not help. */
public final class InvalidPipelineException extends StreamFailure {

    public InvalidPipelineException(String redactedMessage) {
        super(redactedMessage);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
