package io.camstream.operator.ui;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small complete answers of the wall's server. */
final class Responses {
  static final String TEXT = "text/plain; charset=utf-8";

  private Responses() {
  }

  static boolean isHead(HttpExchange exchange) {
    return "HEAD".equals(exchange.getRequestMethod());
  }

  static void text(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, TEXT, "no-store", body.getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange exchange, int status, String contentType, String cacheControl, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", cacheControl);
    if (isHead(exchange)) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
