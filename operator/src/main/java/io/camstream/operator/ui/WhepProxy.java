package io.camstream.operator.ui;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * WebRTC signalling through the wall's own origin: {@code whep/{namespace}/{name}/{camera}[/{session}]} → that
 * CameraStream's MediaMTX WHEP endpoint ({@code CAMSTREAM_MEDIAMTX_WEBRTC_URL}). One origin for the page, its
 * data, its HLS and its WebRTC: one Content-Security-Policy ({@code connect-src 'self'}) that needs no change when a
 * camera is added, and no mixed content behind HTTPS. Only the media goes straight between the browser and MediaMTX
 * (ICE), as MediaMTX's answer and its ICE servers say.
 *
 * <p>What passes: the offer (POST, {@code application/sdp}), trickled candidates (PATCH,
 * {@code application/trickle-ice-sdpfrag}, with {@code If-Match}), the end of a session (DELETE), and the ICE
 * servers (OPTIONS). Back: the answer, the session's {@code Location} (rewritten under the wall's path),
 * {@code ETag}, {@code Accept-Patch} and the {@code Link} headers of {@code rel="ice-server"} — how MediaMTX gives
 * a browser the STUN/TURN servers of {@code spec.mediamtx.iceServers}. Nothing else of the viewer's request (no
 * cookie, no credential) reaches MediaMTX, and no CORS header reaches the viewer: other sites get no answer they can
 * read, and requests another site makes a browser send are refused.
 */
final class WhepProxy extends ProxyHandler {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  /** MediaMTX answers an offer once its side of the session exists (its handshake timeout is 10 s). */
  static final Duration TIMEOUT = Duration.ofSeconds(15);
  /** An SDP offer of a receive-only session is a few kilobytes; trickled candidates less. */
  static final int MAX_BODY = 64 * 1024;

  private static final String UPSTREAM = WhepProxy.class.getName() + ".upstream";
  private static final Set<String> BODY_TYPES = Set.of("application/sdp", "application/trickle-ice-sdpfrag");

  private final CameraWallSettings settings;
  private final CameraGate gate;

  WhepProxy(CameraWallSettings settings, CameraGate gate) {
    this.settings = settings;
    this.gate = gate;
  }

  @Override
  protected HttpClient newHttpClient() {
    return UpstreamClient.create("camstream-wall-whep", CONNECT_TIMEOUT);
  }

  /** The methods a path allows: OPTIONS and POST on an endpoint, PATCH and DELETE on a session. */
  static String allowed(WhepPath path) {
    return path.session() == null ? "OPTIONS, POST" : "PATCH, DELETE";
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Optional<WhepPath> parsed = WhepPath.parse(request.getHttpURI().getPath());
    if (parsed.isEmpty()) {
      Responses.text(request, response, callback, 404, "not a WHEP endpoint of a watched camera\n");
      return true;
    }
    WhepPath path = parsed.get();
    String method = request.getMethod();
    if (!Set.of(allowed(path).split(", ")).contains(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, allowed(path));
      Responses.text(request, response, callback, 405, "WHEP: " + allowed(path) + " only\n");
      return true;
    }
    String refusal = crossSite(request);
    if (refusal != null) {
      Responses.text(request, response, callback, 403, refusal + "\n");
      return true;
    }
    long length = request.getLength();
    if (HttpMethod.POST.is(method) || HttpMethod.PATCH.is(method)) {
      String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
      if (type == null || !BODY_TYPES.contains(type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))) {
        Responses.text(request, response, callback, 415, "WHEP bodies are application/sdp or "
            + "application/trickle-ice-sdpfrag\n");
        return true;
      }
      if (length < 0 || length > MAX_BODY) {
        Responses.text(request, response, callback, 413, "a WHEP body must say its length and be at most "
            + MAX_BODY + " bytes\n");
        return true;
      }
    }
    ClientLimits.Permit permit = gate.admit(request, response, callback, path.namespace(), path.name(),
        path.camera());
    if (permit == null) {
      return true;
    }
    request.setAttribute(UPSTREAM, path);
    return super.handle(request, response, CameraGate.released(callback, permit));
  }

  /**
   * Signalling changes state on MediaMTX, so only the wall's own page may do it: a browser says where a request
   * comes from ({@code Sec-Fetch-Site}, {@code Origin}); a CORS preflight is never answered.
   */
  static String crossSite(Request request) {
    if (HttpMethod.OPTIONS.is(request.getMethod())
        && request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD) != null) {
      return "the camera wall answers no cross-origin requests";
    }
    String site = request.getHeaders().get("Sec-Fetch-Site");
    if (site != null) {
      // what the browser itself says; unlike Origin against Host, it survives a proxy that rewrites Host
      return "same-origin".equalsIgnoreCase(site) || "none".equalsIgnoreCase(site) ? null
          : "WHEP only from the camera wall's own page (Sec-Fetch-Site: " + site + ")";
    }
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    // Jetty keeps the Host header (or HTTP/2's :authority) as the request URI's authority
    String host = request.getHttpURI().getAuthority();
    if (origin != null && (host == null || !origin.equalsIgnoreCase("http://" + host)
        && !origin.equalsIgnoreCase("https://" + host))) {
      return "WHEP only from the camera wall's own page (Origin " + origin + ")";
    }
    return null;
  }

  @Override
  protected HttpURI rewriteHttpURI(Request request) {
    WhepPath path = (WhepPath) request.getAttribute(UPSTREAM);
    return HttpURI.build(settings.webrtcBase(path.name(), path.namespace()) + path.upstreamPath());
  }

  @Override
  protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request request, HttpURI uri) {
    return super.newProxyToServerRequest(request, uri).timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  protected void copyRequestHeaders(Request request, org.eclipse.jetty.client.Request upstreamRequest) {
    for (HttpHeader header : new HttpHeader[] {HttpHeader.CONTENT_TYPE, HttpHeader.IF_MATCH}) {
      String value = request.getHeaders().get(header);
      if (value != null) {
        upstreamRequest.headers(headers -> headers.put(header, value));
      }
    }
  }

  @Override
  protected void addProxyHeaders(Request request, org.eclipse.jetty.client.Request upstreamRequest) {
    // no Via or Forwarded
  }

  @Override
  protected org.eclipse.jetty.client.Response.CompleteListener newServerToProxyResponseListener(Request request,
      org.eclipse.jetty.client.Request upstreamRequest, Response response, Callback callback) {
    WhepPath path = (WhepPath) request.getAttribute(UPSTREAM);
    return new ProxyResponseListener(request, upstreamRequest, response, callback) {
      @Override
      public void onBegin(org.eclipse.jetty.client.Response upstreamResponse) {
        response.setStatus(status(upstreamResponse.getStatus()));
      }

      @Override
      public void onHeaders(org.eclipse.jetty.client.Response upstreamResponse) {
        super.onHeaders(upstreamResponse);
        String location = upstreamResponse.getHeaders().get(HttpHeader.LOCATION);
        path.sessionLocation(location).ifPresent(own -> response.getHeaders().put(HttpHeader.LOCATION, own));
      }
    };
  }

  @Override
  protected HttpField filterServerToProxyResponseField(HttpField field) {
    HttpHeader header = field.getHeader();
    if (header == HttpHeader.CONTENT_TYPE || header == HttpHeader.ETAG || header == HttpHeader.CONTENT_LENGTH) {
      return field;
    }
    String name = field.getLowerCaseName();
    if ("accept-patch".equals(name) || "accept-post".equals(name)) {
      return field;
    }
    if (header == HttpHeader.LINK) {
      return iceServer(field.getValue()) ? field : null;
    }
    return null;
  }

  /** A {@code Link} to an ICE server ({@code <stun:...>; rel="ice-server"; ...}), the only links passed on. */
  static boolean iceServer(String link) {
    return link != null && link.trim().startsWith("<") && link.replace(" ", "").toLowerCase(Locale.ROOT)
        .contains(";rel=\"ice-server\"");
  }

  /**
   * MediaMTX's answers that mean the same to the viewer pass (2xx, a bad offer 400, no stream or no session 404,
   * 415); a refusal of the wall itself (401, 403) or a server error is the wall's bad gateway.
   */
  static int status(int upstream) {
    if (upstream >= 200 && upstream < 300) {
      return upstream;
    }
    return switch (upstream) {
      case 400, 404, 415 -> upstream;
      default -> 502;
    };
  }

  @Override
  protected void onServerToProxyResponseFailure(Request request, org.eclipse.jetty.client.Request upstreamRequest,
      org.eclipse.jetty.client.Response upstreamResponse, Response response, Callback callback, Throwable failure) {
    WhepPath path = (WhepPath) request.getAttribute(UPSTREAM);
    Responses.upstreamFailed(request, response, callback, "MediaMTX WebRTC server of " + path.namespace() + "/"
        + path.name(), failure);
  }

}
