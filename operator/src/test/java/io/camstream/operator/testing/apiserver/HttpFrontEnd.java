package io.camstream.operator.testing.apiserver;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.ServerWebSocketHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The test API server's HTTP side on Vert.x, serving requests concurrently: the event loop only reads requests and
 * writes answers, each request is dispatched on a worker thread (a slow one never holds up the others, as on a real
 * API server), watches are upgraded to WebSockets (set up on the event loop: Vert.x upgrades only a request not yet
 * over). Every request is also queued for {@link #takeRequest}.
 */
final class HttpFrontEnd {
  /** Requests served at once, at most; more wait for a worker. */
  static final int WORKERS = 32;

  private final Dispatcher dispatcher;
  private final BlockingQueue<RecordedRequest> received = new LinkedBlockingQueue<>();
  private Vertx vertx;
  private HttpServer server;

  HttpFrontEnd(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /** @return the port it listens on, on 127.0.0.1 */
  int start() {
    vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(WORKERS).setEventLoopPoolSize(2)
        .setBlockedThreadCheckInterval(60_000));
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
        .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(64 << 20)
        .setHandle100ContinueAutomatically(true));
    server.requestHandler(this::handle);
    return await(server.listen()).actualPort();
  }

  void stop() {
    if (server != null) {
      await(server.close());
    }
    if (vertx != null) {
      await(vertx.close());
    }
  }

  RecordedRequest takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
    return received.poll(timeout, unit);
  }

  RecordedRequest takeRequest() throws InterruptedException {
    return received.take();
  }

  private void handle(HttpServerRequest request) {
    // A WebSocket upgrade needs a request whose body was not read: read only what has one.
    String length = request.getHeader("Content-Length");
    boolean hasBody = (length != null && !length.isBlank() && Long.parseLong(length.trim()) > 0)
        || request.getHeader("Content-Type") != null;
    Future<Buffer> read = hasBody ? request.body() : Future.succeededFuture(null);
    read.onSuccess(body -> {
      RecordedRequest recorded = new RecordedRequest(request.version().alpnName().toUpperCase(Locale.ROOT),
          io.fabric8.mockwebserver.dsl.HttpMethod.fromVertx(request.method()), request.uri(),
          Headers.builder().addAll(request.headers()).build(),
          new io.fabric8.mockwebserver.http.Buffer(body == null ? new byte[0] : body.getBytes()));
      received.add(recorded);
      if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
        // Upgraded before the request is over (Vert.x refuses later); a watch's dispatch only sets it up.
        answer(request, recorded, dispatcher.dispatch(recorded));
        return;
      }
      vertx.<MockResponse>executeBlocking(() -> dispatcher.dispatch(recorded), false)
          .onSuccess(response -> answer(request, recorded, response))
          .onFailure(error -> request.response().setStatusCode(500).end(String.valueOf(error)));
    }).onFailure(error -> request.response().setStatusCode(500).end(String.valueOf(error)));
  }

  private void answer(HttpServerRequest request, RecordedRequest recorded, MockResponse response) {
    if (response.getWebSocketListener() != null) {
      request.toWebSocket().onSuccess(new ServerWebSocketHandler(recorded, response))
          .onFailure(error -> request.response().setStatusCode(400).end(String.valueOf(error)));
      return;
    }
    HttpServerResponse answer = request.response().setStatusCode(response.code());
    response.getHeaders().toMultimap().forEach((name, values) -> answer.headers().add(name, values));
    byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes();
    Buffer buffer = Buffer.buffer(body);
    if (response.getBodyDelay() != null && !response.getBodyDelay().isZero()) {
      vertx.setTimer(response.getBodyDelay().toMillis(), timer -> answer.end(buffer));
    } else {
      answer.end(buffer);
    }
  }

  private static <T> T await(Future<T> future) {
    CompletableFuture<T> done = new CompletableFuture<>();
    future.onComplete(result -> {
      if (result.succeeded()) {
        done.complete(result.result());
      } else {
        done.completeExceptionally(result.cause());
      }
    });
    try {
      return done.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the test API server's HTTP listener: " + e.getMessage(), e);
    }
  }
}
