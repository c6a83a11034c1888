package io.camstream.operator.status;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraUrls;

/** In-cluster addresses where one camera can be watched. */
public final class CameraUrlsFactory {
  private CameraUrlsFactory() {
  }

  public static CameraUrls of(CameraStream cameraStream, String camera) {
    return ViewerEndpoints.inCluster(cameraStream).urls(camera);
  }
}
