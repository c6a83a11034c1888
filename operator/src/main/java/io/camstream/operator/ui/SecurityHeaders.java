package io.camstream.operator.ui;

import com.sun.net.httpserver.Headers;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Headers on every answer of the wall: a Content-Security-Policy without inline script or style, no framing, no
 * MIME sniffing, no Referer to the outside, nothing embeddable from other sites.
 */
final class SecurityHeaders {
  /** Answers that are not the page (JSON, events, scripts, media) load nothing themselves. */
  static final String RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
      + "form-action 'none'";

  private SecurityHeaders() {
  }

  static void apply(Headers headers, String contentSecurityPolicy) {
    headers.set("Content-Security-Policy", contentSecurityPolicy);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  }

  /**
   * The page's policy: its own scripts, styles and media only; media from MediaSource blobs (hls.js); and, besides
   * its own origin, connections to the WebRTC (WHEP) origins a browser may reach.
   *
   * @param webrtcOrigins {@code scheme://host[:port]} of the cameras' WebRTC URLs that are offered to the browser
   */
  static String pagePolicy(Collection<String> webrtcOrigins) {
    StringBuilder connect = new StringBuilder("'self'");
    for (String origin : new TreeSet<>(webrtcOrigins)) {
      connect.append(' ').append(origin);
    }
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "media-src 'self' blob:; connect-src " + connect + "; base-uri 'none'; form-action 'none'; "
        + "frame-ancestors 'none'";
  }
}
