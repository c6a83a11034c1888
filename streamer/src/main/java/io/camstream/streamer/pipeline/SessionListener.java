package io.camstream.streamer.pipeline;

import io.camstream.streamer.source.SourceInfo;

/** Hooks for health and metrics; called on the session's thread, so implementations must be quick. */
public interface SessionListener {

    SessionListener NONE = new SessionListener() {
    };

    /** The source is open and its video parameters are known. */
    default void sourceOpened(SourceInfo source) {
    }

    /** The media server accepted the stream; frames follow. */
    default void publishing(ModeDecision decision) {
    }

    /** One video frame (transcode) or packet (passthrough) was handed to the muxer. */
    default void framePublished() {
    }
}
