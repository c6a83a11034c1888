package io.camstream.operator.ui;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An Ingress that publishes the wall under a path prefix and strips it before forwarding, as
 * {@code nginx.ingress.kubernetes.io/rewrite-target} does: {@code /cameras/api/wall} reaches the wall as
 * {@code /api/wall}. Anything outside the prefix is 404 here and never reaches the wall.
 */
final class PrefixStrippingProxy implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final List<String> forwarded;

  private PrefixStrippingProxy(Server server, ServerConnector connector, List<String> forwarded) {
    this.server = server;
    this.connector = connector;
    this.forwarded = forwarded;
  }

  static PrefixStrippingProxy start(String prefix, int wallPort) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    connector.setPort(0);
    server.addConnector(connector);
    List<String> forwarded = new CopyOnWriteArrayList<>();
    server.setHandler(new ProxyHandler.Reverse(request -> rewrite(request, prefix, wallPort)) {
      @Override
      public boolean handle(Request request, org.eclipse.jetty.server.Response response,
          org.eclipse.jetty.util.Callback callback) {
        if (!request.getHttpURI().getPath().startsWith(prefix)) {
          org.eclipse.jetty.server.Response.writeError(request, response, callback, 404);
          return true;
        }
        forwarded.add(request.getMethod() + " " + request.getHttpURI().getPathQuery());
        return super.handle(request, response, callback);
      }
    });
    server.start();
    return new PrefixStrippingProxy(server, connector, forwarded);
  }

  private static HttpURI rewrite(Request request, String prefix, int wallPort) {
    HttpURI uri = request.getHttpURI();
    String path = "/" + uri.getPath().substring(prefix.length());
    return HttpURI.build(uri).scheme("http").host("127.0.0.1").port(wallPort).path(path);
  }

  /** "METHOD /prefix/path?query" of every request passed on to the wall, in order. */
  List<String> forwarded() {
    return List.copyOf(forwarded);
  }

  int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
