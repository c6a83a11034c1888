package io.camstream.operator.testing;

import static org.awaitility.Awaitility.await;

import io.camstream.operator.CameraStreamOperator;
import io.camstream.operator.OperatorClient;
import io.camstream.operator.OperatorSettings;
import io.camstream.operator.mediamtx.sync.MediaMtxConfigSync;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.events.EventRecorder;
import io.camstream.operator.health.PushHealthSource;
import io.camstream.operator.testing.apiserver.ApiRequest;
import io.camstream.operator.testing.apiserver.Authorization;
import io.camstream.operator.testing.apiserver.FakeApiServer;
import io.camstream.operator.testing.apiserver.RequestLog;
import io.camstream.operator.ui.WatchedCameraStreams;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Starts the real camstream {@link Operator} (same assembly as production) against the server-shaped test API
 * server ({@link FakeApiServer}: defaults, canonical quantities, 409 on stale writes, faults on demand), with the
 * generated CameraStream CRD installed first so {@code /status} is a subresource.
 *
 * <p>The mock has no controllers and no garbage collector: tests play the Deployment controller with
 * {@link #markDeploymentReady} and check owner references instead of cascading deletes. Share one harness per
 * test class ({@code @BeforeAll}/{@code @AfterAll}) and give each test its own {@link #newNamespace()}.
 */
public final class OperatorTestHarness implements AutoCloseable {
  public static final String CRD_RESOURCE = "META-INF/fabric8/camerastreams.camstream.io-v1.yml";
  public static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  /** The User-Agent of the test's own client, so a test can tell its requests from the operator's. */
  public static final String TEST_USER_AGENT = "camstream-test";
  private final FakeApiServer server;
  private final KubernetesClient client;
  private final KubernetesClient operatorClient;
  private final Builder builder;
  private Operator operator;
  private OperatorSettings settings;
  private WatchedCameraStreams watched;
  /** The running operator's Event recorder: a restarted operator starts a new one, as a new process would. */
  private EventRecorder eventRecorder;
  private PushHealthSource pushHealth;

  private OperatorTestHarness(Builder builder) {
    this.builder = builder;
    // Tests may still script individual answers with server().expect(), and inject faults with server().faults().
    server = FakeApiServer.started();
    server.authorization().exempt(TEST_USER_AGENT);
    builder.authorization.accept(server.authorization());
    if (builder.ownerReferencesPermissionEnforcement) {
      server.enforceOwnerReferencesPermission(OperatorRbac.shipped());
    }
    allowLeaderElection(server);
    client = server.createClient(b -> b.withHttpClientFactory(new JdkHttpClientFactory())
        .editOrNewConfig().withUserAgent(TEST_USER_AGENT).endConfig());
    // The operator's client as production builds it (what it reads, how it lists), pointed at the test server.
    operatorClient = OperatorClient.build(server.config());
    installCrd(client);
    builder.storedBeforeStart.accept(client);
    settings = OperatorSettings.from(builder.environment);
    operator = builder.operatorInThisProcess ? startOperator(builder.pushHealth) : null;
  }

  private Operator startOperator(PushHealthSource pushHealth) {
    settings = OperatorSettings.from(builder.environment);
    watched = new WatchedCameraStreams();
    // Tests stop the operator often: do not wait the production 20 s for in-flight reconciles.
    Consumer<ConfigurationServiceOverrider> testConfiguration = overrider -> overrider
        .withReconciliationTerminationTimeout(Duration.ofSeconds(2));
    this.pushHealth = pushHealth;
    eventRecorder = EventRecorder.start(operatorClient, Clock.systemUTC(), builder.meterRegistry);
    Operator started = CameraStreamOperator.create(operatorClient, settings, builder.meterRegistry, pushHealth,
        builder.configSync != null ? builder.configSync : CameraStreamOperator.configSync(settings), eventRecorder,
        testConfiguration.andThen(builder.extraConfiguration), watched);
    started.start();
    return started;
  }

  /**
   * Stops the operator and starts a new one against the same API server, as a new pod of the operator would start:
   * empty caches, nothing remembered but what the API server stores.
   *
   * @param pushHealth a new push-health source (a new process starts with no health history)
   */
  public void restartOperator(PushHealthSource pushHealth) {
    restartOperator(pushHealth, Map.of());
  }

  /** Restarts the operator with changed environment variables, as a changed operator Deployment would. */
  public void restartOperator(PushHealthSource pushHealth, Map<String, String> environmentChanges) {
    restartOperator(pushHealth, environmentChanges, () -> { });
  }

  /** Restarts the operator after something happened while none ran (a user's change during an upgrade or crash). */
  public void restartOperator(PushHealthSource pushHealth, Runnable whileStopped) {
    restartOperator(pushHealth, Map.of(), whileStopped);
  }

  private void restartOperator(PushHealthSource pushHealth, Map<String, String> environmentChanges,
      Runnable whileStopped) {
    operator.stop();
    eventRecorder.close();
    whileStopped.run();
    builder.environment.putAll(environmentChanges);
    operator = startOperator(pushHealth);
  }

  /** The operator's requests (not the test client's) since a mark of {@code server().requests()}. */
  public RequestLog.Requests operatorRequestsSince(long mark) {
    return server.requests().since(mark).filter(r -> r.userAgent() == null
        || !r.userAgent().contains(TEST_USER_AGENT));
  }

  /**
   * JOSDK checks its Lease permissions with a SelfSubjectRulesReview, which the CRUD mock cannot answer; answer it
   * as an API server would for the operator's ServiceAccount (leases: get, create, update).
   */
  private static void allowLeaderElection(FakeApiServer server) {
    SelfSubjectRulesReview review = new SelfSubjectRulesReviewBuilder()
        .withNewMetadata().endMetadata()
        .withNewStatus().withIncomplete(false)
          .addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
            .withVerbs("get", "create", "update").endResourceRule()
        .endStatus()
        .build();
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, review).always();
  }

  public static OperatorTestHarness start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Installs the generated CRD into any API server (the mock included). */
  public static void installCrd(KubernetesClient client) {
    try (InputStream crd = OperatorTestHarness.class.getClassLoader().getResourceAsStream(CRD_RESOURCE)) {
      if (crd == null) {
        throw new IllegalStateException(CRD_RESOURCE + " not on the classpath: run the build's process-classes");
      }
      CustomResourceDefinition definition = client.getKubernetesSerialization()
          .unmarshal(crd, CustomResourceDefinition.class);
      client.apiextensions().v1().customResourceDefinitions().resource(definition).create();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The test's own client (User-Agent {@value #TEST_USER_AGENT}); the operator has its own. */
  public KubernetesClient client() {
    return client;
  }

  public Operator operator() {
    return operator;
  }

  /** The operator's settings, as read from the builder's environment. */
  public OperatorSettings settings() {
    return settings;
  }

  /** The operator's CameraStream cache, as the camera wall reads it. */
  public WatchedCameraStreams watchedCameraStreams() {
    return watched;
  }

  public FakeApiServer server() {
    return server;
  }

  /** A fresh namespace name, so tests sharing one harness never see each other's objects. */
  public String newNamespace() {
    return "test-" + NAMESPACES.incrementAndGet();
  }

  public CameraStream create(CameraStream cameraStream) {
    return client.resource(cameraStream).create();
  }

  public CameraStream get(String namespace, String name) {
    return client.resources(CameraStream.class).inNamespace(namespace).withName(name).get();
  }

  /**
   * Applies a spec change the way {@code kubectl edit} would: read, change, write with optimistic locking, and
   * start over when the operator wrote the status in between (409 Conflict).
   */
  public CameraStream edit(String namespace, String name, Consumer<CameraStream> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.resources(CameraStream.class).inNamespace(namespace).withName(name).edit(cs -> {
          change.accept(cs);
          return cs;
        });
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= 20) {
          throw e;
        }
      }
    }
  }

  public void delete(String namespace, String name) {
    client.resources(CameraStream.class).inNamespace(namespace).withName(name).delete();
  }

  public Deployment deployment(String namespace, String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  public Deployment awaitDeployment(String namespace, String name) {
    await().atMost(TIMEOUT).until(() -> deployment(namespace, name) != null);
    return deployment(namespace, name);
  }

  public void awaitDeploymentGone(String namespace, String name) {
    await().atMost(TIMEOUT).until(() -> deployment(namespace, name) == null);
  }

  /**
   * Plays the scheduler, the kubelet and the Deployment controller: one replica available and ready. A pod starts
   * only once its volumes are bound, so every claim its template mounts is bound first ({@link #bindClaim}, as
   * a {@code WaitForFirstConsumer} class binds when the pod is scheduled); one that cannot be bound fails the test.
   */
  public void markDeploymentReady(String namespace, String name) {
    Deployment deployment = deployment(namespace, name);
    if (deployment != null) {
      deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
          .filter(volume -> volume.getPersistentVolumeClaim() != null)
          .map(volume -> volume.getPersistentVolumeClaim().getClaimName())
          .forEach(claim -> bindClaim(namespace, claim));
    }
    setDeploymentStatus(namespace, name, true);
  }

  /**
   * Plays the PersistentVolume controller with a provisioner: the claim gets a volume of the size it requests and
   * is Bound (a claim already Bound is left as it is). Only a claim whose StorageClass exists is provisioned.
   */
  public PersistentVolumeClaim bindClaim(String namespace, String name) {
    var claims = client.persistentVolumeClaims().inNamespace(namespace).withName(name);
    PersistentVolumeClaim claim = claims.get();
    if (claim == null) {
      throw new IllegalStateException("no pod can start: PersistentVolumeClaim " + namespace + "/" + name
          + " does not exist");
    }
    if (claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase())) {
      return claim;
    }
    String storageClass = claim.getSpec().getStorageClassName();
    if (storageClass == null || storageClass.isEmpty()
        || client.storage().v1().storageClasses().withName(storageClass).get() == null) {
      throw new IllegalStateException("no provisioner binds PersistentVolumeClaim " + namespace + "/" + name
          + ": " + (storageClass == null || storageClass.isEmpty() ? "it has no StorageClass"
          : "StorageClass " + storageClass + " does not exist"));
    }
    claims.edit(c -> {
      c.getSpec().setVolumeName("pvc-" + c.getMetadata().getUid());
      return c;
    });
    return claims.editStatus(c -> {
      c.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase("Bound")
          .withAccessModes(c.getSpec().getAccessModes())
          .withCapacity(Map.of("storage", c.getSpec().getResources().getRequests().get("storage")))
          .build());
      return c;
    });
  }

  /** Plays the Deployment controller: the pod exists but is not ready. */
  public void markDeploymentNotReady(String namespace, String name) {
    setDeploymentStatus(namespace, name, false);
  }

  private void setDeploymentStatus(String namespace, String name, boolean ready) {
    Deployment updated = client.apps().deployments().inNamespace(namespace).withName(name).editStatus(deployment -> {
      deployment.setStatus(new DeploymentStatusBuilder()
          .withObservedGeneration(deployment.getMetadata().getGeneration())
          .withReplicas(1)
          .withUpdatedReplicas(1)
          .withReadyReplicas(ready ? 1 : 0)
          .withAvailableReplicas(ready ? 1 : 0)
          .withUnavailableReplicas(ready ? 0 : 1)
          .withConditions(new DeploymentConditionBuilder()
              .withType("Available")
              .withStatus(ready ? "True" : "False")
              .withReason(ready ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
              .withMessage(ready ? "Deployment has minimum availability."
                  : "Deployment does not have minimum availability.")
              .build())
          .build());
      return deployment;
    });
    Map<String, String> labels = updated.getMetadata().getLabels();
    if (pushHealth instanceof StreamerReadinessPushHealth streamers && labels != null
        && Labels.COMPONENT_STREAMER.equals(labels.get(Labels.COMPONENT))) {
      streamers.streamerReadinessChanged(new ResourceID(labels.get(Labels.CAMERA_STREAM), namespace));
    }
  }

  /** Waits until the CameraStream satisfies the condition, and returns it. */
  public CameraStream awaitCameraStream(String namespace, String name, Predicate<CameraStream> condition) {
    return awaitCameraStream(namespace, name, condition, TIMEOUT);
  }

  public CameraStream awaitCameraStream(String namespace, String name, Predicate<CameraStream> condition,
      Duration timeout) {
    await().atMost(timeout).until(() -> {
      CameraStream current = get(namespace, name);
      return current != null && condition.test(current);
    });
    return get(namespace, name);
  }

  /** The Events stored in a namespace, after every Event recorded so far was written (they are asynchronous). */
  public List<Event> events(String namespace) {
    awaitEventsWritten();
    return client.v1().events().inNamespace(namespace).list().getItems();
  }

  /** Waits until the operator's Event recorder has written (or given up on) every Event recorded so far. */
  public void awaitEventsWritten() {
    if (eventRecorder == null) {
      return;
    }
    try {
      if (!eventRecorder.awaitIdle(TIMEOUT)) {
        throw new IllegalStateException("the operator's Events were not written within " + TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The Events of a namespace the operator created or updated since a mark of {@code server().requests()}. */
  public List<Event> eventsSince(String namespace, long mark) {
    awaitEventsWritten();
    Set<String> written = operatorRequestsSince(mark).to("events").writes().list().stream()
        .filter(r -> namespace.equals(r.path().namespace())).map(ApiRequest::name).collect(Collectors.toSet());
    return events(namespace).stream().filter(e -> written.contains(e.getMetadata().getName())).toList();
  }

  @Override
  public void close() {
    try {
      if (operator != null) {
        operator.stop();
      }
      if (eventRecorder != null) {
        eventRecorder.close();
      }
    } finally {
      client.close();
      operatorClient.close();
      server.destroy();
    }
  }

  /** Options for the operator under test; the defaults match production except leader election (off). */
  public static final class Builder {
    private final Map<String, String> environment = new HashMap<>(Map.of(OperatorSettings.LEADER_ELECTION, "false"));
    private PushHealthSource pushHealth = new StreamerReadinessPushHealth();
    private MediaMtxConfigSync configSync;
    private MeterRegistry meterRegistry;
    private Consumer<ConfigurationServiceOverrider> extraConfiguration = overrider -> { };
    private Consumer<KubernetesClient> storedBeforeStart = client -> { };
    private Consumer<Authorization> authorization = rules -> { };
    private boolean operatorInThisProcess = true;
    private boolean ownerReferencesPermissionEnforcement;

    private Builder() {
    }

    /** Writes objects the API server already holds when the operator starts (as after a restart or upgrade). */
    public Builder storedBeforeStart(Consumer<KubernetesClient> writes) {
      this.storedBeforeStart = writes;
      return this;
    }

    /** Takes permissions away from the operator's ServiceAccount before it starts, as a missing binding would. */
    public Builder authorization(Consumer<Authorization> rules) {
      this.authorization = rules;
      return this;
    }

    /** Sets an operator environment variable ({@code CAMSTREAM_*}), as the Deployment's env would. */
    public Builder env(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /** Replaces the default {@link StreamerReadinessPushHealth}, e.g. with push health polling a fake MediaMTX. */
    /** The MediaMTX control-API sync, e.g. one pointed at a fake MediaMTX; else the production one from settings. */
    public Builder configSync(MediaMtxConfigSync configSync) {
      this.configSync = configSync;
      return this;
    }

    public Builder pushHealth(PushHealthSource pushHealth) {
      this.pushHealth = pushHealth;
      return this;
    }

    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = meterRegistry;
      return this;
    }

    public Builder configure(Consumer<ConfigurationServiceOverrider> extraConfiguration) {
      this.extraConfiguration = extraConfiguration;
      return this;
    }

    /**
     * The API server runs the {@code OwnerReferencesPermissionEnforcement} admission plugin (default on OpenShift),
     * with the operator allowed what {@code k8s/operator}'s RBAC grants it.
     */
    public Builder ownerReferencesPermissionEnforcement() {
      this.ownerReferencesPermissionEnforcement = true;
      return this;
    }

    /** Only the API server (with the CRD): for tests that run the operator as its own process. */
    public Builder withoutOperator() {
      this.operatorInThisProcess = false;
      return this;
    }

    public OperatorTestHarness start() {
      return new OperatorTestHarness(this);
    }
  }
}
