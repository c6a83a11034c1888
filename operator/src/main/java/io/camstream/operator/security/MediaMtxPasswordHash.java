package io.camstream.operator.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The form in which a password is written into {@code mediamtx.yml}: MediaMTX (v1.20.1, {@code conf.Credential})
 * accepts {@code sha256:} followed by the standard base64 of the SHA-256 of the password and compares the hash of
 * what a client sends; {@code argon2:} is the other hashed form.
 *
 * <p>Why unsalted SHA-256 and not argon2: a fast unsalted hash is weak only against offline guessing of
 * low-entropy passwords. Ours are 32 random alphanumerics from {@code SecureRandom} (about 190 bits,
 * {@link io.camstream.operator.desired.PasswordGenerator}), so guessing is infeasible either way, while argon2 would cost MediaMTX a deliberately slow hash on every authenticated request (each HLS segment
 * fetch of a reader) and need a native-free argon2 implementation on our side. Hashes are deterministic, so the
 * ConfigMap does not change between reconciles and MediaMTX is not reloaded for nothing.
 *
 * <p>Hashed credentials need Basic authentication on RTSP ({@code rtspAuthMethods: [basic]}, MediaMTX's default):
 * Digest needs the clear password on the server side.
 */
public final class MediaMtxPasswordHash {
  public static final String SHA256_PREFIX = "sha256:";

  private MediaMtxPasswordHash() {
  }

  /** {@code sha256:base64(sha256(utf8(password)))}. */
  public static String sha256(String password) {
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("an empty password cannot be hashed: MediaMTX treats it as no password");
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
      return SHA256_PREFIX + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** Whether MediaMTX would treat {@code credential} as a hash rather than a clear-text password. */
  public static boolean isHashed(String credential) {
    return credential != null && (credential.startsWith(SHA256_PREFIX) || credential.startsWith("argon2:"));
  }

  /** What MediaMTX does on each request: does {@code guess} match {@code hashedCredential}? */
  public static boolean matches(String hashedCredential, String guess) {
    if (hashedCredential == null || !hashedCredential.startsWith(SHA256_PREFIX) || guess == null
        || guess.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(hashedCredential.getBytes(StandardCharsets.US_ASCII),
        sha256(guess).getBytes(StandardCharsets.US_ASCII));
  }
}
