package io.camstream.operator.desired;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.MediaMtxReference;
import io.camstream.operator.webrtc.IceServer;
import io.camstream.operator.webrtc.WebRtcSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaMtxConfigBuilderTest {
  static final MediaMtxCredentials CREDENTIALS = new MediaMtxCredentials(
      new MediaMtxCredentials.User("camstream-publisher", "publisherSecret1"),
      new MediaMtxCredentials.User("camstream-api", "apiSecret2"),
      Optional.empty());
  private static final MediaMtxCredentials WITH_READER = new MediaMtxCredentials(CREDENTIALS.publisher(),
      CREDENTIALS.api(), Optional.of(new MediaMtxCredentials.User("camstream-reader", "readerSecret3")));

  @Test
  void everyKeyWrittenExistsInTheMediaMtxReference() {
    CameraStream site = site(ReaderAccess.AUTHENTICATED, List.of("cams.example.com", "192.0.2.10"));
    List<String> unknown = new ArrayList<>();
    collectUnknownKeys(MediaMtxConfigBuilder.build(site, WITH_READER), referenceWithExamples(), "", unknown);
    assertThat(unknown).isEmpty();

    // Every WebRTC key as the richest spec writes it: a pinned ICE port, announced hosts, STUN and TURN servers.
    unknown.clear();
    collectUnknownKeys(MediaMtxConfigBuilder.build(site, WITH_READER, MediaMtxPathConfig.all(site, Map.of()), RICH_WEBRTC),
        referenceWithExamples(), "", unknown);
    assertThat(unknown).isEmpty();
  }

  /** The reference documents webrtcICEServers2's item only in comments; the key check must still see its keys. */
  @Test
  void theReferenceDocumentsTheIceServerItemInComments() {
    assertThat(MediaMtxReference.config().get("webrtcICEServers2")).isEqualTo(List.of());
    assertThat(MediaMtxReference.commentedListExample("webrtcICEServers2")).singleElement()
        .satisfies(item -> assertThat(item).containsOnlyKeys("url", "username", "password", "clientOnly"));
    List<String> unknown = new ArrayList<>();
    Map<String, Object> config = new java.util.LinkedHashMap<>(RICH_WEBRTC.configKeys());
    config.put("webrtcICEServers2", List.of(Map.of("url", "stun:x", "credential", "y")));
    collectUnknownKeys(config, referenceWithExamples(), "", unknown);
    assertThat(unknown).containsExactly("webrtcICEServers2[].credential");
  }

  /**
   * Values MediaMTX v1.20.1 accepts, as {@code internal/conf/conf.go} checks them on load (a hot reload that fails
   * them makes MediaMTX exit): ICE server URLs start with stun:, turn: or turns:; a listener is an address with a
   * port; with local listeners, hosts come from interfaces or the announced list.
   */
  @Test
  void theWebRtcValuesAreOnesMediaMtxAccepts() {
    CameraStream site = site(ReaderAccess.PUBLIC, List.of("cams.example.com"));
    Map<String, Object> config = MediaMtxConfigBuilder.build(site, CREDENTIALS, MediaMtxPathConfig.all(site, Map.of()),
        RICH_WEBRTC);
    assertThat(config).containsEntry("webrtcLocalUDPAddress", ":31189").containsEntry("webrtcLocalTCPAddress",
        ":31189");
    assertThat((List<?>) config.get("webrtcICEServers2")).isNotEmpty().allSatisfy(entry -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> server = (Map<String, Object>) entry;
      assertThat((String) server.get("url")).matches("^(stun|turn|turns):.+");
      assertThat(server.get("clientOnly")).isInstanceOf(Boolean.class);
      if (((String) server.get("url")).startsWith("turn")) {
        assertThat((String) server.get("username")).isNotEmpty();
        assertThat((String) server.get("password")).isNotEmpty();
      } else {
        assertThat(server).doesNotContainKeys("username", "password");
      }
    });
    for (String listener : List.of("webrtcAddress", "webrtcLocalUDPAddress", "webrtcLocalTCPAddress")) {
      assertThat((String) config.get(listener)).as(listener).matches("^:[0-9]{1,5}$");
    }
    assertThat((List<?>) config.get("webrtcAdditionalHosts")).allSatisfy(host -> assertThat((String) host)
        .isNotBlank().doesNotContain(" ", "/"));
    assertThat(MediaMtxReference.config()).containsEntry("webrtcIPsFromInterfaces", true);
    assertThat(config).doesNotContainKey("webrtcIPsFromInterfaces");
  }

  /** Pulled and recorded cameras, playback on: every key the operator can write at once. */
  private static CameraStream everything() {
    CameraStream site = site(ReaderAccess.AUTHENTICATED, List.of("cams.example.com"));
    site.getSpec().getCameras().add(CameraStreams.pulledWithSecret("gate", "rtsp://10.0.0.7/h264", "gate-cam"));
    site.getSpec().getCameras().add(CameraStreams.pulled("dock", "rtsps://cam.example:322/s"));
    site.getSpec().getCameras().get(0).setRecord(false);
    site.getSpec().setRecording(CameraStreams.recording("50Gi", ReclaimPolicy.RETAIN));
    site.getSpec().getRecording().setRetention("3d");
    site.getSpec().getRecording().setSegmentDuration("1h30m");
    return site;
  }

  private static Map<String, Object> everythingConfig() {
    CameraStream site = everything();
    return MediaMtxConfigBuilder.build(site, WITH_READER,
        MediaMtxPathConfig.all(site, Map.of("gate", new CameraCredentials("u", "p w"))));
  }

  @Test
  void everyKeyOfPulledAndRecordedCamerasExistsInTheReference() {
    List<String> unknown = new ArrayList<>();
    collectUnknownKeys(everythingConfig(), MediaMtxReference.config(), "", unknown);
    assertThat(unknown).isEmpty();
  }

  /**
   * Values, not only keys: the type the reference gives each key, and for enums, durations and the record path the
   * values MediaMTX v1.20.1 accepts on load (internal/conf: rtsp_transport.go, record_format.go, duration.go,
   * path.go's recordPath, segment and deleteAfter checks). A wrong value stops MediaMTX, on a hot reload too.
   */
  @Test
  void everyValueWrittenIsOneMediaMtxAccepts() {
    Map<String, Object> config = everythingConfig();
    List<String> problems = new ArrayList<>();
    collectTypeProblems(config, MediaMtxReference.config(), "", problems);
    assertThat(problems).isEmpty();

    assertThat(config).containsEntry("playback", true).containsEntry("playbackAddress", ":9996");
    for (Map.Entry<String, Object> entry : paths(config).entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> path = (Map<String, Object>) entry.getValue();
      String source = (String) path.get("source");
      assertThat(source).as(entry.getKey()).matches("^(publisher|rtsps?://.+)$");
      if (path.containsKey("rtspTransport")) {
        assertThat(path.get("rtspTransport")).isIn("automatic", "udp", "multicast", "tcp");
      }
      assertThat(path.get("recordFormat")).isIn("fmp4", "mpegts");
      String recordPath = (String) path.get("recordPath");
      assertThat(recordPath).contains("%path", "%f");
      assertThat(recordPath.contains("%s") || List.of("%Y", "%m", "%d", "%H", "%M", "%S").stream()
          .allMatch(recordPath::contains)).isTrue();
      var segment = io.camstream.operator.mediamtx.MediaMtxDuration.parse((String) path.get("recordSegmentDuration"));
      var deleteAfter = io.camstream.operator.mediamtx.MediaMtxDuration.parse((String) path.get("recordDeleteAfter"));
      assertThat(segment).hasValueSatisfying(d -> assertThat(d).isPositive()
          .isLessThanOrEqualTo(java.time.Duration.ofHours(24)));
      assertThat(deleteAfter).hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(segment.get()));
      assertThat(path.get("sourceOnDemand")).as("never on demand: always pulled, and useless for publishers")
          .isEqualTo(false);
    }
  }

  @Test
  void withoutRecordingThePlaybackServerStaysOff() {
    Map<String, Object> config = MediaMtxConfigBuilder.build(site(ReaderAccess.PUBLIC, null), CREDENTIALS);
    assertThat(config).containsEntry("playback", false).doesNotContainKey("playbackAddress");
    for (Object path : paths(config).values()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> keys = (Map<String, Object>) path;
      assertThat(keys).containsEntry("record", false).doesNotContainKey("recordPath");
    }
  }

  @Test
  void theKeyCheckReportsKeysTheReferenceLacks() {
    Map<String, Object> config = new java.util.LinkedHashMap<>(
        MediaMtxConfigBuilder.build(site(ReaderAccess.PUBLIC, null), CREDENTIALS));
    config.put("rtspDisable", true);
    config.put("paths", Map.of("lobby", Map.of("sourceProtocol", "tcp")));
    List<String> unknown = new ArrayList<>();
    collectUnknownKeys(config, MediaMtxReference.config(), "", unknown);
    assertThat(unknown).containsExactlyInAnyOrder("rtspDisable", "paths.lobby.sourceProtocol");
  }

  @Test
  void theYamlParsesBackToTheSameTree() throws Exception {
    CameraStream site = site(ReaderAccess.PUBLIC, List.of("cams.example.com"));
    String yaml = MediaMtxConfigBuilder.yaml(site, CREDENTIALS);
    Map<?, ?> parsed = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
    assertThat(parsed).isEqualTo(new ObjectMapper().convertValue(MediaMtxConfigBuilder.build(site, CREDENTIALS),
        Map.class));
  }

  @Test
  void serversListenOnTheContractPortsWithTcpOnlyRtspAndLowLatencyHls() {
    Map<String, Object> config = MediaMtxConfigBuilder.build(site(ReaderAccess.PUBLIC, List.of("192.0.2.10")),
        CREDENTIALS);
    assertThat(config).containsEntry("rtspAddress", ":8554")
        .containsEntry("rtspTransports", List.of("tcp"))
        // explicit: sha256-hashed passwords are a load error together with digest authentication
        .containsEntry("rtspAuthMethods", List.of("basic"))
        .containsEntry("hls", true).containsEntry("hlsAddress", ":8888").containsEntry("hlsVariant", "lowLatency")
        .containsEntry("webrtc", true).containsEntry("webrtcAddress", ":8889")
        .containsEntry("webrtcLocalUDPAddress", ":8189").containsEntry("webrtcLocalTCPAddress", ":8189")
        .containsEntry("webrtcAdditionalHosts", List.of("192.0.2.10"))
        .containsEntry("api", true).containsEntry("apiAddress", ":9997")
        .containsEntry("metrics", true).containsEntry("metricsAddress", ":9998")
        .containsEntry("rtmp", false).containsEntry("srt", false).containsEntry("pprof", false);
  }

  @Test
  void declaresExactlyOnePathPerCamera() {
    Map<String, Object> config = MediaMtxConfigBuilder.build(site(ReaderAccess.PUBLIC, null), CREDENTIALS);
    assertThat(paths(config).keySet()).containsExactly("lobby", "garage");
  }

  @Test
  void theFileHoldsExactlyTheSharedPerPathConfig() throws Exception {
    CameraStream site = site(ReaderAccess.PUBLIC, null);
    DesiredState desired = DesiredState.of(site, OperatorDefaults.standard(), Map.of(), () -> "generated-0123456789");
    Map<?, ?> parsed = new ObjectMapper(new YAMLFactory()).readValue(desired.mediaMtxYaml(), Map.class);
    // The same maps go to MediaMTX's control API (/v3/config/paths/add|patch/<camera>): file and API agree.
    assertThat(parsed.get("paths")).isEqualTo(desired.paths());
    assertThat(desired.paths()).containsOnlyKeys("lobby", "garage");
    assertThat(desired.paths().get("lobby"))
        .isEqualTo(MediaMtxPathConfig.of(site, site.getSpec().getCameras().get(0), Optional.empty()));
  }

  @Test
  void onlyThePublisherPublishesOnlyThisStreamsPathsAndOnlyTheApiUserUsesTheApi() {
    Map<String, Object> config = MediaMtxConfigBuilder.build(site(ReaderAccess.PUBLIC, null), CREDENTIALS);
    List<Map<String, Object>> users = users(config);

    assertThat(permissionsOf(users, "camstream-publisher"))
        .containsExactly(Map.of("action", "publish", "path", "lobby"), Map.of("action", "publish", "path", "garage"));
    assertThat(permissionsOf(users, "camstream-api")).containsExactly(Map.of("action", "api"));
    // Public reading: anyone may read these paths (and nothing else), and scrape metrics.
    assertThat(permissionsOf(users, "any")).containsExactly(Map.of("action", "read", "path", "lobby"),
        Map.of("action", "read", "path", "garage"), Map.of("action", "metrics"));
    assertThat(users).allSatisfy(user -> assertThat(actions(user)).doesNotContain("pprof", "playback"));
    assertThat(users.stream().filter(u -> actions(u).contains("publish"))).extracting(u -> u.get("user"))
        .containsExactly("camstream-publisher");
    assertThat(users.stream().filter(u -> actions(u).contains("api"))).extracting(u -> u.get("user"))
        .containsExactly("camstream-api");
  }

  @Test
  void authenticatedReadersNeedTheReaderUser() {
    Map<String, Object> config = MediaMtxConfigBuilder.build(site(ReaderAccess.AUTHENTICATED, null), WITH_READER);
    List<Map<String, Object>> users = users(config);
    assertThat(permissionsOf(users, "camstream-reader")).containsExactly(Map.of("action", "read", "path", "lobby"),
        Map.of("action", "read", "path", "garage"));
    assertThat(permissionsOf(users, "any")).containsExactly(Map.of("action", "metrics"));
  }

  @Test
  void passwordsAreWrittenOnlyAsSha256Hashes() {
    String yaml = MediaMtxConfigBuilder.yaml(site(ReaderAccess.AUTHENTICATED, null), WITH_READER);
    assertThat(yaml).doesNotContain("publisherSecret1", "apiSecret2", "readerSecret3")
        .contains(MediaMtxConfigBuilder.sha256Credential("publisherSecret1"));
    // MediaMTX checks sha256: + base64(SHA-256(password)); value from `openssl dgst -sha256 -binary | base64`.
    assertThat(MediaMtxConfigBuilder.sha256Credential("testpass"))
        .isEqualTo("sha256:E9JJ8stBJ7QM+nV4ZoUCeHk/gU3tPFh/5YieiJp6n2w=");
  }

  @Test
  void hostileValuesCannotInjectConfiguration() throws Exception {
    CameraStream site = site(ReaderAccess.PUBLIC, List.of("evil\napi: false\npaths:\n  stolen: {}", "x\" y: z"));
    String yaml = MediaMtxConfigBuilder.yaml(site, CREDENTIALS);
    Map<?, ?> parsed = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
    assertThat(parsed.get("api")).isEqualTo(true);
    assertThat(((Map<?, ?>) parsed.get("paths")).keySet()).map(String::valueOf).containsExactlyInAnyOrder("lobby", "garage");
    assertThat((List<?>) parsed.get("webrtcAdditionalHosts")).hasSize(2);
  }

  private static final WebRtcSettings RICH_WEBRTC = new WebRtcSettings(31189,
      List.of("192.0.2.10", "203.0.113.7", "cams.example.com", "lb.example.net"),
      List.of(IceServer.stun("stun:stun.example.com:3478", false),
          IceServer.turn("turn:turn.example.com:3478?transport=udp", "viewer", "turn-Pass-1", true),
          IceServer.turn("turns:turn.example.com:5349", "AUTH_SECRET", "shared-Secret-2", false)));

  /** The reference, with the items it documents only in comments filled in. */
  private static Map<String, Object> referenceWithExamples() {
    Map<String, Object> reference = new java.util.LinkedHashMap<>(MediaMtxReference.config());
    reference.put("webrtcICEServers2", MediaMtxReference.commentedListExample("webrtcICEServers2"));
    return reference;
  }

  private static CameraStream site(ReaderAccess readers, List<String> hosts) {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"), testPattern("garage"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setReaders(readers);
    mediamtx.setWebrtcAdditionalHosts(hosts);
    site.getSpec().setMediamtx(mediamtx);
    return site;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> paths(Map<String, Object> config) {
    return (Map<String, Object>) config.get("paths");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> users(Map<String, Object> config) {
    return (List<Map<String, Object>>) config.get("authInternalUsers");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> permissionsOf(List<Map<String, Object>> users, String user) {
    return users.stream().filter(u -> user.equals(u.get("user"))).findFirst()
        .map(u -> (List<Map<String, Object>>) u.get("permissions")).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> actions(Map<String, Object> user) {
    return ((List<Map<String, Object>>) user.get("permissions")).stream().map(p -> p.get("action")).toList();
  }

  /** Scalars whose reference value has a type must have that type (a boolean where MediaMTX wants one). */
  private static void collectTypeProblems(Object generated, Object reference, String at, List<String> problems) {
    if (generated instanceof Map<?, ?> map && reference instanceof Map<?, ?> referenceMap) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        String path = at.isEmpty() ? key : at + "." + key;
        Object referenceValue = at.equals("paths") ? MediaMtxReference.config().get("pathDefaults")
            : referenceMap.get(key);
        collectTypeProblems(entry.getValue(), referenceValue, path, problems);
      }
    } else if (generated instanceof List<?> list && reference instanceof List<?> referenceList
        && !referenceList.isEmpty()) {
      for (Object item : list) {
        collectTypeProblems(item, union(referenceList), at + "[]", problems);
      }
    } else if (reference != null && !(reference instanceof Map) && !(reference instanceof List)
        && generated != null && !reference.getClass().equals(generated.getClass())) {
      problems.add(at + ": " + generated.getClass().getSimpleName() + " where the reference has "
          + reference.getClass().getSimpleName());
    }
  }

  /** Merges the reference's example items, concatenating nested lists, so every documented key is allowed. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> union(List<?> items) {
    Map<String, Object> union = new java.util.LinkedHashMap<>();
    for (Object item : items) {
      if (item instanceof Map<?, ?> map) {
        map.forEach((key, value) -> {
          Object existing = union.get(String.valueOf(key));
          if (existing instanceof List<?> left && value instanceof List<?> right) {
            List<Object> both = new ArrayList<>(left);
            both.addAll(right);
            union.put(String.valueOf(key), both);
          } else if (!union.containsKey(String.valueOf(key)) || existing == null) {
            union.put(String.valueOf(key), value);
          }
        });
      }
    }
    return union;
  }

  /**
   * Walks the generated tree against the reference: maps by key, lists by their first reference item, and
   * every {@code paths.<camera>} against {@code pathDefaults} (the reference's per-path key set).
   */
  @SuppressWarnings("unchecked")
  private static void collectUnknownKeys(Object generated, Object reference, String at, List<String> unknown) {
    if (generated instanceof Map<?, ?> map) {
      if (!(reference instanceof Map<?, ?> referenceMap)) {
        unknown.add(at + " (not a section in the reference)");
        return;
      }
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        String path = at.isEmpty() ? key : at + "." + key;
        if (at.equals("paths")) {
          Object pathDefaults = MediaMtxReference.config().get("pathDefaults");
          collectUnknownKeys(entry.getValue(), pathDefaults, path, unknown);
        } else if (!referenceMap.containsKey(key)) {
          unknown.add(path);
        } else {
          collectUnknownKeys(entry.getValue(), referenceMap.get(key), path, unknown);
        }
      }
    } else if (generated instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
      if (!(reference instanceof List<?> referenceList) || referenceList.isEmpty()) {
        unknown.add(at + " (no example item in the reference)");
        return;
      }
      for (Object item : list) {
        // Items may use any key the reference's example items use (e.g. permissions with or without path).
        collectUnknownKeys(item, union(referenceList), at + "[]", unknown);
      }
    }
  }
}
