package io.camstream.operator.probe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notices a wedged reconcile executor: JOSDK tells its {@link Metrics} when a reconcile is handed to the executor and
 * when it starts and ends, so a reconcile that has run, or waited for a thread, longer than a bound is visible.
 * Installed as the operator's Metrics, forwarding every call to the real ones (Micrometer).
 */
public final class ReconcileWatchdog implements Metrics {
  /**
   * A reconcile makes a few dozen API requests, each retried by the client for up to about two minutes: five
   * minutes of one reconcile, or of waiting for a thread, is no longer slowness but a wedge.
   */
  public static final Duration DEFAULT_BOUND = Duration.ofMinutes(5);

  private final Metrics delegate;
  private final Clock clock;
  private final Duration bound;
  private final Map<ResourceID, Instant> waiting = new ConcurrentHashMap<>();
  private final Map<ResourceID, Instant> running = new ConcurrentHashMap<>();

  public ReconcileWatchdog(Metrics delegate, Clock clock, Duration bound) {
    this.delegate = delegate;
    this.clock = clock;
    this.bound = bound;
  }

  /** The watchdog installed as this operator's metrics, if it is one. */
  public static Optional<ReconcileWatchdog> of(Operator operator) {
    return operator.getConfigurationService().getMetrics() instanceof ReconcileWatchdog watchdog
        ? Optional.of(watchdog) : Optional.empty();
  }

  /** Reconciles running, or waiting for an executor thread, for longer than the bound; empty when none. */
  public List<String> stuck() {
    Instant now = clock.instant();
    List<String> stuck = new ArrayList<>();
    running.forEach((id, since) -> describe(stuck, id, "running", since, now));
    waiting.forEach((id, since) -> describe(stuck, id, "waiting for a reconcile thread", since, now));
    return stuck;
  }

  private void describe(List<String> stuck, ResourceID id, String what, Instant since, Instant now) {
    Duration elapsed = Duration.between(since, now);
    if (elapsed.compareTo(bound) > 0) {
      stuck.add("reconcile of " + id.getNamespace().map(ns -> ns + "/").orElse("") + id.getName() + " " + what
          + " for " + elapsed.toSeconds() + "s (bound " + bound.toSeconds() + "s)");
    }
  }

  @Override
  public void controllerRegistered(Controller<? extends HasMetadata> controller) {
    delegate.controllerRegistered(controller);
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    delegate.receivedEvent(event, metadata);
  }

  @Override
  public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    waiting.put(ResourceID.fromResource(resource), clock.instant());
    delegate.reconcileCustomResource(resource, retryInfo, metadata);
  }

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    ResourceID id = ResourceID.fromResource(resource);
    waiting.remove(id);
    running.put(id, clock.instant());
    delegate.reconciliationExecutionStarted(resource, metadata);
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    ResourceID id = ResourceID.fromResource(resource);
    waiting.remove(id);
    running.remove(id);
    delegate.reconciliationExecutionFinished(resource, metadata);
  }

  @Override
  public void failedReconciliation(HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    delegate.failedReconciliation(resource, exception, metadata);
  }

  @Override
  public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
    waiting.remove(resourceID);
    running.remove(resourceID);
    delegate.cleanupDoneFor(resourceID, metadata);
  }

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    delegate.finishedReconciliation(resource, metadata);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    return delegate.timeControllerExecution(execution);
  }

  @Override
  public <T extends Map<?, ?>> T monitorSizeOf(T map, String name) {
    return delegate.monitorSizeOf(map, name);
  }
}
