package io.camstream.operator.ui;

import org.eclipse.jetty.http.HttpFields;

/**
 * Headers on every answer of the wall: a Content-Security-Policy without inline script or style, no framing, no
 * MIME sniffing, no Referer to the outside, nothing embeddable from other sites.
 */
final class SecurityHeaders {
  /** Answers that are not the page (JSON, events, scripts, media) load nothing themselves. */
  static final String RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
      + "form-action 'none'";
  /**
   * The page: its own scripts, styles and media only; media from MediaSource blobs (hls.js); tiles' last frames as
   * data: images; and connections to its own origin alone — WHEP signalling goes through the wall too, so cameras
   * added later need no new origin. WebRTC media (ICE) is not a fetch and is not governed by connect-src.
   */
  static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "media-src 'self' blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private SecurityHeaders() {
  }

  static void apply(HttpFields.Mutable headers, String contentSecurityPolicy) {
    headers.put("Content-Security-Policy", contentSecurityPolicy);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("Cross-Origin-Resource-Policy", "same-origin");
    headers.put("Cross-Origin-Opener-Policy", "same-origin");
    headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  }
}
