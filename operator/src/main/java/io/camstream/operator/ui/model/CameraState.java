package io.camstream.operator.ui.model;

import com.fasterxml.jackson.annotation.JsonValue;
import io.camstream.operator.api.status.CameraStatus;
import java.util.Locale;

/**
 * A camera's push state as the wall shows it, read from its {@code status.cameras[]} entry: {@code publishing} says
 * whether MediaMTX sees media flowing, and the message says why not (its wording is the status contract that
 * {@code kubectl describe} shows too).
 */
public enum CameraState {
  PUBLISHING("Publishing"),
  /** Online for one poll: whether media flows is known at the next. */
  CONFIRMING("Starting"),
  STALLED("Stalled"),
  OFFLINE("Offline"),
  /** The operator could not ask MediaMTX, or has not yet: never shown as publishing. */
  UNKNOWN("Unknown");

  private final String label;

  CameraState(String label) {
    this.label = label;
  }

  /** What a person reads on the tile; colour only repeats it. */
  public String label() {
    return label;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CameraState of(CameraStatus status) {
    if (status == null || status.getPublishing() == null) {
      return UNKNOWN;
    }
    if (status.getPublishing()) {
      return PUBLISHING;
    }
    String message = status.getMessage() == null ? "" : status.getMessage();
    if (message.startsWith("stalled since")) {
      return STALLED;
    }
    if (message.startsWith("online since")) {
      return CONFIRMING;
    }
    return OFFLINE;
  }
}
