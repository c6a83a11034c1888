package io.camstream.operator.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * MediaMTX v1.20.1's internal authentication ({@code internal/auth/manager.go}, {@code conf.Credential}) applied
 * to a generated {@code mediamtx.yml}: may this client (user/password, or anonymous) do this action on this path?
 * Reading the permissions this way tests what MediaMTX would enforce, not how the YAML happens to look.
 */
final class MediaMtxAuthModel {
  record Permission(String action, String path) {
  }

  record User(String user, String pass, List<String> ips, List<Permission> permissions) {
  }

  private final Map<String, Object> config;
  private final List<User> users;

  private MediaMtxAuthModel(Map<String, Object> config, List<User> users) {
    this.config = config;
    this.users = users;
  }

  /** Parses with SnakeYAML (not the library that wrote it), refusing duplicate keys like MediaMTX does. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(64 * 1024 * 1024);
    Object loaded = new Yaml(new SafeConstructor(options)).load(yaml);
    if (!(loaded instanceof Map)) {
      throw new IllegalArgumentException("mediamtx.yml is not a mapping");
    }
    return (Map<String, Object>) loaded;
  }

  @SuppressWarnings("unchecked")
  static MediaMtxAuthModel of(String yaml) {
    Map<String, Object> config = parse(yaml);
    if (!"internal".equals(config.get("authMethod"))) {
      throw new IllegalArgumentException("authMethod must be internal, was " + config.get("authMethod"));
    }
    List<User> users = new ArrayList<>();
    for (Map<String, Object> u : (List<Map<String, Object>>) config.get("authInternalUsers")) {
      List<Permission> permissions = new ArrayList<>();
      for (Map<String, Object> p : (List<Map<String, Object>>) u.get("permissions")) {
        Object path = p.get("path");
        permissions.add(new Permission((String) p.get("action"), path == null ? "" : path.toString()));
      }
      Object pass = u.get("pass");
      users.add(new User(String.valueOf(u.get("user")), pass == null ? "" : pass.toString(),
          u.get("ips") == null ? List.of() : (List<String>) u.get("ips"), permissions));
    }
    return new MediaMtxAuthModel(config, users);
  }

  Map<String, Object> config() {
    return config;
  }

  /** MediaMTX's {@code rePlainCredential} and {@code reBase64} ({@code internal/conf/credential.go}, v1.20.1). */
  private static final Pattern PLAIN_CREDENTIAL =
      Pattern.compile("^[a-zA-Z0-9!\\$\\(\\)\\*\\+\\.;<=>\\[\\]\\^_\\-\\{\\}@#&]+$");
  private static final Pattern SHA256_CREDENTIAL = Pattern.compile("^sha256:[a-zA-Z0-9\\+/=]+$");

  /**
   * What MediaMTX's {@code Conf.Validate} and {@code Credential.validate} say about the users when the file is
   * loaded: empty when it loads, else the first error (a hot reload with such a file makes MediaMTX exit).
   */
  Optional<String> loadError() {
    for (User u : users) {
      for (String credential : List.of(u.user(), u.pass())) {
        if (credential.isEmpty()) {
          continue;
        }
        boolean valid = credential.startsWith("sha256:") ? SHA256_CREDENTIAL.matcher(credential).matches()
            : PLAIN_CREDENTIAL.matcher(credential).matches();
        if (!valid) {
          return Optional.of("credential contains unsupported characters");
        }
      }
      if (u.user().isEmpty()) {
        return Optional.of("empty usernames are not supported");
      }
      if ("any".equals(u.user()) && !u.pass().isEmpty()) {
        return Optional.of("using a password with 'any' user is not supported");
      }
    }
    return Optional.empty();
  }

  List<User> users() {
    return users;
  }

  boolean anonymousMay(String action, String path) {
    return may("", "", action, path);
  }

  /** authenticateInternal: the first user whose IPs, permissions and credentials all match lets the request in. */
  boolean may(String user, String pass, String action, String path) {
    for (User u : users) {
      if (!u.ips().isEmpty()) {
        continue; // we never generate IP-restricted users; a client IP is not modelled
      }
      if (!matchesPermission(u.permissions(), action, path)) {
        continue;
      }
      if (!"any".equals(u.user()) && !(check(u.user(), user) && check(u.pass(), pass))) {
        continue;
      }
      return true;
    }
    return false;
  }

  private static boolean matchesPermission(List<Permission> permissions, String action, String path) {
    for (Permission p : permissions) {
      if (!p.action().equals(action)) {
        continue;
      }
      if (!action.equals("publish") && !action.equals("read") && !action.equals("playback")) {
        return true;
      }
      if (p.path().isEmpty() || p.path().equals(path) || (p.path().startsWith("~") && regexFinds(p.path(), path))) {
        return true;
      }
    }
    return false;
  }

  /** A "~regex" path: MediaMTX ignores a permission whose regular expression does not compile. */
  private static boolean regexFinds(String permissionPath, String path) {
    try {
      return Pattern.compile(permissionPath.substring(1)).matcher(path).find();
    } catch (java.util.regex.PatternSyntaxException e) {
      return false;
    }
  }

  /** conf.Credential.Check: a sha256 hash, or a clear value; an empty credential accepts anything. */
  private static boolean check(String credential, String guess) {
    if (credential.startsWith("sha256:")) {
      return !guess.isEmpty() && MediaMtxPasswordHash.matches(credential, guess);
    }
    if (credential.startsWith("argon2:")) {
      throw new UnsupportedOperationException("argon2 credentials are not generated");
    }
    return credential.isEmpty() || credential.equals(guess);
  }
}
