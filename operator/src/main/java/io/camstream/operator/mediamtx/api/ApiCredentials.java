package io.camstream.operator.mediamtx.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** The operator's MediaMTX API user. {@link #toString()} never shows the password. */
public record ApiCredentials(String username, String password) {

  public ApiCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  /** The {@code Authorization} header value for HTTP basic auth, which MediaMTX's API accepts. */
  String basicAuthorization() {
    String pair = username + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ApiCredentials[username=" + username + ", password=<redacted>]";
  }
}
