package io.camstream.operator.ui;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera wall: a web page of every watched CameraStream and its cameras, on its own port
 * ({@code CAMSTREAM_UI_PORT}, apart from probes and metrics), served by Jetty: HTTP/1.1 and h2c (an Ingress may
 * speak HTTP/2 to it in the clear), h2 and HTTP/1.1 over TLS when a certificate is configured. Nothing waits on a
 * thread per viewer: event streams and proxied video are asynchronous. What a hostile client can hold is bounded:
 * a request's headers must arrive within {@link #HEADER_TIMEOUT}, a silent connection closes after
 * {@link #IDLE_TIMEOUT}, and event streams and video requests are limited per client and in all. Routes:
 * {@link WallRoutes}; who may see what: {@link AccessGate} and {@link CameraAccess}.
 */
public final class CameraWallServer implements AutoCloseable {
  static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
  /** Longer than the event streams' keep-alive, which therefore never idles out. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  static final int EVENT_STREAMS_PER_CLIENT = 8;
  static final int EVENT_STREAMS_TOTAL = 1024;
  static final int VIDEO_REQUESTS_PER_CLIENT = 64;
  static final int VIDEO_REQUESTS_TOTAL = 2048;
  static final int MAX_CONNECTIONS = 4096;
  private static final Logger log = LoggerFactory.getLogger(CameraWallServer.class);

  private final Server server;
  private final ServerConnector connector;
  private final WallEventStream events;

  private CameraWallServer(Server server, ServerConnector connector, WallEventStream events) {
    this.server = server;
    this.connector = connector;
    this.events = events;
  }

  /**
   * Starts the wall on {@code settings.port()} (0 in settings means off: use {@link #startIfEnabled}).
   *
   * @param client asks Kubernetes whether a user may see a CameraStream ({@code proxy} mode)
   */
  public static CameraWallServer start(CameraWallSettings settings, WatchedCameraStreams watched,
      KubernetesClient client) throws IOException {
    return start(new InetSocketAddress(settings.port()), settings, watched, access(settings, client),
        new CredentialsSecretCdnSecrets(client, Clock.systemUTC()), WallEventStream.KEEP_ALIVE);
  }

  public static Optional<CameraWallServer> startIfEnabled(CameraWallSettings settings, WatchedCameraStreams watched,
      KubernetesClient client) throws IOException {
    return settings.enabled() ? Optional.of(start(settings, watched, client)) : Optional.empty();
  }

  static CameraAccess access(CameraWallSettings settings, KubernetesClient client) {
    return settings.access().mode() == AccessMode.PROXY
        ? new ReviewedCameraAccess(new KubernetesAccessReviewer(client), Clock.systemUTC())
        : CameraAccess.EVERYONE;
  }

  /** For tests: any address (port 0 picks a free one), access decision, MediaMTX secrets and keep-alive. */
  static CameraWallServer start(InetSocketAddress address, CameraWallSettings settings,
      WatchedCameraStreams watched, CameraAccess access, UpstreamSecrets secrets, Duration keepAlive)
      throws IOException {
    StaticAssets assets = StaticAssets.load();
    WallFeed feed = new WallFeed(watched);
    WallView view = new WallView(access);
    WallEventStream events = new WallEventStream(feed, view,
        new ClientLimits(EVENT_STREAMS_PER_CLIENT, EVENT_STREAMS_TOTAL), keepAlive);
    CameraGate gate = new CameraGate(watched, view, new ClientLimits(VIDEO_REQUESTS_PER_CLIENT,
        VIDEO_REQUESTS_TOTAL));
    HlsProxy hls = new HlsProxy(settings, gate, secrets);
    WhepProxy whep = new WhepProxy(settings, gate);

    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("camstream-wall");
    threads.setDaemon(true);
    Server server = new Server(threads);
    ServerConnector connector = connector(server, settings);
    connector.setHost(address.getHostString());
    connector.setPort(address.getPort());
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    connector.addBean(new SlowClientGuard(HEADER_TIMEOUT));
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));
    server.setHandler(new AccessGate(settings.access(), new WallRoutes(assets, feed, view, events, hls, whep)));
    server.setStopTimeout(2000);
    try {
      server.start();
    } catch (IOException e) {
      stopQuietly(server, events);
      throw e;
    } catch (Exception e) {
      stopQuietly(server, events);
      throw new IOException("the camera wall could not start: " + e.getMessage(), e);
    }
    announce(settings, connector.getLocalPort(), assets);
    return new CameraWallServer(server, connector, events);
  }

  private static ServerConnector connector(Server server, CameraWallSettings settings) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(8 * 1024);
    if (settings.tls().isEmpty()) {
      return new ServerConnector(server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    }
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // the certificate names the wall's public name; a port-forward to localhost must still be answered
    secure.setSniHostCheck(false);
    http.addCustomizer(secure);
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStore(WallTlsKeyStore.load(settings.tls().get()));
    tls.setKeyStorePassword(new String(WallTlsKeyStore.PASSWORD));
    server.addBean(new CertificateReloader(tls, settings.tls().get(), CertificateReloader.PERIOD));
    HttpConnectionFactory http1 = new HttpConnectionFactory(http);
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
    alpn.setDefaultProtocol(http1.getProtocol());
    return new ServerConnector(server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn,
        new HTTP2ServerConnectionFactory(http), http1);
  }

  private static void announce(CameraWallSettings settings, int port, StaticAssets assets) {
    String protocols = settings.tls().isPresent() ? "https (h2, HTTP/1.1)" : "http (HTTP/1.1, h2c)";
    switch (settings.access().mode()) {
      case OPEN -> log.warn("camera wall on port {} ({}) is OPEN ({}=open): anyone who reaches this port sees every"
          + " watched camera of readers: public", port, protocols, CameraWallSettings.ACCESS);
      case PROXY -> log.info("camera wall on port {} ({}), behind the authenticating proxy at {}: user from {},"
          + " groups from {}; each user sees the CameraStreams Kubernetes lets them get", port, protocols,
          settings.access().trustedProxies(), settings.access().userHeader(), settings.access().groupsHeader());
      default -> log.info("camera wall on port {} ({}), answering {}", port, protocols,
          new HostAllowList(settings.access().allowedHosts()).names());
    }
    log.debug("camera wall serves hls.js {}", assets.hlsJsVersion());
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** How many pages are open (server-sent event streams). */
  public int viewers() {
    return events.viewers();
  }

  @Override
  public void close() {
    stopQuietly(server, events);
  }

  private static void stopQuietly(Server server, WallEventStream events) {
    events.close();
    try {
      server.stop();
    } catch (Exception e) {
      log.debug("camera wall stop: {}", e.toString());
    }
  }
}
