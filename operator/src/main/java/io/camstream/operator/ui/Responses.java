package io.camstream.operator.ui;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Small complete answers of the wall's server. */
final class Responses {
  static final String TEXT = "text/plain; charset=utf-8";
  static final String JSON = "application/json; charset=utf-8";

  private Responses() {
  }

  static boolean isHead(Request request) {
    return HttpMethod.HEAD.is(request.getMethod());
  }

  static void text(Request request, Response response, Callback callback, int status, String body) {
    send(request, response, callback, status, TEXT, "no-store", body.getBytes(StandardCharsets.UTF_8));
  }

  static void send(Request request, Response response, Callback callback, int status, String contentType,
      String cacheControl, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, cacheControl);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, isHead(request) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
  }
}
