package io.camstream.streamer;

import io.camstream.streamer.pipeline.SessionConfig;

/**
 * The validated configuration of the streamer process.
 *
 * @param healthPort HTTP port for {@code /healthz}, {@code /readyz} and {@code /metrics} (0: any free port)
 * @param cameraName the camera this streamer serves, for log lines and metric tags
 */
public record StreamerConfig(SessionConfig session, int healthPort, String cameraName) {
}
