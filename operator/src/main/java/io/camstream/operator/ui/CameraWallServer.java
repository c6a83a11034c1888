package io.camstream.operator.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.camstream.operator.ui.model.Wall;
import io.camstream.operator.ui.model.WallCamera;
import io.camstream.operator.ui.model.WallStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera wall: a read-only web page of every watched CameraStream and its cameras, on its own port
 * ({@code CAMSTREAM_UI_PORT}, apart from probes and metrics). Routes:
 * <ul>
 *   <li>{@code /} and its static files; {@code /vendor/hls.min.js}, the pinned player;</li>
 *   <li>{@code /api/wall}: the wall as JSON; {@code /api/wall/events}: the same, pushed on every change (SSE);</li>
 *   <li>{@code /hls/{namespace}/{name}/{camera}/{file}}: the camera's HLS, proxied ({@link HlsProxy}).</li>
 * </ul>
 * Only GET and HEAD are answered; everything carries {@link SecurityHeaders}.
 */
public final class CameraWallServer implements AutoCloseable {
  /** How often the cache is compared while a wall is open: well within any push-health period (≥ 1 s). */
  static final Duration REFRESH = Duration.ofMillis(500);
  private static final int MAX_THREADS = WallEventStream.MAX_VIEWERS + HlsProxy.MAX_CONCURRENT + 16;
  private static final Logger log = LoggerFactory.getLogger(CameraWallServer.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final ScheduledExecutorService deadlines;
  private final WallFeed feed;

  private CameraWallServer(HttpServer server, ExecutorService executor, ScheduledExecutorService deadlines,
      WallFeed feed) {
    this.server = server;
    this.executor = executor;
    this.deadlines = deadlines;
    this.feed = feed;
  }

  /** Starts the wall on {@code settings.port()} (0 in settings means off: use {@link #startIfEnabled}). */
  public static CameraWallServer start(CameraWallSettings settings, WatchedCameraStreams watched) throws IOException {
    return start(new InetSocketAddress(settings.port()), settings, watched, HlsProxy.defaultClient(),
        WallEventStream.KEEP_ALIVE);
  }

  public static Optional<CameraWallServer> startIfEnabled(CameraWallSettings settings, WatchedCameraStreams watched)
      throws IOException {
    return settings.enabled() ? Optional.of(start(settings, watched)) : Optional.empty();
  }

  /** For tests: any address (port 0 picks a free one), HTTP client and event-stream keep-alive. */
  static CameraWallServer start(InetSocketAddress address, CameraWallSettings settings,
      WatchedCameraStreams watched, HttpClient client, Duration keepAlive) throws IOException {
    StaticAssets assets = StaticAssets.load();
    WallFeed feed = new WallFeed(watched, REFRESH);
    ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(daemon("camstream-wall-timer"));
    ExecutorService executor = new ThreadPoolExecutor(2, MAX_THREADS, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), daemon("camstream-wall"));
    HttpServer server = HttpServer.create(address, 64);
    server.setExecutor(executor);
    server.createContext("/", readOnly(exchange -> page(exchange, assets, feed)));
    server.createContext("/api/wall", readOnly(exchange -> wallJson(exchange, feed)));
    server.createContext("/api/wall/events", readOnly(new WallEventStream(feed, keepAlive)));
    server.createContext(HlsPath.PREFIX, readOnly(new HlsProxy(watched, settings, client, deadlines)));
    server.start();
    log.info("camera wall on port {} (hls.js {})", server.getAddress().getPort(), assets.hlsJsVersion());
    return new CameraWallServer(server, executor, deadlines, feed);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** How many pages are open (server-sent event streams). */
  public int viewers() {
    return feed.watchers();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    deadlines.shutdownNow();
    feed.close();
  }

  private static HttpHandler readOnly(HttpHandler handler) {
    return exchange -> {
      try {
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
          SecurityHeaders.apply(exchange.getResponseHeaders(), SecurityHeaders.RESOURCE_POLICY);
          exchange.getResponseHeaders().set("Allow", "GET, HEAD");
          Responses.text(exchange, 405, "the camera wall is read-only: GET and HEAD only\n");
          return;
        }
        handler.handle(exchange);
      } catch (IOException | RuntimeException e) {
        log.debug("camera wall request {} failed: {}", exchange.getRequestURI().getRawPath(), e.toString());
        exchange.close();
      }
    };
  }

  private static void page(HttpExchange exchange, StaticAssets assets, WallFeed feed) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    Optional<StaticAssets.Asset> asset = assets.get(path);
    if (asset.isEmpty()) {
      SecurityHeaders.apply(exchange.getResponseHeaders(), SecurityHeaders.RESOURCE_POLICY);
      Responses.text(exchange, 404, "not found\n");
      return;
    }
    String policy = StaticAssets.PAGE.equals(path)
        ? SecurityHeaders.pagePolicy(webrtcOrigins(feed.current().wall()))
        : SecurityHeaders.RESOURCE_POLICY;
    SecurityHeaders.apply(exchange.getResponseHeaders(), policy);
    String etag = asset.get().etag();
    exchange.getResponseHeaders().set("ETag", etag);
    if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
      exchange.sendResponseHeaders(304, -1);
      exchange.close();
      return;
    }
    Responses.send(exchange, 200, asset.get().contentType(), "no-cache", asset.get().body());
  }

  private static void wallJson(HttpExchange exchange, WallFeed feed) throws IOException {
    SecurityHeaders.apply(exchange.getResponseHeaders(), SecurityHeaders.RESOURCE_POLICY);
    if (!"/api/wall".equals(exchange.getRequestURI().getRawPath())) {
      Responses.text(exchange, 404, "not found\n");
      return;
    }
    Responses.send(exchange, 200, "application/json; charset=utf-8", "no-store",
        feed.current().json().getBytes(StandardCharsets.UTF_8));
  }

  /** The origins the page may open WHEP sessions to: those of WebRTC URLs a browser can reach. */
  static Set<String> webrtcOrigins(Wall wall) {
    Set<String> origins = new LinkedHashSet<>();
    for (WallStream stream : wall.streams()) {
      for (WallCamera camera : stream.cameras()) {
        if (camera.webrtcFromBrowser() && camera.urls() != null) {
          URI uri = URI.create(camera.urls().webrtc());
          origins.add(uri.getScheme() + "://" + uri.getRawAuthority());
        }
      }
    }
    return origins;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
