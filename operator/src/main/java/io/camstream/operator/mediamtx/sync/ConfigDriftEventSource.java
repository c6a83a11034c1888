package io.camstream.operator.mediamtx.sync;

import io.camstream.operator.api.CameraStream;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.ResourceIDMapper;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingEventSource;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Polls each CameraStream's MediaMTX for {@link ConfigDrift}: a reconcile follows only when the drift appears,
 * becomes stale or goes away, so a MediaMTX in sync triggers nothing. Its own two threads, apart from push health's.
 */
public final class ConfigDriftEventSource extends PerResourcePollingEventSource<ConfigDrift, CameraStream, String> {
  public static final String NAME = "mediamtx-config-drift";
  static final int POLL_THREADS = 2;

  private final MediaMtxConfigSync sync;

  public ConfigDriftEventSource(EventSourceContext<CameraStream> context, MediaMtxConfigSync sync) {
    super(ConfigDrift.class, context,
        new PerResourcePollingConfigurationBuilder<ConfigDrift, CameraStream, String>(sync, sync.pollInterval())
            .withName(NAME)
            .withResourceIDMapper(ResourceIDMapper.singleResourceResourceIDMapper())
            .withExecutorService(executor())
            .build());
    this.sync = sync;
  }

  @Override
  public void onResourceDeleted(CameraStream resource) {
    super.onResourceDeleted(resource);
    sync.forget(ResourceID.fromResource(resource));
  }

  private static ScheduledThreadPoolExecutor executor() {
    AtomicInteger counter = new AtomicInteger();
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(POLL_THREADS, runnable -> {
      Thread thread = new Thread(runnable, "mediamtx-config-poll-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
