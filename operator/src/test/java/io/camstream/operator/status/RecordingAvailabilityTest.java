package io.camstream.operator.status;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.desired.RecordingsVolumeBuilder;
import io.camstream.operator.observation.ClaimStorageClass;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whether MediaMTX mounts the recordings' claim, and the Recording condition, for every state of the claim: live
 * video never waits for a claim that will not bind on its own account.
 */
class RecordingAvailabilityTest {
  private static final ClaimStorageClass ON_FIRST_USE = ClaimStorageClass.found(new StorageClassBuilder()
      .withNewMetadata().withName("standard").endMetadata().withVolumeBindingMode("WaitForFirstConsumer").build());
  private static final ClaimStorageClass IMMEDIATE = ClaimStorageClass.found(new StorageClassBuilder()
      .withNewMetadata().withName("standard").endMetadata().withVolumeBindingMode("Immediate").build());

  static Stream<Arguments> table() {
    return Stream.of(
        row("no claim yet: created now and mounted, judged once it exists", null, null, true, "False",
            "RecordingsVolumePending", "PersistentVolumeClaim site-recordings is being created"),
        row("Bound", claim("standard", "Bound"), null, true, "True", "RecordingsVolumeBound",
            "recording 1 of 2 cameras to PersistentVolumeClaim site-recordings (Bound, 50Gi)"),
        row("Pending, its class binds on first use: MediaMTX's mount binds it", claim("standard", "Pending"),
            ON_FIRST_USE, true, "False", "RecordingsVolumePending", "PersistentVolumeClaim site-recordings is"
                + " Pending until MediaMTX is scheduled: StorageClass \"standard\" binds a volume when it is first"
                + " used"),
        row("Pending, its class provisions on its own: not waited for", claim("standard", "Pending"), IMMEDIATE,
            false, "False", "RecordingsVolumePending", "PersistentVolumeClaim site-recordings is Pending: waiting"
                + " for StorageClass \"standard\" to provision a volume; live video runs without recording until"
                + " it is Bound"),
        row("Pending, its class could not be read: mounted as before", claim("standard", "Pending"),
            ClaimStorageClass.unreadable("standard", "CAMSTREAM_READ_STORAGE_CLASSES is false"), true, "False",
            "RecordingsVolumePending", "PersistentVolumeClaim site-recordings is Pending; its StorageClass"
                + " \"standard\" could not be read (CAMSTREAM_READ_STORAGE_CLASSES is false), so MediaMTX mounts"
                + " it as one that binds when first used"),
        row("Pending without a class: the cluster has no default one", claim(null, "Pending"), null, false, "False",
            "NoStorageClass", "PersistentVolumeClaim site-recordings is Pending without a StorageClass: the"
                + " cluster had no default StorageClass when it was created; live video runs without recording"
                + " until it is Bound. Mark a StorageClass as the default"),
        row("Pending with an explicitly empty class", claim("", "Pending"), null, false, "False", "NoStorageClass",
            "PersistentVolumeClaim site-recordings is Pending without a StorageClass"),
        row("Pending with a class that does not exist", claim("fast", "Pending"),
            ClaimStorageClass.notFound("fast"), false, "False", "NoStorageClass", "PersistentVolumeClaim"
                + " site-recordings is Pending: its StorageClass \"fast\" does not exist; live video runs without"
                + " recording until it is Bound. Create the StorageClass"),
        row("no phase yet counts as Pending", claim("standard", null), ON_FIRST_USE, true, "False",
            "RecordingsVolumePending", "PersistentVolumeClaim site-recordings is Pending until MediaMTX"),
        row("a class read for another name is not this claim's", claim("standard", "Pending"),
            ClaimStorageClass.notFound("other"), true, "False", "RecordingsVolumePending",
            "PersistentVolumeClaim site-recordings is Pending; its StorageClass \"standard\" could not be read"
                + " (not read)"),
        row("Lost", claim("standard", "Lost"), null, false, "False", "RecordingsVolumeLost",
            "PersistentVolumeClaim site-recordings lost its volume (Lost); live video runs without recording"
                + " until it is Bound: restore its PersistentVolume"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void availabilityOf(String what, PersistentVolumeClaim claim, ClaimStorageClass storageClass, boolean mounted,
      String status, String reason, String messageStart) {
    RecordingAvailability availability = RecordingAvailability.of(recorded(), Optional.ofNullable(claim),
        Optional.ofNullable(storageClass)).orElseThrow();

    assertThat(availability.mounted()).as(what).isEqualTo(mounted);
    assertThat(availability.condition().status()).as(what).isEqualTo(status);
    assertThat(availability.condition().reason()).as(what).isEqualTo(reason);
    assertThat(availability.condition().message()).as(what).startsWith(messageStart);
  }

  @Test
  void withoutRecordingThereIsNoCondition() {
    assertThat(RecordingAvailability.of(CameraStreams.of("ns", "site", testPattern("lobby")),
        Optional.empty(), Optional.empty())).isEmpty();
  }

  @Test
  void theBoundMessageCountsTheCamerasThatRecord() {
    CameraStream every = recorded();
    every.getSpec().getCameras().get(1).setRecord(true);
    assertThat(message(every)).startsWith("recording every camera to");
    CameraStream none = recorded();
    none.getSpec().getCameras().get(0).setRecord(false);
    assertThat(message(none)).startsWith("no camera records; recordings are kept");
  }

  private static String message(CameraStream site) {
    return RecordingAvailability.of(site, Optional.of(claim("standard", "Bound")), Optional.empty()).orElseThrow()
        .condition().message();
  }

  private static Arguments row(String what, PersistentVolumeClaim claim, ClaimStorageClass storageClass,
      boolean mounted, String status, String reason, String messageStart) {
    return Arguments.of(what, claim, storageClass, mounted, status, reason, messageStart);
  }

  /** Two cameras, the second one not recording. */
  private static CameraStream recorded() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"), testPattern("gate"));
    site.getSpec().setRecording(CameraStreams.recording("50Gi", ReclaimPolicy.RETAIN));
    site.getSpec().getCameras().get(1).setRecord(false);
    return site;
  }

  private static PersistentVolumeClaim claim(String storageClass, String phase) {
    PersistentVolumeClaim claim = RecordingsVolumeBuilder.build(recorded());
    claim.getSpec().setStorageClassName(storageClass);
    claim.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase(phase).build());
    return claim;
  }
}
