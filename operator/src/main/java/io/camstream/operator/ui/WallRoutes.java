package io.camstream.operator.ui;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * The wall's routes, all relative to where the page is served (so a path prefix of an Ingress changes nothing):
 * <ul>
 *   <li>{@code /} and its static files; {@code /vendor/hls.min.js}, the pinned player;</li>
 *   <li>{@code /api/wall}: the wall as JSON; {@code /api/wall/events}: the same, pushed on every change (SSE);</li>
 *   <li>{@code /hls/{namespace}/{name}/{camera}/{file}}: the camera's HLS, proxied ({@link HlsProxy});</li>
 *   <li>{@code /whep/{namespace}/{name}/{camera}[/{session}]}: its WebRTC signalling, proxied ({@link WhepProxy}).</li>
 * </ul>
 * Only GET and HEAD are answered, but for WebRTC signalling: the wall changes nothing.
 */
final class WallRoutes extends Handler.Abstract {
  static final String EVENTS = "/api/wall/events";
  static final String WALL = "/api/wall";

  private final StaticAssets assets;
  private final WallFeed feed;
  private final WallView view;
  private final WallEventStream events;
  private final HlsProxy hls;
  private final WhepProxy whep;

  WallRoutes(StaticAssets assets, WallFeed feed, WallView view, WallEventStream events, HlsProxy hls,
      WhepProxy whep) {
    this.assets = assets;
    this.feed = feed;
    this.view = view;
    this.events = events;
    this.hls = hls;
    this.whep = whep;
    installBean(hls);
    installBean(whep);
  }

  /** The proxies are this handler's parts, not its children: they learn the server from it. */
  @Override
  public void setServer(Server server) {
    super.setServer(server);
    hls.setServer(server);
    whep.setServer(server);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    if (path.startsWith(WhepPath.PREFIX)) {
      return whep.handle(request, response, callback);
    }
    if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      Responses.text(request, response, callback, 405, "the camera wall is read-only: GET and HEAD only\n");
      return true;
    }
    Viewer viewer = (Viewer) request.getAttribute(Viewer.ATTRIBUTE);
    if (path.startsWith(HlsPath.PREFIX)) {
      return hls.handle(request, response, callback);
    }
    if (EVENTS.equals(path)) {
      return events.handle(request, response, callback, viewer);
    }
    if (WALL.equals(path)) {
      Responses.send(request, response, callback, 200, Responses.JSON, "no-store",
          view.json(feed.current(), viewer).getBytes(StandardCharsets.UTF_8));
      return true;
    }
    return page(request, response, callback, path);
  }

  private boolean page(Request request, Response response, Callback callback, String path) {
    Optional<StaticAssets.Asset> asset = assets.get(path);
    if (asset.isEmpty()) {
      Responses.text(request, response, callback, 404, "not found\n");
      return true;
    }
    if (StaticAssets.PAGE.equals(path)) {
      SecurityHeaders.apply(response.getHeaders(), SecurityHeaders.PAGE_POLICY);
    }
    String etag = asset.get().etag();
    response.getHeaders().put(HttpHeader.ETAG, etag);
    if (etag.equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
      response.setStatus(304);
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
      response.write(true, null, callback);
      return true;
    }
    Responses.send(request, response, callback, 200, asset.get().contentType(), "no-cache", asset.get().body());
    return true;
  }
}
