package io.camstream.operator.events;

/**
 * Reasons of the Events about what a reconcile changed on the cluster. Camera push transitions use
 * {@link io.camstream.operator.health.CameraTransition.Kind#reason()}; changes of {@code Ready} use the condition's
 * own reason.
 */
public final class EventReasons {
  /** The MediaMTX server was created, together with the streamers of the cameras the CameraStream started with. */
  public static final String MEDIA_SERVER_CREATED = "MediaServerCreated";
  public static final String CAMERA_ADDED = "CameraAdded";
  public static final String CAMERA_UPDATED = "CameraUpdated";
  public static final String CAMERA_REMOVED = "CameraRemoved";

  private EventReasons() {
  }
}
