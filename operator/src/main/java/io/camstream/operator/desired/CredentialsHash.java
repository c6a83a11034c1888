package io.camstream.operator.desired;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pod-template annotation that makes a streamer roll when the credentials it reads change: its value changes
 * with the publisher user of {@code <name>-mediamtx-credentials} and with the camera's own Secret values, and with
 * nothing else, so a changed camera Secret rolls that camera's streamer only and new MediaMTX credentials roll every
 * streamer of the resource.
 *
 * <p>Anyone who may read Deployments sees the annotation, so it must not reveal a weak camera password to a
 * dictionary attack: it is an HMAC-SHA256 keyed with the publisher password (about 190 random bits), never a plain
 * hash of the values.
 */
public final class CredentialsHash {
  public static final String ANNOTATION = "camstream.io/credentials-hash";
  private static final String ALGORITHM = "HmacSHA256";
  private static final int HEX_CHARS = 32;

  private CredentialsHash() {
  }

  public static String of(MediaMtxCredentials.User publisher, Optional<CameraCredentials> camera) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(bytes(publisher.password()), ALGORITHM));
      field(mac, publisher.username());
      if (camera.isPresent()) {
        field(mac, camera.get().username());
        field(mac, camera.get().password());
      }
      return HexFormat.of().formatHex(mac.doFinal()).substring(0, HEX_CHARS);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
    }
  }

  /** Length-prefixed, so ("ab", "c") and ("a", "bc") never hash alike. */
  private static void field(Mac mac, String value) {
    byte[] bytes = bytes(value);
    mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    mac.update(bytes);
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
