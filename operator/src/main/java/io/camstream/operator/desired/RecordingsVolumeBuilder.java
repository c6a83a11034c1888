package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.api.spec.RecordingStorageSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Optional;

/**
 * PersistentVolumeClaim {@code <name>-recordings}: ReadWriteOnce (one MediaMTX pod writes it), the requested size
 * and StorageClass. {@code reclaimPolicy: Retain} gives it camstream's labels but no owner reference, so deleting the
 * CameraStream never deletes recordings (a CameraStream of the same name takes it over again); {@code Delete} makes
 * the CameraStream its owner, and garbage collection deletes it with it.
 */
public final class RecordingsVolumeBuilder {
  public static final String ACCESS_MODE = "ReadWriteOnce";
  public static final String STORAGE = "storage";
  /** The phase of a claim with a volume. */
  public static final String BOUND = "Bound";

  private RecordingsVolumeBuilder() {
  }

  public static PersistentVolumeClaim build(CameraStream cameraStream) {
    return build(cameraStream, Optional.empty());
  }

  /** @param keptSize the live claim's size, kept instead of the spec's while that cannot be applied */
  public static PersistentVolumeClaim build(CameraStream cameraStream, Optional<Quantity> keptSize) {
    RecordingStorageSpec storage = Recording.storage(cameraStream);
    PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder()
        .withNewMetadata()
          .withName(ResourceNames.recordings(cameraStream))
          .withNamespace(cameraStream.getMetadata().getNamespace())
          .withLabels(Labels.mediaMtx(cameraStream))
        .endMetadata()
        .withNewSpec()
          .withAccessModes(ACCESS_MODE)
          .withStorageClassName(storage.getStorageClassName())
          .withNewResources().addToRequests(STORAGE, keptSize.orElseGet(() -> new Quantity(storage.getSize())))
          .endResources()
        .endSpec()
        .build();
    if (owned(cameraStream)) {
      claim.getMetadata().setOwnerReferences(List.of(OwnerReferences.controller(cameraStream)));
    }
    return claim;
  }

  /** Whether the CameraStream owns the claim ({@code reclaimPolicy: Delete}). */
  public static boolean owned(CameraStream cameraStream) {
    return Recording.storage(cameraStream).getReclaimPolicy() == ReclaimPolicy.DELETE;
  }

  /** The requested size of a claim, or null when it states none. */
  public static Quantity requestedSize(PersistentVolumeClaim claim) {
    if (claim.getSpec() == null || claim.getSpec().getResources() == null
        || claim.getSpec().getResources().getRequests() == null) {
      return null;
    }
    return claim.getSpec().getResources().getRequests().get(STORAGE);
  }
}
