package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels every generated object carries, and the selectors built from them. */
public final class Labels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String CAMERA_STREAM = "camstream.io/camerastream";
  public static final String CAMERA = "camstream.io/camera";
  /** A user's opt-in on a camera Secret: only Secrets with this label set to "true" may be referenced, or cached. */
  public static final String CAMERA_CREDENTIALS = "camstream.io/camera-credentials";
  public static final String CAMERA_CREDENTIALS_SELECTOR = CAMERA_CREDENTIALS + "=true";

  public static final String APP = "camstream";
  public static final String OPERATOR = "camstream-operator";
  public static final String COMPONENT_MEDIAMTX = "mediamtx";
  public static final String COMPONENT_STREAMER = "streamer";

  /** Informer selectors: the operator only caches objects it made. */
  public static final String MANAGED_MEDIAMTX_SELECTOR =
      MANAGED_BY + "=" + OPERATOR + "," + COMPONENT + "=" + COMPONENT_MEDIAMTX;
  public static final String MANAGED_STREAMER_SELECTOR =
      MANAGED_BY + "=" + OPERATOR + "," + COMPONENT + "=" + COMPONENT_STREAMER;

  private Labels() {
  }

  public static Map<String, String> mediaMtx(CameraStream cameraStream) {
    return common(cameraStream, COMPONENT_MEDIAMTX);
  }

  public static Map<String, String> streamer(CameraStream cameraStream, String camera) {
    Map<String, String> labels = common(cameraStream, COMPONENT_STREAMER);
    labels.put(CAMERA, camera);
    return labels;
  }

  /** Pod selector of the media server; stable for the life of the Deployment (selectors are immutable). */
  public static Map<String, String> mediaMtxSelector(CameraStream cameraStream) {
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put(NAME, APP);
    selector.put(COMPONENT, COMPONENT_MEDIAMTX);
    selector.put(CAMERA_STREAM, cameraStream.getMetadata().getName());
    return selector;
  }

  public static Map<String, String> streamerSelector(CameraStream cameraStream, String camera) {
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put(NAME, APP);
    selector.put(COMPONENT, COMPONENT_STREAMER);
    selector.put(CAMERA_STREAM, cameraStream.getMetadata().getName());
    selector.put(CAMERA, camera);
    return selector;
  }

  private static Map<String, String> common(CameraStream cameraStream, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, APP);
    labels.put(COMPONENT, component);
    labels.put(MANAGED_BY, OPERATOR);
    labels.put(CAMERA_STREAM, cameraStream.getMetadata().getName());
    return labels;
  }
}
