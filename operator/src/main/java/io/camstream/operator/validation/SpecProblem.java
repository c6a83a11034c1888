package io.camstream.operator.validation;

import java.util.Optional;

/**
 * Why a CameraStream cannot be reconciled until its owner acts: a CamelCase reason (the Ready condition's
 * reason) and a message naming the field or object. Never carries a secret value.
 *
 * @param heldCamera the one camera this problem holds while the others reconcile (a streamer camera's Secret or
 *     resources, its Deployment refused by the API server); empty for a problem that stops the whole reconcile
 * @param holdsRecordings the problem is the recordings claim's: the claim is left as it is (its size, its owner)
 *     while everything else reconciles
 */
public record SpecProblem(String reason, String message, Optional<String> heldCamera, boolean holdsRecordings) {
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String SECRET_NOT_FOUND = "SecretNotFound";
  public static final String SECRET_KEY_NOT_FOUND = "SecretKeyNotFound";
  /** A camera or TURN Secret without the opt-in label {@code camstream.io/camera-credentials=true}. */
  public static final String SECRET_NOT_LABELLED = "SecretNotLabelled";
  public static final String NAME_CONFLICT = "NameConflict";
  /**
   * Credentials MediaMTX would refuse: a username of {@code <name>-mediamtx-credentials} outside its rules, or a
   * pulled camera's Secret with a username but no password, or the reverse, or a TURN Secret's empty username or
   * password.
   */
  public static final String INVALID_CREDENTIALS = "InvalidCredentials";
  /** {@code spec.recording.storage.size} below the live claim's: volumes never shrink. */
  public static final String STORAGE_CANNOT_SHRINK = "StorageCannotShrink";
  /** {@code spec.recording.storage.storageClassName} other than the live claim's, which is immutable. */
  public static final String STORAGE_CLASS_CANNOT_CHANGE = "StorageClassCannotChange";
  /**
   * {@code spec.recording.storage.size} above the live claim's, which cannot grow: it is not Bound, or its
   * StorageClass does not allow expansion.
   */
  public static final String STORAGE_CANNOT_GROW = "StorageCannotGrow";
  /**
   * {@code spec.recording.storage.reclaimPolicy} changed, which changes the claim's owner references, and the API
   * server lets only who may delete the claim do that ({@code OwnerReferencesPermissionEnforcement}).
   */
  public static final String RECLAIM_POLICY_CANNOT_CHANGE = "ReclaimPolicyCannotChange";
  /** {@code spec.mediamtx.webrtcNodePort} is taken by another CameraStream's Service. */
  public static final String NODE_PORT_IN_USE = "NodePortInUse";

  /** A problem that stops the whole reconcile. */
  public SpecProblem(String reason, String message) {
    this(reason, message, Optional.empty(), false);
  }

  /** This problem, holding only {@code camera}: its streamer is kept as it is while the other cameras reconcile. */
  public SpecProblem holding(String camera) {
    return new SpecProblem(reason, message, Optional.of(camera), false);
  }

  /** This problem, holding only the recordings claim: left as it is while everything else reconciles. */
  public SpecProblem holdingRecordings() {
    return new SpecProblem(reason, message, Optional.empty(), true);
  }

  public boolean blocks() {
    return heldCamera.isEmpty() && !holdsRecordings;
  }

  public static SpecProblem invalidSpec(String message) {
    return new SpecProblem(INVALID_SPEC, message);
  }
}
