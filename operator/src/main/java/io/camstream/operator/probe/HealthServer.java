package io.camstream.operator.probe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's probe and metrics endpoints: {@code /healthz} (liveness: nothing wedged, see
 * {@link OperatorLiveness}), {@code /readyz} (the operator started and its informers are healthy) and
 * {@code /metrics} (Prometheus text format).
 */
public final class HealthServer implements AutoCloseable {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  /** @param port 0 picks a free port (tests) */
  public static HealthServer start(int port, BooleanSupplier live, BooleanSupplier ready,
      Supplier<String> metrics) throws IOException {
    return start(port, () -> live.getAsBoolean() ? List.of() : List.of("not live"), ready, metrics);
  }

  /**
   * @param liveProblems why the process is not live (answered with 503, one per line); empty for 200
   */
  public static HealthServer start(int port, Supplier<List<String>> liveProblems, BooleanSupplier ready,
      Supplier<String> metrics) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "camstream-health");
      thread.setDaemon(true);
      return thread;
    }));
    server.createContext("/healthz", exchange -> liveness(exchange, liveProblems));
    server.createContext("/readyz", exchange -> probe(exchange, ready));
    server.createContext("/metrics", exchange -> {
      if (!"GET".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "text/plain", "method not allowed\n");
        return;
      }
      respond(exchange, 200, PROMETHEUS_TEXT, metrics.get());
    });
    server.start();
    return new HealthServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    if (server.getExecutor() instanceof java.util.concurrent.ExecutorService executor) {
      executor.shutdownNow();
    }
  }

  private static void liveness(HttpExchange exchange, Supplier<List<String>> problems) throws IOException {
    List<String> found;
    try {
      found = problems.get();
    } catch (RuntimeException e) {
      found = List.of("liveness check failed: " + e);
    }
    respond(exchange, found.isEmpty() ? 200 : 503, "text/plain",
        found.isEmpty() ? "ok\n" : "not live:\n" + String.join("\n", found) + "\n");
  }

  private static void probe(HttpExchange exchange, BooleanSupplier check) throws IOException {
    boolean ok;
    try {
      ok = check.getAsBoolean();
    } catch (RuntimeException e) {
      ok = false;
    }
    respond(exchange, ok ? 200 : 503, "text/plain", ok ? "ok\n" : "not ready\n");
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
