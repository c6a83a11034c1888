package io.camstream.operator.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camstream.operator.mediamtx.fake.FakeMediaMtxApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stands in for the per-CameraStream MediaMTX Services: the operator resolves {@code CAMSTREAM_MEDIAMTX_API_URL}
 * (which must contain {@code {name}}) to {@code http://127.0.0.1:PORT/<namespace>/<name>}, and this router strips
 * that prefix and hands the request (method, body, credentials; the answer as the fake writes it) to that
 * CameraStream's own {@code FakeMediaMtxApi}, made on first use with every camera publishing. One fake per
 * CameraStream, as in a cluster: each MediaMTX has its own API user and its own configuration, which the operator
 * sets through the API. The fakes listen nowhere themselves ({@link FakeMediaMtxApi#unstarted}): a second HTTP hop
 * (this router as a client, a server with its threads per fake) was half of the tenth of the bench JVM's CPU that
 * the MediaMTX APIs took at 1,000 CameraStreams, for nothing the operator sees.
 */
final class PerCameraStreamApiRouter implements AutoCloseable {
  private static final String UNUSED_PASSWORD = "not-the-operator's";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final List<String> cameras;
  private final Map<String, FakeMediaMtxApi> servers = new ConcurrentHashMap<>();

  /** @param cameras the paths each MediaMTX has publishing */
  PerCameraStreamApiRouter(List<String> cameras) throws IOException {
    this.cameras = List.copyOf(cameras);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.createContext("/", this::forward);
    server.setExecutor(executor);
    server.start();
  }

  /** The template to give the operator. */
  String urlTemplate() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/{namespace}/{name}";
  }

  /** That CameraStream's MediaMTX learns its API user, as from the configuration the operator generated. */
  void acceptCredentials(String namespace, String cameraStream, String username, String password) {
    mediaMtx(namespace, cameraStream).acceptCredentials(username, password);
  }

  /**
   * What a fleet of variable-bitrate cameras with viewers coming and going looks like from one poll to the next:
   * every camera of every MediaMTX gets a bitrate within ±50 % of the default and 0 to 8 readers, drawn anew.
   */
  void churn(java.util.Random random) {
    for (FakeMediaMtxApi api : servers.values()) {
      for (String camera : cameras) {
        api.bitrate(camera, Math.round(FakeMediaMtxApi.DEFAULT_BYTES_PER_SECOND * (0.5 + random.nextDouble())));
        api.readers(camera, random.nextInt(9));
      }
    }
  }

  /** Requests all the fake MediaMTX APIs answered. */
  int requests() {
    return servers.values().stream().mapToInt(FakeMediaMtxApi::requests).sum();
  }

  private FakeMediaMtxApi mediaMtx(String namespace, String cameraStream) {
    return servers.computeIfAbsent(namespace + "/" + cameraStream, key -> {
      FakeMediaMtxApi api = FakeMediaMtxApi.unstarted("nobody-yet", UNUSED_PASSWORD);
      cameras.forEach(api::publish);
      return api;
    });
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      // /<namespace>/<name>/v3/... -> that MediaMTX's /v3/...
      String[] parts = exchange.getRequestURI().getRawPath().split("/", 4);
      if (parts.length < 4) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String query = exchange.getRequestURI().getRawQuery();
      mediaMtx(parts[1], parts[2]).serve(new RoutedExchange(exchange,
          URI.create("/" + parts[3] + (query == null ? "" : "?" + query))));
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    servers.values().forEach(FakeMediaMtxApi::close);
  }
}
