package io.camstream.operator.ui;

/** Whether a viewer may see a CameraStream: its tiles, its data and its video. */
@FunctionalInterface
interface CameraAccess {
  /** {@code local} and {@code open} modes: anyone who got past the door sees every watched CameraStream. */
  CameraAccess EVERYONE = (viewer, namespace, name) -> true;

  boolean maySee(Viewer viewer, String namespace, String name);
}
