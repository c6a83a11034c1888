package io.camstream.operator.validation;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.OwnerReferences;
import io.camstream.operator.desired.Recording;
import io.camstream.operator.desired.RecordingsVolumeBuilder;
import io.camstream.operator.observation.ClaimStorageClass;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the live claim {@code <name>-recordings} allows, checked before anything is written: it must be camstream's
 * claim for this CameraStream (its labels: a retained claim has no owner reference, and is taken over by a
 * CameraStream of the same name); a volume never shrinks, and grows only where Kubernetes lets it (a Bound claim whose
 * StorageClass allows expansion: the {@code PersistentVolumeClaimResize} admission plugin refuses anything else); a
 * claim's StorageClass never changes. A claim of another owner stops the reconcile; every other problem holds only
 * the claim ({@link SpecProblem#holdingRecordings()}): it keeps its size while the cameras reconcile, and the message
 * says what to do.
 */
public final class RecordingsVolumeCheck {
  private static final String FIELD = "spec.recording.storage";

  private RecordingsVolumeCheck() {
  }

  /**
   * @param existing the live claim named {@code <name>-recordings}, empty when there is none
   * @param storageClass the claim's StorageClass, when it was read (see {@code Observer})
   */
  public static Optional<SpecProblem> check(CameraStream cameraStream, Optional<PersistentVolumeClaim> existing,
      Optional<ClaimStorageClass> storageClass) {
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
    int compared = live == null ? 1 : new Quantity(wanted).getNumericalAmount().compareTo(live.getNumericalAmount());
    if (compared < 0) {
      return held(SpecProblem.STORAGE_CANNOT_SHRINK, FIELD + ".size " + wanted + " is smaller than"
          + " PersistentVolumeClaim \"" + name + "\" (" + live + "): Kubernetes volumes can grow, never shrink."
          + " Set the size to at least " + live + ", or delete the claim (and its recordings) to start over");
    }
    String wantedClass = Recording.storage(cameraStream).getStorageClassName();
    String liveClass = claim.getSpec() == null ? null : claim.getSpec().getStorageClassName();
    if (wantedClass != null && !Objects.equals(wantedClass, liveClass)) {
      return held(SpecProblem.STORAGE_CLASS_CANNOT_CHANGE, FIELD + ".storageClassName \"" + wantedClass
          + "\" differs from PersistentVolumeClaim \"" + name + "\" (" + describeClass(liveClass) + "), which cannot"
          + " change. Set it back, or move the recordings to a new claim and delete this one");
    }
    if (compared > 0 && live != null) {
      return cannotGrow(claim, wanted, live, liveClass, storageClass).flatMap(why -> held(
          SpecProblem.STORAGE_CANNOT_GROW, FIELD + ".size " + wanted + " is larger than PersistentVolumeClaim \""
              + name + "\" (" + live + "), which " + why + ". It keeps " + live + " and recording goes on"));
    }
    return Optional.empty();
  }

  /** Why Kubernetes would refuse to grow the claim, as far as the observation tells; empty when it may grow. */
  private static Optional<String> cannotGrow(PersistentVolumeClaim claim, String wanted, Quantity live,
      String liveClass, Optional<ClaimStorageClass> storageClass) {
    String phase = claim.getStatus() == null || claim.getStatus().getPhase() == null ? "Pending"
        : claim.getStatus().getPhase();
    if (!RecordingsVolumeBuilder.BOUND.equals(phase)) {
      return Optional.of("is " + phase + ": only a Bound claim can grow; it is grown to " + wanted
          + " once it is Bound");
    }
    if (liveClass == null || liveClass.isEmpty()) {
      return Optional.of("has no StorageClass: only a claim whose StorageClass allows volume expansion can grow."
          + " Set the size back to " + live);
    }
    if (storageClass.isEmpty() || !storageClass.get().isReadable()) {
      return Optional.empty(); // not known here: the API server decides, and a refusal is reported as this one
    }
    if (storageClass.get().isMissing()) {
      return Optional.of("names StorageClass \"" + liveClass + "\", which does not exist: only a claim whose"
          + " StorageClass allows volume expansion can grow. Set the size back to " + live);
    }
    if (!storageClass.get().allowsExpansion()) {
      return Optional.of("cannot grow: its StorageClass \"" + liveClass + "\" does not allow volume expansion"
          + " (allowVolumeExpansion is not true). Set the size back to " + live + ", or have an administrator"
          + " allow expansion on the StorageClass if its provisioner supports it");
    }
    return Optional.empty();
  }

  /**
   * The API server refused to grow the claim ({@code PersistentVolumeClaimResize}, where the StorageClass could not be
   * read beforehand): held as {@link SpecProblem#STORAGE_CANNOT_GROW}, with its answer.
   */
  public static SpecProblem growthRefused(CameraStream cameraStream, PersistentVolumeClaim claim, String answer) {
    Quantity live = RecordingsVolumeBuilder.requestedSize(claim);
    return new SpecProblem(SpecProblem.STORAGE_CANNOT_GROW, FIELD + ".size " + Recording.storage(cameraStream)
        .getSize() + " is larger than PersistentVolumeClaim \"" + claim.getMetadata().getName() + "\" (" + live
        + "), and the API server refused to grow it: " + answer + ". It keeps " + live + " and recording goes on;"
        + " set the size back to " + live + ", or have an administrator allow expansion on its StorageClass")
        .holdingRecordings();
  }

  /**
   * The API server refused to change the claim's owner references ({@code OwnerReferencesPermissionEnforcement}: only
   * who may delete an object may change its owners, and camstream may never delete a claim): held as
   * {@link SpecProblem#RECLAIM_POLICY_CANNOT_CHANGE}, naming the permission and what the user can do instead.
   */
  public static SpecProblem ownershipRefused(CameraStream cameraStream, PersistentVolumeClaim claim) {
    String name = claim.getMetadata().getName();
    String namespace = claim.getMetadata().getNamespace();
    boolean owned = RecordingsVolumeBuilder.owned(cameraStream);
    String change = owned ? "make the CameraStream the owner of" : "remove the CameraStream's owner reference from";
    String stays = owned ? "it stays unowned, kept when the CameraStream is deleted"
        : "it stays owned, and is DELETED with the CameraStream";
    String yourself;
    if (owned) {
      OwnerReference reference = OwnerReferences.controller(cameraStream);
      yourself = "make the CameraStream its owner yourself: kubectl -n " + namespace + " patch pvc " + name
          + " --type=merge -p '{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"" + reference.getApiVersion()
          + "\",\"kind\":\"" + reference.getKind() + "\",\"name\":\"" + reference.getName() + "\",\"uid\":\""
          + reference.getUid() + "\",\"controller\":true}]}}'";
    } else {
      List<OwnerReference> references = claim.getMetadata().getOwnerReferences();
      yourself = references != null && references.size() == 1
          ? "remove its owner reference yourself: kubectl -n " + namespace + " patch pvc " + name
              + " --type=json -p '[{\"op\":\"remove\",\"path\":\"/metadata/ownerReferences\"}]'"
          : "remove the CameraStream's owner reference yourself: kubectl -n " + namespace + " edit pvc " + name;
    }
    return new SpecProblem(SpecProblem.RECLAIM_POLICY_CANNOT_CHANGE, FIELD + ".reclaimPolicy "
        + (owned ? "Delete" : "Retain") + " would " + change
        + " PersistentVolumeClaim \"" + name + "\", and the API server lets only who may delete a claim change its"
        + " owners (OwnerReferencesPermissionEnforcement); camstream's RBAC has no delete on persistentvolumeclaims,"
        + " on purpose, so that it never deletes recordings. The claim is left as it is: " + stays + ". Set"
        + " reclaimPolicy back to " + (owned ? "Retain" : "Delete") + ", or "
        + yourself).holdingRecordings();
  }

  /** camstream's claim for this CameraStream, owned by it or retained from one of the same name. */
  public static boolean isCamstreamsClaimFor(PersistentVolumeClaim claim, CameraStream cameraStream) {
    Map<String, String> labels = claim.getMetadata().getLabels();
    return labels != null && Labels.OPERATOR.equals(labels.get(Labels.MANAGED_BY))
        && cameraStream.getMetadata().getName().equals(labels.get(Labels.CAMERA_STREAM));
  }

  private static String describeClass(String storageClass) {
    return storageClass == null || storageClass.isEmpty() ? "no class" : "\"" + storageClass + "\"";
  }

  private static Optional<SpecProblem> held(String reason, String message) {
    return Optional.of(new SpecProblem(reason, message).holdingRecordings());
  }
}
