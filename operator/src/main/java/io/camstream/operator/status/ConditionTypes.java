package io.camstream.operator.status;

/** Condition types and reasons of a CameraStream's status; users and Argo CD key on these strings. */
public final class ConditionTypes {
  public static final String READY = "Ready";
  public static final String MEDIA_SERVER_AVAILABLE = "MediaServerAvailable";
  public static final String CAMERAS_PUBLISHING = "CamerasPublishing";

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  /** Ready=True. */
  public static final String REASON_READY = "Ready";
  public static final String REASON_MEDIA_SERVER_UNAVAILABLE = "MediaServerUnavailable";
  public static final String REASON_RECONCILE_ERROR = "ReconcileError";
  /** MediaMTX runs with paths other than the desired ones beyond the repair bound, and repairing it failed. */
  public static final String REASON_MEDIA_SERVER_CONFIG_STALE = "MediaServerConfigStale";

  public static final String REASON_DEPLOYMENT_AVAILABLE = "DeploymentAvailable";
  public static final String REASON_DEPLOYMENT_UNAVAILABLE = "DeploymentUnavailable";
  /** The other conditions cannot be known while reconciliation is blocked by a spec problem. */
  public static final String REASON_BLOCKED = "ReconciliationBlocked";

  private ConditionTypes() {
  }
}
