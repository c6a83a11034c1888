package io.camstream.operator.ui;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
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

  /**
   * A proxied exchange whose upstream failed: 504 when it did not answer in time, else 502, naming the server; when
   * the viewer already has part of the answer, the exchange just fails.
   *
   * @param server what the viewer reads, e.g. "MediaMTX HLS server of cameras/site"
   */
  static void upstreamFailed(Request request, Response response, Callback callback, String server,
      Throwable failure) {
    if (response.isCommitted()) {
      callback.failed(failure);
      return;
    }
    response.getHeaders().remove(HttpHeader.CONTENT_LENGTH);
    response.getHeaders().remove(HttpHeader.LINK);
    if (failure instanceof TimeoutException) {
      text(request, response, callback, 504, server + " did not answer in time\n");
    } else {
      text(request, response, callback, 502, server + " unreachable\n");
    }
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
