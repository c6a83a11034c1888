package io.camstream.operator.health.source;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.health.PushHealth;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.ResourceIDMapper;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingEventSource;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JOSDK per-resource polling of each CameraStream's MediaMTX, one {@link PushHealth} per CameraStream. A few threads,
 * not JOSDK's default one, so that a handful of unreachable servers each waiting out a timeout cannot delay the
 * polls of all the others.
 */
public final class PushHealthEventSource extends PerResourcePollingEventSource<PushHealth, CameraStream, String> {
  public static final String NAME = "push-health";
  static final int POLL_THREADS = 4;
  /** Polls take seconds at most (short client timeouts); a minute without one returning is a stall. */
  static final Duration MIN_STALL = Duration.ofSeconds(60);

  private final PushHealthPoller poller;
  private final ScheduledThreadPoolExecutor executor;

  public PushHealthEventSource(EventSourceContext<CameraStream> context, PushHealthPoller poller) {
    this(context, poller, executor());
  }

  private PushHealthEventSource(EventSourceContext<CameraStream> context, PushHealthPoller poller,
      ScheduledThreadPoolExecutor executor) {
    super(PushHealth.class, context,
        new PerResourcePollingConfigurationBuilder<PushHealth, CameraStream, String>(poller, poller.period())
            .withName(NAME)
            .withResourceIDMapper(ResourceIDMapper.singleResourceResourceIDMapper())
            .withExecutorService(executor)
            .build());
    this.poller = poller;
    this.executor = executor;
  }

  /**
   * Unhealthy when no camera's health could change any more: its poll threads are gone, or no poll has returned
   * for several periods although there are CameraStreams to poll.
   */
  @Override
  public Status getStatus() {
    if (!isRunning()) {
      return Status.UNKNOWN;
    }
    Duration stalledAfter = poller.period().multipliedBy(3).compareTo(MIN_STALL) > 0
        ? poller.period().multipliedBy(3) : MIN_STALL;
    boolean stalled = poller.silence().filter(silence -> silence.compareTo(stalledAfter) > 0).isPresent();
    return executor.isShutdown() || stalled ? Status.UNHEALTHY : Status.HEALTHY;
  }

  public PushHealthPoller poller() {
    return poller;
  }

  @Override
  public void onResourceDeleted(CameraStream resource) {
    super.onResourceDeleted(resource);
    poller.forget(ResourceID.fromResource(resource));
  }

  private static ScheduledThreadPoolExecutor executor() {
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory threads = runnable -> {
      Thread thread = new Thread(runnable, "push-health-poll-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(POLL_THREADS, threads);
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
