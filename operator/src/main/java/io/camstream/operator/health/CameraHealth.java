package io.camstream.operator.health;

import java.time.Instant;

/**
 * One camera's push health after a poll. {@code stateSince} is when this operator first saw the current state (the
 * "since when" in messages); {@code publishingSince} is MediaMTX's {@code onlineTime} of the current session.
 * Nothing here changes from poll to poll unless the camera changed, so equal values mean "nothing to write": what
 * moves with every poll (readers, bitrate) is {@link CameraTraffic}, never in here.
 */
public record CameraHealth(
    String name,
    CameraPushState state,
    Instant stateSince,
    Instant publishingSince,
    String codec,
    Integer width,
    Integer height,
    String message) {

  public boolean publishing() {
    return state == CameraPushState.PUBLISHING;
  }

  /** {@code status.cameras[].publishing}: null while unknown, never a stale true. */
  public Boolean publishingFlag() {
    return state == CameraPushState.UNKNOWN ? null : publishing();
  }
}
