package io.camstream.streamer.health;

import io.camstream.streamer.metrics.StreamerMetrics;
import java.time.Duration;
import java.util.function.Supplier;

/** Ready while a frame reached the server within the window: the camera is actually being published. */
public final class Readiness implements Supplier<Probe> {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);

    private final StreamerMetrics metrics;
    private final Duration window;

    public Readiness(StreamerMetrics metrics, Duration window) {
        this.metrics = metrics;
        this.window = window;
    }

    @Override
    public Probe get() {
        if (metrics.publishedWithin(window)) {
            return Probe.ok("publishing");
        }
        return Probe.failing(String.format("no frame published for %.1f s (limit %d ms)",
                metrics.secondsSinceLastPublish(), window.toMillis()));
    }
}
