package io.camstream.operator.desired;

import io.camstream.operator.api.spec.CameraSpec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code source} URL MediaMTX pulls a {@code mode: pull} camera from: the spec's rtsp(s):// URL, with the
 * camera Secret's username and password as its user-info when the camera names one. Both are percent-encoded, so
 * no character of a password can end the user-info early or break MediaMTX's URL parsing; MediaMTX decodes them.
 */
public final class PulledSource {
  private static final String SCHEME_SEPARATOR = "://";

  private PulledSource() {
  }

  public static String url(CameraSpec camera, Optional<CameraCredentials> credentials) {
    String url = camera.getSource().getUrl();
    if (credentials.isEmpty()) {
      return url;
    }
    int authority = url.indexOf(SCHEME_SEPARATOR) + SCHEME_SEPARATOR.length();
    return url.substring(0, authority) + encode(credentials.get().username()) + ":"
        + encode(credentials.get().password()) + "@" + url.substring(authority);
  }

  /** RFC 3986 user-info: only unreserved characters stay as they are. */
  static String encode(String value) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
          || c == '_' || c == '~') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return encoded.toString();
  }
}
