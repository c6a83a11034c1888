package io.camstream.operator.health;

/** Where one camera's push stands, as MediaMTX sees it. */
public enum CameraPushState {
  /** Online, and {@code inboundBytes} grew since the previous poll. */
  PUBLISHING,
  /** Online for the first poll of this publishing session: whether media flows is known at the next poll. */
  CONFIRMING,
  /** Online, but {@code inboundBytes} did not grow between two polls: the source is gone while the path looks up. */
  STALLED,
  /** No publisher: the path is absent, or present only as an offline (e.g. always-available) path. */
  OFFLINE,
  /** The API did not answer, so nothing is known. */
  UNKNOWN;

  /** States that are a verdict on the camera itself, and so can be the ends of a transition. */
  boolean isSettled() {
    return this == PUBLISHING || this == STALLED || this == OFFLINE;
  }
}
