package io.camstream.operator.health.source;

import io.camstream.operator.desired.CredentialKeys;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.mediamtx.api.ApiCredentials;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import java.util.Optional;

/** Reads the operator's API user from the owned Secret {@code <name>-mediamtx-credentials}. */
public final class ApiCredentialsSecret {
  private ApiCredentialsSecret() {
  }

  public static Optional<ApiCredentials> read(Secret secret) {
    Map<String, String> data = MediaMtxCredentials.decode(secret);
    String username = data.get(CredentialKeys.API_USERNAME);
    String password = data.get(CredentialKeys.API_PASSWORD);
    if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ApiCredentials(username, password));
  }
}
