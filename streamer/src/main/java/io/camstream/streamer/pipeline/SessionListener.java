package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.SourceInfo;

/** Hooks for health and metrics; called on the session's threads, so implementations must be quick and thread-safe. */
public interface SessionListener {

    SessionListener NONE = new SessionListener() {
    };

    /** The source is open and its video parameters are known. */
    default void sourceOpened(SourceInfo source) {
    }

    /** The media server accepted the stream; frames follow. {@link #audio} came just before. */
    default void publishing(ModeDecision decision) {
    }

    /** What the session does with the source's audio, once the publisher is open. */
    default void audio(AudioDecision decision) {
    }

    /** {@code packets} audio packets were handed to the muxer. */
    default void audioPublished(int packets) {
    }

    /** A packet of the source's sound was thrown away because publishing fell seconds behind the source. */
    default void soundDropped() {
    }

    /** One frame (transcode) or packet (passthrough) was read from the source. */
    default void frameGrabbed() {
    }

    /** A grabbed frame was thrown away because encoding fell behind the source. */
    default void frameDropped() {
    }

    /** One write to the server (encode + send in transcode) took {@code nanos}, whether it succeeded or not. */
    default void writeTimed(long nanos) {
    }

    /** One video frame (transcode) or packet (passthrough) was handed to the muxer. */
    default void framePublished() {
    }

    /** {@code bytes} more went to the server; may be called from a network thread. */
    default void bytesSent(long bytes) {
    }
}
