package io.camstream.operator.mediamtx.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;

/**
 * The words both MediaMTX API clients put into a failure's detail. They end up in status messages and Events, so
 * they name the host (never the URL's user info) and bound MediaMTX's own error text so a hostile body stays small.
 */
final class ApiFailureText {
  private static final int MAX_SERVER_TEXT_CHARS = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiFailureText() {
  }

  /** {@code host} or {@code host:port}. */
  static String hostOf(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  /** {@code ": <MediaMTX's error text>"} when the body is MediaMTX's Error schema, else nothing. */
  static String serverErrorSuffix(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      ApiError error = JSON.readValue(body, ApiError.class);
      if (error.error() == null || error.error().isBlank()) {
        return "";
      }
      String text = error.error().strip();
      return ": " + (text.length() > MAX_SERVER_TEXT_CHARS ? text.substring(0, MAX_SERVER_TEXT_CHARS) + "…" : text);
    } catch (JsonProcessingException | RuntimeException e) {
      return "";
    }
  }
}
