package io.camstream.streamer;

/** Runs the streamer with a validated configuration and returns the process exit code. */
@FunctionalInterface
public interface StreamerRunner {

    int run(StreamerConfig config);
}
