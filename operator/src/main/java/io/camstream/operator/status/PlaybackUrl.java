package io.camstream.operator.status;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.desired.MediaMtxPorts;
import io.camstream.operator.desired.Recording;
import io.camstream.operator.desired.ResourceNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a recorded camera's recordings are listed: MediaMTX's playback server, in-cluster (the Service's DNS name):
 * {@code http://<name>-mediamtx.<namespace>.svc:9996/list?path=<camera>}. Only while the camera records.
 */
public final class PlaybackUrl {
  private PlaybackUrl() {
  }

  public static Optional<String> of(CameraStream cameraStream, CameraSpec camera) {
    if (!Recording.records(cameraStream, camera)) {
      return Optional.empty();
    }
    return Optional.of("http://" + ResourceNames.mediaMtxHost(cameraStream) + ":" + MediaMtxPorts.PLAYBACK
        + "/list?path=" + URLEncoder.encode(camera.getName(), StandardCharsets.UTF_8));
  }
}
