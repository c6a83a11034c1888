package io.camstream.operator.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.ReaderAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /hls/{namespace}/{name}/{camera}/{file}} → that CameraStream's MediaMTX HLS server, so tiles play through
 * the same port-forward as the page. Not an open proxy: the path must be a MediaMTX HLS file name
 * ({@link HlsPath}) of a camera in a watched CameraStream, the upstream comes only from
 * {@code CAMSTREAM_MEDIAMTX_HLS_URL}, and no request header (cookies, credentials) is forwarded. Cameras whose
 * readers need credentials are not proxied: the proxy never adds credentials. Bodies are copied as they arrive
 * (a part or segment is never held whole in memory); every exchange is bounded in time.
 */
final class HlsProxy implements HttpHandler {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  /**
   * Until the response headers: a Low-Latency HLS blocking playlist request waits for the next part (MediaMTX: a
   * few hundred milliseconds), and the first request of a muxer waits for its first segment.
   */
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(15);
  /** A whole exchange, body included: segments are about a second of video. */
  static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(30);
  static final int MAX_CONCURRENT = 128;

  private static final Logger log = LoggerFactory.getLogger(HlsProxy.class);
  private static final Set<String> MEDIA_TYPES = Set.of("application/vnd.apple.mpegurl", "application/x-mpegurl",
      "video/mp4", "audio/mp4", "video/mp2t");

  private final WatchedCameraStreams watched;
  private final CameraWallSettings settings;
  private final HttpClient client;
  private final ScheduledExecutorService deadlines;
  private final Semaphore slots = new Semaphore(MAX_CONCURRENT);

  HlsProxy(WatchedCameraStreams watched, CameraWallSettings settings, HttpClient client,
      ScheduledExecutorService deadlines) {
    this.watched = watched;
    this.settings = settings;
    this.client = client;
    this.deadlines = deadlines;
  }

  static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    SecurityHeaders.apply(exchange.getResponseHeaders(), SecurityHeaders.RESOURCE_POLICY);
    Optional<HlsPath> parsed = HlsPath.parse(exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery());
    if (parsed.isEmpty()) {
      Responses.text(exchange, 404, "not an HLS file of a watched camera\n");
      return;
    }
    HlsPath path = parsed.get();
    Optional<CameraStream> cameraStream = watched.find(path.namespace(), path.name());
    if (cameraStream.isEmpty() || !hasCamera(cameraStream.get(), path.camera())) {
      Responses.text(exchange, 404, "no camera " + path.camera() + " in a watched CameraStream "
          + path.namespace() + "/" + path.name() + "\n");
      return;
    }
    if (needsReaderCredentials(cameraStream.get())) {
      Responses.text(exchange, 403, "camera " + path.camera() + " needs reader credentials: watch it at its own "
          + "URLs; the wall does not add credentials\n");
      return;
    }
    if (!slots.tryAcquire()) {
      Responses.text(exchange, 503, "too many video requests at once; retry\n");
      return;
    }
    try {
      forward(exchange, path);
    } finally {
      slots.release();
    }
  }

  private void forward(HttpExchange exchange, HlsPath path) throws IOException {
    URI upstream = URI.create(settings.hlsBase(path.name(), path.namespace()) + path.upstreamPath());
    HttpRequest request = HttpRequest.newBuilder(upstream)
        .method(Responses.isHead(exchange) ? "HEAD" : "GET", HttpRequest.BodyPublishers.noBody())
        .timeout(RESPONSE_TIMEOUT)
        .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      Responses.text(exchange, 504, "MediaMTX HLS server of " + path.namespace() + "/" + path.name()
          + " did not answer within " + RESPONSE_TIMEOUT.toSeconds() + " s\n");
      return;
    } catch (IOException e) {
      log.debug("HLS upstream {} unreachable: {}", upstream, e.toString());
      Responses.text(exchange, 502, "MediaMTX HLS server of " + path.namespace() + "/" + path.name()
          + " unreachable\n");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Responses.text(exchange, 503, "shutting down\n");
      return;
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status != 200) {
        // MediaMTX says 404 while a muxer starts or after a segment expired; its error bodies are not passed on.
        Responses.text(exchange, status == 404 || status == 400 ? status : 502,
            "MediaMTX answered " + status + " for " + path.camera() + "/" + path.file() + "\n");
        return;
      }
      stream(exchange, response, body);
    }
  }

  private void stream(HttpExchange exchange, HttpResponse<InputStream> response, InputStream body)
      throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", mediaType(response.headers().firstValue("Content-Type").orElse("")));
    headers.set("Cache-Control", response.headers().firstValue("Cache-Control").orElse("no-cache"));
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (Responses.isHead(exchange)) {
      if (length >= 0) {
        headers.set("Content-Length", Long.toString(length));
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
      return;
    }
    // A stalled upstream or viewer must not hold a thread forever: at the deadline the copying thread is
    // interrupted, which ends a blocked read of the upstream body and a blocked write to the viewer's channel.
    Thread copier = Thread.currentThread();
    AtomicBoolean finished = new AtomicBoolean();
    ScheduledFuture<?> deadline = deadlines.schedule(() -> {
      if (!finished.get()) {
        copier.interrupt();
      }
    }, TRANSFER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    try {
      exchange.sendResponseHeaders(200, length > 0 ? length : 0);
      try (OutputStream out = exchange.getResponseBody()) {
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = body.read(buffer)) >= 0) {
          out.write(buffer, 0, read);
          out.flush();
        }
      }
    } finally {
      finished.set(true);
      deadline.cancel(false);
      if (Thread.interrupted()) {
        log.debug("HLS transfer cut after {} s", TRANSFER_TIMEOUT.toSeconds());
      }
      exchange.close();
    }
  }

  static String mediaType(String upstream) {
    String type = upstream.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return MEDIA_TYPES.contains(type) ? type : "application/octet-stream";
  }

  private static boolean hasCamera(CameraStream cameraStream, String camera) {
    return cameraStream.getSpec() != null && cameraStream.getSpec().getCameras() != null
        && cameraStream.getSpec().getCameras().stream().anyMatch(c -> camera.equals(c.getName()));
  }

  private static boolean needsReaderCredentials(CameraStream cameraStream) {
    return cameraStream.getSpec().getMediamtx() != null
        && cameraStream.getSpec().getMediamtx().getReaders() == ReaderAccess.AUTHENTICATED;
  }

}
