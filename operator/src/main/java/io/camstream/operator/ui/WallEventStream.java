package io.camstream.operator.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * {@code /api/wall/events}: server-sent events. Each connection gets the wall at once ({@code event: wall}, the
 * same JSON as {@code /api/wall}) and again whenever it changes; a comment line keeps idle connections (and
 * port-forwards) open and notices viewers who left. The browser's EventSource reconnects by itself.
 */
final class WallEventStream implements HttpHandler {
  static final int MAX_VIEWERS = 64;
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final WallFeed feed;
  private final Duration keepAlive;
  private final Semaphore viewers = new Semaphore(MAX_VIEWERS);

  /** @param keepAlive how long a connection may stay silent: at most this late, a viewer who left is noticed */
  WallEventStream(WallFeed feed, Duration keepAlive) {
    this.feed = feed;
    this.keepAlive = keepAlive;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    SecurityHeaders.apply(exchange.getResponseHeaders(), SecurityHeaders.RESOURCE_POLICY);
    if (Responses.isHead(exchange)) {
      Responses.send(exchange, 200, "text/event-stream; charset=utf-8", "no-store", new byte[0]);
      return;
    }
    if (!viewers.tryAcquire()) {
      Responses.text(exchange, 503, "too many open walls (" + MAX_VIEWERS + "); close one and reload\n");
      return;
    }
    feed.watching();
    try {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        write(out, "retry: 3000\n\n");
        long version = 0;
        while (!Thread.currentThread().isInterrupted()) {
          WallFeed.Snapshot snapshot = feed.awaitNewer(version, keepAlive);
          if (snapshot.version() > version) {
            version = snapshot.version();
            write(out, "event: wall\nid: " + version + "\ndata: " + snapshot.json() + "\n\n");
          } else {
            write(out, ": keep-alive\n\n");
          }
        }
      }
    } catch (IOException e) {
      // the viewer closed the page
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      feed.stoppedWatching();
      viewers.release();
      exchange.close();
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
