package io.camstream.operator.status;

/** Condition types and reasons of a CameraStream's status; users and Argo CD key on these strings. */
public final class ConditionTypes {
  public static final String READY = "Ready";
  public static final String MEDIA_SERVER_AVAILABLE = "MediaServerAvailable";
  public static final String CAMERAS_PUBLISHING = "CamerasPublishing";
  /**
   * Whether browsers outside the cluster have an address to reach MediaMTX at (serviceType LoadBalancer or
   * NodePort only): the load balancer's ingress, or the listed/node addresses and their node ports.
   */
  public static final String EXTERNAL_ADDRESS_ASSIGNED = "ExternalAddressAssigned";
  /** With {@code spec.recording}: whether MediaMTX records, i.e. its recordings claim is Bound and mounted. */
  public static final String RECORDING = "Recording";

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  /** Ready=True. */
  public static final String REASON_READY = "Ready";
  public static final String REASON_MEDIA_SERVER_UNAVAILABLE = "MediaServerUnavailable";
  public static final String REASON_RECONCILE_ERROR = "ReconcileError";
  /** A reconcile kept failing on the API server: see {@code ReconcileFailure}. */
  public static final String REASON_API_CONFLICT = "ApiConflict";
  public static final String REASON_API_FORBIDDEN = "ApiForbidden";
  public static final String REASON_API_NOT_FOUND = "ApiNotFound";
  public static final String REASON_API_REJECTED = "ApiRejected";
  public static final String REASON_API_SERVER_ERROR = "ApiServerError";
  public static final String REASON_API_SERVER_UNREACHABLE = "ApiServerUnreachable";
  /** MediaMTX runs with paths other than the desired ones beyond the repair bound, and repairing it failed. */
  public static final String REASON_MEDIA_SERVER_CONFIG_STALE = "MediaServerConfigStale";

  public static final String REASON_DEPLOYMENT_AVAILABLE = "DeploymentAvailable";
  public static final String REASON_DEPLOYMENT_UNAVAILABLE = "DeploymentUnavailable";
  /** The other conditions cannot be known while reconciliation is blocked by a spec problem. */
  public static final String REASON_BLOCKED = "ReconciliationBlocked";

  /** Recording. */
  public static final String REASON_RECORDINGS_VOLUME_BOUND = "RecordingsVolumeBound";
  /** The claim waits for a volume: being created, provisioned, or bound when MediaMTX is scheduled. */
  public static final String REASON_RECORDINGS_VOLUME_PENDING = "RecordingsVolumePending";
  /** The claim has no StorageClass (the cluster had no default) or names one that does not exist: it never binds. */
  public static final String REASON_NO_STORAGE_CLASS = "NoStorageClass";
  public static final String REASON_RECORDINGS_VOLUME_LOST = "RecordingsVolumeLost";

  /** ExternalAddressAssigned. */
  public static final String REASON_LOAD_BALANCER_READY = "LoadBalancerAddressAssigned";
  public static final String REASON_LOAD_BALANCER_PENDING = "LoadBalancerPending";
  public static final String REASON_HOSTS_LISTED = "HostsListed";
  public static final String REASON_NODE_ADDRESSES = "NodeAddressesAnnounced";
  public static final String REASON_NO_EXTERNAL_HOSTS = "NoExternalHosts";
  public static final String REASON_NO_NODE_ADDRESSES = "NoNodeAddresses";
  public static final String REASON_NODES_NOT_READABLE = "NodesNotReadable";
  public static final String REASON_NODE_PORTS_PENDING = "NodePortsPending";
  public static final String REASON_WEBRTC_NODE_PORT_NOT_SET = "WebRTCNodePortNotSet";

  private ConditionTypes() {
  }
}
