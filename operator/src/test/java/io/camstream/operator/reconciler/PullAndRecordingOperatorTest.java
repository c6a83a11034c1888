package io.camstream.operator.reconciler;

import static io.camstream.operator.testing.CameraStreams.pulled;
import static io.camstream.operator.testing.CameraStreams.pulledWithSecret;
import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.MediaMtxConfigSecretBuilder;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code mode: pull} and {@code spec.recording} through the real operator: which objects exist, what MediaMTX's
 * configuration says, and that neither feature touches what it should not (the MediaMTX pod template, other
 * cameras' streamers). The mock API server has no garbage collector: what deleting a CameraStream would delete is
 * read from owner references.
 */
class PullAndRecordingOperatorTest {
  private static final String GATE_USER = "viewer";
  private static final String GATE_PASSWORD = "gate-p@ss:w/rd";
  private static OperatorTestHarness harness;

  @BeforeAll
  static void startOperator() {
    harness = OperatorTestHarness.start();
  }

  @AfterAll
  static void stopOperator() {
    harness.close();
  }

  // --- pull -----------------------------------------------------------------------------------------------------

  @Test
  void aPulledCameraHasNoStreamerAndItsPathReadsTheSourceWithTheSecretsCredentials() {
    String ns = harness.newNamespace();
    cameraSecret(ns, "gate-cam", GATE_USER, GATE_PASSWORD);
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"),
        pulledWithSecret("gate", "rtsp://10.0.0.7:554/h264", "gate-cam")));
    harness.awaitDeployment(ns, "site-lobby");
    harness.awaitDeployment(ns, "site-mediamtx");

    Map<String, Object> gate = awaitPath(ns, "gate");
    String source = (String) gate.get("source");
    assertThat(source).startsWith("rtsp://viewer:").endsWith("@10.0.0.7:554/h264");
    String password = source.substring("rtsp://viewer:".length(), source.lastIndexOf('@'));
    assertThat(URLDecoder.decode(password, StandardCharsets.UTF_8)).isEqualTo(GATE_PASSWORD);
    assertThat(gate).containsEntry("rtspTransport", "tcp").containsEntry("sourceOnDemand", false);
    assertThat(path(ns, "lobby")).containsEntry("source", "publisher");
    assertThat(harness.deployment(ns, "site-gate")).as("no streamer for a pulled camera").isNull();

    CameraStream site = harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null
        && cs.getStatus().getCameras() != null && cs.getStatus().getCameras().size() == 2);
    assertThat(site.getStatus().getCameras()).extracting(CameraStatus::getName).containsExactly("lobby", "gate");
    assertThat(site.getStatus().getCameras().get(1).getUrls().getRtsp())
        .isEqualTo("rtsp://site-mediamtx." + ns + ".svc:8554/gate");
    assertThat(site.getStatus().getReadyCameras()).endsWith("/2");
  }

  @Test
  void switchingACameraBetweenPullAndAStreamerChangesOnlyItsDeploymentAndItsPath() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"), pulled("gate", "rtsp://10.0.0.7/h264")));
    harness.awaitDeployment(ns, "site-lobby");
    Deployment mediaMtx = harness.awaitDeployment(ns, "site-mediamtx");
    Deployment lobby = harness.deployment(ns, "site-lobby");
    awaitPath(ns, "gate");

    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().get(1).setMode(StreamMode.TRANSCODE));
    Deployment gate = harness.awaitDeployment(ns, "site-gate");
    assertThat(CameraStreamLifecycleTest.env(gate, "CAMSTREAM_SOURCE")).isEqualTo("rtsp://10.0.0.7/h264");
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> "publisher".equals(path(ns, "gate").get("source")));
    assertUnchanged(ns, mediaMtx, lobby);

    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().get(1).setMode(StreamMode.PULL));
    harness.awaitDeploymentGone(ns, "site-gate");
    await().atMost(OperatorTestHarness.TIMEOUT)
        .until(() -> "rtsp://10.0.0.7/h264".equals(path(ns, "gate").get("source")));
    assertUnchanged(ns, mediaMtx, lobby);
    assertThat(harness.events(ns)).extracting(e -> e.getReason()).contains("CameraAdded", "CameraRemoved");
  }

  @Test
  void addingRemovingAndRecreditingAPulledCameraNeverTouchesMediaMtxOrOtherCameras() {
    String ns = harness.newNamespace();
    cameraSecret(ns, "gate-cam", GATE_USER, GATE_PASSWORD);
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby")));
    harness.awaitDeployment(ns, "site-lobby");
    Deployment mediaMtx = harness.awaitDeployment(ns, "site-mediamtx");
    Deployment lobby = harness.deployment(ns, "site-lobby");

    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().add(
        pulledWithSecret("gate", "rtsp://10.0.0.7/h264", "gate-cam")));
    awaitPath(ns, "gate");
    assertUnchanged(ns, mediaMtx, lobby);

    // Re-credit: the next reconcile (here, the spec edit that moves the camera) writes the new password.
    harness.client().secrets().inNamespace(ns).withName("gate-cam").edit(secret -> {
      secret.setStringData(Map.of("username", GATE_USER, "password", "rotated-PASS-2"));
      secret.setData(null);
      return secret;
    });
    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().get(1).getSource().setUrl("rtsp://10.0.0.8/h264"));
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> ((String) path(ns, "gate").get("source"))
        .equals("rtsp://viewer:rotated-PASS-2@10.0.0.8/h264"));
    assertUnchanged(ns, mediaMtx, lobby);

    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().remove(1));
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> !paths(ns).containsKey("gate"));
    assertUnchanged(ns, mediaMtx, lobby);
  }

  @Test
  void aPulledCamerasMissingSecretBlocksBeforeAnythingIsWritten() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"),
        pulledWithSecret("gate", "rtsp://10.0.0.7/h264", "gate-cam")));
    Condition ready = awaitReadyReason(ns, "SecretNotFound");
    assertThat(ready.getMessage()).contains("spec.cameras[1].source.credentialsSecretRef", "gate-cam");
    assertThat(harness.client().apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(harness.client().secrets().inNamespace(ns).withName("site-mediamtx-config").get()).isNull();
  }

  @Test
  void aCameraSecretWithAUserButNoPasswordIsRefusedBeforeMediaMtxWouldRefuseIt() {
    String ns = harness.newNamespace();
    cameraSecret(ns, "gate-cam", GATE_USER, "");
    harness.create(CameraStreams.of(ns, "site", pulledWithSecret("gate", "rtsp://10.0.0.7/h264", "gate-cam")));
    Condition ready = awaitReadyReason(ns, "InvalidCredentials");
    assertThat(ready.getMessage()).contains("gate-cam", "password").doesNotContain(GATE_USER);
    assertThat(harness.client().secrets().inNamespace(ns).withName("site-mediamtx-config").get()).isNull();
  }

  // --- recording ------------------------------------------------------------------------------------------------

  @Test
  void recordingOnAndOffPerCameraChangesOnlyThePaths() {
    String ns = harness.newNamespace();
    CameraStream site = CameraStreams.of(ns, "site", testPattern("lobby"), pulled("gate", "rtsp://10.0.0.7/h264"));
    site.getSpec().setRecording(CameraStreams.recording("20Gi", ReclaimPolicy.RETAIN));
    site.getSpec().getRecording().setRetention("72h");
    site.getSpec().getCameras().get(0).setRecord(false);
    harness.create(site);
    Deployment lobby = harness.awaitDeployment(ns, "site-lobby");
    Deployment mediaMtx = harness.awaitDeployment(ns, "site-mediamtx");
    assertThat(mediaMtx.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim()
        != null).singleElement().satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName())
        .isEqualTo("site-recordings"));
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> Boolean.TRUE.equals(awaitPath(ns, "gate").get("record")));
    assertThat(path(ns, "lobby")).containsEntry("record", false);
    assertThat(path(ns, "gate")).containsEntry("recordDeleteAfter", "72h").containsEntry("recordFormat", "fmp4");

    harness.edit(ns, "site", cs -> {
      cs.getSpec().getCameras().get(0).setRecord(true);
      cs.getSpec().getCameras().get(1).setRecord(false);
    });
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> Boolean.TRUE.equals(path(ns, "lobby").get("record"))
        && Boolean.FALSE.equals(path(ns, "gate").get("record")));
    assertUnchanged(ns, mediaMtx, lobby);

    CameraStream recorded = harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null
        && cs.getStatus().getCameras() != null && cs.getStatus().getCameras().get(0).getUrls().getPlayback() != null);
    assertThat(recorded.getStatus().getCameras().get(0).getUrls().getPlayback())
        .isEqualTo("http://site-mediamtx." + ns + ".svc:9996/list?path=lobby");
    harness.awaitCameraStream(ns, "site", cs -> cs.getStatus().getCameras().get(1).getUrls().getPlayback() == null);
  }

  @Test
  void aRetainedClaimOutlivesItsCameraStreamAndIsTakenOverByTheNextOfThatName() {
    String ns = harness.newNamespace();
    harness.create(recorded(ns, ReclaimPolicy.RETAIN, "50Gi"));
    PersistentVolumeClaim claim = awaitClaim(ns);
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("50Gi"));
    assertThat(claim.getMetadata().getOwnerReferences()).as("nothing for garbage collection to follow")
        .isNullOrEmpty();
    assertThat(claim.getMetadata().getLabels()).containsEntry(Labels.CAMERA_STREAM, "site")
        .containsEntry(Labels.MANAGED_BY, "camstream-operator");
    assertThat(harness.events(ns)).extracting(e -> e.getReason()).contains("RecordingsVolumeCreated");

    harness.delete(ns, "site");
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> harness.get(ns, "site") == null);
    assertThat(claim(ns)).isNotNull();
    assertThat(claim(ns).getMetadata().getOwnerReferences()).isNullOrEmpty();

    harness.create(recorded(ns, ReclaimPolicy.RETAIN, "50Gi"));
    harness.awaitDeployment(ns, "site-mediamtx");
    CameraStream again = harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null
        && cs.getStatus().getObservedGeneration() != null);
    assertThat(readyReason(again)).isNotEqualTo("NameConflict");
    assertThat(claim(ns).getMetadata().getUid()).isEqualTo(claim.getMetadata().getUid());
  }

  @Test
  void deleteMakesTheClaimOwnedAndSwitchingPoliciesMovesTheOwnerReference() {
    String ns = harness.newNamespace();
    harness.create(recorded(ns, ReclaimPolicy.DELETE, "50Gi"));
    String uid = harness.awaitCameraStream(ns, "site", cs -> true).getMetadata().getUid();
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> claim(ns) != null
        && claim(ns).getMetadata().getOwnerReferences() != null
        && !claim(ns).getMetadata().getOwnerReferences().isEmpty());
    assertThat(claim(ns).getMetadata().getOwnerReferences()).singleElement().satisfies(reference -> {
      assertThat(reference.getUid()).isEqualTo(uid);
      assertThat(reference.getController()).isTrue();
    });

    harness.edit(ns, "site", cs -> cs.getSpec().getRecording().getStorage().setReclaimPolicy(ReclaimPolicy.RETAIN));
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> claim(ns).getMetadata().getOwnerReferences() == null
        || claim(ns).getMetadata().getOwnerReferences().isEmpty());
  }

  @Test
  void aLargerSizeExpandsTheClaimAndASmallerOneIsRefusedLeavingItAsItIs() {
    String ns = harness.newNamespace();
    harness.client().storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
        .withName("expandable-" + ns).endMetadata().withProvisioner("ebs.csi.aws.com")
        .withVolumeBindingMode("WaitForFirstConsumer").withAllowVolumeExpansion(true).build()).create();
    CameraStream site = recorded(ns, ReclaimPolicy.RETAIN, "50Gi");
    site.getSpec().getRecording().getStorage().setStorageClassName("expandable-" + ns);
    harness.create(site);
    awaitClaim(ns);
    harness.awaitDeployment(ns, "site-mediamtx");
    harness.markDeploymentReady(ns, "site-mediamtx");

    harness.edit(ns, "site", cs -> cs.getSpec().getRecording().getStorage().setSize("100Gi"));
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> new Quantity("100Gi")
        .equals(claim(ns).getSpec().getResources().getRequests().get("storage")));
    String resourceVersion = claim(ns).getMetadata().getResourceVersion();

    harness.edit(ns, "site", cs -> cs.getSpec().getRecording().getStorage().setSize("20Gi"));
    Condition ready = awaitReadyReason(ns, "StorageCannotShrink");
    assertThat(ready.getMessage()).contains("spec.recording.storage.size", "20Gi", "100Gi", "site-recordings");
    assertThat(claim(ns).getMetadata().getResourceVersion()).isEqualTo(resourceVersion);

    harness.edit(ns, "site", cs -> cs.getSpec().getRecording().getStorage().setSize("100Gi"));
    harness.awaitCameraStream(ns, "site", cs -> !"StorageCannotShrink".equals(readyReason(cs)));
  }

  @Test
  void aClaimOfThatNameCamstreamDoesNotManageIsNeverAdopted() {
    String ns = harness.newNamespace();
    PersistentVolumeClaim foreign = harness.client().persistentVolumeClaims().inNamespace(ns).resource(
        new PersistentVolumeClaimBuilder().withNewMetadata().withName("site-recordings")
            .withLabels(Map.of("team", "video")).endMetadata()
            .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
            .addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build()).create();
    harness.create(recorded(ns, ReclaimPolicy.DELETE, "50Gi"));
    Condition ready = awaitReadyReason(ns, "NameConflict");
    assertThat(ready.getMessage()).contains("PersistentVolumeClaim", "site-recordings");
    assertThat(claim(ns).getMetadata().getResourceVersion()).isEqualTo(foreign.getMetadata().getResourceVersion());
    assertThat(harness.client().apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
  }

  @Test
  void recordingACameraWithoutSpecRecordingIsInvalidAndNothingIsCreated() {
    String ns = harness.newNamespace();
    CameraSpec lobby = testPattern("lobby");
    lobby.setRecord(true);
    harness.create(CameraStreams.of(ns, "site", lobby));
    Condition ready = awaitReadyReason(ns, "InvalidSpec");
    assertThat(ready.getMessage()).startsWith("spec.cameras[0].record");
    await().pollDelay(Duration.ofMillis(500)).atMost(OperatorTestHarness.TIMEOUT).until(() -> true);
    assertThat(harness.client().apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
    assertThat(harness.client().persistentVolumeClaims().inNamespace(ns).list().getItems()).isEmpty();
  }

  // --- helpers --------------------------------------------------------------------------------------------------

  private static CameraStream recorded(String ns, ReclaimPolicy policy, String size) {
    CameraStream site = CameraStreams.of(ns, "site", testPattern("lobby"));
    site.getSpec().setRecording(CameraStreams.recording(size, policy));
    return site;
  }

  /** Neither the media server's Deployment nor another camera's streamer was written. */
  private static void assertUnchanged(String ns, Deployment mediaMtx, Deployment otherStreamer) {
    // Settle: the operator has reconciled the edit once the config shows it; give a late write time to appear.
    await().pollDelay(Duration.ofMillis(300)).atMost(OperatorTestHarness.TIMEOUT).until(() -> true);
    assertThat(harness.deployment(ns, mediaMtx.getMetadata().getName()).getMetadata().getResourceVersion())
        .as("MediaMTX Deployment (a restart)").isEqualTo(mediaMtx.getMetadata().getResourceVersion());
    assertThat(harness.deployment(ns, otherStreamer.getMetadata().getName()).getMetadata().getResourceVersion())
        .as("another camera's streamer").isEqualTo(otherStreamer.getMetadata().getResourceVersion());
  }

  private static void cameraSecret(String ns, String name, String username, String password) {
    harness.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name)
        // The opt-in label camera Secrets carry (day-two); harmless where it is not required yet.
        .withLabels(Map.of("camstream.io/camera-credentials", "true")).endMetadata()
        .withStringData(Map.of("username", username, "password", password)).build()).create();
  }

  private static PersistentVolumeClaim claim(String ns) {
    return harness.client().persistentVolumeClaims().inNamespace(ns).withName("site-recordings").get();
  }

  private static PersistentVolumeClaim awaitClaim(String ns) {
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> claim(ns) != null);
    return claim(ns);
  }

  private static Map<String, Object> awaitPath(String ns, String camera) {
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> paths(ns).containsKey(camera));
    return path(ns, camera);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> path(String ns, String camera) {
    return (Map<String, Object>) paths(ns).getOrDefault(camera, Map.of());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> paths(String ns) {
    String yaml = MediaMtxConfigSecretBuilder.yaml(
        harness.client().secrets().inNamespace(ns).withName("site-mediamtx-config").get());
    if (yaml == null) {
      return Map.of();
    }
    try {
      Map<String, Object> config = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
      return (Map<String, Object>) config.getOrDefault("paths", Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Condition awaitReadyReason(String ns, String reason) {
    CameraStream blocked = harness.awaitCameraStream(ns, "site", cs -> reason.equals(readyReason(cs)));
    return Conditions.find(blocked.getStatus().getConditions(), ConditionTypes.READY).orElseThrow();
  }

  private static String readyReason(CameraStream cs) {
    return cs.getStatus() == null ? null : Conditions.find(cs.getStatus().getConditions(), ConditionTypes.READY)
        .map(Condition::getReason).orElse(null);
  }
}
