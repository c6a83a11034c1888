package io.camstream.operator.events;

import io.camstream.operator.events.EventMetrics.DropCause;
import io.camstream.operator.security.Redaction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events the way client-go's recorder writes them ({@code tools/record}): {@link #record} only puts the
 * Event in a bounded queue and returns, so a reconcile never waits for, or fails on, an Event; one writer thread
 * correlates ({@link EventCorrelator}: aggregated, counted on one object, rate-limited per object) and writes
 * ({@link EventWriter}). When the queue is full the Event is dropped, counted in {@code camstream_events_dropped_total}
 * and logged once. Messages are redacted (no URL user-info) and cut to 1 KiB; callers never put credentials in them.
 */
public final class EventRecorder implements AutoCloseable {
  public static final String COMPONENT = "camstream-operator";
  /** client-go's queue length. */
  static final int QUEUE_CAPACITY = 1000;
  static final int MAX_MESSAGE = 1024;
  private static final Duration DRAIN_ON_CLOSE = Duration.ofSeconds(2);
  private static final String CONTEXT_KEY = EventRecorder.class.getName();
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

  private final BlockingQueue<EventOccurrence> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final EventCorrelator correlator = new EventCorrelator();
  private final EventWriter writer;
  private final EventMetrics metrics;
  private final Clock clock;
  private final Thread thread;
  /** Queued or being written. */
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean queueFullLogged = new AtomicBoolean();
  private final AtomicBoolean writeFailedLogged = new AtomicBoolean();
  private final AtomicBoolean rateLimitLogged = new AtomicBoolean();
  private volatile boolean closed;

  private EventRecorder(KubernetesClient client, Clock clock, MeterRegistry registry) {
    this.writer = new EventWriter(client);
    this.clock = clock;
    this.metrics = new EventMetrics(registry, queue);
    this.thread = new Thread(this::run, "camstream-events");
    thread.setDaemon(true);
  }

  /** @param registry receives the recorder's metrics; null for none */
  public static EventRecorder start(KubernetesClient client, Clock clock, MeterRegistry registry) {
    EventRecorder recorder = new EventRecorder(client, clock, registry);
    recorder.thread.start();
    return recorder;
  }

  /** The recorder of the operator running this reconcile (see {@link #attachTo}). */
  public static EventRecorder of(Context<?> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(CONTEXT_KEY, EventRecorder.class);
  }

  /** Makes this recorder reachable from code that only has the reconcile's context (status writer, dependents). */
  public void attachTo(Context<?> context) {
    context.managedWorkflowAndDependentResourceContext().put(CONTEXT_KEY, this);
  }

  public void normal(HasMetadata involved, String reason, String message) {
    record(involved, EventContent.normal(reason, message));
  }

  public void warning(HasMetadata involved, String reason, String message) {
    record(involved, EventContent.warning(reason, message));
  }

  /** Queues the Event and returns at once; it is dropped (and counted) if the queue is full. */
  public void record(HasMetadata involved, EventContent content) {
    if (closed) {
      log.debug("operator stopping: Event {} not recorded", content.reason());
      return;
    }
    EventOccurrence occurrence = new EventOccurrence(reference(involved), sanitized(content), clock.instant());
    pending.incrementAndGet();
    if (!queue.offer(occurrence)) {
      pending.decrementAndGet();
      metrics.dropped(DropCause.QUEUE_FULL);
      if (queueFullLogged.compareAndSet(false, true)) {
        log.warn("Event queue full ({} waiting): dropping Events until it drains (counted in"
            + " camstream_events_dropped_total{cause=\"queue_full\"})", QUEUE_CAPACITY);
      }
    }
  }

  /** Waits until every Event recorded so far was written or given up; false on timeout. For tests and shutdown. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    return true;
  }

  /** Stops accepting Events, writes what is queued for up to 2 s, then stops the writer. */
  @Override
  public void close() {
    closed = true;
    try {
      thread.join(DRAIN_ON_CLOSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread.interrupt();
    if (!queue.isEmpty()) {
      log.info("operator stopping: {} Events not written", queue.size());
    }
  }

  private void run() {
    try {
      while (!closed || !queue.isEmpty()) {
        EventOccurrence occurrence = queue.poll(200, TimeUnit.MILLISECONDS);
        if (occurrence == null) {
          queueFullLogged.set(false);
          continue;
        }
        try {
          write(occurrence);
        } finally {
          pending.decrementAndGet();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(EventOccurrence occurrence) {
    Optional<EventWrite> correlated = correlator.correlate(occurrence);
    if (correlated.isEmpty()) {
      metrics.dropped(DropCause.RATE_LIMITED);
      if (rateLimitLogged.compareAndSet(false, true)) {
        log.info("Events on {} {}/{} are rate-limited (25 at once, then one per 5 minutes); further ones are"
                + " counted in camstream_events_dropped_total{cause=\"rate_limited\"}",
            occurrence.involved().getKind(), occurrence.involved().getNamespace(), occurrence.involved().getName());
      }
      return;
    }
    try {
      EventWriter.Stored stored = writer.write(correlated.get());
      correlator.stored(stored.write(), stored.event());
      metrics.written(stored.write().isUpdate());
      writeFailedLogged.set(false);
    } catch (RuntimeException e) {
      // the Kubernetes client already retried what is worth retrying (I/O errors, 5xx) with its back-off
      failed(occurrence, e);
    }
  }

  private void failed(EventOccurrence occurrence, RuntimeException e) {
    metrics.dropped(DropCause.WRITE_FAILED);
    String cause = e instanceof KubernetesClientException k && k.getCode() > 0
        ? "HTTP " + k.getCode() + (k.getStatus() == null ? "" : " " + k.getStatus().getReason())
        : e.getClass().getSimpleName();
    if (writeFailedLogged.compareAndSet(false, true)) {
      log.warn("could not write Event {} on {}/{}: {}; dropping failed Events until a write succeeds (counted in"
          + " camstream_events_dropped_total{cause=\"write_failed\"})", occurrence.content().reason(),
          occurrence.involved().getNamespace(), occurrence.involved().getName(), cause);
    } else {
      log.debug("could not write Event {} on {}/{}: {}", occurrence.content().reason(),
          occurrence.involved().getNamespace(), occurrence.involved().getName(), cause);
    }
  }

  private static EventContent sanitized(EventContent content) {
    String message = Redaction.url(content.message());
    if (message != null && message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE - 3) + "...";
    }
    return new EventContent(content.type(), content.reason(), message);
  }

  private static ObjectReference reference(HasMetadata involved) {
    return new ObjectReferenceBuilder()
        .withApiVersion(involved.getApiVersion())
        .withKind(involved.getKind())
        .withName(involved.getMetadata().getName())
        .withNamespace(involved.getMetadata().getNamespace())
        .withUid(involved.getMetadata().getUid())
        .build();
  }
}
