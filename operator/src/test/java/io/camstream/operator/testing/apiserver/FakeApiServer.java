package io.camstream.operator.testing.apiserver;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.dsl.MockServerExpectation;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockServerExpectationImpl;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Kubernetes API server for tests that stores what a real 1.30 server stores (defaults, omitempty drops,
 * canonical quantities, allocated Service addresses, generation, managedFields, resourceVersion checks on every
 * write), lists in pages and watches from a resourceVersion as it does, serves requests concurrently, and can
 * misbehave on demand ({@link #faults()}). {@link #expect()} scripts single answers (Fabric8's mock DSL), clients
 * come from {@link #createClient}. Every operator-level test runs on it. See {@link FakeApiServerDispatcher}.
 */
public final class FakeApiServer {
  private final FakeApiServerDispatcher dispatcher;
  private final HttpFrontEnd http;
  private final Context context = new Context(Serialization.jsonMapper());
  private int port = -1;

  public FakeApiServer(FakeApiServerDispatcher dispatcher) {
    this.dispatcher = dispatcher;
    this.http = new HttpFrontEnd(dispatcher);
  }

  /** The StorageClass the server comes with, as on kind: the default, bound when first used, not expandable. */
  public static final String DEFAULT_STORAGE_CLASS = "standard";

  /** Starts a server that holds only what a fresh kind cluster holds that camstream reads: its StorageClass. */
  public static FakeApiServer started() {
    FakeApiServer server = new FakeApiServer(new FakeApiServerDispatcher());
    server.init();
    server.dispatcher.preinstall("/apis/storage.k8s.io/v1/storageclasses", """
        {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
         "metadata": {"name": "%s", "annotations": {"%s": "true"}},
         "provisioner": "rancher.io/local-path", "reclaimPolicy": "Delete",
         "volumeBindingMode": "WaitForFirstConsumer"}
        """.formatted(DEFAULT_STORAGE_CLASS, StorageAdmission.DEFAULT_CLASS_ANNOTATION));
    return server;
  }

  /**
   * Enables the {@code OwnerReferencesPermissionEnforcement} admission plugin (on by default on OpenShift), which
   * asks {@code rbac} whether the requester may delete an object whose owner references it changes.
   */
  public FakeApiServer enforceOwnerReferencesPermission(Authorizer rbac) {
    dispatcher.enforceOwnerReferencesPermission(rbac);
    return this;
  }

  /** Starts listening on a free port of 127.0.0.1. */
  public void init() {
    port = http.start();
  }

  /** Closes every watch and stops listening. */
  public void destroy() {
    dispatcher.shutdown();
    http.stop();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + (path.startsWith("/") ? path : "/" + path);
  }

  public int getPort() {
    return port;
  }

  /** Scripts the answer to a request (method and exact path with query), before the store sees it. */
  public MockServerExpectation expect() {
    return new MockServerExpectationImpl(dispatcher.expectations(), context);
  }

  /** The next request received, in arrival order; null after the timeout. */
  public RecordedRequest takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
    return http.takeRequest(timeout, unit);
  }

  public RecordedRequest takeRequest() throws InterruptedException {
    return http.takeRequest();
  }

  public NamespacedKubernetesClient createClient() {
    return createClient(builder -> { });
  }

  public NamespacedKubernetesClient createClient(HttpClient.Factory factory) {
    return createClient(builder -> builder.withHttpClientFactory(factory));
  }

  /** A client of this server (namespace {@code test}, HTTP/1.1), customized by {@code customizer}. */
  public NamespacedKubernetesClient createClient(Consumer<KubernetesClientBuilder> customizer) {
    KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config());
    customizer.accept(builder);
    KubernetesClient client = builder.build();
    return client.adapt(NamespacedKubernetesClient.class);
  }

  /** What {@link #createClient} configures: this server's URL, namespace {@code test}, HTTP/1.1. */
  public Config config() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url("/"))
        .withNamespace("test")
        .withHttp2Disable(true)
        .withUsername("fake-api-server-user")
        .withOauthToken("secret")
        .build();
  }

  public Faults faults() {
    return dispatcher.faults();
  }

  /** What the operator's ServiceAccount may do: everything until a test takes a binding away. */
  public Authorization authorization() {
    return dispatcher.authorization();
  }

  public RequestLog requests() {
    return dispatcher.requests();
  }

  /**
   * Changes a stored object as another client's update would, without an HTTP round trip.
   *
   * @param path the object's API path, e.g. {@code /apis/camstream.io/v1alpha1/namespaces/NS/camerastreams/NAME}
   */
  public void editStored(String path, Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change) {
    dispatcher.editStored(path, change);
  }

  /**
   * {@link #editStored(String, Consumer)} as {@code fieldManager} writes it: a path ending in {@code /status} is a
   * {@code /status} write (the Deployment controller's revision annotation and status, as {@code
   * kube-controller-manager} writes them).
   */
  public void editStored(String path, String fieldManager,
      Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change) {
    dispatcher.editStored(path, fieldManager, change);
  }

  /**
   * Hands {@code listener} the JSON of every object of a resource as a create or update stores it (what a watch
   * sends as ADDED or MODIFIED; deletions left out), in commit order, on the committing thread: it must only hand
   * the work off, e.g. to an executor. What an in-process controller watches instead of a watch over HTTP.
   *
   * @param collectionPath e.g. {@code /apis/apps/v1/deployments}
   */
  public void onStored(String collectionPath, Consumer<String> listener) {
    dispatcher.onStored(collectionPath, listener);
  }

  /**
   * As etcd's compaction: watches can no longer resume from an earlier resourceVersion (410 Gone) nor paged lists
   * continue (410 Expired).
   */
  public void compact() {
    dispatcher.store().compact();
  }

  /** How long changes are kept for resuming watches and paged lists (5 minutes, kube-apiserver's compaction). */
  public void retention(Duration retention) {
    dispatcher.store().retention(retention);
  }
}
