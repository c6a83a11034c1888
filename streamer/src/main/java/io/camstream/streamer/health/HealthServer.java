package io.camstream.streamer.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Probe and metrics endpoints on one port, with the JDK's HTTP server and a single daemon thread:
 * {@code /healthz} (liveness), {@code /readyz} (readiness) and {@code /metrics} (Prometheus text).
 * 200 when healthy, 503 with the reason otherwise; only GET and HEAD.
 */
public final class HealthServer implements AutoCloseable {

    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code port} on all interfaces (kubelet probes the pod IP; 0 picks a free port) and starts serving.
     */
    public static HealthServer start(int port, Supplier<Probe> liveness, Supplier<Probe> readiness,
            Supplier<String> metrics) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "camstream-health-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/healthz", exchange -> probe(exchange, liveness));
        server.createContext("/readyz", exchange -> probe(exchange, readiness));
        server.createContext("/metrics", exchange -> {
            if (allowed(exchange, "/metrics")) {
                respond(exchange, 200, PROMETHEUS_CONTENT_TYPE, metrics.get());
            }
        });
        server.createContext("/", exchange -> {
            exchange.getRequestBody().close();
            respond(exchange, 404, "text/plain; charset=utf-8", "not found; try /healthz, /readyz or /metrics\n");
        });
        server.start();
        return new HealthServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void probe(HttpExchange exchange, Supplier<Probe> check) throws IOException {
        if (!allowed(exchange, exchange.getHttpContext().getPath())) {
            return;
        }
        Probe probe;
        try {
            probe = check.get();
        } catch (RuntimeException e) {
            probe = Probe.failing("probe failed: " + e.getClass().getSimpleName());
        }
        respond(exchange, probe.healthy() ? 200 : 503, "text/plain; charset=utf-8", probe.reason() + "\n");
    }

    /** Exact path, GET or HEAD; answers 404/405 itself otherwise. */
    private static boolean allowed(HttpExchange exchange, String path) throws IOException {
        exchange.getRequestBody().close();
        if (!exchange.getRequestURI().getPath().equals(path)) {
            respond(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            return false;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
            return false;
        }
        return true;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }
}
