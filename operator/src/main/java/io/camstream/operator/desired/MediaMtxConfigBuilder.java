package io.camstream.operator.desired;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.security.MediaMtxPasswordHash;
import io.camstream.operator.webrtc.WebRtcSettings;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;

/**
 * The {@code mediamtx.yml} of one CameraStream (MediaMTX v1.20.1 keys), built as a tree and serialized by a
 * YAML library so that no camera name, host or password can inject configuration.
 *
 * <p>Permissions: only the publisher user may publish, and only to this resource's camera paths; only the API
 * user may call the control API; reading those paths, and on the playback server the recordings of any camera
 * name (current cameras, and removed ones until retention deletes their recordings) when recording is configured,
 * is open to anyone or to the reader user; metrics are open to any client that reaches the port
 * (the NetworkPolicy decides who can). Passwords are written as
 * {@code sha256:} hashes. The file is kept in a Secret all the same: pulled cameras' source URLs carry the
 * cameras' own credentials.
 */
public final class MediaMtxConfigBuilder {
  /** MediaMTX's name for "any user, including anonymous ones". */
  static final String ANY_USER = "any";

  private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder().dumperOptions(dumperOptions()).build())
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .build();

  private MediaMtxConfigBuilder() {
  }

  /**
   * Non-ASCII characters are written as escapes: otherwise a Unicode line break (U+0085, U+2028) in a quoted
   * key is folded into a space by every YAML reader, and what is read back is not what was written.
   */
  private static DumperOptions dumperOptions() {
    DumperOptions options = new DumperOptions();
    options.setAllowUnicode(false);
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setExplicitStart(false);
    return options;
  }

  /** From the spec alone ({@link WebRtcSettings#fromSpec}). */
  public static String yaml(CameraStream cameraStream, MediaMtxCredentials credentials) {
    return toYaml(build(cameraStream, credentials));
  }

  /** From the spec alone ({@link WebRtcSettings#fromSpec}): nothing observed, no TURN credentials. */
  public static Map<String, Object> build(CameraStream cameraStream, MediaMtxCredentials credentials) {
    return build(cameraStream, credentials, MediaMtxPathConfig.all(cameraStream, Map.of()));
  }

  /** @param paths every camera's path, as {@link MediaMtxPathConfig} builds it; WebRTC from the spec alone */
  public static Map<String, Object> build(CameraStream cameraStream, MediaMtxCredentials credentials,
      Map<String, Map<String, Object>> paths) {
    return build(cameraStream, credentials, paths, WebRtcSettings.fromSpec(cameraStream));
  }

  /**
   * @param paths every camera's path, as {@link MediaMtxPathConfig} builds it
   * @param webrtc the WebRTC server's port, announced hosts and ICE servers
   */
  public static Map<String, Object> build(CameraStream cameraStream, MediaMtxCredentials credentials,
      Map<String, Map<String, Object>> paths, WebRtcSettings webrtc) {
    boolean playback = Recording.configured(cameraStream);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("logLevel", "info");
    config.put("logDestinations", List.of("stdout"));

    config.put("authMethod", "internal");
    config.put("authInternalUsers", authInternalUsers(cameraStream, credentials));

    config.put("api", true);
    config.put("apiAddress", address(MediaMtxPorts.API));
    config.put("metrics", true);
    config.put("metricsAddress", address(MediaMtxPorts.METRICS));
    config.put("pprof", false);
    // The playback server serves recordings; it runs exactly when there is a recordings volume to serve.
    config.put("playback", playback);
    if (playback) {
      config.put("playbackAddress", address(MediaMtxPorts.PLAYBACK));
    }

    config.put("rtsp", true);
    // TCP only: RTP over UDP does not survive Kubernetes Services and NAT.
    config.put("rtspTransports", List.of("tcp"));
    config.put("rtspAddress", address(MediaMtxPorts.RTSP));
    // Written, not left to the default: passwords are sha256 hashes, which MediaMTX refuses together with digest.
    config.put("rtspAuthMethods", List.of("basic"));
    config.put("rtmp", false);

    config.put("hls", true);
    config.put("hlsAddress", address(MediaMtxPorts.HLS));
    config.put("hlsVariant", "lowLatency");
    // The camera wall's proxy: one CDN session per path, no per-viewer handshake (any operator replica may serve
    // any request of a tile). Never given to a browser.
    credentials.hlsCdnSecret().ifPresent(secret -> config.put("hlsCDNSecret", secret));

    config.putAll(webrtc.configKeys());

    config.put("srt", false);
    config.put("moq", false);

    config.put("pathDefaults", Map.of("source", MediaMtxPathConfig.PUBLISHER));
    config.put("paths", new LinkedHashMap<>(paths));
    return config;
  }

  public static String toYaml(Map<String, Object> config) {
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialize the MediaMTX configuration", e);
    }
  }

  /** MediaMTX's hashed-credential form: {@code sha256:} + base64(SHA-256(password)). */
  public static String sha256Credential(String password) {
    return MediaMtxPasswordHash.sha256(password);
  }


  /**
   * The {@code authInternalUsers} of a CameraStream's MediaMTX: what the file holds, and the body of
   * {@code /v3/config/global/patch} that switches a running MediaMTX to these users at once.
   */
  public static List<Map<String, Object>> authInternalUsers(CameraStream cameraStream,
      MediaMtxCredentials credentials) {
    return users(cameraStream.getSpec().getCameras().stream().map(CameraSpec::getName).toList(), credentials,
        Recording.configured(cameraStream));
  }

  private static List<Map<String, Object>> users(List<String> cameras, MediaMtxCredentials credentials,
      boolean playback) {
    List<Map<String, Object>> users = new ArrayList<>();
    users.add(user(credentials.publisher(), pathPermissions("publish", cameras)));
    users.add(user(credentials.api(), List.of(permission("api"))));

    // Recordings need the same right as the live stream: whoever may read the cameras may play back their
    // recordings, and those of cameras removed from the spec until retention deletes them (the volume holds this
    // CameraStream's recordings only, so a camera-shaped name that never was a camera here has none).
    List<Map<String, Object>> viewing = new ArrayList<>(pathPermissions("read", cameras));
    if (playback) {
      Map<String, Object> recordings = permission("playback");
      recordings.put("path", MediaMtxPathConfig.REMOVED_CAMERAS);
      viewing.add(recordings);
    }
    List<Map<String, Object>> anyone = new ArrayList<>();
    if (credentials.reader().isPresent()) {
      users.add(user(credentials.reader().get(), viewing));
    } else {
      anyone.addAll(viewing);
    }
    anyone.add(permission("metrics"));
    Map<String, Object> any = new LinkedHashMap<>();
    any.put("user", ANY_USER);
    any.put("pass", "");
    any.put("ips", List.of());
    any.put("permissions", anyone);
    users.add(any);
    return users;
  }

  private static Map<String, Object> user(MediaMtxCredentials.User user, List<Map<String, Object>> permissions) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("user", user.username());
    entry.put("pass", sha256Credential(user.password()));
    entry.put("ips", List.of());
    entry.put("permissions", permissions);
    return entry;
  }

  private static List<Map<String, Object>> pathPermissions(String action, List<String> cameras) {
    List<Map<String, Object>> permissions = new ArrayList<>();
    for (String camera : cameras) {
      Map<String, Object> permission = permission(action);
      permission.put("path", camera);
      permissions.add(permission);
    }
    return permissions;
  }

  private static Map<String, Object> permission(String action) {
    Map<String, Object> permission = new LinkedHashMap<>();
    permission.put("action", action);
    return permission;
  }

  private static String address(int port) {
    return ":" + port;
  }
}
