package io.camstream.operator.api.spec;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!has(self.credentialsSecretRef) || !self.url.matches('"
    + SourceSpec.INLINE_CREDENTIALS_PATTERN + "')",
    message = "give camera credentials either in the URL or by credentialsSecretRef, not both",
    reason = "FieldValueForbidden")
public class SourceSpec {
  /**
   * The schemes and forms the streamer can open; anything else is rejected by the API server. Only printable ASCII
   * without spaces ({@code [!-~]}): no whitespace, control characters or newlines can reach a pod's environment,
   * a log line or the FFmpeg option parser (percent-encode anything else).
   */
  public static final String URL_PATTERN =
      "^((rtsp|rtsps|rtmp|rtmps|http|https|srt|file)://[!-~]+|/[!-~]+|testpattern(:[0-9]{2,4}x[0-9]{2,4}(@[0-9]{1,3})?)?(\\+tone)?)$";
  public static final int URL_MAX_LENGTH = 2048;
  /** A URL with user-info ({@code scheme://user[:password]@host}); an '@' in the path, query or fragment is not. */
  public static final String INLINE_CREDENTIALS_PATTERN = "^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*@";

  /** Device nodes (V4L2 cameras) live here; opening one needs the group that owns it. */
  public static final String DEVICE_DIRECTORY = "/dev/";

  @Required
  @Pattern(URL_PATTERN)
  @Size(min = 1, max = URL_MAX_LENGTH)
  private String url;

  private SecretCredentialsRef credentialsSecretRef;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public SecretCredentialsRef getCredentialsSecretRef() {
    return credentialsSecretRef;
  }

  public void setCredentialsSecretRef(SecretCredentialsRef credentialsSecretRef) {
    this.credentialsSecretRef = credentialsSecretRef;
  }

  /** Whether a source URL names a device node, such as {@code /dev/video0}. */
  public static boolean isDevice(String url) {
    return url != null && url.startsWith(DEVICE_DIRECTORY);
  }
}
