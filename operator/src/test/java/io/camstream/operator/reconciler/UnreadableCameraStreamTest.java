package io.camstream.operator.reconciler;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.RawCameraStreams;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.javaoperatorsdk.operator.RuntimeInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * A CameraStream this operator version cannot read (a value from a newer CRD, a wrong type, an object stored before
 * a validation rule existed, or by an API server that does not check the schema) never stops the operator: the
 * informer keeps listing and watching, every other CameraStream keeps reconciling, and the unreadable one gets
 * {@code Ready=False}/{@code InvalidSpec} naming the field and its value while nothing is created or deleted for it.
 */
class UnreadableCameraStreamTest {
  private static final String STORED_NS = "stored-before-start";
  private static final String PASSWORD = "planted-PASS-7kq";

  private static OperatorTestHarness harness;

  @BeforeAll
  static void startWithUnreadableAndReadableResourcesAlreadyStored() {
    harness = OperatorTestHarness.builder().storedBeforeStart(client -> {
      RawCameraStreams.store(client, STORED_NS, "legacy", """
          cameras:
          - name: lobby
            source: {url: testpattern}
            mode: teleport
          """);
      RawCameraStreams.store(client, STORED_NS + "-ok", "site", """
          cameras:
          - name: lobby
            source: {url: testpattern}
          """);
    }).start();
  }

  @AfterAll
  static void stopOperator() {
    harness.close();
  }

  @AfterEach
  void operatorKeepsRunning() {
    assertOperatorRunning();
  }

  @Test
  void unreadableResourceStoredBeforeTheOperatorStartedIsReportedAndTheOthersReconcile() {
    Condition ready = awaitInvalidSpec(STORED_NS, "legacy");
    assertThat(ready.getMessage()).contains("spec.cameras[0].mode", "\"teleport\"", "auto", "transcode",
        "passthrough");
    assertNothingWritten(STORED_NS);

    awaitReady(STORED_NS + "-ok", "site", "lobby");
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "later", testPattern("hall")));
    awaitReady(ns, "later", "hall");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      an unknown enum value    | 'cameras: [{name: lobby, source: {url: testpattern}, mode: teleport}]'           | spec.cameras[0].mode      | "teleport"
      a string for a number    | 'cameras: [{name: lobby, source: {url: testpattern}, video: {fps: "thirty"}}]'   | spec.cameras[0].video.fps | "thirty"
      a list for an object     | 'cameras: [{name: lobby, source: [testpattern]}]'                                | spec.cameras[0].source    | ["testpattern"]
      an object for a list     | 'cameras: {lobby: {source: {url: testpattern}}}'                                 | spec.cameras              | {"lobby":
      a bad resource quantity  | 'cameras: [{name: lobby, source: {url: testpattern}, resources: {limits: {cpu: [2]}}}]' | spec.cameras[0].resources.limits.cpu | [2]
      """)
  void unreadableResourceCreatedWhileRunningIsReportedAndTheOthersReconcile(String what, String spec, String field,
      String value) {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "before", testPattern("hall")));
    awaitReady(ns, "before", "hall");

    RawCameraStreams.store(harness.client(), ns, "poison", spec);
    Condition ready = awaitInvalidSpec(ns, "poison");
    assertThat(ready.getMessage()).contains(field, value);
    assertThat(owned(ns)).as("nothing written for the unreadable one").allMatch(o -> o.getMetadata().getName()
        .startsWith("before-"));

    harness.create(CameraStreams.of(ns, "after", testPattern("yard")));
    awaitReady(ns, "after", "yard");
    harness.edit(ns, "before", cs -> cs.getSpec().getCameras().add(testPattern("gate")));
    harness.awaitDeployment(ns, "before-gate");
  }

  /** A source URL with credentials in a value that cannot be read: the message shows where, never the password. */
  @Test
  void theMessageNeverCarriesCredentials() {
    String ns = harness.newNamespace();
    RawCameraStreams.store(harness.client(), ns, "poison", """
        cameras:
        - name: gate
          source: ["rtsp://admin:%s@10.0.0.5/stream"]
        """.formatted(PASSWORD));
    Condition ready = awaitInvalidSpec(ns, "poison");
    assertThat(ready.getMessage()).contains("spec.cameras[0].source", "rtsp://***@10.0.0.5/stream")
        .doesNotContain(PASSWORD).doesNotContain("admin");
    assertThat(harness.events(ns)).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
  }

  /**
   * The downgrade case: a running CameraStream edited (by a newer tool) into something this version cannot read
   * keeps all it has, its stored spec survives the operator's status writes untouched, and fixing it recovers.
   */
  @Test
  void aRunningResourceThatBecomesUnreadableKeepsEverythingAndRecoversWhenFixed() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby")));
    awaitReady(ns, "site", "lobby");
    List<String> before = versions(owned(ns));

    editRaw(ns, "site", spec -> ((Map<String, Object>) ((List<?>) spec.get("cameras")).get(0))
        .put("mode", "teleport"));
    awaitInvalidSpec(ns, "site");
    assertThat(versions(owned(ns))).as("nothing changed or deleted").containsExactlyInAnyOrderElementsOf(before);
    assertThat(cameraField(RawCameraStreams.get(harness.client(), ns, "site"), "mode"))
        .as("the stored spec is left as stored").isEqualTo("teleport");

    long streamerGeneration = harness.deployment(ns, "site-lobby").getMetadata().getGeneration();
    editRaw(ns, "site", spec -> ((Map<String, Object>) ((List<?>) spec.get("cameras")).get(0))
        .put("mode", "transcode"));
    await().atMost(OperatorTestHarness.TIMEOUT).until(() ->
        harness.deployment(ns, "site-lobby").getMetadata().getGeneration() > streamerGeneration);
    awaitReady(ns, "site", "lobby");
  }

  /** Fields a newer CRD added are ignored (one log line per resource, not per reconcile); the rest reconciles. */
  @Test
  void fieldsFromANewerCrdAreIgnoredAndLoggedOnce() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger log = (Logger) LoggerFactory.getLogger("io.camstream.operator");
    logs.start();
    log.addAppender(logs);
    try {
      installNewerCrd();
      String ns = harness.newNamespace();
      RawCameraStreams.store(harness.client(), ns, "site", """
          cameras:
          - name: lobby
            source: {url: testpattern}
            zoom: 2
          """);
      awaitReady(ns, "site", "lobby");
      harness.edit(ns, "site", cs -> cs.getSpec().getCameras().add(testPattern("gate")));
      harness.awaitDeployment(ns, "site-gate");
      harness.markDeploymentReady(ns, "site-gate");
      harness.awaitCameraStream(ns, "site", cs -> "2/2".equals(cs.getStatus().getReadyCameras()));

      List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
          .filter(m -> m.contains(ns + "/site") && m.contains("zoom")).toList();
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0)).contains("spec.cameras[0].zoom");
    } finally {
      log.detachAppender(logs);
    }
  }

  // --- helpers ----------------------------------------------------------------------------------------------

  private static void assertOperatorRunning() {
    RuntimeInfo runtime = harness.operator().getRuntimeInfo();
    assertThat(runtime.isStarted()).as("operator started").isTrue();
    assertThat(runtime.allEventSourcesAreHealthy()).as("informers healthy: %s",
        runtime.unhealthyEventSources()).isTrue();
  }

  private static Condition awaitInvalidSpec(String ns, String name) {
    CameraStream cameraStream = harness.awaitCameraStream(ns, name,
        cs -> ready(cs).map(c -> "InvalidSpec".equals(c.getReason())).orElse(false));
    Condition ready = ready(cameraStream).orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getObservedGeneration()).isEqualTo(cameraStream.getMetadata().getGeneration());
    return ready;
  }

  private static void awaitReady(String ns, String name, String camera) {
    harness.awaitDeployment(ns, name + "-mediamtx");
    harness.awaitDeployment(ns, name + "-" + camera);
    harness.markDeploymentReady(ns, name + "-mediamtx");
    harness.markDeploymentReady(ns, name + "-" + camera);
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      CameraStream current = harness.get(ns, name);
      return current != null && ready(current).map(c -> "True".equals(c.getStatus())).orElse(false);
    });
  }

  private static Optional<Condition> ready(CameraStream cameraStream) {
    if (cameraStream.getStatus() == null || cameraStream.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return cameraStream.getStatus().getConditions().stream()
        .filter(c -> ConditionTypes.READY.equals(c.getType())).findFirst();
  }

  @SuppressWarnings("unchecked")
  private static void editRaw(String ns, String name, java.util.function.Consumer<Map<String, Object>> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        harness.client().genericKubernetesResources(RawCameraStreams.CONTEXT).inNamespace(ns).withName(name)
            .edit(resource -> {
              change.accept((Map<String, Object>) resource.getAdditionalProperties().get("spec"));
              return resource;
            });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= 20) {
          throw e;
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Object cameraField(GenericKubernetesResource resource, String field) {
    Map<String, Object> spec = (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    return ((Map<String, Object>) ((List<?>) spec.get("cameras")).get(0)).get(field);
  }

  /** The CRD as a newer operator version would install it: cameras gain a {@code zoom} field. */
  private static void installNewerCrd() {
    harness.client().apiextensions().v1().customResourceDefinitions().withName("camerastreams.camstream.io")
        .edit(crd -> {
          JSONSchemaProps camera = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
              .getProperties().get("spec").getProperties().get("cameras").getItems().getSchema();
          camera.getProperties().put("zoom", new JSONSchemaPropsBuilder().withType("integer").build());
          return crd;
        });
  }

  private static List<HasMetadata> owned(String ns) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(harness.client().configMaps().inNamespace(ns).list().getItems());
    objects.addAll(harness.client().secrets().inNamespace(ns).list().getItems());
    objects.addAll(harness.client().services().inNamespace(ns).list().getItems());
    objects.addAll(harness.client().apps().deployments().inNamespace(ns).list().getItems());
    objects.addAll(harness.client().network().networkPolicies().inNamespace(ns).list().getItems());
    return objects;
  }

  private static void assertNothingWritten(String ns) {
    assertThat(owned(ns)).as("objects written for an unreadable CameraStream").isEmpty();
  }

  private static List<String> versions(List<HasMetadata> objects) {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName() + "@"
        + o.getMetadata().getResourceVersion()).toList();
  }
}
