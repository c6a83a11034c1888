package io.camstream.operator.testing.apiserver;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every stored object, one {@link ResourceStore} per resource, with one revision counter for the whole store (each
 * write's resourceVersion), as etcd has.
 */
final class ObjectStore {
  /** At most this many changes per resource are kept for resuming watches, whatever their age. */
  static final int MAX_HISTORY = 200_000;
  /** How long changes and paged lists' first states are kept: kube-apiserver compacts etcd every 5 minutes. */
  static final Duration DEFAULT_RETENTION = Duration.ofMinutes(5);

  private final Map<String, ResourceStore> resources = new ConcurrentHashMap<>();
  private final AtomicLong revision = new AtomicLong();
  private final Clock clock;
  private volatile long retentionMillis = DEFAULT_RETENTION.toMillis();

  ObjectStore(Clock clock) {
    this.clock = clock;
  }

  /** @param resource e.g. {@code deployments.apps}, {@code secrets} */
  ResourceStore of(String resource) {
    return resources.computeIfAbsent(resource, r -> new ResourceStore(this));
  }

  long revision() {
    return revision.get();
  }

  long nextRevision() {
    return revision.incrementAndGet();
  }

  long now() {
    return clock.millis();
  }

  long retentionMillis() {
    return retentionMillis;
  }

  void retention(Duration retention) {
    this.retentionMillis = retention.toMillis();
  }

  /** As etcd's compaction: no watch can resume from an earlier resourceVersion, no paged list continue. */
  void compact() {
    long now = revision.get();
    resources.values().forEach(r -> r.compact(now));
  }

  void closeWatches() {
    resources.values().forEach(ResourceStore::closeWatches);
  }
}
