package io.camstream.operator.security;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates the MediaMTX passwords (publisher, API, reader) stored in the owned credentials Secret.
 *
 * <p>32 bytes from {@link SecureRandom} (256 bits), written as unpadded base64url: 43 characters from
 * {@code [A-Za-z0-9_-]}, which MediaMTX accepts as a plain credential, which need no escaping in a YAML scalar,
 * an environment variable or the userinfo of an RTSP URL, and which no shell or YAML parser treats specially.
 */
public final class PasswordGenerator {
  public static final int RANDOM_BYTES = 32;
  /** What a generated password looks like: callers and tests can recognise one. */
  public static final String PASSWORD_PATTERN = "^[A-Za-z0-9_-]{43}$";

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;

  public PasswordGenerator() {
    this(new SecureRandom());
  }

  PasswordGenerator(SecureRandom random) {
    this.random = random;
  }

  public String newPassword() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
