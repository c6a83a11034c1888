package io.camstream.operator.api.spec;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret in the CameraStream's namespace holding a username and password (a camera's, a TURN server's). */
public class SecretCredentialsRef {
  public static final String DEFAULT_USERNAME_KEY = "username";
  public static final String DEFAULT_PASSWORD_KEY = "password";
  /** A Secret's name: a DNS-1123 subdomain. */
  public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";
  private static final String KEY_PATTERN = "^[-._a-zA-Z0-9]+$";

  @Required
  @Pattern(NAME_PATTERN)
  @Size(min = 1, max = 253)
  private String name;

  @Default(DEFAULT_USERNAME_KEY)
  @Pattern(KEY_PATTERN)
  @Size(max = 253)
  private String usernameKey = DEFAULT_USERNAME_KEY;

  @Default(DEFAULT_PASSWORD_KEY)
  @Pattern(KEY_PATTERN)
  @Size(max = 253)
  private String passwordKey = DEFAULT_PASSWORD_KEY;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getUsernameKey() {
    return usernameKey;
  }

  public void setUsernameKey(String usernameKey) {
    this.usernameKey = usernameKey;
  }

  public String getPasswordKey() {
    return passwordKey;
  }

  public void setPasswordKey(String passwordKey) {
    this.passwordKey = passwordKey;
  }
}
