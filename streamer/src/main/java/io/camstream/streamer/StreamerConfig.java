package io.camstream.streamer;

import io.camstream.streamer.pipeline.SessionConfig;
import io.camstream.streamer.resilience.ReconnectSettings;

/**
 * The validated configuration of the streamer process.
 *
 * @param healthPort HTTP port for {@code /healthz}, {@code /readyz} and {@code /metrics} (0: any free port)
 * @param cameraName the camera this streamer serves, for log lines and metric tags
 * @param reconnect  backoff between attempts and the readiness window
 */
public record StreamerConfig(SessionConfig session, int healthPort, String cameraName, ReconnectSettings reconnect) {

    public StreamerConfig(SessionConfig session, int healthPort, String cameraName) {
        this(session, healthPort, cameraName, ReconnectSettings.DEFAULTS);
    }
}
