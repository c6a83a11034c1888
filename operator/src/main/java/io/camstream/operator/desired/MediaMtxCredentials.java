package io.camstream.operator.desired;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The MediaMTX users of one CameraStream, and the secret its HLS server knows the camera wall by.
 * {@link #toString()} never prints a password or the secret.
 *
 * @param reader present only when readers must authenticate
 * @param hlsCdnSecret MediaMTX's {@code hlsCDNSecret}, generated once like a password; empty only where a caller
 *                     builds credentials without one (then the configuration has none)
 */
public record MediaMtxCredentials(User publisher, User api, Optional<User> reader, Optional<String> hlsCdnSecret) {

  public MediaMtxCredentials(User publisher, User api, Optional<User> reader) {
    this(publisher, api, reader, Optional.empty());
  }

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
    hlsCdnSecret.ifPresent(secret -> data.put(CredentialKeys.HLS_CDN_SECRET, secret));
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
    return "MediaMtxCredentials[publisher=" + publisher + ", api=" + api + ", reader=" + reader
        + ", hlsCdnSecret=" + (hlsCdnSecret.isPresent() ? "(set)" : "(none)") + "]";
  }
}
