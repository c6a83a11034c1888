package io.camstream.operator.reconciler;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.desired.MediaMtxConfigSecretBuilder;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.apiserver.FakeApiServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recordings' claim as a real API server treats it: a claim grows only when Bound and where its StorageClass
 * allows it, and one that does not bind never takes live video down with it. A claim problem holds only the claim:
 * the cameras keep reconciling.
 */
class RecordingsVolumeOperatorTest {
  private static OperatorTestHarness harness;

  @BeforeAll
  static void startOperator() {
    harness = OperatorTestHarness.start();
    storageClass("expands-when-asked", "Immediate", true);
  }

  @AfterAll
  static void stopOperator() {
    harness.close();
  }

  /** kind's default class: bound when first used, no allowVolumeExpansion (the resize plugin refuses to grow it). */
  @Test
  void aClaimItsStorageClassCannotGrowKeepsItsSizeWhileTheCamerasReconcile() {
    String ns = harness.newNamespace();
    harness.create(recorded(ns, "50Gi", null));
    bringUp(ns, "site-mediamtx", "site-lobby");
    CameraStream ready = awaitReady(ns, ConditionTypes.TRUE, ConditionTypes.REASON_READY);
    assertThat(condition(ready, ConditionTypes.RECORDING).getReason()).isEqualTo("RecordingsVolumeBound");
    String claimVersion = claim(ns).getMetadata().getResourceVersion();

    harness.edit(ns, "site", cs -> {
      cs.getSpec().getRecording().getStorage().setSize("100Gi");
      cs.getSpec().getCameras().add(testPattern("gate"));
    });
    harness.awaitDeployment(ns, "site-gate");
    CameraStream held = awaitReady(ns, ConditionTypes.FALSE, "StorageCannotGrow");
    assertThat(condition(held, ConditionTypes.READY).getMessage()).startsWith("spec.recording.storage.size 100Gi is"
        + " larger than PersistentVolumeClaim \"site-recordings\" (50Gi), which cannot grow: its StorageClass"
        + " \"standard\" does not allow volume expansion");
    assertThat(condition(held, ConditionTypes.RECORDING).getStatus()).as("recording goes on").isEqualTo("True");
    assertThat(claim(ns).getMetadata().getResourceVersion()).as("the claim is not written").isEqualTo(claimVersion);
    assertThat(claim(ns).getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("50Gi"));
  }

  /**
   * A class that provisions on its own: MediaMTX runs without the claim (and records nothing) until it is Bound, then
   * mounts it; a size asked for meanwhile is applied once it is Bound.
   */
  @Test
  void aPendingClaimIsNotWaitedForAndGrowsOnceBound() {
    String ns = harness.newNamespace();
    harness.create(recorded(ns, "50Gi", "expands-when-asked"));
    awaitRecording(ns, "False", "RecordingsVolumePending");
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> !mountsClaim(harness.deployment(ns, "site-mediamtx")));
    assertThat(path(ns, "lobby")).containsEntry("record", false);
    bringUp(ns, "site-mediamtx", "site-lobby");
    CameraStream live = awaitReady(ns, ConditionTypes.FALSE, "RecordingsVolumePending");
    assertThat(live.getStatus().getReadyCameras()).as("live video runs").isEqualTo("1/1");

    harness.edit(ns, "site", cs -> cs.getSpec().getRecording().getStorage().setSize("80Gi"));
    CameraStream held = awaitReady(ns, ConditionTypes.FALSE, "StorageCannotGrow");
    assertThat(condition(held, ConditionTypes.READY).getMessage()).contains("which is Pending: only a Bound claim"
        + " can grow; it is grown to 80Gi once it is Bound");

    harness.bindClaim(ns, "site-recordings");
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> new Quantity("80Gi")
        .equals(claim(ns).getSpec().getResources().getRequests().get("storage")));
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> mountsClaim(harness.deployment(ns, "site-mediamtx")));
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> Boolean.TRUE.equals(path(ns, "lobby").get("record")));
    harness.markDeploymentReady(ns, "site-mediamtx");
    CameraStream recording = awaitReady(ns, ConditionTypes.TRUE, ConditionTypes.REASON_READY);
    assertThat(condition(recording, ConditionTypes.RECORDING).getMessage()).isEqualTo("recording every camera to"
        + " PersistentVolumeClaim site-recordings (Bound, 80Gi)");
  }

  /**
   * With no default StorageClass the claim has none and stays Pending: MediaMTX runs without it and every camera is
   * live; once the cluster gives the claim a class (a default class made later), MediaMTX mounts it and records.
   */
  @Test
  void withoutADefaultStorageClassLiveVideoRunsAndRecordingStartsOnceTheClaimHasOne() {
    try (OperatorTestHarness bare = OperatorTestHarness.builder().storedBeforeStart(client -> client.storage().v1()
        .storageClasses().withName(FakeApiServer.DEFAULT_STORAGE_CLASS).delete()).start()) {
      String ns = bare.newNamespace();
      bare.create(recorded(ns, "50Gi", null));
      bare.awaitDeployment(ns, "site-lobby");
      await().atMost(OperatorTestHarness.TIMEOUT).until(() -> bare.client().persistentVolumeClaims().inNamespace(ns)
          .withName("site-recordings").get() != null && !mountsClaim(bare.deployment(ns, "site-mediamtx")));
      bare.markDeploymentReady(ns, "site-mediamtx");
      bare.markDeploymentReady(ns, "site-lobby");
      CameraStream live = bare.awaitCameraStream(ns, "site", cs -> hasReady(cs, "False", "NoStorageClass"));
      assertThat(live.getStatus().getReadyCameras()).isEqualTo("1/1");
      assertThat(condition(live, ConditionTypes.RECORDING).getMessage()).startsWith("PersistentVolumeClaim"
          + " site-recordings is Pending without a StorageClass: the cluster had no default StorageClass when it"
          + " was created; live video runs without recording until it is Bound");

      // An administrator adds a default class; the PV controller gives it to the claim (RetroactiveDefaultStorageClass).
      bare.client().storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
          .withName("standard").addToAnnotations("storageclass.kubernetes.io/is-default-class", "true").endMetadata()
          .withProvisioner("rancher.io/local-path").withVolumeBindingMode("WaitForFirstConsumer").build()).create();
      bare.client().persistentVolumeClaims().inNamespace(ns).withName("site-recordings").edit(claim -> {
        claim.getSpec().setStorageClassName("standard");
        return claim;
      });
      await().atMost(OperatorTestHarness.TIMEOUT).until(() -> mountsClaim(bare.deployment(ns, "site-mediamtx")));
      bare.markDeploymentReady(ns, "site-mediamtx");
      CameraStream recording = bare.awaitCameraStream(ns, "site", cs -> hasReady(cs, "True", "Ready"));
      assertThat(condition(recording, ConditionTypes.RECORDING).getStatus()).isEqualTo("True");
    }
  }

  /**
   * Where only who may delete an object may change its owners (OpenShift's default), camstream — which may never
   * delete a claim — cannot move the claim's owner reference: a changed reclaimPolicy is reported, naming the
   * permission, and everything else reconciles. A new claim may be created owned.
   */
  @Test
  void whereOwnersNeedDeleteAChangedReclaimPolicyIsReportedAndTheRestReconciles() {
    try (OperatorTestHarness openShift = OperatorTestHarness.builder().ownerReferencesPermissionEnforcement()
        .start()) {
      String ns = openShift.newNamespace();
      openShift.create(recorded(ns, "50Gi", null));
      await().atMost(OperatorTestHarness.TIMEOUT).until(() -> openShift.client().persistentVolumeClaims()
          .inNamespace(ns).withName("site-recordings").get() != null);

      openShift.edit(ns, "site", cs -> {
        cs.getSpec().getRecording().getStorage().setReclaimPolicy(ReclaimPolicy.DELETE);
        cs.getSpec().getCameras().add(testPattern("gate"));
      });
      openShift.awaitDeployment(ns, "site-gate");
      CameraStream held = openShift.awaitCameraStream(ns, "site",
          cs -> hasReady(cs, "False", "ReclaimPolicyCannotChange"));
      assertThat(condition(held, ConditionTypes.READY).getMessage()).startsWith("spec.recording.storage"
          + ".reclaimPolicy Delete would make the CameraStream the owner of PersistentVolumeClaim \"site-recordings\"")
          .contains("camstream's RBAC has no delete on persistentvolumeclaims", "kubectl -n " + ns + " patch pvc"
              + " site-recordings");
      assertThat(openShift.client().persistentVolumeClaims().inNamespace(ns).withName("site-recordings").get()
          .getMetadata().getOwnerReferences()).isNullOrEmpty();

      String owned = openShift.newNamespace();
      CameraStream deleting = recorded(owned, "50Gi", null);
      deleting.getSpec().getRecording().getStorage().setReclaimPolicy(ReclaimPolicy.DELETE);
      openShift.create(deleting);
      await().atMost(OperatorTestHarness.TIMEOUT).until(() -> {
        PersistentVolumeClaim claim = openShift.client().persistentVolumeClaims().inNamespace(owned)
            .withName("site-recordings").get();
        return claim != null && claim.getMetadata().getOwnerReferences().size() == 1;
      });
    }
  }

  // --- helpers ------------------------------------------------------------------------------------------------------

  private static CameraStream recorded(String ns, String size, String storageClass) {
    CameraStream site = CameraStreams.of(ns, "site", testPattern("lobby"));
    site.getSpec().setRecording(CameraStreams.recording(size, ReclaimPolicy.RETAIN));
    site.getSpec().getRecording().getStorage().setStorageClassName(storageClass);
    return site;
  }

  private static void storageClass(String name, String bindingMode, boolean expandable) {
    harness.client().storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
        .withName(name).endMetadata().withProvisioner("ebs.csi.aws.com").withVolumeBindingMode(bindingMode)
        .withAllowVolumeExpansion(expandable).build()).create();
  }

  /** Plays the scheduler and the kubelets: the pods run (a claim MediaMTX mounts is bound for it first). */
  private static void bringUp(String ns, String... deployments) {
    for (String deployment : deployments) {
      harness.awaitDeployment(ns, deployment);
      harness.markDeploymentReady(ns, deployment);
    }
  }

  private static boolean mountsClaim(Deployment deployment) {
    return deployment != null && deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
        .anyMatch(volume -> volume.getPersistentVolumeClaim() != null);
  }

  private static PersistentVolumeClaim claim(String ns) {
    return harness.client().persistentVolumeClaims().inNamespace(ns).withName("site-recordings").get();
  }

  private static CameraStream awaitReady(String ns, String status, String reason) {
    return harness.awaitCameraStream(ns, "site", cs -> hasReady(cs, status, reason));
  }

  private static CameraStream awaitRecording(String ns, String status, String reason) {
    return harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null
        && Conditions.find(cs.getStatus().getConditions(), ConditionTypes.RECORDING)
            .filter(c -> status.equals(c.getStatus()) && reason.equals(c.getReason())).isPresent());
  }

  private static boolean hasReady(CameraStream cs, String status, String reason) {
    return cs.getStatus() != null && Conditions.find(cs.getStatus().getConditions(), ConditionTypes.READY)
        .filter(c -> status.equals(c.getStatus()) && reason.equals(c.getReason())).isPresent();
  }

  private static Condition condition(CameraStream cs, String type) {
    return Conditions.find(cs.getStatus().getConditions(), type).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> path(String ns, String camera) {
    String yaml = MediaMtxConfigSecretBuilder.yaml(harness.client().secrets().inNamespace(ns)
        .withName("site-mediamtx-config").get());
    try {
      Map<String, Object> config = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
      return (Map<String, Object>) ((Map<String, Object>) config.get("paths")).get(camera);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
