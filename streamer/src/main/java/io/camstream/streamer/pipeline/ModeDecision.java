package io.camstream.streamer.pipeline;

/** The mode a session runs in and, for the log, why. */
public record ModeDecision(PipelineMode mode, String reason) {

    public ModeDecision {
        if (mode == PipelineMode.AUTO) {
            throw new IllegalArgumentException("a decision is either transcode or passthrough");
        }
    }
}
