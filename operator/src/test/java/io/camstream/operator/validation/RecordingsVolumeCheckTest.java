package io.camstream.operator.validation;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.RecordingsVolumeBuilder;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The live recordings claim is checked before anything is written: it is never shrunk, re-classed or taken over. */
class RecordingsVolumeCheckTest {

  @Test
  void noClaimYetOrNoRecordingIsNothingToCheck() {
    assertThat(RecordingsVolumeCheck.check(recording("50Gi", "fast"), Optional.empty())).isEmpty();
    CameraStream withoutRecording = CameraStreams.of("ns", "site", testPattern("lobby"));
    assertThat(RecordingsVolumeCheck.check(withoutRecording, Optional.of(foreignClaim()))).isEmpty();
  }

  @Test
  void theClaimCamstreamWroteForThisCameraStreamIsAcceptedAsItIsAndWhenItGrows() {
    CameraStream site = recording("50Gi", "fast");
    PersistentVolumeClaim live = RecordingsVolumeBuilder.build(site);
    assertThat(RecordingsVolumeCheck.check(site, Optional.of(live))).isEmpty();
    assertThat(RecordingsVolumeCheck.check(recording("100Gi", "fast"), Optional.of(live))).as("growing").isEmpty();
    assertThat(RecordingsVolumeCheck.check(recording("50Gi", null), Optional.of(live)))
        .as("no class asked for: whatever the claim has").isEmpty();
    assertThat(RecordingsVolumeCheck.check(recording("51200Mi", "fast"), Optional.of(live)))
        .as("the same size in other units").isEmpty();
  }

  @Test
  void aClaimOfTheSameNameThatCamstreamDidNotWriteForThisCameraStreamIsANameConflict() {
    CameraStream site = recording("50Gi", null);
    assertThat(RecordingsVolumeCheck.check(site, Optional.of(foreignClaim()))).hasValueSatisfying(problem -> {
      assertThat(problem.reason()).isEqualTo("NameConflict");
      assertThat(problem.message()).startsWith("PersistentVolumeClaim \"site-recordings\" already exists in"
          + " namespace ns and is not managed by this CameraStream");
    });

    PersistentVolumeClaim anotherStreams = RecordingsVolumeBuilder.build(recording("50Gi", null));
    anotherStreams.getMetadata().getLabels().put(Labels.CAMERA_STREAM, "other");
    assertThat(RecordingsVolumeCheck.check(site, Optional.of(anotherStreams))).hasValueSatisfying(problem ->
        assertThat(problem.reason()).isEqualTo("NameConflict"));
    PersistentVolumeClaim notManaged = RecordingsVolumeBuilder.build(recording("50Gi", null));
    notManaged.getMetadata().getLabels().remove(Labels.MANAGED_BY);
    assertThat(RecordingsVolumeCheck.isCamstreamsClaimFor(notManaged, site)).isFalse();
  }

  @Test
  void aVolumeNeverShrinks() {
    PersistentVolumeClaim live = RecordingsVolumeBuilder.build(recording("50Gi", "fast"));
    assertThat(RecordingsVolumeCheck.check(recording("49Gi", "fast"), Optional.of(live)))
        .hasValueSatisfying(problem -> {
          assertThat(problem.reason()).isEqualTo("StorageCannotShrink");
          assertThat(problem.message()).startsWith("spec.recording.storage.size 49Gi is smaller than"
              + " PersistentVolumeClaim \"site-recordings\" (50Gi)").contains("at least 50Gi");
        });
  }

  @Test
  void aClaimsStorageClassNeverChanges() {
    PersistentVolumeClaim live = RecordingsVolumeBuilder.build(recording("50Gi", "fast"));
    assertThat(RecordingsVolumeCheck.check(recording("50Gi", "slow"), Optional.of(live)))
        .hasValueSatisfying(problem -> {
          assertThat(problem.reason()).isEqualTo("StorageClassCannotChange");
          assertThat(problem.message()).startsWith("spec.recording.storage.storageClassName \"slow\" differs from"
              + " PersistentVolumeClaim \"site-recordings\" (\"fast\")");
        });
    PersistentVolumeClaim defaultClass = RecordingsVolumeBuilder.build(recording("50Gi", null));
    assertThat(RecordingsVolumeCheck.check(recording("50Gi", "fast"), Optional.of(defaultClass)))
        .hasValueSatisfying(problem -> assertThat(problem.message()).contains("(no class)"));
  }

  private static CameraStream recording(String size, String storageClass) {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getSpec().setRecording(CameraStreams.recording(size, ReclaimPolicy.RETAIN));
    site.getSpec().getRecording().getStorage().setStorageClassName(storageClass);
    return site;
  }

  private static PersistentVolumeClaim foreignClaim() {
    return new PersistentVolumeClaimBuilder().withNewMetadata().withName("site-recordings")
        .addToLabels("app", "backup").endMetadata().build();
  }
}
