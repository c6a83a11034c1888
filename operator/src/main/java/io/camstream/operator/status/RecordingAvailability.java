package io.camstream.operator.status;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.Recording;
import io.camstream.operator.desired.RecordingsVolumeBuilder;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.health.ConditionVerdict;
import io.camstream.operator.observation.ClaimStorageClass;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.Optional;

/**
 * Whether recording runs, from the recordings' claim and its StorageClass: the {@code Recording} condition, and
 * whether MediaMTX mounts the claim now. Live video never waits for recording: a pod whose claim is not bound stays
 * Pending, and with it every camera. So MediaMTX mounts the claim only when it is Bound, or will be bound because
 * MediaMTX mounts it (its StorageClass binds on first use, {@code WaitForFirstConsumer}); otherwise MediaMTX runs
 * without it, recording off, until the claim is Bound, and the condition says why.
 *
 * <ul>
 *   <li>no claim yet: it is created in this reconcile and mounted, so a claim that binds on first use binds at once;
 *       if it turns out unable to bind, the next reconcile (its creation is an event) unmounts it;</li>
 *   <li>Bound: mounted, {@code Recording=True};</li>
 *   <li>Pending with a StorageClass that binds on first use, or one the operator cannot read: mounted;</li>
 *   <li>Pending without a StorageClass (the cluster had no default one) or with one that does not exist:
 *       {@code NoStorageClass}; with a class that provisions on its own: waiting ({@code RecordingsVolumePending});
 *       Lost: {@code RecordingsVolumeLost} — MediaMTX runs without it.</li>
 * </ul>
 *
 * @param mounted whether MediaMTX mounts the claim (and records) in this reconcile
 * @param condition the {@code Recording} condition
 */
public record RecordingAvailability(boolean mounted, ConditionVerdict condition) {

  /** Empty without {@code spec.recording}. */
  public static Optional<RecordingAvailability> of(CameraStream cameraStream, Optional<PersistentVolumeClaim> claim,
      Optional<ClaimStorageClass> storageClass) {
    if (!Recording.configured(cameraStream)) {
      return Optional.empty();
    }
    String name = ResourceNames.recordings(cameraStream);
    if (claim.isEmpty()) {
      return Optional.of(pending(true, "PersistentVolumeClaim " + name + " is being created"));
    }
    String phase = claim.get().getStatus() == null || claim.get().getStatus().getPhase() == null ? "Pending"
        : claim.get().getStatus().getPhase();
    if (RecordingsVolumeBuilder.BOUND.equals(phase)) {
      return Optional.of(new RecordingAvailability(true, new ConditionVerdict(ConditionVerdict.TRUE,
          ConditionTypes.REASON_RECORDINGS_VOLUME_BOUND, recordingCameras(cameraStream) + " to PersistentVolumeClaim "
          + name + " (Bound, " + RecordingsVolumeBuilder.requestedSize(claim.get()) + ")")));
    }
    String off = "; live video runs without recording until it is Bound";
    if ("Lost".equals(phase)) {
      return Optional.of(new RecordingAvailability(false, new ConditionVerdict(ConditionVerdict.FALSE,
          ConditionTypes.REASON_RECORDINGS_VOLUME_LOST, "PersistentVolumeClaim " + name + " lost its volume (Lost)"
          + off + ": restore its PersistentVolume, or delete the claim (its recordings are gone) to get a new one")));
    }
    String className = claim.get().getSpec() == null ? null : claim.get().getSpec().getStorageClassName();
    if (className == null || className.isEmpty()) {
      return Optional.of(noStorageClass(name + " is Pending without a StorageClass: the cluster had no default"
          + " StorageClass when it was created" + off + ". Mark a StorageClass as the default (Kubernetes then"
          + " gives it to the claim), create a PersistentVolume for it, or delete the claim and set"
          + " spec.recording.storage.storageClassName"));
    }
    Optional<ClaimStorageClass> known = storageClass.filter(c -> c.name().equals(className));
    if (known.isPresent() && known.get().isMissing()) {
      return Optional.of(noStorageClass(name + " is Pending: its StorageClass \"" + className + "\" does not exist"
          + off + ". Create the StorageClass, or delete the claim and set spec.recording.storage.storageClassName to"
          + " one that exists"));
    }
    if (known.isEmpty() || !known.get().isReadable()) {
      return Optional.of(pending(true, "PersistentVolumeClaim " + name + " is Pending; its StorageClass \""
          + className + "\" could not be read (" + known.flatMap(ClaimStorageClass::unreadable).orElse("not read")
          + "), so MediaMTX mounts it as one that binds when first used"));
    }
    if (known.get().bindsOnFirstUse()) {
      return Optional.of(pending(true, "PersistentVolumeClaim " + name + " is Pending until MediaMTX is scheduled:"
          + " StorageClass \"" + className + "\" binds a volume when it is first used"));
    }
    return Optional.of(pending(false, "PersistentVolumeClaim " + name + " is Pending: waiting for StorageClass \""
        + className + "\" to provision a volume" + off));
  }

  private static RecordingAvailability pending(boolean mounted, String message) {
    return new RecordingAvailability(mounted, new ConditionVerdict(ConditionVerdict.FALSE,
        ConditionTypes.REASON_RECORDINGS_VOLUME_PENDING, message));
  }

  private static RecordingAvailability noStorageClass(String message) {
    return new RecordingAvailability(false, new ConditionVerdict(ConditionVerdict.FALSE,
        ConditionTypes.REASON_NO_STORAGE_CLASS, "PersistentVolumeClaim " + message));
  }

  /** "recording 2 of 3 cameras", "recording every camera", "no camera records". */
  private static String recordingCameras(CameraStream cameraStream) {
    var cameras = cameraStream.getSpec().getCameras();
    long recording = cameras.stream().filter(camera -> Recording.records(cameraStream, camera)).count();
    if (recording == 0) {
      return "no camera records; recordings are kept";
    }
    return "recording " + (recording == cameras.size() ? "every camera" : recording + " of " + cameras.size()
        + " cameras");
  }
}
