package io.camstream.operator.bench;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * A request received by a router, as the server it routes to sees it: the same exchange (headers, body, answer)
 * under the URI that server serves.
 */
final class RoutedExchange extends HttpExchange {
  private final HttpExchange received;
  private final URI uri;

  RoutedExchange(HttpExchange received, URI uri) {
    this.received = received;
    this.uri = uri;
  }

  @Override
  public URI getRequestURI() {
    return uri;
  }

  @Override
  public Headers getRequestHeaders() {
    return received.getRequestHeaders();
  }

  @Override
  public Headers getResponseHeaders() {
    return received.getResponseHeaders();
  }

  @Override
  public String getRequestMethod() {
    return received.getRequestMethod();
  }

  @Override
  public HttpContext getHttpContext() {
    return received.getHttpContext();
  }

  @Override
  public void close() {
    received.close();
  }

  @Override
  public InputStream getRequestBody() {
    return received.getRequestBody();
  }

  @Override
  public OutputStream getResponseBody() {
    return received.getResponseBody();
  }

  @Override
  public void sendResponseHeaders(int code, long length) throws IOException {
    received.sendResponseHeaders(code, length);
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return received.getRemoteAddress();
  }

  @Override
  public int getResponseCode() {
    return received.getResponseCode();
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return received.getLocalAddress();
  }

  @Override
  public String getProtocol() {
    return received.getProtocol();
  }

  @Override
  public Object getAttribute(String name) {
    return received.getAttribute(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    received.setAttribute(name, value);
  }

  @Override
  public void setStreams(InputStream in, OutputStream out) {
    received.setStreams(in, out);
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return received.getPrincipal();
  }
}
