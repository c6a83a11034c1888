package io.camstream.operator.security;

import static io.camstream.operator.testing.CameraStreams.rtspCameraWithSecret;
import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.desired.MediaMtxConfigSecretBuilder;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input the API server cannot catch, through the real operator on the mock API server (which, like an API
 * server with an old CRD, validates nothing): each case ends in Ready=False with the exact reason and a message
 * naming the field, writes nothing, deletes nothing, and does not retry in a loop.
 */
class BadInputReconcileTest {
  /** Over this window a blocked resource may be re-checked at most once (back-off starts at 10 s). */
  private static final Duration QUIET_WINDOW = Duration.ofSeconds(3);
  /** At most one back-off re-check (a Secret read and a status read) may fall into the window. */
  private static final int MAX_REQUESTS_WHEN_BLOCKED = 2;

  private static OperatorTestHarness harness;

  @BeforeAll
  static void startOperator() {
    harness = OperatorTestHarness.start();
  }

  @AfterAll
  static void stopOperator() {
    harness.close();
  }

  @Test
  void missingCameraSecretHoldsThatCameraOnlyAndRecoversWhenItAppears() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"),
        rtspCameraWithSecret("gate", "rtsp://10.0.0.5/s", "gate-cam")));

    Condition ready = awaitReadyReason(ns, "site", "SecretNotFound");
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getMessage()).contains("spec.cameras[1].source.credentialsSecretRef.name", "gate-cam");
    harness.awaitDeployment(ns, "site-lobby");
    assertThat(harness.deployment(ns, "site-gate")).as("no streamer for a camera whose Secret is missing").isNull();
    assertNoRetryStorm(ns);

    harness.client().secrets().inNamespace(ns).resource(CameraStreams.cameraSecret("gate-cam", "u", "p")).create();
    await().atMost(Duration.ofSeconds(30)).until(() -> harness.deployment(ns, "site-gate") != null);
  }

  @Test
  void secretWithoutTheReferencedKeyHoldsTheCameraWithSecretKeyNotFound() {
    String ns = harness.newNamespace();
    harness.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("gate-cam")
        .addToLabels("camstream.io/camera-credentials", "true").endMetadata()
        .withStringData(Map.of("username", "u", "pass", "p")).build()).create();
    harness.create(CameraStreams.of(ns, "site", rtspCameraWithSecret("gate", "rtsp://10.0.0.5/s", "gate-cam")));

    Condition ready = awaitReadyReason(ns, "site", "SecretKeyNotFound");
    assertThat(ready.getMessage()).contains("spec.cameras[0].source.credentialsSecretRef.passwordKey", "gate-cam",
        "\"password\"");
    assertThat(harness.deployment(ns, "site-gate")).isNull();
    assertNoRetryStorm(ns);
  }

  @Test
  void whatTheSchemaCannotSayIsInvalidSpecNamingTheField() {
    String ns = harness.newNamespace();
    CameraSpec usb = CameraStreams.camera("usb", "/dev/video0");
    usb.setNodeSelector(Map.of("not a label key!", "node-1"));
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"), usb));

    Condition ready = awaitReadyReason(ns, "site", "InvalidSpec");
    assertThat(ready.getMessage()).contains("spec.cameras[1].nodeSelector");
    assertNothingCreated(ns);
    assertNoRetryStorm(ns);
  }

  @Test
  void cameraNamedLikeTheMediaServerIsInvalidSpec() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("mediamtx")));
    Condition ready = awaitReadyReason(ns, "site", "InvalidSpec");
    assertThat(ready.getMessage()).contains("spec.cameras[0].name");
    assertNothingCreated(ns);
  }

  @Test
  void aConfigMapNamedLikeTheOldConfigIsLeftAloneWhenCamstreamDoesNotOwnIt() {
    String ns = harness.newNamespace();
    ConfigMap foreign = harness.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("site-mediamtx").withLabels(Map.of("app.kubernetes.io/managed-by",
            "camstream-operator", "app.kubernetes.io/component", "mediamtx")).endMetadata()
        .withData(Map.of("mediamtx.yml", "# hand-written\n")).build()).create();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby")));
    harness.awaitDeployment(ns, "site-lobby");
    await().pollDelay(Duration.ofSeconds(1)).atMost(OperatorTestHarness.TIMEOUT).until(() -> true);

    ConfigMap after = harness.client().configMaps().inNamespace(ns).withName("site-mediamtx").get();
    assertThat(after).isNotNull();
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(foreign.getMetadata().getResourceVersion());
  }

  @Test
  void anObjectCamstreamDoesNotOwnIsNeverAdoptedOrOverwritten() {
    String ns = harness.newNamespace();
    Secret foreign = harness.client().secrets().inNamespace(ns).resource(new SecretBuilder()
        .withNewMetadata().withName("site-mediamtx-config").withLabels(Map.of("team", "video")).endMetadata()
        .withStringData(Map.of("mediamtx.yml", "# hand-written\n")).build()).create();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby")));

    Condition ready = awaitReadyReason(ns, "site", "NameConflict");
    assertThat(ready.getMessage()).contains("Secret", "site-mediamtx-config");
    assertNoRetryStorm(ns);
    Secret after = harness.client().secrets().inNamespace(ns).withName("site-mediamtx-config").get();
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(foreign.getMetadata().getResourceVersion());
    assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(after.getData()).isEqualTo(foreign.getData());
    assertThat(harness.client().secrets().inNamespace(ns).list().getItems()).singleElement()
        .satisfies(s -> assertThat(s.getMetadata().getName()).isEqualTo("site-mediamtx-config"));
    assertThat(harness.client().apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
  }

  @Test
  void aForeignDeploymentWithAStreamersNameIsNeverOverwritten() {
    String ns = harness.newNamespace();
    Deployment foreign = harness.client().apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
        .withNewMetadata().withName("site-lobby").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec()
        .endTemplate().endSpec().build()).create();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby")));

    Condition ready = awaitReadyReason(ns, "site", "NameConflict");
    assertThat(ready.getMessage()).contains("Deployment", "site-lobby");
    Deployment after = harness.deployment(ns, "site-lobby");
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(foreign.getMetadata().getResourceVersion());
    assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx");
    assertThat(harness.deployment(ns, "site-mediamtx")).as("nothing half-created").isNull();
  }

  @Test
  void aCameraAddedWithAMissingSecretChangesNoRunningStreamer() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby")));
    harness.awaitDeployment(ns, "site-lobby");
    harness.awaitDeployment(ns, "site-mediamtx");
    List<HasMetadata> before = deployments(ns);

    harness.edit(ns, "site", cs -> cs.getSpec().getCameras()
        .add(rtspCameraWithSecret("gate", "rtsp://10.0.0.5/s", "missing")));
    awaitReadyReason(ns, "site", "SecretNotFound");
    assertNoRetryStorm(ns);
    assertThat(deployments(ns)).extracting(o -> o.getMetadata().getName() + "@" + o.getMetadata().getResourceVersion())
        .containsExactlyInAnyOrderElementsOf(before.stream().map(o -> o.getMetadata().getName() + "@"
            + o.getMetadata().getResourceVersion()).toList());
  }

  /**
   * A username MediaMTX would refuse (it would exit on the hot reload and take every camera down) never reaches the
   * config: InvalidCredentials names the Secret key, not the value, the last good config and the streamers stay, and
   * fixing the Secret recovers.
   */
  @Test
  void aMediaMtxUsernameMediaMtxWouldRefuseKeepsTheLastGoodConfig() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby")));
    harness.awaitDeployment(ns, "site-lobby");
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> configSecret(ns) != null);
    Secret goodConfig = configSecret(ns);
    Deployment streamer = harness.deployment(ns, "site-lobby");

    harness.client().secrets().inNamespace(ns).withName("site-mediamtx-credentials").edit(secret -> {
      secret.getData().put("publisher-username", java.util.Base64.getEncoder().encodeToString(
          "cam publisher%".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      return secret;
    });
    Condition ready = awaitReadyReason(ns, "site", "InvalidCredentials");
    assertThat(ready.getMessage()).contains("site-mediamtx-credentials", "publisher-username")
        .doesNotContain("cam publisher%");
    assertNoRetryStorm(ns);
    assertThat(configSecret(ns).getMetadata().getResourceVersion())
        .isEqualTo(goodConfig.getMetadata().getResourceVersion());
    assertThat(harness.deployment(ns, "site-lobby").getMetadata().getResourceVersion())
        .isEqualTo(streamer.getMetadata().getResourceVersion());

    harness.client().secrets().inNamespace(ns).withName("site-mediamtx-credentials").edit(secret -> {
      secret.getData().put("publisher-username", java.util.Base64.getEncoder().encodeToString(
          "cam-publisher".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      return secret;
    });
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> MediaMtxConfigSecretBuilder.yaml(configSecret(ns))
        .contains("user: \"cam-publisher\""));
    harness.awaitCameraStream(ns, "site", cs -> ready(cs).map(c -> !"InvalidCredentials".equals(c.getReason()))
        .orElse(false));
  }

  // --- helpers ----------------------------------------------------------------------------------------------

  private static Condition awaitReadyReason(String ns, String name, String reason) {
    CameraStream cameraStream;
    try {
      cameraStream = harness.awaitCameraStream(ns, name, cs -> ready(cs)
          .map(c -> reason.equals(c.getReason())).orElse(false));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no Ready reason " + reason + "; status is "
          + io.fabric8.kubernetes.client.utils.Serialization.asYaml(harness.get(ns, name).getStatus()), e);
    }
    Condition ready = ready(cameraStream).orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getObservedGeneration()).isEqualTo(cameraStream.getMetadata().getGeneration());
    return ready;
  }

  private static List<HasMetadata> deployments(String ns) {
    return new ArrayList<>(harness.client().apps().deployments().inNamespace(ns).list().getItems());
  }

  private static Secret configSecret(String ns) {
    return harness.client().secrets().inNamespace(ns).withName("site-mediamtx-config").get();
  }

  private static Optional<Condition> ready(CameraStream cameraStream) {
    if (cameraStream.getStatus() == null || cameraStream.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return cameraStream.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
  }

  private static void assertNothingCreated(String ns) {
    assertThat(owned(ns)).as("objects written for a blocked CameraStream").isEmpty();
  }

  private static List<HasMetadata> owned(String ns) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(harness.client().configMaps().inNamespace(ns).list().getItems());
    objects.addAll(harness.client().secrets().inNamespace(ns).list().getItems());
    objects.addAll(harness.client().services().inNamespace(ns).list().getItems());
    objects.addAll(harness.client().apps().deployments().inNamespace(ns).list().getItems());
    objects.addAll(harness.client().network().networkPolicies().inNamespace(ns).list().getItems());
    return objects.stream().filter(o -> !(o instanceof io.fabric8.kubernetes.api.model.Secret)
        || !o.getMetadata().getOwnerReferences().isEmpty()).toList();
  }

  /**
   * A blocked resource is re-checked on a growing delay, not in a loop: over a few seconds the operator sends
   * the API server (almost) nothing about this namespace.
   */
  private static void assertNoRetryStorm(String ns) {
    requestsFor(ns);
    await().pollDelay(QUIET_WINDOW).atMost(QUIET_WINDOW.plusSeconds(1)).until(() -> true);
    List<String> requests = requestsFor(ns);
    assertThat(requests).as("API requests about namespace %s in %s while blocked", ns, QUIET_WINDOW)
        .hasSizeLessThanOrEqualTo(MAX_REQUESTS_WHEN_BLOCKED);
  }

  /** Drains the mock server's request log, returning the requests that concern one namespace. */
  private static List<String> requestsFor(String ns) {
    List<String> matching = new ArrayList<>();
    try {
      for (var request = harness.server().takeRequest(1, TimeUnit.MILLISECONDS); request != null;
          request = harness.server().takeRequest(1, TimeUnit.MILLISECONDS)) {
        if (request.getPath() != null && request.getPath().contains("/namespaces/" + ns + "/")) {
          matching.add(request.getMethod() + " " + request.getPath());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return matching;
  }
}
