package io.camstream.operator.health;

/** A change in one camera's push that deserves one Kubernetes Event. */
public record CameraTransition(String camera, Kind kind, String message) {

  public enum Kind {
    STARTED_PUBLISHING("CameraStartedPublishing", false),
    STOPPED_PUBLISHING("CameraStoppedPublishing", true),
    STALLED("CameraStalled", true),
    RECOVERED("CameraRecovered", false);

    private final String reason;
    private final boolean warning;

    Kind(String reason, boolean warning) {
      this.reason = reason;
      this.warning = warning;
    }

    /** The Event's reason. */
    public String reason() {
      return reason;
    }

    /** Event type: Warning for losing a stream, Normal for gaining one. */
    public String eventType() {
      return warning ? "Warning" : "Normal";
    }
  }
}
