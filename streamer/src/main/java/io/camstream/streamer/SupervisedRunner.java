package io.camstream.streamer;

import io.camstream.streamer.health.HealthServer;
import io.camstream.streamer.health.LoopHeartbeat;
import io.camstream.streamer.health.Readiness;
import io.camstream.streamer.metrics.StreamerMetrics;
import io.camstream.streamer.resilience.Backoff;
import io.camstream.streamer.resilience.GracefulShutdown;
import io.camstream.streamer.resilience.ReconnectSettings;
import io.camstream.streamer.resilience.StreamSupervisor;
import io.camstream.streamer.resilience.StreamTimeouts;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The production runner: probes and metrics on the health port, then the {@link StreamSupervisor} until SIGTERM.
 */
public final class SupervisedRunner implements StreamerRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisedRunner.class);

    /** What an embedding program (or a test) gets once probes and metrics are up. */
    public record Started(int healthPort, StreamerMetrics metrics) {
    }

    private final GracefulShutdown shutdown;
    private final Consumer<Started> onStarted;

    public SupervisedRunner(GracefulShutdown shutdown) {
        this(shutdown, started -> {
        });
    }

    public SupervisedRunner(GracefulShutdown shutdown, Consumer<Started> onStarted) {
        this.shutdown = shutdown;
        this.onStarted = onStarted;
    }

    @Override
    public int run(StreamerConfig config) {
        MDC.put("camera", config.cameraName());
        StreamTimeouts timeouts = config.session().timeouts();
        shutdown.grace(shutdownGrace(timeouts));
        ReconnectSettings reconnect = config.reconnect();
        LoopHeartbeat heartbeat = new LoopHeartbeat(
                LoopHeartbeat.staleAfterFor(timeouts.stall(), timeouts.write(), reconnect.backoffMax()),
                System::nanoTime);
        try (StreamerMetrics metrics = StreamerMetrics.prometheus(config.cameraName())) {
            HealthServer health;
            try {
                health = HealthServer.start(config.healthPort(), heartbeat::check,
                        new Readiness(metrics, reconnect.readyTimeout()), metrics::scrape);
            } catch (IOException e) {
                LOG.error("Cannot serve probes and metrics on --health-port {}: {}", config.healthPort(),
                        e.getMessage());
                return StreamerMain.EXIT_FAILURE;
            }
            try (health) {
                LOG.info("Serving /healthz, /readyz and /metrics on port {}", health.port());
                onStarted.accept(new Started(health.port(), metrics));
                Backoff backoff = Backoff.of(reconnect.backoffInitial(), reconnect.backoffMax());
                new StreamSupervisor(config.session(), metrics, heartbeat, backoff, shutdown).run();
            }
        } finally {
            MDC.remove("camera");
        }
        return StreamerMain.EXIT_OK;
    }

    /** Grace for SIGTERM: the loop's longest bounded wait plus a margin, so TEARDOWN can still be sent. */
    public static Duration shutdownGrace(StreamTimeouts timeouts) {
        return timeouts.write().plus(timeouts.stall()).plusSeconds(1);
    }
}
