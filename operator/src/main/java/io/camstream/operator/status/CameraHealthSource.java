package io.camstream.operator.status;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Map;

/**
 * Where the CamerasPublishing condition gets its truth. The default looks at the streamer Deployments'
 * readiness; a MediaMTX-API-backed source (push health) can replace it without touching the status logic.
 */
public interface CameraHealthSource {

  /**
   * @return health per camera name of the spec; cameras missing from the map count as not publishing
   */
  Map<String, CameraHealth> observe(CameraStream cameraStream, Context<CameraStream> context);

  /**
   * Lets a richer source fill the extra per-camera fields (bitrate, readers, codec, ...) after the operator has
   * set name, publishing, message and URLs. The default adds nothing.
   */
  default void enrich(CameraStream cameraStream, Context<CameraStream> context, CameraStatus cameraStatus) {
  }
}
