package io.camstream.streamer.resilience;

/** The camera side failed, ended or stalled; grabber and recorder must both be rebuilt. */
public final class SourceLostException extends StreamLostException {
    public SourceLostException(LossKind kind, String message) {
        super(kind, message);
    }
}
