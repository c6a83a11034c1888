package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MediaMTX path of one camera (v1.20.1 path keys): what {@code mediamtx.yml} holds under
 * {@code paths.<camera>}, and the body the control API takes at {@code /v3/config/paths/add|patch|replace/<camera>}.
 * One function for both, so the file and a run-time change can never disagree. Every key that can differ between
 * cameras or over a camera's life is written explicitly, so a {@code patch} with this map leaves no stale value.
 */
public final class MediaMtxPathConfig {
  /** MediaMTX's source for a path that waits for a client to publish (camstream's streamers). */
  public static final String PUBLISHER = "publisher";

  private MediaMtxPathConfig() {
  }

  public static Map<String, Object> of(CameraStream cameraStream, CameraSpec camera) {
    Map<String, Object> path = new LinkedHashMap<>();
    path.put("source", PUBLISHER);
    return Collections.unmodifiableMap(path);
  }

  /** Every camera's path, keyed by path name (the camera name), in spec order. */
  public static Map<String, Map<String, Object>> all(CameraStream cameraStream) {
    Map<String, Map<String, Object>> paths = new LinkedHashMap<>();
    for (CameraSpec camera : cameraStream.getSpec().getCameras()) {
      paths.put(camera.getName(), of(cameraStream, camera));
    }
    return Collections.unmodifiableMap(paths);
  }
}
