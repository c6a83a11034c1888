package io.camstream.operator.ui;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * The door of the wall: decides, per {@link AccessMode}, whether a request is answered at all and who asks
 * ({@link Viewer}, a request attribute). What each viewer may see is {@link CameraAccess}'s question, asked later.
 */
final class AccessGate extends Handler.Wrapper {
  static final int MAX_NAME_LENGTH = 256;

  private final WallAccessSettings settings;
  private final HostAllowList hosts;
  private final InetAddressSet trustedProxies = new InetAddressSet();

  AccessGate(WallAccessSettings settings, Handler next) {
    super(next);
    this.settings = settings;
    this.hosts = new HostAllowList(settings.allowedHosts());
    settings.trustedProxies().forEach(trustedProxies::add);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    SecurityHeaders.apply(response.getHeaders(), SecurityHeaders.RESOURCE_POLICY);
    String remote = ForwardedClient.address(Request.getRemoteAddr(request),
        request.getHeaders().getValuesList(ForwardedClient.HEADER), trustedProxies);
    Viewer viewer;
    switch (settings.mode()) {
      case LOCAL -> {
        if (!namesThisWall(request)) {
          Responses.text(request, response, callback, 421, "this camera wall answers only to " + String.join(", ",
              hosts.names()) + " (CAMSTREAM_UI_ALLOWED_HOSTS adds names; behind an authenticating proxy use "
              + "CAMSTREAM_UI_ACCESS=proxy)\n");
          return true;
        }
        viewer = Viewer.anyone(remote);
      }
      case OPEN -> viewer = Viewer.anyone(remote);
      case PROXY -> {
        if (!fromTrustedProxy(request)) {
          Responses.text(request, response, callback, 403, "this camera wall is served through its authenticating "
              + "proxy only\n");
          return true;
        }
        String user = user(request);
        if (user == null) {
          Responses.text(request, response, callback, 403, "the authenticating proxy named no user (header "
              + settings.userHeader() + ")\n");
          return true;
        }
        viewer = Viewer.user(user, groups(request));
      }
      default -> throw new IllegalStateException("unknown access mode " + settings.mode());
    }
    request.setAttribute(Viewer.ATTRIBUTE, viewer);
    return super.handle(request, response, callback);
  }

  private boolean namesThisWall(Request request) {
    if (!hosts.allows(request.getHttpURI().getHost())) {
      return false;
    }
    String hostHeader = request.getHeaders().get(HttpHeader.HOST);
    return hostHeader == null || hosts.allows(HostAllowList.hostOf(hostHeader));
  }

  private boolean fromTrustedProxy(Request request) {
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    if (!(remote instanceof InetSocketAddress socket)) {
      return false;
    }
    InetAddress address = socket.getAddress();
    return address != null && trustedProxies.test(address);
  }

  private String user(Request request) {
    List<String> values = request.getHeaders().getValuesList(settings.userHeader());
    if (values.size() != 1) {
      return null;
    }
    String user = values.get(0).trim();
    return user.isEmpty() || !printable(user) ? null : user;
  }

  private List<String> groups(Request request) {
    List<String> groups = new ArrayList<>();
    for (String value : request.getHeaders().getValuesList(settings.groupsHeader())) {
      for (String group : value.split(",")) {
        String trimmed = group.trim();
        if (!trimmed.isEmpty() && printable(trimmed) && !groups.contains(trimmed)) {
          groups.add(trimmed);
        }
      }
    }
    return groups;
  }

  private static boolean printable(String value) {
    return value.length() <= MAX_NAME_LENGTH && value.chars().allMatch(c -> c >= 0x20 && c != 0x7f);
  }
}
