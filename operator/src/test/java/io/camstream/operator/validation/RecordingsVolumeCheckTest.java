package io.camstream.operator.validation;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.OwnerReferences;
import io.camstream.operator.desired.RecordingsVolumeBuilder;
import io.camstream.operator.observation.ClaimStorageClass;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The live recordings claim is checked before anything is written: it is never taken over, shrunk or re-classed, and
 * grown only where Kubernetes lets it grow. A claim of another owner stops the reconcile; any other problem holds only
 * the claim.
 */
class RecordingsVolumeCheckTest {
  private static final ClaimStorageClass EXPANDABLE = ClaimStorageClass.found(new StorageClassBuilder()
      .withNewMetadata().withName("fast").endMetadata().withAllowVolumeExpansion(true).build());
  private static final ClaimStorageClass FIXED = ClaimStorageClass.found(new StorageClassBuilder()
      .withNewMetadata().withName("fast").endMetadata().build());

  static Stream<Arguments> table() {
    return Stream.of(
        row("no claim yet", recording("50Gi", "fast"), null, null, null, null),
        row("the claim as written", recording("50Gi", "fast"), claim("50Gi", "fast", "Bound"), null, null, null),
        row("the same size in other units", recording("51200Mi", "fast"), claim("50Gi", "fast", "Bound"), null, null,
            null),
        row("no class asked for: whatever the claim has", recording("50Gi", null), claim("50Gi", "fast", "Bound"),
            null, null, null),
        row("growing a Bound claim whose class allows it", recording("100Gi", "fast"),
            claim("50Gi", "fast", "Bound"), EXPANDABLE, null, null),
        row("growing where the class could not be read: the API server decides", recording("100Gi", "fast"),
            claim("50Gi", "fast", "Bound"), ClaimStorageClass.unreadable("fast", "not allowed"), null, null),
        row("growing a claim whose class does not allow expansion", recording("100Gi", "fast"),
            claim("50Gi", "fast", "Bound"), FIXED, "StorageCannotGrow",
            "spec.recording.storage.size 100Gi is larger than PersistentVolumeClaim \"site-recordings\" (50Gi),"
                + " which cannot grow: its StorageClass \"fast\" does not allow volume expansion"
                + " (allowVolumeExpansion is not true). Set the size back to 50Gi"),
        row("growing a claim that is not Bound yet", recording("100Gi", "fast"), claim("50Gi", "fast", "Pending"),
            EXPANDABLE, "StorageCannotGrow", "spec.recording.storage.size 100Gi is larger than PersistentVolumeClaim"
                + " \"site-recordings\" (50Gi), which is Pending: only a Bound claim can grow; it is grown to 100Gi"
                + " once it is Bound"),
        row("growing a claim without a class", recording("100Gi", null), claim("50Gi", "", "Bound"), null,
            "StorageCannotGrow", "spec.recording.storage.size 100Gi is larger than PersistentVolumeClaim"
                + " \"site-recordings\" (50Gi), which has no StorageClass"),
        row("growing a claim whose class is gone", recording("100Gi", "fast"), claim("50Gi", "fast", "Bound"),
            ClaimStorageClass.notFound("fast"), "StorageCannotGrow", "spec.recording.storage.size 100Gi is larger"
                + " than PersistentVolumeClaim \"site-recordings\" (50Gi), which names StorageClass \"fast\", which"
                + " does not exist"),
        row("shrinking", recording("49Gi", "fast"), claim("50Gi", "fast", "Bound"), null, "StorageCannotShrink",
            "spec.recording.storage.size 49Gi is smaller than PersistentVolumeClaim \"site-recordings\" (50Gi):"
                + " Kubernetes volumes can grow, never shrink. Set the size to at least 50Gi"),
        row("another class", recording("50Gi", "slow"), claim("50Gi", "fast", "Bound"), null,
            "StorageClassCannotChange", "spec.recording.storage.storageClassName \"slow\" differs from"
                + " PersistentVolumeClaim \"site-recordings\" (\"fast\"), which cannot change"),
        row("a class where the claim has none", recording("50Gi", "fast"), claim("50Gi", null, "Bound"), null,
            "StorageClassCannotChange", "spec.recording.storage.storageClassName \"fast\" differs from"
                + " PersistentVolumeClaim \"site-recordings\" (no class)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void problemOf(String what, CameraStream site, PersistentVolumeClaim live, ClaimStorageClass storageClass,
      String reason, String messageStart) {
    Optional<SpecProblem> problem = RecordingsVolumeCheck.check(site, Optional.ofNullable(live),
        Optional.ofNullable(storageClass));
    if (reason == null) {
      assertThat(problem).as(what).isEmpty();
      return;
    }
    assertThat(problem).as(what).hasValueSatisfying(p -> {
      assertThat(p.reason()).isEqualTo(reason);
      assertThat(p.message()).startsWith(messageStart);
      assertThat(p.holdsRecordings()).as("the claim is held, nothing else").isTrue();
      assertThat(p.blocks()).isFalse();
    });
  }

  @Test
  void withoutRecordingThereIsNothingToCheck() {
    CameraStream withoutRecording = CameraStreams.of("ns", "site", testPattern("lobby"));
    assertThat(RecordingsVolumeCheck.check(withoutRecording, Optional.of(foreignClaim()), Optional.empty()))
        .isEmpty();
  }

  @Test
  void aClaimOfTheSameNameThatCamstreamDidNotWriteForThisCameraStreamIsANameConflictThatStopsEverything() {
    CameraStream site = recording("50Gi", null);
    assertThat(RecordingsVolumeCheck.check(site, Optional.of(foreignClaim()), Optional.empty()))
        .hasValueSatisfying(problem -> {
          assertThat(problem.reason()).isEqualTo("NameConflict");
          assertThat(problem.blocks()).isTrue();
          assertThat(problem.message()).startsWith("PersistentVolumeClaim \"site-recordings\" already exists in"
              + " namespace ns and is not managed by this CameraStream");
        });

    PersistentVolumeClaim anotherStreams = RecordingsVolumeBuilder.build(recording("50Gi", null));
    anotherStreams.getMetadata().getLabels().put(Labels.CAMERA_STREAM, "other");
    assertThat(RecordingsVolumeCheck.check(site, Optional.of(anotherStreams), Optional.empty()))
        .hasValueSatisfying(problem -> assertThat(problem.reason()).isEqualTo("NameConflict"));
    PersistentVolumeClaim notManaged = RecordingsVolumeBuilder.build(recording("50Gi", null));
    notManaged.getMetadata().getLabels().remove(Labels.MANAGED_BY);
    assertThat(RecordingsVolumeCheck.isCamstreamsClaimFor(notManaged, site)).isFalse();
  }

  @Test
  void aRefusedGrowthKeepsTheClaimAndQuotesTheApiServer() {
    SpecProblem problem = RecordingsVolumeCheck.growthRefused(recording("100Gi", "fast"),
        claim("50Gi", "fast", "Bound"), "persistentvolumeclaims \"site-recordings\" is forbidden: only dynamically"
            + " provisioned pvc can be resized");
    assertThat(problem.reason()).isEqualTo("StorageCannotGrow");
    assertThat(problem.holdsRecordings()).isTrue();
    assertThat(problem.message()).isEqualTo("spec.recording.storage.size 100Gi is larger than PersistentVolumeClaim"
        + " \"site-recordings\" (50Gi), and the API server refused to grow it: persistentvolumeclaims"
        + " \"site-recordings\" is forbidden: only dynamically provisioned pvc can be resized. It keeps 50Gi and"
        + " recording goes on; set the size back to 50Gi, or have an administrator allow expansion on its"
        + " StorageClass");
  }

  @Test
  void aRefusedOwnerChangeNamesThePermissionAndWhatToDoInstead() {
    CameraStream deleting = recording("50Gi", "fast");
    deleting.getSpec().getRecording().getStorage().setReclaimPolicy(ReclaimPolicy.DELETE);
    deleting.getMetadata().setUid("uid-site");
    SpecProblem adding = RecordingsVolumeCheck.ownershipRefused(deleting, claim("50Gi", "fast", "Bound"));
    assertThat(adding.reason()).isEqualTo("ReclaimPolicyCannotChange");
    assertThat(adding.holdsRecordings()).isTrue();
    assertThat(adding.message()).startsWith("spec.recording.storage.reclaimPolicy Delete would make the CameraStream"
        + " the owner of PersistentVolumeClaim \"site-recordings\", and the API server lets only who may delete a"
        + " claim change its owners (OwnerReferencesPermissionEnforcement); camstream's RBAC has no delete on"
        + " persistentvolumeclaims, on purpose, so that it never deletes recordings. The claim is left as it is: it"
        + " stays unowned, kept when the CameraStream is deleted. Set reclaimPolicy back to Retain, or make the"
        + " CameraStream its owner yourself: kubectl -n ns patch pvc site-recordings --type=merge -p")
        .contains("\"uid\":\"uid-site\"", "\"kind\":\"CameraStream\"", "\"controller\":true");

    CameraStream retaining = recording("50Gi", "fast");
    PersistentVolumeClaim owned = claim("50Gi", "fast", "Bound");
    owned.getMetadata().setOwnerReferences(List.of(OwnerReferences.controller(deleting)));
    assertThat(RecordingsVolumeCheck.ownershipRefused(retaining, owned).message())
        .startsWith("spec.recording.storage.reclaimPolicy Retain would remove the CameraStream's owner reference from")
        .contains("it stays owned, and is DELETED with the CameraStream. Set reclaimPolicy back to Delete")
        .endsWith("kubectl -n ns patch pvc site-recordings --type=json -p"
            + " '[{\"op\":\"remove\",\"path\":\"/metadata/ownerReferences\"}]'");
    owned.getMetadata().setOwnerReferences(List.of(OwnerReferences.controller(deleting), new OwnerReferenceBuilder()
        .withKind("Backup").withName("nightly").withUid("uid-backup").build()));
    assertThat(RecordingsVolumeCheck.ownershipRefused(retaining, owned).message())
        .endsWith("kubectl -n ns edit pvc site-recordings");
  }

  private static Arguments row(String what, CameraStream site, PersistentVolumeClaim live,
      ClaimStorageClass storageClass, String reason, String messageStart) {
    return Arguments.of(what, site, live, storageClass, reason, messageStart);
  }

  private static CameraStream recording(String size, String storageClass) {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getSpec().setRecording(CameraStreams.recording(size, ReclaimPolicy.RETAIN));
    site.getSpec().getRecording().getStorage().setStorageClassName(storageClass);
    return site;
  }

  /** camstream's claim as the API server holds it: its class, its phase. */
  private static PersistentVolumeClaim claim(String size, String storageClass, String phase) {
    PersistentVolumeClaim claim = RecordingsVolumeBuilder.build(recording(size, storageClass));
    claim.getSpec().setStorageClassName(storageClass);
    claim.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder().withPhase(phase)
        .build());
    return claim;
  }

  private static PersistentVolumeClaim foreignClaim() {
    return new PersistentVolumeClaimBuilder().withNewMetadata().withName("site-recordings")
        .addToLabels("app", "backup").endMetadata().build();
  }
}
