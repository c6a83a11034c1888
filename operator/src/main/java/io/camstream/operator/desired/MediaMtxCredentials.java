package io.camstream.operator.desired;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The MediaMTX users of one CameraStream. {@link #toString()} never prints a password.
 *
 * @param reader present only when readers must authenticate
 */
public record MediaMtxCredentials(User publisher, User api, Optional<User> reader) {

  public record User(String username, String password) {
    @Override
    public String toString() {
      return "User[" + username + "]";
    }
  }

  /** Decoded key/value pairs, the form in which they are stored in the Secret. */
  public Map<String, String> toSecretData() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(CredentialKeys.PUBLISHER_USERNAME, publisher.username());
    data.put(CredentialKeys.PUBLISHER_PASSWORD, publisher.password());
    data.put(CredentialKeys.API_USERNAME, api.username());
    data.put(CredentialKeys.API_PASSWORD, api.password());
    reader.ifPresent(r -> {
      data.put(CredentialKeys.READER_USERNAME, r.username());
      data.put(CredentialKeys.READER_PASSWORD, r.password());
    });
    return data;
  }

  /** The decoded data of an existing credentials Secret (empty when there is none yet). */
  public static Map<String, String> decode(Secret secret) {
    Map<String, String> decoded = new LinkedHashMap<>();
    if (secret == null) {
      return decoded;
    }
    if (secret.getData() != null) {
      secret.getData().forEach((key, value) -> {
        if (value != null) {
          decoded.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
        }
      });
    }
    if (secret.getStringData() != null) {
      decoded.putAll(secret.getStringData());
    }
    return decoded;
  }

  @Override
  public String toString() {
    return "MediaMtxCredentials[publisher=" + publisher + ", api=" + api + ", reader=" + reader + "]";
  }
}
