package io.camstream.operator.status;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraUrls;
import io.camstream.operator.desired.MediaMtxPorts;
import io.camstream.operator.desired.ResourceNames;

/** In-cluster addresses where one camera can be watched. */
public final class CameraUrlsFactory {
  private CameraUrlsFactory() {
  }

  public static CameraUrls of(CameraStream cameraStream, String camera) {
    String host = ResourceNames.mediaMtxHost(cameraStream);
    return new CameraUrls(
        "http://" + host + ":" + MediaMtxPorts.WEBRTC + "/" + camera,
        "http://" + host + ":" + MediaMtxPorts.HLS + "/" + camera,
        "rtsp://" + host + ":" + MediaMtxPorts.RTSP + "/" + camera);
  }
}
