package io.camstream.streamer.resilience;

/** How a peer was lost: it reported an error (or ended), or it went silent past a deadline. */
public enum LossKind {
    ERROR,
    STALL
}
