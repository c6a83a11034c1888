package io.camstream.operator;

import io.camstream.operator.desired.NetworkPolicySettings;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.ui.CameraWallSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's settings, read from its environment. A bad value fails start-up with a message naming the
 * variable, rather than a crash somewhere later.
 *
 * @param watchNamespaces empty means all namespaces
 * @param leaseNamespace where the leader-election Lease lives; empty lets the client use its own namespace
 * @param networkPolicy who the generated NetworkPolicy lets reach MediaMTX's API and metrics
 * @param cameraWall the read-only web page of every camera ({@code CAMSTREAM_UI_PORT},
 *                   {@code CAMSTREAM_MEDIAMTX_HLS_URL})
 * @param readNodes whether the operator watches Nodes (their addresses, for {@code webrtcAnnounceNodeAddresses});
 *     a namespaced install, without cluster-wide permissions, turns it off
 * @param readStorageClasses whether the operator reads the recordings claim's StorageClass (may it grow, when does
 *     it bind); a namespaced install, without cluster-wide permissions, turns it off
 * @param serviceAccount the operator's own ServiceAccount as {@code namespace:name}, named in the {@code kubectl}
 *     command that grants a permission it lacks
 * @param permissionRecheck how often a watched namespace the operator may not watch yet is asked about again
 */
public record OperatorSettings(Set<String> watchNamespaces, String streamerImage, String mediaMtxImage,
    String mediaMtxApiUrlTemplate, boolean leaderElection, String leaseName, Optional<String> leaseNamespace,
    int healthPort, Duration healthPollInterval, NetworkPolicySettings networkPolicy,
    CameraWallSettings cameraWall, boolean readNodes, boolean readStorageClasses, String serviceAccount,
    Duration permissionRecheck) {

  public static final String WATCH_NAMESPACES = "CAMSTREAM_WATCH_NAMESPACES";
  public static final String STREAMER_IMAGE = "CAMSTREAM_STREAMER_IMAGE";
  public static final String MEDIAMTX_IMAGE = "CAMSTREAM_MEDIAMTX_IMAGE";
  public static final String MEDIAMTX_API_URL = "CAMSTREAM_MEDIAMTX_API_URL";
  public static final String LEADER_ELECTION = "CAMSTREAM_LEADER_ELECTION";
  public static final String LEASE_NAME = "CAMSTREAM_LEASE_NAME";
  public static final String LEASE_NAMESPACE = "CAMSTREAM_LEASE_NAMESPACE";
  public static final String HEALTH_PORT = "CAMSTREAM_HEALTH_PORT";
  public static final String HEALTH_POLL_SECONDS = "CAMSTREAM_HEALTH_POLL_SECONDS";
  public static final String READ_NODES = "CAMSTREAM_READ_NODES";
  public static final String READ_STORAGE_CLASSES = "CAMSTREAM_READ_STORAGE_CLASSES";
  public static final String SERVICE_ACCOUNT = "CAMSTREAM_SERVICE_ACCOUNT";
  public static final String PERMISSION_RECHECK_SECONDS = "CAMSTREAM_PERMISSION_RECHECK_SECONDS";
  public static final String DEFAULT_SERVICE_ACCOUNT = "camstream-operator";
  public static final String DEFAULT_OPERATOR_NAMESPACE = "camstream-system";
  public static final int DEFAULT_PERMISSION_RECHECK_SECONDS = 60;

  public static final String DEFAULT_MEDIAMTX_API_URL = "http://{name}-mediamtx-internal.{namespace}.svc:9997";
  public static final String DEFAULT_LEASE_NAME = "camstream-operator-leader";
  public static final int DEFAULT_HEALTH_PORT = 8080;
  public static final int DEFAULT_HEALTH_POLL_SECONDS = 10;
  private static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");
  private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Pattern IMAGE = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._/:@-]*$");

  public static OperatorSettings fromEnvironment() {
    return from(System.getenv());
  }

  public static OperatorSettings from(Map<String, String> env) {
    Set<String> namespaces = namespaces(env.get(WATCH_NAMESPACES));
    String streamerImage = image(env, STREAMER_IMAGE, OperatorDefaults.STREAMER_IMAGE);
    String mediaMtxImage = image(env, MEDIAMTX_IMAGE, OperatorDefaults.MEDIAMTX_IMAGE);
    String apiUrl = apiUrl(env.get(MEDIAMTX_API_URL));
    // In a cluster several replicas may run, so elect a leader; a developer's local run needs none.
    boolean inCluster = env.containsKey("KUBERNETES_SERVICE_HOST");
    boolean leaderElection = bool(env, LEADER_ELECTION, inCluster);
    String leaseName = nonBlank(env.get(LEASE_NAME)).orElse(DEFAULT_LEASE_NAME);
    if (!NAMESPACE.matcher(leaseName).matches()) {
      throw invalid(LEASE_NAME, leaseName, "a DNS-1123 name");
    }
    Optional<String> leaseNamespace = nonBlank(env.get(LEASE_NAMESPACE)).or(OperatorSettings::ownNamespace);
    int healthPort = integer(env, HEALTH_PORT, DEFAULT_HEALTH_PORT, 0, 65535);
    int pollSeconds = integer(env, HEALTH_POLL_SECONDS, DEFAULT_HEALTH_POLL_SECONDS, 1, 3600);
    NetworkPolicySettings networkPolicy = NetworkPolicySettings.from(env, ownNamespace());
    CameraWallSettings cameraWall = CameraWallSettings.from(env, healthPort);
    boolean readNodes = bool(env, READ_NODES, true);
    boolean readStorageClasses = bool(env, READ_STORAGE_CLASSES, true);
    String serviceAccount = ownNamespace().orElse(DEFAULT_OPERATOR_NAMESPACE) + ":"
        + nonBlank(env.get(SERVICE_ACCOUNT)).map(String::trim).orElse(DEFAULT_SERVICE_ACCOUNT);
    int recheckSeconds = integer(env, PERMISSION_RECHECK_SECONDS, DEFAULT_PERMISSION_RECHECK_SECONDS, 1, 3600);
    return new OperatorSettings(namespaces, streamerImage, mediaMtxImage, apiUrl, leaderElection, leaseName,
        leaseNamespace, healthPort, Duration.ofSeconds(pollSeconds), networkPolicy, cameraWall, readNodes,
        readStorageClasses, serviceAccount, Duration.ofSeconds(recheckSeconds));
  }

  public OperatorDefaults defaults() {
    return OperatorDefaults.withImages(streamerImage, mediaMtxImage).withNetworkPolicy(networkPolicy);
  }

  /** The MediaMTX control API base URL of one CameraStream. */
  public String mediaMtxApiUrl(String name, String namespace) {
    return mediaMtxApiUrlTemplate.replace("{name}", name).replace("{namespace}", namespace);
  }

  public boolean watchesAllNamespaces() {
    return watchNamespaces.isEmpty();
  }

  private static Set<String> namespaces(String value) {
    Set<String> namespaces = new LinkedHashSet<>();
    if (value == null || value.isBlank()) {
      return namespaces;
    }
    for (String namespace : value.split(",")) {
      String trimmed = namespace.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.length() > 63 || !NAMESPACE.matcher(trimmed).matches()) {
        throw invalid(WATCH_NAMESPACES, value, "a comma-separated list of namespace names");
      }
      namespaces.add(trimmed);
    }
    return namespaces;
  }

  private static String image(Map<String, String> env, String variable, String defaultImage) {
    Optional<String> value = nonBlank(env.get(variable));
    if (value.isPresent() && !IMAGE.matcher(value.get().trim()).matches()) {
      throw invalid(variable, value.get(), "a container image reference such as " + defaultImage);
    }
    return value.map(String::trim).orElse(defaultImage);
  }

  private static String apiUrl(String value) {
    Optional<String> template = nonBlank(value);
    if (template.isEmpty()) {
      return DEFAULT_MEDIAMTX_API_URL;
    }
    String url = template.get().trim();
    if (!(url.startsWith("http://") || url.startsWith("https://")) || !url.contains("{name}")) {
      throw invalid(MEDIAMTX_API_URL, url, "an http(s) URL template containing {name} (and usually {namespace}),"
          + " e.g. " + DEFAULT_MEDIAMTX_API_URL);
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static boolean bool(Map<String, String> env, String variable, boolean defaultValue) {
    Optional<String> value = nonBlank(env.get(variable));
    if (value.isEmpty()) {
      return defaultValue;
    }
    return switch (value.get().trim().toLowerCase()) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw invalid(variable, value.get(), "true or false");
    };
  }

  private static int integer(Map<String, String> env, String variable, int defaultValue, int min, int max) {
    Optional<String> value = nonBlank(env.get(variable));
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.get().trim());
      if (parsed < min || parsed > max) {
        throw invalid(variable, value.get(), "an integer from " + min + " to " + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw invalid(variable, value.get(), "an integer from " + min + " to " + max);
    }
  }

  private static Optional<String> ownNamespace() {
    try {
      return Files.isReadable(SERVICE_ACCOUNT_NAMESPACE)
          ? nonBlank(Files.readString(SERVICE_ACCOUNT_NAMESPACE).trim()) : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  private static IllegalArgumentException invalid(String variable, String value, String expected) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return new IllegalArgumentException(variable + " must be " + expected + ", got '" + shown + "'");
  }

  @Override
  public String toString() {
    return "OperatorSettings[watchNamespaces=" + (watchNamespaces.isEmpty() ? "all" : watchNamespaces)
        + ", streamerImage=" + streamerImage + ", mediaMtxImage=" + mediaMtxImage
        + ", mediaMtxApiUrl=" + mediaMtxApiUrlTemplate + ", leaderElection=" + leaderElection
        + ", healthPort=" + healthPort + ", healthPollInterval=" + healthPollInterval
        + ", networkPolicy=" + networkPolicy + ", uiPort=" + cameraWall.port()
        + ", uiAccess=" + cameraWall.access().mode().name().toLowerCase(java.util.Locale.ROOT)
        + ", mediaMtxHlsUrl=" + cameraWall.hlsUrlTemplate() + ", mediaMtxWebrtcUrl=" + cameraWall.webrtcUrlTemplate()
        + ", readNodes=" + readNodes + ", readStorageClasses=" + readStorageClasses
        + ", serviceAccount=" + serviceAccount + "]";
  }

}
