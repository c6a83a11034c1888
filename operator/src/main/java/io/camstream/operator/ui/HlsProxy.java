package io.camstream.operator.ui;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code hls/{namespace}/{name}/{camera}/{file}} → that CameraStream's MediaMTX HLS server, so tiles play through
 * the same origin as the page. Not an open proxy: the path must be a MediaMTX HLS file name ({@link HlsPath}) of a
 * camera in a watched CameraStream the viewer may see, the upstream comes only from
 * {@code CAMSTREAM_MEDIAMTX_HLS_URL}, and no request header of the viewer (cookies, credentials) is forwarded.
 * MediaMTX serves the wall as a CDN: the CameraStream's generated {@code hlsCDNSecret} goes along as
 * {@code Authorization: Bearer}, so there is no per-viewer session handshake and any operator replica may answer any
 * request. Cameras whose readers need credentials are not proxied. Bodies stream through asynchronously (no
 * thread waits on a blocking playlist request); every exchange is bounded in time.
 */
final class HlsProxy extends ProxyHandler {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  /**
   * A playlist requested without LL-HLS directives may be a muxer's first: MediaMTX starts the muxer on that request
   * and answers once it has cut enough segments, which takes a few of the camera's keyframe intervals.
   */
  static final Duration FIRST_PLAYLIST_TIMEOUT = Duration.ofSeconds(60);
  /** Blocking playlist and part requests wait for the next part (a few hundred ms); segments are ~1 GOP. */
  static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(30);

  private static final String UPSTREAM = HlsProxy.class.getName() + ".upstream";
  private static final Set<String> MEDIA_TYPES = Set.of("application/vnd.apple.mpegurl", "application/x-mpegurl",
      "video/mp4", "audio/mp4", "video/mp2t");

  private final CameraWallSettings settings;
  private final CameraGate gate;
  private final UpstreamSecrets secrets;

  HlsProxy(CameraWallSettings settings, CameraGate gate, UpstreamSecrets secrets) {
    this.settings = settings;
    this.gate = gate;
    this.secrets = secrets;
  }

  @Override
  protected HttpClient newHttpClient() {
    return UpstreamClient.create("camstream-wall-hls", CONNECT_TIMEOUT);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Optional<HlsPath> parsed = HlsPath.parse(request.getHttpURI().getPath(), request.getHttpURI().getQuery());
    if (parsed.isEmpty()) {
      Responses.text(request, response, callback, 404, "not an HLS file of a watched camera\n");
      return true;
    }
    HlsPath path = parsed.get();
    ClientLimits.Permit permit = gate.admit(request, response, callback, path.namespace(), path.name(),
        path.camera());
    if (permit == null) {
      return true;
    }
    request.setAttribute(UPSTREAM, new Upstream(path, secrets.hlsCdnSecret(path.namespace(), path.name())
        .orElse(null)));
    return super.handle(request, response, CameraGate.released(callback, permit));
  }

  /** Where one request goes and with what; never prints the secret. */
  private record Upstream(HlsPath path, String secret) {
    @Override
    public String toString() {
      return "Upstream[" + path + ", secret " + (secret == null ? "unknown" : "set") + "]";
    }
  }

  @Override
  protected HttpURI rewriteHttpURI(Request request) {
    Upstream upstream = (Upstream) request.getAttribute(UPSTREAM);
    return HttpURI.build(settings.hlsBase(upstream.path().name(), upstream.path().namespace())
        + upstream.path().upstreamPath());
  }

  @Override
  protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request request, HttpURI uri) {
    Upstream upstream = (Upstream) request.getAttribute(UPSTREAM);
    boolean first = upstream.path().isPlaylist() && upstream.path().query().isEmpty();
    Duration timeout = first ? FIRST_PLAYLIST_TIMEOUT : TRANSFER_TIMEOUT;
    return super.newProxyToServerRequest(request, uri).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Nothing of the viewer's request goes to MediaMTX; only the wall's own CDN credential. */
  @Override
  protected void copyRequestHeaders(Request request, org.eclipse.jetty.client.Request upstreamRequest) {
    Upstream upstream = (Upstream) request.getAttribute(UPSTREAM);
    if (upstream.secret() != null) {
      upstreamRequest.headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + upstream.secret()));
    }
  }

  @Override
  protected void addProxyHeaders(Request request, org.eclipse.jetty.client.Request upstreamRequest) {
    // no Via or Forwarded: MediaMTX needs nothing about the viewer
  }

  @Override
  protected HttpField filterServerToProxyResponseField(HttpField field) {
    HttpHeader header = field.getHeader();
    if (header == HttpHeader.CONTENT_TYPE) {
      return new HttpField(HttpHeader.CONTENT_TYPE, mediaType(field.getValue()));
    }
    return header == HttpHeader.CACHE_CONTROL || header == HttpHeader.CONTENT_LENGTH ? field : null;
  }

  @Override
  protected org.eclipse.jetty.client.Response.CompleteListener newServerToProxyResponseListener(Request request,
      org.eclipse.jetty.client.Request upstreamRequest, Response response, Callback callback) {
    return new ProxyResponseListener(request, upstreamRequest, response, callback) {
      @Override
      public void onBegin(org.eclipse.jetty.client.Response upstreamResponse) {
        int status = upstreamResponse.getStatus();
        if (status == 302 || status == 401) {
          // MediaMTX asked for its per-viewer handshake or credentials: it does not know the secret the wall sent
          Upstream upstream = (Upstream) request.getAttribute(UPSTREAM);
          secrets.rejected(upstream.path().namespace(), upstream.path().name());
        }
        response.setStatus(status(status));
      }
    };
  }

  /**
   * MediaMTX's own answers pass through where they mean the same to the viewer (404 while a muxer starts or after a
   * part expired, 400 for a bad LL-HLS directive); a refusal of the wall itself (401, 403, the session redirect
   * when no CDN secret is known yet) or a server error is the wall's bad gateway.
   */
  static int status(int upstream) {
    return switch (upstream) {
      case 200, 400, 404 -> upstream;
      default -> 502;
    };
  }

  @Override
  protected void onServerToProxyResponseFailure(Request request, org.eclipse.jetty.client.Request upstreamRequest,
      org.eclipse.jetty.client.Response upstreamResponse, Response response, Callback callback, Throwable failure) {
    HlsPath path = ((Upstream) request.getAttribute(UPSTREAM)).path();
    Responses.upstreamFailed(request, response, callback, "MediaMTX HLS server of " + path.namespace() + "/"
        + path.name(), failure);
  }


  static String mediaType(String upstream) {
    String type = upstream.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return MEDIA_TYPES.contains(type) ? type : "application/octet-stream";
  }
}
