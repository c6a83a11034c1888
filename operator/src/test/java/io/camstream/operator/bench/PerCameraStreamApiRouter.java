package io.camstream.operator.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for the per-CameraStream MediaMTX Services: the operator resolves {@code CAMSTREAM_MEDIAMTX_API_URL}
 * (which must contain {@code {name}}) to {@code http://127.0.0.1:PORT/<namespace>/<name>}, and this router strips
 * that prefix and forwards the request, credentials included, to one {@code FakeMediaMtxApi}.
 */
final class PerCameraStreamApiRouter implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI target;
  private final AtomicLong requests = new AtomicLong();

  PerCameraStreamApiRouter(URI target) throws IOException {
    this.target = target;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::forward);
    server.setExecutor(executor);
    server.start();
  }

  /** The template to give the operator. */
  String urlTemplate() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/{namespace}/{name}";
  }

  long requests() {
    return requests.get();
  }

  private void forward(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      // /<namespace>/<name>/v3/... -> /v3/...
      String[] parts = path.split("/", 4);
      String rest = parts.length == 4 ? "/" + parts[3] : "/";
      String query = exchange.getRequestURI().getRawQuery();
      HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(rest + (query == null ? "" : "?" + query)))
          .timeout(Duration.ofSeconds(5)).GET();
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response.headers().firstValue("Content-Type")
          .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
      byte[] body = response.body();
      exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
