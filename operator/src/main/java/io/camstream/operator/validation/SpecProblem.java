package io.camstream.operator.validation;

/**
 * Why a CameraStream cannot be reconciled until its owner acts: a CamelCase reason (the Ready condition's
 * reason) and a message naming the field or object. Never carries a secret value.
 */
public record SpecProblem(String reason, String message) {
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String SECRET_NOT_FOUND = "SecretNotFound";
  public static final String SECRET_KEY_NOT_FOUND = "SecretKeyNotFound";
  public static final String NAME_CONFLICT = "NameConflict";
  /** {@code spec.mediamtx.webrtcNodePort} is taken by another CameraStream's Service. */
  public static final String NODE_PORT_IN_USE = "NodePortInUse";

  public static SpecProblem invalidSpec(String message) {
    return new SpecProblem(INVALID_SPEC, message);
  }
}
