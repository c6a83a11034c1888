package io.camstream.operator.validation;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.CredentialKeys;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.ResourceNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The usernames of {@code <name>-mediamtx-credentials} are written into {@code mediamtx.yml} as they are, and
 * MediaMTX v1.20.1 refuses a config whose user is outside its plain-credential characters or is the anonymous
 * {@code any} with a password; on a hot reload it exits, and every camera of the server goes down. So they are
 * checked before anything is written: a bad one gives {@code InvalidCredentials} naming the Secret key, never the
 * value, and the last good config stays. Passwords need no check: they are written as {@code sha256:} hashes. The
 * {@code hls-cdn-secret} is written as it is ({@code hlsCDNSecret}) and is held to the same characters.
 */
public final class MediaMtxCredentialsCheck {
  /** MediaMTX's {@code rePlainCredential} ({@code internal/conf/credential.go}). */
  public static final Pattern MEDIAMTX_USERNAME = Pattern.compile("^[a-zA-Z0-9!$()*+.;<=>\\[\\]^_\\-{}@#&]+$");
  /** camstream's own bound: a username is a line of config and an HTTP header, never a document. */
  public static final int MAX_USERNAME_LENGTH = 256;
  /** MediaMTX's anonymous user; it must have an empty password, so it cannot be one of camstream's users. */
  static final String ANONYMOUS_USER = "any";
  private static final String ALLOWED = "letters, digits and ! $ ( ) * + . ; < = > [ ] ^ _ - { } @ # &";

  private MediaMtxCredentialsCheck() {
  }

  /** @param credentials the users as they will be written: stored values, defaults for missing keys */
  /** @return a problem for each username MediaMTX would refuse, in key order */
  public static List<SpecProblem> check(CameraStream cameraStream, MediaMtxCredentials credentials) {
    Map<String, String> usernames = new LinkedHashMap<>();
    usernames.put(CredentialKeys.PUBLISHER_USERNAME, credentials.publisher().username());
    usernames.put(CredentialKeys.API_USERNAME, credentials.api().username());
    credentials.reader().ifPresent(reader -> usernames.put(CredentialKeys.READER_USERNAME, reader.username()));
    String secret = "Secret \"" + ResourceNames.credentialsSecret(cameraStream) + "\" key \"";
    Map<String, String> keyByUsername = new LinkedHashMap<>();
    List<SpecProblem> problems = new ArrayList<>();
    for (Map.Entry<String, String> entry : usernames.entrySet()) {
      String key = entry.getKey();
      String username = entry.getValue();
      if (username.length() > MAX_USERNAME_LENGTH || !MEDIAMTX_USERNAME.matcher(username).matches()) {
        problems.add(invalid(secret + key + "\": a MediaMTX username is 1 to " + MAX_USERNAME_LENGTH + " of "
            + ALLOWED + "; fix the value or remove the key to get the default"));
      } else if (ANONYMOUS_USER.equals(username)) {
        problems.add(invalid(secret + key + "\": \"" + ANONYMOUS_USER + "\" is MediaMTX's anonymous user and cannot"
            + " have a password; choose another username or remove the key to get the default"));
      } else {
        String other = keyByUsername.putIfAbsent(username, key);
        if (other != null) {
          problems.add(invalid(secret + key + "\" holds the same username as key \"" + other + "\": each MediaMTX"
              + " user needs its own name"));
        }
      }
    }
    credentials.hlsCdnSecret().ifPresent(cdnSecret -> {
      if (cdnSecret.length() > MAX_USERNAME_LENGTH || !MEDIAMTX_USERNAME.matcher(cdnSecret).matches()) {
        problems.add(invalid(secret + CredentialKeys.HLS_CDN_SECRET + "\": MediaMTX's hlsCDNSecret is 1 to "
            + MAX_USERNAME_LENGTH + " of " + ALLOWED + "; fix the value or remove the key to get a new one"));
      }
    });
    return List.copyOf(problems);
  }

  private static SpecProblem invalid(String message) {
    return new SpecProblem(SpecProblem.INVALID_CREDENTIALS, message);
  }
}
