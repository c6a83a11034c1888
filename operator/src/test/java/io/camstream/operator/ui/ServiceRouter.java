package io.camstream.operator.ui;

import io.camstream.operator.testing.mediamtx.RealMediaMtx;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * What cluster DNS and Services do for the operator in a cluster, for tests without one: each CameraStream's MediaMTX
 * at its own address. The operator's URL templates point here ({@link #template(int)}:
 * {@code http://127.0.0.1:P/{namespace}/{name}/<container port>}) and each request is forwarded, as it is, to the
 * real MediaMTX registered for that CameraStream, on the loopback port standing in for the container port.
 */
final class ServiceRouter implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final Map<String, RealMediaMtx> servers = new ConcurrentHashMap<>();

  private ServiceRouter() {
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new ProxyHandler.Reverse(this::route) {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        if (route(request) == null) {
          Response.writeError(request, response, callback, 404, "no such Service");
          return true;
        }
        return super.handle(request, response, callback);
      }

      @Override
      protected void addProxyHeaders(Request request, org.eclipse.jetty.client.Request upstream) {
        // a Service forwards packets, it adds no headers
      }
    });
  }

  static ServiceRouter start() throws Exception {
    ServiceRouter router = new ServiceRouter();
    router.server.start();
    return router;
  }

  /** Routes {@code namespace/name}'s Service ports to {@code mediaMtx}. */
  void register(String namespace, String name, RealMediaMtx mediaMtx) {
    servers.put(namespace + "/" + name, mediaMtx);
  }

  /** The operator's URL template of a MediaMTX container port, e.g. 8888 for HLS. */
  String template(int containerPort) {
    return "http://127.0.0.1:" + connector.getLocalPort() + "/{namespace}/{name}/" + containerPort;
  }

  private HttpURI route(Request request) {
    String[] parts = request.getHttpURI().getPath().split("/", 5);
    if (parts.length < 4) {
      return null;
    }
    RealMediaMtx mediaMtx = servers.get(parts[1] + "/" + parts[2]);
    if (mediaMtx == null || !parts[3].matches("[0-9]{1,5}")) {
      return null;
    }
    int port = mediaMtx.port(Integer.parseInt(parts[3]));
    return HttpURI.build(request.getHttpURI()).scheme("http").host("127.0.0.1").port(port)
        .path("/" + (parts.length == 5 ? parts[4] : ""));
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
