package io.camstream.operator.ui;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code api/wall/events}: server-sent events. Each connection gets the wall at once ({@code event: wall}, the same
 * JSON as {@code api/wall}, as its viewer may see it) and again whenever it changes; a comment line keeps idle
 * connections (and port-forwards) open and notices viewers who left. The browser's EventSource reconnects by
 * itself. No thread waits for a viewer: one ticker looks at the cache while any page is open and writes
 * asynchronously; a viewer that reads slowly is sent only the latest wall when it has taken the previous one.
 */
final class WallEventStream implements AutoCloseable {
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  /** How often the cache is compared while a wall is open: well within any push-health period (≥ 1 s). */
  static final Duration REFRESH = Duration.ofMillis(500);
  private static final Logger log = LoggerFactory.getLogger(WallEventStream.class);

  private final WallFeed feed;
  private final WallView view;
  private final ClientLimits limits;
  private final long keepAliveNanos;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService ticker;

  /** @param keepAlive how long a connection may stay silent: at most this late, a viewer who left is noticed */
  WallEventStream(WallFeed feed, WallView view, ClientLimits limits, Duration keepAlive) {
    this.feed = feed;
    this.view = view;
    this.limits = limits;
    this.keepAliveNanos = keepAlive.toNanos();
    this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "camstream-wall-events");
      thread.setDaemon(true);
      return thread;
    });
    ticker.scheduleWithFixedDelay(this::tick, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean handle(Request request, Response response, Callback callback, Viewer viewer) {
    if (Responses.isHead(request)) {
      Responses.send(request, response, callback, 200, "text/event-stream; charset=utf-8", "no-store",
          new byte[0]);
      return true;
    }
    ClientLimits.Permit permit = limits.tryAcquire(viewer.client());
    if (permit == null) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
      Responses.text(request, response, callback, 429, "too many open walls (at most " + limits.perClient()
          + " per " + (viewer.isAnyone() ? "address" : "user") + "); close one and reload\n");
      return true;
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Accel-Buffering", "no");
    Subscriber subscriber = new Subscriber(viewer, response, callback, permit);
    subscribers.add(subscriber);
    request.addFailureListener(subscriber::close);
    subscriber.send("retry: 3000\n\n" + subscriber.event(feed.current()), System.nanoTime());
    return true;
  }

  /** How many pages are open. */
  int viewers() {
    return subscribers.size();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    subscribers.forEach(subscriber -> subscriber.close(null));
  }

  private void tick() {
    try {
      if (subscribers.isEmpty()) {
        return;
      }
      WallFeed.Snapshot snapshot = feed.current();
      long now = System.nanoTime();
      subscribers.forEach(subscriber -> subscriber.tick(snapshot, now));
    } catch (RuntimeException e) {
      log.warn("camera wall: event stream update failed: {}", e.toString());
    }
  }

  /** One open page. */
  private final class Subscriber {
    private final Viewer viewer;
    private final Response response;
    private final Callback callback;
    private final ClientLimits.Permit permit;
    private long sentVersion;
    private long lastWrite;
    private boolean writing;
    private boolean closed;

    Subscriber(Viewer viewer, Response response, Callback callback, ClientLimits.Permit permit) {
      this.viewer = viewer;
      this.response = response;
      this.callback = callback;
      this.permit = permit;
    }

    String event(WallFeed.Snapshot snapshot) {
      sentVersion = snapshot.version();
      return "event: wall\nid: " + snapshot.version() + "\ndata: " + view.json(snapshot, viewer) + "\n\n";
    }

    synchronized void tick(WallFeed.Snapshot snapshot, long now) {
      if (closed || writing) {
        return;
      }
      if (snapshot.version() > sentVersion) {
        send(event(snapshot), now);
      } else if (now - lastWrite >= keepAliveNanos) {
        send(": keep-alive\n\n", now);
      }
    }

    synchronized void send(String text, long now) {
      if (closed) {
        return;
      }
      writing = true;
      lastWrite = now;
      response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), Callback.from(this::written,
          this::close));
    }

    private synchronized void written() {
      writing = false;
    }

    /** @param failure null when the wall closes the stream, else why the viewer is gone */
    void close(Throwable failure) {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      subscribers.remove(this);
      permit.close();
      if (failure == null) {
        callback.succeeded();
      } else {
        callback.failed(failure);
      }
    }
  }
}
