package io.camstream.operator.health;

/**
 * A change in one camera's push that deserves a Kubernetes Event.
 *
 * @param detail the camera's health message after the change, e.g. "publishing since 2026-11-25T05:27:15Z"
 */
public record CameraTransition(String camera, Kind kind, String detail) {

  /** The message of an Event about this transition alone. */
  public String message() {
    return "camera " + camera + ": " + detail;
  }

  public enum Kind {
    STARTED_PUBLISHING("CameraStartedPublishing", false, "started publishing"),
    STOPPED_PUBLISHING("CameraStoppedPublishing", true, "stopped publishing"),
    STALLED("CameraStalled", true, "stalled"),
    RECOVERED("CameraRecovered", false, "recovered");

    private final String reason;
    private final boolean warning;
    private final String verb;

    Kind(String reason, boolean warning, String verb) {
      this.reason = reason;
      this.warning = warning;
      this.verb = verb;
    }

    /** What happened, for a message about several cameras: "3 cameras started publishing: ...". */
    public String verb() {
      return verb;
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
