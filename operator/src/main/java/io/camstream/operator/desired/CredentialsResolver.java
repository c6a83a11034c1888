package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.ReaderAccess;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the MediaMTX users of a CameraStream and its HLS CDN secret: existing values are always kept (a password
 * is generated once, when its key is missing, and never rotated by a reconcile), new ones come from the generator.
 */
public final class CredentialsResolver {
  private CredentialsResolver() {
  }

  public static MediaMtxCredentials resolve(CameraStream cameraStream, Map<String, String> existing,
      PasswordGenerator generator) {
    MediaMtxCredentials.User publisher = user(existing, CredentialKeys.PUBLISHER_USERNAME,
        CredentialKeys.PUBLISHER_PASSWORD, CredentialKeys.PUBLISHER_USER, generator);
    MediaMtxCredentials.User api = user(existing, CredentialKeys.API_USERNAME, CredentialKeys.API_PASSWORD,
        CredentialKeys.API_USER, generator);
    Optional<MediaMtxCredentials.User> reader = readerAccess(cameraStream) == ReaderAccess.AUTHENTICATED
        ? Optional.of(user(existing, CredentialKeys.READER_USERNAME, CredentialKeys.READER_PASSWORD,
            CredentialKeys.READER_USER, generator))
        : Optional.empty();
    String hlsCdnSecret = nonBlank(existing.get(CredentialKeys.HLS_CDN_SECRET)).orElseGet(generator::next);
    return new MediaMtxCredentials(publisher, api, reader, Optional.of(hlsCdnSecret));
  }

  /** {@code spec.mediamtx.readers}; public when unset, and for a CameraStream without a spec. */
  public static ReaderAccess readerAccess(CameraStream cameraStream) {
    var mediamtx = cameraStream.getSpec() == null ? null : cameraStream.getSpec().getMediamtx();
    return mediamtx == null || mediamtx.getReaders() == null ? ReaderAccess.PUBLIC : mediamtx.getReaders();
  }

  private static MediaMtxCredentials.User user(Map<String, String> existing, String usernameKey,
      String passwordKey, String defaultUsername, PasswordGenerator generator) {
    String username = nonBlank(existing.get(usernameKey)).orElse(defaultUsername);
    String password = nonBlank(existing.get(passwordKey)).orElseGet(generator::next);
    return new MediaMtxCredentials.User(username, password);
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
