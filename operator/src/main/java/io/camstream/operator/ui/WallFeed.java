package io.camstream.operator.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.ui.model.Wall;
import io.camstream.operator.ui.model.WallModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wall's data as versioned JSON snapshots. The cache is only looked at while someone watches (every
 * {@code refresh}, far below the push-health period), and a snapshot is rebuilt only when a CameraStream was
 * added, removed or changed (its resourceVersion moved), so a quiet fleet costs a walk over the cache per refresh
 * and nothing else: no API-server request, no serialization.
 */
final class WallFeed implements AutoCloseable {
  /** One state of the wall: the same version always has the same JSON. */
  record Snapshot(long version, String json, Wall wall) {
  }

  private final WatchedCameraStreams watched;
  private final ObjectMapper mapper = new ObjectMapper();
  private final ScheduledExecutorService refresher;
  private final AtomicInteger watchers = new AtomicInteger();
  private String fingerprint;
  private Snapshot snapshot;

  WallFeed(WatchedCameraStreams watched, Duration refresh) {
    this.watched = watched;
    this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "camstream-wall-feed");
      thread.setDaemon(true);
      return thread;
    });
    refresher.scheduleWithFixedDelay(() -> {
      if (watchers.get() > 0) {
        current();
      }
    }, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The wall as the cache shows it now. */
  synchronized Snapshot current() {
    List<CameraStream> cameraStreams = watched.all();
    String now = fingerprint(cameraStreams);
    if (snapshot == null || !now.equals(fingerprint)) {
      Wall wall = WallModel.of(cameraStreams);
      snapshot = new Snapshot(snapshot == null ? 1 : snapshot.version() + 1, json(wall), wall);
      fingerprint = now;
      notifyAll();
    }
    return snapshot;
  }

  /**
   * Waits until the wall differs from {@code version}, at most {@code timeout}.
   *
   * @return the newer snapshot, or the same one when nothing changed in time
   */
  synchronized Snapshot awaitNewer(long version, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Snapshot latest = current();
    while (latest.version() <= version) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return latest;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
      latest = snapshot;
    }
    return latest;
  }

  /** Someone started watching: the cache is checked for changes from now on. */
  void watching() {
    watchers.incrementAndGet();
  }

  void stoppedWatching() {
    watchers.decrementAndGet();
  }

  int watchers() {
    return watchers.get();
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }

  private String json(Wall wall) {
    try {
      return mapper.writeValueAsString(wall);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the wall model is always serializable", e);
    }
  }

  private static String fingerprint(List<CameraStream> cameraStreams) {
    StringBuilder fingerprint = new StringBuilder(cameraStreams.size() * 48);
    for (CameraStream cameraStream : cameraStreams) {
      fingerprint.append(cameraStream.getMetadata().getUid()).append('@')
          .append(cameraStream.getMetadata().getResourceVersion()).append(';');
    }
    return fingerprint.toString();
  }
}
