package io.camstream.operator.desired;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

class RecordingsVolumeBuilderTest {

  private static CameraStream site(ReclaimPolicy policy, String storageClass) {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getMetadata().setUid("uid-1");
    site.getSpec().setRecording(CameraStreams.recording("50Gi", policy));
    site.getSpec().getRecording().getStorage().setStorageClassName(storageClass);
    return site;
  }

  @Test
  void oneReadWriteOnceClaimOfTheRequestedSizeAndClass() {
    PersistentVolumeClaim claim = RecordingsVolumeBuilder.build(site(ReclaimPolicy.RETAIN, "fast"));
    assertThat(claim.getMetadata().getName()).isEqualTo("site-recordings");
    assertThat(claim.getMetadata().getNamespace()).isEqualTo("ns");
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("50Gi"));
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
    assertThat(RecordingsVolumeBuilder.build(site(ReclaimPolicy.RETAIN, null)).getSpec().getStorageClassName())
        .as("unset: the cluster's default StorageClass").isNull();
    assertThat(RecordingsVolumeBuilder.build(site(ReclaimPolicy.RETAIN, "fast"), java.util.Optional.of(
        new Quantity("20Gi"))).getSpec().getResources().getRequests())
        .as("a size it cannot grow from, kept").containsEntry("storage", new Quantity("20Gi"));
  }

  @Test
  void retainedClaimsCarryCamstreamsLabelsButNoOwnerSoDeletingTheCameraStreamKeepsThem() {
    PersistentVolumeClaim claim = RecordingsVolumeBuilder.build(site(ReclaimPolicy.RETAIN, null));
    assertThat(claim.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(claim.getMetadata().getLabels()).containsEntry(Labels.MANAGED_BY, "camstream-operator")
        .containsEntry(Labels.CAMERA_STREAM, "site").containsEntry(Labels.COMPONENT, "mediamtx");
  }

  @Test
  void deleteMakesTheCameraStreamTheOwner() {
    PersistentVolumeClaim claim = RecordingsVolumeBuilder.build(site(ReclaimPolicy.DELETE, null));
    assertThat(claim.getMetadata().getOwnerReferences()).singleElement().satisfies(reference -> {
      assertThat(reference.getUid()).isEqualTo("uid-1");
      assertThat(reference.getController()).isTrue();
      assertThat(reference.getBlockOwnerDeletion()).isNull();
    });
  }

  @Test
  void theClaimExistsExactlyWhileRecordingIsConfigured() {
    CameraStream site = site(ReclaimPolicy.RETAIN, null);
    site.getSpec().getRecording().setEnabled(false);
    assertThat(DesiredState.of(site, OperatorDefaults.standard(), java.util.Map.of(), () -> "p".repeat(32))
        .recordings()).as("recording configured but off: the recordings already made stay reachable").isPresent();
    site.getSpec().setRecording(null);
    assertThat(DesiredState.of(site, OperatorDefaults.standard(), java.util.Map.of(), () -> "p".repeat(32))
        .recordings()).isEmpty();
  }
}
