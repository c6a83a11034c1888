package io.camstream.operator.status;

/**
 * What is known about one camera's push: whether it is publishing, and a short human explanation.
 * {@link CameraHealthSource} implementations decide where that knowledge comes from.
 */
public record CameraHealth(boolean publishing, String message) {
  public static CameraHealth publishing(String message) {
    return new CameraHealth(true, message);
  }

  public static CameraHealth notPublishing(String message) {
    return new CameraHealth(false, message);
  }
}
