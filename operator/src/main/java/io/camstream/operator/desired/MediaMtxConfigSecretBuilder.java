package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Secret {@code <name>-mediamtx-config} holding {@code mediamtx.yml}. A Secret, not a ConfigMap, because a pulled
 * camera's source URL carries the camera's credentials; mounted as a directory it hot-reloads the same way.
 */
public final class MediaMtxConfigSecretBuilder {
  private MediaMtxConfigSecretBuilder() {
  }

  public static Secret build(CameraStream cameraStream, String mediaMtxYaml) {
    return new SecretBuilder()
        .withNewMetadata()
          .withName(ResourceNames.configSecret(cameraStream))
          .withNamespace(cameraStream.getMetadata().getNamespace())
          .withLabels(Labels.mediaMtx(cameraStream))
        .endMetadata()
        .withType("Opaque")
        .addToData(ResourceNames.CONFIG_FILE,
            Base64.getEncoder().encodeToString(mediaMtxYaml.getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  /** The {@code mediamtx.yml} a config Secret holds, or null when it holds none. */
  public static String yaml(Secret configSecret) {
    if (configSecret == null) {
      return null;
    }
    if (configSecret.getData() != null && configSecret.getData().get(ResourceNames.CONFIG_FILE) != null) {
      return new String(Base64.getDecoder().decode(configSecret.getData().get(ResourceNames.CONFIG_FILE)),
          StandardCharsets.UTF_8);
    }
    return configSecret.getStringData() == null ? null : configSecret.getStringData().get(ResourceNames.CONFIG_FILE);
  }
}
