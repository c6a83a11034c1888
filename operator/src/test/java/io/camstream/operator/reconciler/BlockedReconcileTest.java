package io.camstream.operator.reconciler;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Specs the operator must refuse: a clear terminal reason, nothing written but the status, no retry storm. */
class BlockedReconcileTest {
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
  void aMissingCameraSecretHoldsTheCameraUntilItAppears() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"),
        CameraStreams.rtspCameraWithSecret("door", "rtsp://10.0.0.9/live", "door-cam")));

    Condition ready = awaitReadyReason(ns, "site", "SecretNotFound");
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getMessage()).contains("spec.cameras[1].source.credentialsSecretRef.name", "door-cam");
    harness.awaitDeployment(ns, "site-lobby");
    assertThat(harness.deployment(ns, "site-door")).isNull();

    // Labelled camera Secrets are watched: one that appears is acted on at once.
    harness.client().secrets().inNamespace(ns).resource(CameraStreams.cameraSecret("door-cam", "admin",
        "s3cret-door")).create();
    await().atMost(Duration.ofSeconds(30)).until(() -> harness.deployment(ns, "site-door") != null);
    harness.awaitCameraStream(ns, "site", cs -> !"SecretNotFound".equals(readyReason(cs)));
  }

  @Test
  void aMissingKeyNamesTheKeyButNeverAValue() {
    String ns = harness.newNamespace();
    harness.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("door-cam")
        .addToLabels("camstream.io/camera-credentials", "true").endMetadata()
        .addToStringData("user", "admin").addToStringData("password", "s3cret-door").build())
        .create();
    harness.create(CameraStreams.of(ns, "site",
        CameraStreams.rtspCameraWithSecret("door", "rtsp://10.0.0.9/live", "door-cam")));

    Condition ready = awaitReadyReason(ns, "site", "SecretKeyNotFound");
    assertThat(ready.getMessage()).contains("spec.cameras[0].source.credentialsSecretRef.usernameKey", "username")
        .doesNotContain("s3cret-door");
    assertThat(harness.deployment(ns, "site-door")).isNull();
  }

  @Test
  void anObjectCamstreamDoesNotOwnIsNeverAdoptedOrOverwritten() {
    String ns = harness.newNamespace();
    Deployment foreign = harness.client().apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
        .withNewMetadata().withName("site-lobby").addToLabels("team", "video").endMetadata()
        .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "theirs").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "theirs").endMetadata()
        .withNewSpec().addNewContainer().withName("theirs").withImage("nginx:1.27").endContainer().endSpec()
        .endTemplate().endSpec().build()).create();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby")));

    Condition ready = awaitReadyReason(ns, "site", "NameConflict");
    assertThat(ready.getMessage()).contains("Deployment \"site-lobby\"");
    Deployment after = harness.deployment(ns, "site-lobby");
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(foreign.getMetadata().getResourceVersion());
    assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(harness.deployment(ns, "site-mediamtx")).isNull();
  }

  @Test
  void twoCameraStreamsWhoseNamesWouldCollideDoNotFightOverAnObject() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "front", testPattern("door-1")));
    harness.awaitDeployment(ns, "front-door-1");
    String ownerBefore = harness.deployment(ns, "front-door-1").getMetadata().getOwnerReferences().get(0).getUid();

    harness.create(CameraStreams.of(ns, "front-door", testPattern("1")));
    Condition ready = awaitReadyReason(ns, "front-door", "NameConflict");
    assertThat(ready.getMessage()).contains("front-door-1");
    assertThat(harness.deployment(ns, "front-door-1").getMetadata().getOwnerReferences().get(0).getUid())
        .isEqualTo(ownerBefore);
  }

  @Test
  void specsTheSchemaCannotCatchAreInvalidSpec() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("mediamtx")));
    harness.create(CameraStreams.of(ns, "dupes", testPattern("lobby"), testPattern("lobby")));
    harness.create(CameraStreams.of(ns, "x" + "y".repeat(60), testPattern("lobby")));

    assertThat(awaitReadyReason(ns, "site", "InvalidSpec").getMessage())
        .contains("spec.cameras[0].name", "reserved");
    assertThat(awaitReadyReason(ns, "dupes", "InvalidSpec").getMessage())
        .contains("spec.cameras[1].name", "more than one camera");
    assertThat(awaitReadyReason(ns, "x" + "y".repeat(60), "InvalidSpec").getMessage()).contains("metadata.name");
    assertNothingCreated(ns);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "mistakes", testPattern("mediamtx"), testPattern("lobby"),
        testPattern("lobby")));
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"),
        CameraStreams.pulledWithSecret("gate", "rtsp://10.0.0.10/live", "gate-cam"),
        CameraStreams.rtspCameraWithSecret("door", "rtsp://10.0.0.9/live", "door-cam")));

    assertThat(awaitReadyReason(ns, "mistakes", "InvalidSpec").getMessage()).startsWith("2 problems: ")
        .contains("spec.cameras[0].name \"mediamtx\" is reserved", "spec.cameras[2].name \"lobby\" is used by more");
    // The pulled camera's Secret stops everything; the streamer camera's, which would only hold that camera, is
    // listed too, so that both Secrets can be fixed at once.
    assertThat(awaitReadyReason(ns, "site", "SecretNotFound").getMessage()).startsWith("2 problems: ")
        .contains("spec.cameras[1].source.credentialsSecretRef.name: Secret \"gate-cam\" not found",
            "spec.cameras[2].source.credentialsSecretRef.name: Secret \"door-cam\" not found");
    assertNothingCreated(ns);
  }

  @Test
  void aBlockedResourceIsNotRewrittenOrReannouncedOnEveryReconcile() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site",
        CameraStreams.rtspCameraWithSecret("door", "rtsp://10.0.0.9/live", "missing")));
    awaitReadyReason(ns, "site", "SecretNotFound");
    String version = harness.get(ns, "site").getMetadata().getResourceVersion();

    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(harness.get(ns, "site").getMetadata().getResourceVersion()).isEqualTo(version);
    assertThat(harness.events(ns)).filteredOn(e -> "SecretNotFound".equals(e.getReason())).singleElement()
        .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
  }

  @Test
  void fixingTheSpecUnblocksIt() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("mediamtx")));
    awaitReadyReason(ns, "site", "InvalidSpec");
    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().get(0).setName("lobby"));
    harness.awaitDeployment(ns, "site-lobby");
    CameraStream fixed = harness.awaitCameraStream(ns, "site",
        cs -> !"InvalidSpec".equals(readyReason(cs)));
    assertThat(fixed.getStatus().getObservedGeneration()).isEqualTo(fixed.getMetadata().getGeneration());
  }

  private static void assertNothingCreated(String ns) {
    assertThat(harness.client().apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(harness.client().configMaps().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(harness.client().services().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(harness.client().secrets().inNamespace(ns).list().getItems())
        .noneMatch(s -> s.getMetadata().getName().endsWith("-mediamtx-credentials"));
  }

  private static Condition awaitReadyReason(String ns, String name, String reason) {
    CameraStream blocked = harness.awaitCameraStream(ns, name, cs -> reason.equals(readyReason(cs)));
    assertThat(blocked.getStatus().getObservedGeneration()).isEqualTo(blocked.getMetadata().getGeneration());
    return Conditions.find(blocked.getStatus().getConditions(), ConditionTypes.READY).orElseThrow();
  }

  private static String readyReason(CameraStream cs) {
    return cs.getStatus() == null ? null : Conditions.find(cs.getStatus().getConditions(), ConditionTypes.READY)
        .map(Condition::getReason).orElse(null);
  }
}
