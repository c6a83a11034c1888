package io.camstream.operator.api.spec;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One STUN or TURN server handed to MediaMTX ({@code webrtcICEServers2}) and, through it, to browsers. TURN needs a
 * username and password, read from a Secret; STUN takes none.
 */
@ValidationRule(value = "self.url.startsWith('stun:') != has(self.credentialsSecretRef)",
    message = "a turn:/turns: server needs credentialsSecretRef; a stun: server takes none",
    reason = "FieldValueInvalid")
public class IceServerSpec {
  /**
   * What MediaMTX (prefix {@code stun:}, {@code turn:} or {@code turns:}) and its ICE library (RFC 7064/7065: a host,
   * an optional port, and only for TURN an optional {@code ?transport=udp|tcp}) both accept.
   */
  public static final String URL_PATTERN = "^(stun:" + IceServerSpec.HOST_PORT + "|turns?:" + IceServerSpec.HOST_PORT
      + "(\\?transport=(udp|tcp))?)$";
  static final String HOST_PORT = "([a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*"
      + "|\\[[0-9a-fA-F:.]+\\])(:[0-9]{1,5})?";
  public static final int URL_MAX_LENGTH = 512;

  @Required
  @Pattern(URL_PATTERN)
  @Size(min = 1, max = URL_MAX_LENGTH)
  private String url;

  /** A labelled Secret holding the TURN username and password (keys {@code username}, {@code password}). */
  private SecretCredentialsRef credentialsSecretRef;

  /**
   * Only browsers use this server; MediaMTX gathers no candidates through it. Right for a TURN server inside the
   * cluster (STUNner), which relays to the pod's own address.
   */
  private Boolean clientOnly;

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

  public Boolean getClientOnly() {
    return clientOnly;
  }

  public void setClientOnly(Boolean clientOnly) {
    this.clientOnly = clientOnly;
  }
}
