package io.camstream.streamer.pipeline;

/** How the video gets from the source to the publisher. */
public enum PipelineMode {
    /** Passthrough when the source is H.264 every browser can play, transcode otherwise. */
    AUTO,
    /** Decode and re-encode as low-latency H.264. */
    TRANSCODE,
    /** Remux the source's packets unchanged: roughly 100x cheaper, keeps the source's GOP and bitrate. */
    PASSTHROUGH
}
