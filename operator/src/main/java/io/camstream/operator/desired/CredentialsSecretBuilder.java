package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Secret {@code <name>-mediamtx-credentials}: the users the streamers, the operator and readers log in with. */
public final class CredentialsSecretBuilder {
  private CredentialsSecretBuilder() {
  }

  public static Secret build(CameraStream cameraStream, MediaMtxCredentials credentials) {
    Map<String, String> data = new LinkedHashMap<>();
    credentials.toSecretData().forEach((key, value) ->
        data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return new SecretBuilder()
        .withNewMetadata()
          .withName(ResourceNames.credentialsSecret(cameraStream))
          .withNamespace(cameraStream.getMetadata().getNamespace())
          .withLabels(Labels.mediaMtx(cameraStream))
        .endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }
}
