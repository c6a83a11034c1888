package io.camstream.operator.secrets;

import static io.camstream.operator.testing.CameraStreams.cameraSecret;
import static io.camstream.operator.testing.CameraStreams.rtspCameraWithSecret;
import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.desired.CredentialsHash;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Camera Secrets through the real operator: opted in by a label, watched (only those) so that a change or deletion is
 * acted on at once without a spec change, rolling exactly the streamer that reads the Secret, and never killing a
 * running camera when its Secret goes missing.
 */
class CameraSecretsOperatorTest {
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
  void aChangedCameraSecretRollsThatCamerasStreamerOnly() {
    String ns = harness.newNamespace();
    secret(ns, cameraSecret("gate-cam", "admin", "first"));
    secret(ns, cameraSecret("dock-cam", "admin", "dock"));
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"),
        rtspCameraWithSecret("gate", "rtsp://10.0.0.5/s", "gate-cam"),
        rtspCameraWithSecret("dock", "rtsp://10.0.0.6/s", "dock-cam")));
    Deployment gate = harness.awaitDeployment(ns, "site-gate");
    Deployment dock = harness.awaitDeployment(ns, "site-dock");
    Deployment lobby = harness.awaitDeployment(ns, "site-lobby");
    settle(ns);
    gate = harness.deployment(ns, "site-gate");
    dock = harness.deployment(ns, "site-dock");
    lobby = harness.deployment(ns, "site-lobby");
    assertThat(credentialsHash(gate)).isNotBlank().isNotEqualTo(credentialsHash(dock));

    harness.client().secrets().inNamespace(ns).withName("gate-cam").edit(secret -> {
      secret.getData().put("password", CameraStreams.base64("rotated"));
      return secret;
    });
    String before = credentialsHash(gate);
    await().atMost(OperatorTestHarness.TIMEOUT)
        .until(() -> !before.equals(credentialsHash(harness.deployment(ns, "site-gate"))));
    settle(ns);
    assertThat(harness.deployment(ns, "site-dock").getMetadata().getResourceVersion())
        .isEqualTo(dock.getMetadata().getResourceVersion());
    assertThat(harness.deployment(ns, "site-lobby").getMetadata().getResourceVersion())
        .isEqualTo(lobby.getMetadata().getResourceVersion());
    assertThat(String.valueOf(harness.deployment(ns, "site-gate"))).doesNotContain("rotated", "first");
  }

  @Test
  void aDeletedSecretIsReportedAndNeverKillsTheRunningCamera() {
    String ns = harness.newNamespace();
    secret(ns, cameraSecret("gate-cam", "admin", "pw"));
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"),
        rtspCameraWithSecret("gate", "rtsp://10.0.0.5/s", "gate-cam")));
    harness.awaitDeployment(ns, "site-gate");
    settle(ns);
    Deployment running = harness.deployment(ns, "site-gate");

    harness.client().secrets().inNamespace(ns).withName("gate-cam").delete();
    Condition ready = awaitReadyReason(ns, "SecretNotFound");
    assertThat(ready.getMessage()).contains("camera gate", "gate-cam", "spec.cameras[1].source.credentialsSecretRef");
    assertThat(camera(ns, "gate").getMessage()).startsWith("SecretNotFound: ");
    Deployment kept = harness.deployment(ns, "site-gate");
    assertThat(kept).as("the running streamer is not deleted").isNotNull();
    assertThat(kept.getMetadata().getResourceVersion()).as("nor rolled")
        .isEqualTo(running.getMetadata().getResourceVersion());

    // the other cameras keep reconciling meanwhile
    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().add(testPattern("yard")));
    harness.awaitDeployment(ns, "site-yard");
    assertThat(harness.deployment(ns, "site-gate").getMetadata().getResourceVersion())
        .isEqualTo(running.getMetadata().getResourceVersion());

    // the same values back: the camera is no longer held, and nothing needs to roll
    secret(ns, cameraSecret("gate-cam", "admin", "pw"));
    harness.awaitCameraStream(ns, "site", cs -> ready(cs).map(c -> !c.getReason().startsWith("Secret"))
        .orElse(false));
    assertThat(harness.deployment(ns, "site-gate").getMetadata().getResourceVersion())
        .isEqualTo(running.getMetadata().getResourceVersion());
  }

  @Test
  void anUnlabelledSecretIsNotUsedAndTheMessageSaysHowToOptIn() {
    String ns = harness.newNamespace();
    Secret unlabelled = cameraSecret("gate-cam", "admin", "pw");
    unlabelled.getMetadata().setLabels(null);
    secret(ns, unlabelled);
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"),
        rtspCameraWithSecret("gate", "rtsp://10.0.0.5/s", "gate-cam")));

    Condition ready = awaitReadyReason(ns, "SecretNotLabelled");
    assertThat(ready.getMessage())
        .contains("kubectl label secret gate-cam -n " + ns + " camstream.io/camera-credentials=true");
    harness.awaitDeployment(ns, "site-lobby");
    assertThat(harness.deployment(ns, "site-gate")).as("no streamer reads a Secret its owner did not opt in")
        .isNull();

    harness.client().secrets().inNamespace(ns).withName("gate-cam").edit(secret -> {
      secret.getMetadata().setLabels(new java.util.HashMap<>(java.util.Map.of("camstream.io/camera-credentials",
          "true")));
      return secret;
    });
    harness.awaitDeployment(ns, "site-gate");
  }

  /** The operator lists and watches only labelled Secrets, besides the ones it owns: it caches no other Secret. */
  @Test
  void onlyLabelledSecretsAreListedOrWatched() throws InterruptedException {
    String ns = harness.newNamespace();
    secret(ns, cameraSecret("gate-cam", "admin", "pw"));
    harness.create(CameraStreams.of(ns, "site", rtspCameraWithSecret("gate", "rtsp://10.0.0.5/s", "gate-cam")));
    harness.awaitDeployment(ns, "site-gate");
    List<String> secretCollectionReads = new ArrayList<>();
    for (var request = harness.server().takeRequest(1, TimeUnit.MILLISECONDS); request != null;
        request = harness.server().takeRequest(1, TimeUnit.MILLISECONDS)) {
      String path = request.getPath();
      if ("GET".equals(request.getMethod()) && path != null && path.matches(".*/secrets(\\?.*)?$")) {
        secretCollectionReads.add(java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    assertThat(secretCollectionReads).isNotEmpty().allSatisfy(path -> assertThat(path).containsAnyOf(
        "labelSelector=camstream.io/camera-credentials=true",
        "labelSelector=app.kubernetes.io/managed-by=camstream-operator,app.kubernetes.io/component=mediamtx"));
    assertThat(secretCollectionReads).anySatisfy(path ->
        assertThat(path).contains("labelSelector=camstream.io/camera-credentials=true"));
  }

  // --- helpers ----------------------------------------------------------------------------------------------

  private static void secret(String ns, Secret secret) {
    harness.client().secrets().inNamespace(ns).resource(secret).create();
  }

  private static String credentialsHash(Deployment deployment) {
    return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(CredentialsHash.ANNOTATION);
  }

  /** Waits until the operator has written a status for the current generation and stopped changing things. */
  private static void settle(String ns) {
    harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null
        && cs.getMetadata().getGeneration().equals(cs.getStatus().getObservedGeneration()));
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
  }

  private static Condition awaitReadyReason(String ns, String reason) {
    CameraStream cameraStream = harness.awaitCameraStream(ns, "site",
        cs -> ready(cs).map(c -> reason.equals(c.getReason())).orElse(false));
    Condition ready = ready(cameraStream).orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    return ready;
  }

  private static CameraStatus camera(String ns, String name) {
    return harness.get(ns, "site").getStatus().getCameras().stream().filter(c -> name.equals(c.getName()))
        .findFirst().orElseThrow();
  }

  private static Optional<Condition> ready(CameraStream cameraStream) {
    if (cameraStream.getStatus() == null || cameraStream.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return cameraStream.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
  }
}
