package io.camstream.operator.desired;

import java.util.Objects;

/**
 * A camera's username and password as its streamer reads them from the camera's Secret. The operator never writes
 * them anywhere; it only hashes them into the streamer's pod template ({@link CredentialsHash}) so that a changed
 * Secret rolls that streamer. {@link #toString()} never shows the password.
 */
public record CameraCredentials(String username, String password) {

  public CameraCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "CameraCredentials[username=<redacted>, password=<redacted>]";
  }
}
