package io.camstream.operator.status;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraUrls;
import io.camstream.operator.desired.MediaMtxPorts;
import io.camstream.operator.desired.Recording;
import io.camstream.operator.desired.ResourceNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** In-cluster addresses where one camera can be watched, and where its recordings are listed while it records. */
public final class CameraUrlsFactory {
  private CameraUrlsFactory() {
  }

  public static CameraUrls of(CameraStream cameraStream, String camera) {
    String host = ResourceNames.mediaMtxHost(cameraStream);
    boolean records = cameraStream.getSpec().getCameras().stream()
        .anyMatch(c -> camera.equals(c.getName()) && Recording.records(cameraStream, c));
    return new CameraUrls(
        "http://" + host + ":" + MediaMtxPorts.WEBRTC + "/" + camera,
        "http://" + host + ":" + MediaMtxPorts.HLS + "/" + camera,
        "rtsp://" + host + ":" + MediaMtxPorts.RTSP + "/" + camera,
        records ? "http://" + host + ":" + MediaMtxPorts.PLAYBACK + "/list?path="
            + URLEncoder.encode(camera, StandardCharsets.UTF_8) : null);
  }
}
