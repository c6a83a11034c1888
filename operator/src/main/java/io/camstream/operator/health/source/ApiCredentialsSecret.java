package io.camstream.operator.health.source;

import io.camstream.operator.mediamtx.api.ApiCredentials;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Reads the operator's API user from the owned Secret {@code <name>-mediamtx-credentials}. */
public final class ApiCredentialsSecret {
  public static final String USERNAME_KEY = "api-username";
  public static final String PASSWORD_KEY = "api-password";

  private ApiCredentialsSecret() {
  }

  public static Optional<ApiCredentials> read(Secret secret) {
    if (secret == null) {
      return Optional.empty();
    }
    Optional<String> username = value(secret, USERNAME_KEY);
    Optional<String> password = value(secret, PASSWORD_KEY);
    if (username.isEmpty() || password.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ApiCredentials(username.get(), password.get()));
  }

  private static Optional<String> value(Secret secret, String key) {
    Map<String, String> stringData = secret.getStringData();
    if (stringData != null && stringData.get(key) != null && !stringData.get(key).isEmpty()) {
      return Optional.of(stringData.get(key));
    }
    Map<String, String> data = secret.getData();
    if (data == null || data.get(key) == null) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8);
      return decoded.isEmpty() ? Optional.empty() : Optional.of(decoded);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
