package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.camstream.operator.webrtc.WebRtcSettings;

/** ConfigMap {@code <name>-mediamtx} holding {@code mediamtx.yml}; MediaMTX re-reads it when it changes. */
public final class MediaMtxConfigMapBuilder {
  private MediaMtxConfigMapBuilder() {
  }

  public static ConfigMap build(CameraStream cameraStream, MediaMtxCredentials credentials, WebRtcSettings webrtc) {
    return new ConfigMapBuilder()
        .withNewMetadata()
          .withName(ResourceNames.mediaMtx(cameraStream))
          .withNamespace(cameraStream.getMetadata().getNamespace())
          .withLabels(Labels.mediaMtx(cameraStream))
        .endMetadata()
        .addToData(ResourceNames.CONFIG_FILE, MediaMtxConfigBuilder.yaml(cameraStream, credentials, webrtc))
        .build();
  }
}
