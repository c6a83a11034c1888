package io.camstream.operator.mediamtx.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camstream.operator.security.MediaMtxPasswordHash;
import io.camstream.operator.testing.MediaMtxReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The configuration a fake MediaMTX v1.20.1 runs with, as its core keeps it: the users, the path defaults and the
 * configured paths. Loaded from a {@code mediamtx.yml} (start, or a hot reload after the kubelet refreshed the mounted
 * Secret) or changed at run time through {@code /v3/config/...}, with MediaMTX's checks: unknown fields, credential
 * characters, the anonymous {@code any} user without a password, existing and missing paths. Field names come from
 * {@code openapi.yaml} ({@code PathConf}, {@code GlobalConf}, {@code AuthInternalUser}); defaults from the reference
 * {@code mediamtx.yml}.
 */
final class FakeMediaMtxConfig {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** {@code internal/conf/credential.go}. */
  private static final Pattern PLAIN_CREDENTIAL = Pattern.compile("^[a-zA-Z0-9!$()*+.;<=>\\[\\]^_\\-{}@#&]+$");
  private static final Pattern SHA256_CREDENTIAL = Pattern.compile("^sha256:[a-zA-Z0-9+/=]+$");
  /** {@code internal/conf/path.go}: {@code rePathName}. */
  private static final Pattern PATH_NAME = Pattern.compile("^[0-9a-zA-Z_\\-/.~]+$");

  private static final Spec SPEC = Spec.read();

  /** One user of {@code authInternalUsers}. */
  record User(String user, String pass, List<String> ips, List<Permission> permissions) {
  }

  record Permission(String action, String path) {
  }

  /** A refused change: the status MediaMTX answers and its error text. */
  static final class Refused extends Exception {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private List<User> users = List.of();
  private ObjectNode pathDefaults = SPEC.referencePathDefaults.deepCopy();
  /** The configured paths as given (MediaMTX's {@code OptionalPaths}), by name. */
  private final TreeMap<String, ObjectNode> paths = new TreeMap<>();

  /** What a fake started by a test accepts before any file is loaded: one API user. */
  static FakeMediaMtxConfig withApiUser(String username, String password) {
    FakeMediaMtxConfig config = new FakeMediaMtxConfig();
    config.users = List.of(new User(username, password, List.of(), List.of(new Permission("api", ""))));
    return config;
  }

  // --- loading a file --------------------------------------------------------------------------------------

  /**
   * Loads a {@code mediamtx.yml} as MediaMTX does at start or on a hot reload.
   *
   * @return the paths whose configuration changed or that are gone: MediaMTX drops their publishers
   */
  synchronized Set<String> load(String mediaMtxYaml) throws Refused {
    JsonNode file;
    try {
      file = YAML.readTree(mediaMtxYaml);
    } catch (IOException e) {
      throw new Refused(400, "invalid YAML: " + e.getMessage());
    }
    if (!(file instanceof ObjectNode object)) {
      throw new Refused(400, "the configuration is not a mapping");
    }
    ObjectNode global = object.deepCopy();
    JsonNode filePathDefaults = global.remove("pathDefaults");
    JsonNode filePaths = global.remove("paths");
    checkFields(global, SPEC.globalFields, "");
    List<User> loadedUsers = global.has("authInternalUsers") ? users(global.get("authInternalUsers")) : users;
    ObjectNode loadedDefaults = SPEC.referencePathDefaults.deepCopy();
    if (filePathDefaults instanceof ObjectNode defaults) {
      checkFields(defaults, SPEC.pathFields, "pathDefaults.");
      loadedDefaults.setAll(defaults);
    }
    TreeMap<String, ObjectNode> loadedPaths = new TreeMap<>();
    if (filePaths instanceof ObjectNode byName) {
      for (Iterator<Map.Entry<String, JsonNode>> it = byName.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        checkPathName(entry.getKey());
        ObjectNode path = entry.getValue() instanceof ObjectNode given ? given.deepCopy() : JSON.createObjectNode();
        checkFields(path, SPEC.pathFields, "paths." + entry.getKey() + ".");
        loadedPaths.put(entry.getKey(), path);
      }
    }
    Set<String> reloaded = new LinkedHashSet<>();
    for (String name : paths.keySet()) {
      if (!loadedPaths.containsKey(name) || !loadedPaths.get(name).equals(paths.get(name))
          || !loadedDefaults.equals(pathDefaults)) {
        reloaded.add(name);
      }
    }
    users = loadedUsers;
    pathDefaults = loadedDefaults;
    paths.clear();
    paths.putAll(loadedPaths);
    return reloaded;
  }

  // --- /v3/config ------------------------------------------------------------------------------------------

  /** {@code PATCH /v3/config/global/patch}: only {@code authInternalUsers} is modelled, every other field checked. */
  synchronized void patchGlobal(JsonNode body) throws Refused {
    if (!(body instanceof ObjectNode object)) {
      throw new Refused(400, "json: cannot unmarshal into Go value of type conf.OptionalGlobal");
    }
    checkFields(object, SPEC.globalFields, "");
    if (object.has("authInternalUsers")) {
      users = users(object.get("authInternalUsers"));
    }
  }

  synchronized void addPath(String name, JsonNode body) throws Refused {
    checkPathName(name);
    ObjectNode path = optionalPath(body);
    if (paths.containsKey(name)) {
      throw new Refused(400, "path already exists");
    }
    paths.put(name, path);
  }

  /** @return true when the path's configuration changed (MediaMTX then reloads that path) */
  synchronized boolean patchPath(String name, JsonNode body) throws Refused {
    ObjectNode patch = optionalPath(body);
    ObjectNode existing = existing(name);
    ObjectNode patched = existing.deepCopy();
    patched.setAll(patch);
    paths.put(name, patched);
    return !patched.equals(existing);
  }

  /** MediaMTX's replace sets the whole path, and creates it when there is none ({@code conf.ReplacePath}). */
  synchronized boolean replacePath(String name, JsonNode body) throws Refused {
    ObjectNode replacement = optionalPath(body);
    ObjectNode existing = paths.get(name);
    paths.put(name, replacement);
    return !replacement.equals(existing);
  }

  synchronized void deletePath(String name) throws Refused {
    existing(name);
    paths.remove(name);
  }

  synchronized void addApiUser(String username, String password) {
    List<User> more = new ArrayList<>(users);
    more.add(new User(username, password, List.of(), List.of(new Permission("api", ""))));
    users = List.copyOf(more);
  }

  synchronized void replaceUsersWithApiUser(String username, String password) {
    users = List.of(new User(username, password, List.of(), List.of(new Permission("api", ""))));
  }

  synchronized boolean hasPath(String name) {
    return paths.containsKey(name);
  }

  synchronized Set<String> pathNames() {
    return new LinkedHashSet<>(paths.keySet());
  }

  /**
   * One {@code PathConf} as {@code /v3/config/paths/list|get} return it: defaults filled in, and the deprecated keys
   * (absent from the reference) left out unless set, as MediaMTX's {@code omitempty} pointers are
   * ({@code FakeMediaMtxApiContractTest} holds this to the real server).
   */
  synchronized ObjectNode pathConf(String name) {
    ObjectNode conf = JSON.createObjectNode();
    conf.put("name", name);
    conf.setAll(pathDefaults);
    conf.setAll(paths.get(name));
    return conf;
  }

  synchronized List<User> users() {
    return List.copyOf(users);
  }

  // --- authentication (internal/auth/manager.go, authenticateInternal) -------------------------------------

  /** May this client (empty user and password: anonymous) do this action on this path? */
  synchronized boolean may(String user, String pass, String action, String path) {
    for (User candidate : users) {
      if (!candidate.ips().isEmpty()) {
        continue; // a client address is not modelled: the fake's clients are all the test itself
      }
      boolean anyone = "any".equals(candidate.user());
      if (!anyone && !(check(candidate.user(), user) && check(candidate.pass(), pass))) {
        continue;
      }
      for (Permission permission : candidate.permissions()) {
        if (permission.action().equals(action) && (!List.of("publish", "read", "playback").contains(action)
            || permission.path().isEmpty() || permission.path().equals(path)
            || (permission.path().startsWith("~") && Pattern.compile(permission.path().substring(1)).matcher(path)
                .find()))) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code conf.Credential.Check}. */
  private static boolean check(String credential, String guess) {
    if (credential.startsWith("sha256:")) {
      return MediaMtxPasswordHash.matches(credential, guess);
    }
    return credential.isEmpty() || credential.equals(guess);
  }

  // --- checks ----------------------------------------------------------------------------------------------

  private ObjectNode existing(String name) throws Refused {
    ObjectNode path = paths.get(name);
    if (path == null) {
      throw new Refused(404, "path not found");
    }
    return path;
  }

  private static ObjectNode optionalPath(JsonNode body) throws Refused {
    if (!(body instanceof ObjectNode object)) {
      throw new Refused(400, "json: cannot unmarshal into Go value of type conf.OptionalPath");
    }
    checkFields(object, SPEC.pathFields, "");
    return object.deepCopy();
  }

  /** A path's name: a regular expression after {@code ~} (MediaMTX's {@code conf/path.go}), else a plain name. */
  private static void checkPathName(String name) throws Refused {
    if (isRegularExpression(name)) {
      try {
        Pattern.compile(name.substring(1));
        return;
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new Refused(400, "invalid regular expression: " + name.substring(1));
      }
    }
    if (name.isEmpty() || name.startsWith("/") || name.endsWith("/") || !PATH_NAME.matcher(name).matches()) {
      throw new Refused(400, "invalid path name: " + name);
    }
  }

  /** A path named by a regular expression is created only when a client asks for a name it matches. */
  static boolean isRegularExpression(String name) {
    return name.startsWith("~");
  }

  /** jsonwrapper: an unknown field anywhere is an error. */
  private static void checkFields(ObjectNode object, Set<String> known, String prefix) throws Refused {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new Refused(400, "json: unknown field \"" + prefix + name + "\"");
      }
    }
  }

  private static List<User> users(JsonNode node) throws Refused {
    if (!(node instanceof ArrayNode array)) {
      throw new Refused(400, "authInternalUsers must be a list");
    }
    List<User> parsed = new ArrayList<>();
    for (JsonNode entry : array) {
      if (!(entry instanceof ObjectNode object)) {
        throw new Refused(400, "json: cannot unmarshal into Go value of type conf.AuthInternalUser");
      }
      checkFields(object, SPEC.userFields, "authInternalUsers.");
      String user = object.path("user").asText("");
      String pass = object.path("pass").asText("");
      for (String credential : List.of(user, pass)) {
        if (!credential.isEmpty() && !(credential.startsWith("sha256:")
            ? SHA256_CREDENTIAL.matcher(credential).matches() : PLAIN_CREDENTIAL.matcher(credential).matches())) {
          throw new Refused(400, "credential contains unsupported characters");
        }
      }
      if (user.isEmpty()) {
        throw new Refused(400, "empty usernames are not supported");
      }
      if ("any".equals(user) && !pass.isEmpty()) {
        throw new Refused(400, "using a password with 'any' user is not supported");
      }
      List<String> ips = new ArrayList<>();
      object.path("ips").forEach(ip -> ips.add(ip.asText()));
      List<Permission> permissions = new ArrayList<>();
      for (JsonNode permission : object.path("permissions")) {
        if (!(permission instanceof ObjectNode p)) {
          throw new Refused(400, "json: cannot unmarshal into Go value of type conf.AuthInternalUserPermission");
        }
        checkFields(p, SPEC.permissionFields, "authInternalUsers.permissions.");
        String action = p.path("action").asText("");
        if (!SPEC.actions.contains(action)) {
          throw new Refused(400, "invalid auth action: '" + action + "'");
        }
        permissions.add(new Permission(action, p.path("path").asText("")));
      }
      parsed.add(new User(user, pass, ips, permissions));
    }
    return parsed;
  }

  /** What the fake takes from openapi.yaml and the reference mediamtx.yml, read once. */
  private record Spec(Set<String> pathFields, Set<String> globalFields, Set<String> userFields,
      Set<String> permissionFields, Set<String> actions, ObjectNode referencePathDefaults) {

    static Spec read() {
      try {
        JsonNode openApi = YAML.readTree(MediaMtxReference.openApiFile().toFile());
        JsonNode schemas = openApi.at("/components/schemas");
        Set<String> pathFields = fields(schemas.path("PathConf"));
        pathFields.remove("name");
        JsonNode reference = YAML.readTree(MediaMtxReference.configFile().toFile());
        ObjectNode defaults = ((ObjectNode) reference.get("pathDefaults")).deepCopy();
        Set<String> actions = new LinkedHashSet<>();
        schemas.path("AuthAction").path("enum").forEach(a -> actions.add(a.asText()));
        return new Spec(pathFields, fields(schemas.path("GlobalConf")), fields(schemas.path("AuthInternalUser")),
            fields(schemas.path("AuthInternalUserPermission")), actions, defaults);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static Set<String> fields(JsonNode schema) {
      Set<String> names = new LinkedHashSet<>();
      schema.path("properties").fieldNames().forEachRemaining(names::add);
      return names;
    }
  }
}
