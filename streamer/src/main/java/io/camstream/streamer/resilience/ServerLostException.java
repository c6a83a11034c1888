package io.camstream.streamer.resilience;

/** The publish side (MediaMTX) failed or stalled; the recorder must be released and the stream re-published. */
public final class ServerLostException extends StreamLostException {
    public ServerLostException(LossKind kind, String message) {
        super(kind, message);
    }
}
