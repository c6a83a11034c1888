package io.camstream.operator.probe;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code /healthz} answers, so that Kubernetes restarts a wedged operator: an informer or other event source of a
 * running controller unhealthy for longer than a grace period (stopped, or its watch lost for good; a watch that
 * reconnects within the grace is no reason to restart), or a reconcile stuck (see {@link ReconcileWatchdog}). A
 * controller that does not process events (a replica waiting for the leader Lease, an operator starting or stopping)
 * is not judged by its event sources.
 */
public final class OperatorLiveness {
  /** Longer than a watch takes to reconnect after an API server restart or a network blip. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(60);

  private final Operator operator;
  private final Optional<ReconcileWatchdog> watchdog;
  private final Duration grace;
  private final Clock clock;
  /** "controller/event source" → when it was first seen unhealthy, while it stays so. */
  private final Map<String, Instant> unhealthySince = new ConcurrentHashMap<>();

  public OperatorLiveness(Operator operator, Duration grace, Clock clock) {
    this.operator = operator;
    this.watchdog = ReconcileWatchdog.of(operator);
    this.grace = grace;
    this.clock = clock;
  }

  /** Why the operator is not live; empty when it is. */
  public List<String> problems() {
    Instant now = clock.instant();
    List<String> problems = new ArrayList<>();
    Map<String, String> unhealthy = unhealthyEventSources();
    unhealthySince.keySet().retainAll(unhealthy.keySet());
    unhealthy.forEach((source, detail) -> {
      Instant since = unhealthySince.computeIfAbsent(source, key -> now);
      Duration elapsed = Duration.between(since, now);
      if (elapsed.compareTo(grace) >= 0) {
        problems.add("event source " + source + " unhealthy for " + elapsed.toSeconds() + "s" + detail);
      }
    });
    watchdog.ifPresent(w -> problems.addAll(w.stuck()));
    return problems;
  }

  /**
   * Event sources of controllers that process events, which JOSDK reports unhealthy or which stopped (JOSDK
   * reports a stopped informer source healthy: it forgets its informers when it stops).
   */
  private Map<String, String> unhealthyEventSources() {
    Map<String, String> unhealthy = new TreeMap<>();
    if (!operator.getRuntimeInfo().isStarted()) {
      return unhealthy;
    }
    for (RegisteredController<?> registered : operator.getRuntimeInfo().getRegisteredControllers()) {
      if (!(registered instanceof Controller<?> controller) || !controller.getEventProcessor().isRunning()) {
        continue;
      }
      String name = registered.getConfiguration().getName();
      for (EventSource<?, ?> source : controller.getEventSourceManager().allEventSources()) {
        if (source instanceof AbstractEventSource<?, ?> lifecycle && !lifecycle.isRunning()) {
          unhealthy.put(name + "/" + source.name(), " (stopped)");
        } else if (source.getStatus() == Status.UNHEALTHY) {
          unhealthy.put(name + "/" + source.name(),
              source instanceof InformerWrappingEventSourceHealthIndicator<?> informers
                  ? informerDetail(informers) : "");
        }
      }
    }
    return unhealthy;
  }

  private static String informerDetail(InformerWrappingEventSourceHealthIndicator<?> informers) {
    StringBuilder detail = new StringBuilder();
    informers.informerHealthIndicators().forEach((namespace, informer) -> {
      if (informer.getStatus() != Status.HEALTHY) {
        detail.append(" (informer ").append(namespace).append(": ").append(state(informer)).append(")");
      }
    });
    return detail.toString();
  }

  private static String state(InformerHealthIndicator informer) {
    if (!informer.isRunning()) {
      return "stopped";
    }
    return !informer.hasSynced() ? "not synced" : "not watching";
  }
}
