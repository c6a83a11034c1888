package io.camstream.operator.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the Event recorder writes and what it gives up on, for Prometheus: {@code camstream_events_written_total
 * {operation="create|update"}}, {@code camstream_events_dropped_total{cause}} and the {@code camstream_events_queued}
 * gauge.
 */
final class EventMetrics {
  /** Why an Event was not written. */
  enum DropCause {
    /** The recorder's queue was full: Events came faster than the API server took them. */
    QUEUE_FULL,
    /** The involved object's rate limit (25 at once, then one per 5 minutes). */
    RATE_LIMITED,
    /** The API server refused the Event or could not be reached, retries included. */
    WRITE_FAILED;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Counter created;
  private final Counter updated;
  private final Map<DropCause, Counter> dropped = new EnumMap<>(DropCause.class);

  EventMetrics(MeterRegistry registry, Collection<?> queue) {
    MeterRegistry target = registry == null ? new SimpleMeterRegistry() : registry;
    created = written(target, "create");
    updated = written(target, "update");
    for (DropCause cause : DropCause.values()) {
      dropped.put(cause, Counter.builder("camstream.events.dropped")
          .description("Kubernetes Events the operator did not write, by cause")
          .tag("cause", cause.tag())
          .register(target));
    }
    Gauge.builder("camstream.events.queued", queue, Collection::size)
        .description("Kubernetes Events waiting to be written")
        .register(target);
  }

  private static Counter written(MeterRegistry registry, String operation) {
    return Counter.builder("camstream.events.written")
        .description("Kubernetes Events written: created, or an existing one's count raised")
        .tag("operation", operation)
        .register(registry);
  }

  void written(boolean update) {
    (update ? updated : created).increment();
  }

  void dropped(DropCause cause) {
    dropped.get(cause).increment();
  }
}
