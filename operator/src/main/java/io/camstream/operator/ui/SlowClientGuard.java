package io.camstream.operator.ui;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request-header timeout Jetty leaves to us: a client gets {@code timeout} to finish the headers of its next
 * request, however slowly it trickles them (slowloris), and to finish a TLS handshake or protocol negotiation.
 * Jetty's idle timeout alone would let a client that sends one byte a second hold its connection forever. A
 * connection that is answering a request (an event stream, a blocking playlist request) is never cut here: that is
 * the idle timeout's and the handlers' business. Checked once a second.
 */
final class SlowClientGuard extends AbstractLifeCycle implements Connection.Listener {
  private static final Logger log = LoggerFactory.getLogger(SlowClientGuard.class);

  private enum Kind { TLS, NEGOTIATION, HTTP1, HTTP2 }

  /** What one connection looked like at the last check. */
  private static final class Watch {
    final Kind kind;
    final long opened;
    long lastMessagesIn = -1;
    long waitingSince;
    long bytesWhenWaiting;
    boolean waiting;

    Watch(Kind kind, long opened) {
      this.kind = kind;
      this.opened = opened;
    }
  }

  private final long timeoutNanos;
  private final Map<Connection, Watch> watched = new ConcurrentHashMap<>();
  private ScheduledExecutorService sweeper;

  SlowClientGuard(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  protected void doStart() {
    sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "camstream-wall-slow-clients");
      thread.setDaemon(true);
      return thread;
    });
    sweeper.scheduleWithFixedDelay(() -> sweep(System.nanoTime()), 1, 1, TimeUnit.SECONDS);
  }

  @Override
  protected void doStop() {
    sweeper.shutdownNow();
    watched.clear();
  }

  @Override
  public void onOpened(Connection connection) {
    long now = System.nanoTime();
    if (connection instanceof SslConnection tls) {
      Watch watch = new Watch(Kind.TLS, now);
      tls.addHandshakeListener(new SslHandshakeListener() {
        @Override
        public void handshakeSucceeded(Event event) {
          watched.remove(connection);
        }
      });
      watched.put(connection, watch);
    } else if (connection instanceof ConnectionMetaData http) {
      watched.put(connection, new Watch(http.getHttpVersion() == HttpVersion.HTTP_2 ? Kind.HTTP2 : Kind.HTTP1, now));
    } else {
      watched.put(connection, new Watch(Kind.NEGOTIATION, now));
    }
  }

  @Override
  public void onClosed(Connection connection) {
    watched.remove(connection);
  }

  /** Connections being watched (for tests). */
  int watching() {
    return watched.size();
  }

  void sweep(long now) {
    watched.forEach((connection, watch) -> {
      if (tooSlow(connection, watch, now)) {
        watched.remove(connection);
        log.debug("camera wall: closing {} from {}: no complete request within the header timeout", watch.kind,
            connection.getEndPoint().getRemoteSocketAddress());
        connection.getEndPoint().close();
      }
    });
  }

  private boolean tooSlow(Connection connection, Watch watch, long now) {
    boolean late = now - watch.opened > timeoutNanos;
    switch (watch.kind) {
      case TLS, NEGOTIATION:
        return late;
      case HTTP2:
        if (connection.getMessagesIn() > 0) {
          // multiplexed: its streams are Jetty's HTTP/2 limits' business once it has sent a request
          watched.remove(connection);
          return false;
        }
        return late;
      default:
        return http1TooSlow(connection, watch, now);
    }
  }

  /**
   * HTTP/1.1 sends one request at a time: between two requests (every request answered) the connection may be
   * silent (the idle timeout ends that), but once bytes of the next request arrive, its headers must be complete
   * within the timeout.
   */
  private boolean http1TooSlow(Connection connection, Watch watch, long now) {
    long in = connection.getMessagesIn();
    long out = connection.getMessagesOut();
    if (in != watch.lastMessagesIn) {
      watch.lastMessagesIn = in;
      watch.waiting = false;
    }
    if (in > out) {
      watch.waiting = false;
      return false;
    }
    if (!watch.waiting) {
      watch.waiting = true;
      watch.waitingSince = in == 0 ? watch.opened : now;
      watch.bytesWhenWaiting = in == 0 ? 0 : connection.getBytesIn();
      return false;
    }
    return connection.getBytesIn() > watch.bytesWhenWaiting && now - watch.waitingSince > timeoutNanos;
  }
}
