package io.camstream.operator.health;

/** Condition reasons push health produces (CamelCase, Kubernetes API conventions). */
public final class PushHealthReasons {
  public static final String ALL_CAMERAS_PUBLISHING = "AllCamerasPublishing";
  public static final String CAMERAS_NOT_PUBLISHING = "CamerasNotPublishing";
  public static final String STALLED = "Stalled";
  public static final String MEDIA_SERVER_API_UNREACHABLE = "MediaServerApiUnreachable";
  public static final String MEDIA_SERVER_API_UNAUTHORIZED = "MediaServerApiUnauthorized";
  /** 404 (wrong URL, not a MediaMTX v3 API), 5xx or an unreadable answer. */
  public static final String MEDIA_SERVER_API_ERROR = "MediaServerApiError";

  private PushHealthReasons() {
  }
}
