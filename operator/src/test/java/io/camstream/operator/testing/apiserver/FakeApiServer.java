package io.camstream.operator.testing.apiserver;

import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * A Kubernetes API server for tests that stores what a real 1.30 server stores (defaults, omitempty drops,
 * canonical quantities, allocated Service addresses, generation, resourceVersion checks on every write) and can
 * misbehave on demand ({@link #faults()}). It is Fabric8's {@link KubernetesMockServer} with
 * {@link FakeApiServerDispatcher}, so {@code expect()} scripting, {@code takeRequest()} and clients from
 * {@code createClient()} work as on the plain mock. Every operator-level test runs on it.
 */
public final class FakeApiServer extends KubernetesMockServer {
  /** The mock web server logs every request through java.util.logging; kept referenced so the level sticks. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final FakeApiServerDispatcher dispatcher;

  public FakeApiServer(FakeApiServerDispatcher dispatcher) {
    super(new Context(), new MockWebServer(), dispatcher.expectations(), dispatcher, false,
        new VersionInfo.Builder().withMajor("1").withMinor("30").withGitVersion("v1.30.0").build());
    this.dispatcher = dispatcher;
  }

  /** Starts a server with an empty store. */
  public static FakeApiServer started() {
    FakeApiServer server = new FakeApiServer(new FakeApiServerDispatcher());
    server.init();
    return server;
  }

  public Faults faults() {
    return dispatcher.faults();
  }

  public RequestLog requests() {
    return dispatcher.requests();
  }

  /**
   * Changes a stored object as another client's update would, without an HTTP round trip.
   *
   * @param path the object's API path, e.g. {@code /apis/camstream.io/v1alpha1/namespaces/NS/camerastreams/NAME}
   */
  public void editStored(String path, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>
      change) {
    dispatcher.editStored(path, change);
  }
}
