package io.camstream.operator.ui;

import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The wall's client to MediaMTX: HTTP/1.1, asynchronous, never following a redirect, bounded in connections. */
final class UpstreamClient {
  /** Per MediaMTX server: each watching tile holds about one blocking playlist request and one media request. */
  static final int MAX_CONNECTIONS_PER_SERVER = 256;

  private UpstreamClient() {
  }

  static HttpClient create(String name, Duration connectTimeout) {
    QueuedThreadPool threads = new QueuedThreadPool(32, 2);
    threads.setName(name);
    threads.setDaemon(true);
    ClientConnector connector = new ClientConnector();
    connector.setExecutor(threads);
    connector.setConnectTimeout(connectTimeout);
    HttpClient client = new HttpClient(new HttpClientTransportDynamic(connector));
    client.setFollowRedirects(false);
    client.setMaxConnectionsPerDestination(MAX_CONNECTIONS_PER_SERVER);
    client.setMaxRequestsQueuedPerDestination(4 * MAX_CONNECTIONS_PER_SERVER);
    client.setIdleTimeout(Duration.ofSeconds(30).toMillis());
    client.setUserAgentField(null);
    return client;
  }
}
