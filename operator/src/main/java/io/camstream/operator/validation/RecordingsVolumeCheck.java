package io.camstream.operator.validation;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.Recording;
import io.camstream.operator.desired.RecordingsVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the live claim {@code <name>-recordings} allows, checked before anything is written: it must be camstream's
 * claim for this CameraStream (its labels: a retained claim has no owner reference, and is taken over by a
 * CameraStream of the same name), a volume never shrinks, and a claim's StorageClass never changes. The claim is
 * then left as it is and the message says what to do.
 */
public final class RecordingsVolumeCheck {
  private static final String FIELD = "spec.recording.storage";

  private RecordingsVolumeCheck() {
  }

  /** @param existing the live claim named {@code <name>-recordings}, empty when there is none */
  public static Optional<SpecProblem> check(CameraStream cameraStream, Optional<PersistentVolumeClaim> existing) {
    if (!Recording.configured(cameraStream) || existing.isEmpty()) {
      return Optional.empty();
    }
    PersistentVolumeClaim claim = existing.get();
    String name = claim.getMetadata().getName();
    if (!isCamstreamsClaimFor(claim, cameraStream)) {
      return Optional.of(new SpecProblem(SpecProblem.NAME_CONFLICT, "PersistentVolumeClaim \"" + name
          + "\" already exists in namespace " + cameraStream.getMetadata().getNamespace() + " and is not managed by"
          + " this CameraStream; rename or remove it, or rename the CameraStream"));
    }
    Quantity live = RecordingsVolumeBuilder.requestedSize(claim);
    String wanted = Recording.storage(cameraStream).getSize();
    if (live != null && new Quantity(wanted).getNumericalAmount().compareTo(live.getNumericalAmount()) < 0) {
      return Optional.of(new SpecProblem(SpecProblem.STORAGE_CANNOT_SHRINK, FIELD + ".size " + wanted + " is smaller than"
          + " PersistentVolumeClaim \"" + name + "\" (" + live + "): Kubernetes volumes can grow, never shrink."
          + " Set the size to at least " + live + ", or delete the claim (and its recordings) to start over"));
    }
    String wantedClass = Recording.storage(cameraStream).getStorageClassName();
    String liveClass = claim.getSpec() == null ? null : claim.getSpec().getStorageClassName();
    if (wantedClass != null && !Objects.equals(wantedClass, liveClass)) {
      return Optional.of(new SpecProblem(SpecProblem.STORAGE_CLASS_CANNOT_CHANGE, FIELD + ".storageClassName \"" + wantedClass
          + "\" differs from PersistentVolumeClaim \"" + name + "\" (" + (liveClass == null ? "no class"
          : "\"" + liveClass + "\"") + "), which cannot change. Set it back, or move the recordings to a new claim"
          + " and delete this one"));
    }
    return Optional.empty();
  }

  /** camstream's claim for this CameraStream, owned by it or retained from one of the same name. */
  public static boolean isCamstreamsClaimFor(PersistentVolumeClaim claim, CameraStream cameraStream) {
    Map<String, String> labels = claim.getMetadata().getLabels();
    return labels != null && Labels.OPERATOR.equals(labels.get(Labels.MANAGED_BY))
        && cameraStream.getMetadata().getName().equals(labels.get(Labels.CAMERA_STREAM));
  }
}
