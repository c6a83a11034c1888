package io.camstream.operator.ui;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A WHEP request the wall may forward: {@code /whep/{namespace}/{name}/{camera}} (OPTIONS for the ICE servers, POST
 * of the offer) or {@code /whep/{namespace}/{name}/{camera}/{session}} (PATCH of trickled candidates, DELETE), where
 * every part is a plain Kubernetes or MediaMTX name and the session is the UUID MediaMTX put in its
 * {@code Location}. Anything else is not a WHEP path.
 *
 * @param session null for the endpoint itself
 */
public record WhepPath(String namespace, String name, String camera, String session) {
  public static final String PREFIX = "/whep/";

  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern CAMERA = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern SESSION = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** @param rawPath the request's path as sent, not decoded */
  public static Optional<WhepPath> parse(String rawPath) {
    if (rawPath == null || !rawPath.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = rawPath.substring(PREFIX.length()).split("/", -1);
    if (parts.length < 3 || parts.length > 4 || !NAMESPACE.matcher(parts[0]).matches()
        || !NAME.matcher(parts[1]).matches() || !CAMERA.matcher(parts[2]).matches()
        || parts.length == 4 && !SESSION.matcher(parts[3]).matches()) {
      return Optional.empty();
    }
    return Optional.of(new WhepPath(parts[0], parts[1], parts[2], parts.length == 4 ? parts[3] : null));
  }

  /** Where this request goes on the CameraStream's MediaMTX WebRTC server. */
  public String upstreamPath() {
    return "/" + camera + "/whep" + (session == null ? "" : "/" + session);
  }

  /**
   * MediaMTX's {@code Location} of a new session ({@code /<camera>/whep/<uuid>}) as the wall's own session URL,
   * relative to the endpoint the browser posted to: {@code <camera>/<uuid>}, so it stays under any path prefix.
   */
  Optional<String> sessionLocation(String upstreamLocation) {
    String expected = "/" + camera + "/whep/";
    if (upstreamLocation == null || !upstreamLocation.startsWith(expected)) {
      return Optional.empty();
    }
    String id = upstreamLocation.substring(expected.length());
    int query = id.indexOf('?');
    if (query >= 0) {
      id = id.substring(0, query);
    }
    return SESSION.matcher(id).matches() ? Optional.of(camera + "/" + id) : Optional.empty();
  }
}
