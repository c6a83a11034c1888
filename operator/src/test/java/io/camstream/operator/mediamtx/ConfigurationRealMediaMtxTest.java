package io.camstream.operator.mediamtx;

import static io.camstream.operator.testing.CameraStreams.pulledWithSecret;
import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.CameraStreamSpec;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.api.spec.RecordingSpec;
import io.camstream.operator.api.spec.ServiceType;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.delivery.ExampleCameraStreams;
import io.camstream.operator.desired.CameraCredentials;
import io.camstream.operator.desired.CredentialKeys;
import io.camstream.operator.desired.CredentialsResolver;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.mediamtx.api.MediaMtxConfigClient;
import io.camstream.operator.mediamtx.sync.ConfigSyncPlan;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.mediamtx.RealMediaMtx;
import io.camstream.operator.validation.MediaMtxCredentialsCheck;
import io.camstream.operator.validation.SpecValidator;
import io.camstream.operator.webrtc.IceServer;
import io.camstream.operator.webrtc.NodeAddresses;
import io.camstream.operator.webrtc.ObservedNetwork;
import io.camstream.operator.webrtc.WebRtcSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code mediamtx.yml} the operator builds loads in the real MediaMTX and its API answers: for every example
 * users are shown, for each feature and all of them together, and for values at the edges of what
 * {@link SpecValidator} accepts. What MediaMTX reads back is what was written, by the comparison the operator's
 * sync uses ({@link ConfigSyncPlan#fromObserved}: nothing to change), so a restarted MediaMTX is never "repaired".
 * Pulled cameras point at a closed loopback port: MediaMTX dials them at once, and tests reach no outside address.
 */
class ConfigurationRealMediaMtxTest {
  private static final String CLOSED_LOOPBACK = "127.0.0.1:9";
  private static final YAMLMapper YAML = new YAMLMapper();

  @RegisterExtension
  static final RealMediaMtx mediaMtx = RealMediaMtx.onFreePorts();

  @Test
  void everyExampleLoadsAndAnswers() {
    ExampleCameraStreams examples = ExampleCameraStreams.load();
    assertThat(examples.cameraStreams()).hasSizeGreaterThanOrEqualTo(6);
    examples.cameraStreams().forEach((name, example) -> {
      loopbackPulledCameras(example);
      assertLoadsAsWritten(name, example, examples.desired(example));
    });
  }

  @Test
  void eachFeatureAloneAndAllTogetherLoadAndAnswer() {
    Map<String, Consumer<Site>> features = new LinkedHashMap<>();
    features.put("readers: authenticated", site -> mediamtx(site.spec).setReaders(ReaderAccess.AUTHENTICATED));
    features.put("a pulled camera with a Secret", site -> {
      site.spec.getSpec().getCameras().add(pulledWithSecret("door", "rtsp://" + CLOSED_LOOPBACK + "/h264?ch=1",
          "door-cam"));
      site.cameraCredentials.put("door", new CameraCredentials("viewer", "p@ss:w/rd?#%&é \"'"));
    });
    features.put("recording", site -> {
      RecordingSpec recording = CameraStreams.recording("10Gi", ReclaimPolicy.RETAIN);
      recording.setRetention("3d");
      recording.setSegmentDuration("1h30m");
      site.spec.getSpec().setRecording(recording);
      site.spec.getSpec().getCameras().get(0).setRecord(false);
    });
    features.put("webrtcNodePort", site -> {
      mediamtx(site.spec).setServiceType(ServiceType.NODE_PORT);
      mediamtx(site.spec).setWebrtcNodePort(31000);
    });
    features.put("ICE servers: STUN and TURN", site -> {
      mediamtx(site.spec).setIceServers(List.of(CameraStreams.iceServer("stun:stun.example.net:3478", null),
          CameraStreams.iceServer("turn:turn.example.net:3478?transport=udp", "turn"),
          CameraStreams.iceServer("turns:[2001:db8::1]:5349?transport=tcp", "turn-tls")));
      site.iceServers.add(IceServer.stun("stun:stun.example.net:3478", true));
      site.iceServers.add(IceServer.turn("turn:turn.example.net:3478?transport=udp", "AUTH_SECRET", "s3cr3t:#@\"", false));
      site.iceServers.add(IceServer.turn("turns:[2001:db8::1]:5349?transport=tcp", "user name", "p w", true));
    });
    features.put("LoadBalancer hosts and listed hosts", site -> {
      mediamtx(site.spec).setServiceType(ServiceType.LOAD_BALANCER);
      mediamtx(site.spec).setWebrtcAdditionalHosts(List.of("cams.example.com", "2001:db8::7"));
      site.network = new ObservedNetwork(true, List.of("203.0.113.7", "a1b2.elb.example.net"), Map.of(),
          NodeAddresses.unreadable());
    });
    for (Map.Entry<String, Consumer<Site>> feature : features.entrySet()) {
      Site site = new Site();
      feature.getValue().accept(site);
      site.load(feature.getKey());
    }
    Site everything = new Site();
    features.values().forEach(feature -> feature.accept(everything));
    everything.load("every feature together");
  }

  @Test
  void valuesAtTheEdgesOfWhatTheValidatorAcceptsLoad() {
    Site names = new Site();
    names.spec.getSpec().getCameras().clear();
    names.spec.getSpec().getCameras().add(testPattern("a" + "-0".repeat((CameraSpec.NAME_MAX_LENGTH - 2) / 2) + "z"));
    names.spec.getSpec().getCameras().add(testPattern("0"));
    IntStream.range(2, CameraStreamSpec.MAX_CAMERAS).forEach(i -> names.spec.getSpec().getCameras()
        .add(testPattern("camera-" + i)));
    names.load("the longest camera name, a digit, " + CameraStreamSpec.MAX_CAMERAS + " cameras");

    for (String[] durations : new String[][] {{"1s", "1s"}, {"24h", "99999d"}, {"1000ms", "1d12h30m15.5s"},
        {"1.5h", "90m"}, {"59m60s", "1h"}}) {
      Site site = new Site();
      RecordingSpec recording = CameraStreams.recording("1Gi", ReclaimPolicy.DELETE);
      recording.setSegmentDuration(durations[0]);
      recording.setRetention(durations[1]);
      site.spec.getSpec().setRecording(recording);
      site.load("segmentDuration " + durations[0] + ", retention " + durations[1]);
    }

    Site hosts = new Site();
    List<String> listed = new ArrayList<>(List.of("a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "."
        + "d".repeat(61), "::1", "::ffff:192.0.2.1", "192.0.2.1", "x", "0"));
    IntStream.range(listed.size(), MediaMtxSpec.MAX_ADDITIONAL_HOSTS).forEach(i -> listed.add("h" + i + ".example"));
    mediamtx(hosts.spec).setWebrtcAdditionalHosts(listed);
    mediamtx(hosts.spec).setServiceType(ServiceType.NODE_PORT);
    mediamtx(hosts.spec).setWebrtcNodePort(MediaMtxSpec.MAX_NODE_PORT);
    hosts.load("16 hosts, the longest host name, IPv6 and IPv4 literals, the highest node port");

    Site lowPort = new Site();
    mediamtx(lowPort.spec).setServiceType(ServiceType.LOAD_BALANCER);
    mediamtx(lowPort.spec).setWebrtcNodePort(MediaMtxSpec.MIN_NODE_PORT);
    lowPort.load("the lowest node port");

    Site urls = new Site();
    urls.spec.getSpec().getCameras().add(pulled("inline", "rtsp://u!$&'()*+,;=:p%40%3A!$&'()*+,;=@"
        + CLOSED_LOOPBACK + "/a\\b^c{d}|e`f\"g'h?x=[1]&y=%20"));
    urls.spec.getSpec().getCameras().add(pulled("ipv6", "rtsps://[::1]:9/stream"));
    urls.spec.getSpec().getCameras().add(pulled("bare", "rtsp://localhost"));
    urls.load("pulled URLs: user-info, path and query characters, IPv6, rtsps, no port or path");

    Site users = new Site();
    mediamtx(users.spec).setReaders(ReaderAccess.AUTHENTICATED);
    users.storedCredentials.put(CredentialKeys.PUBLISHER_USERNAME, "!$()*+.;<=>[]^_-{}@#&aZ0");
    users.storedCredentials.put(CredentialKeys.API_USERNAME, "a".repeat(MediaMtxCredentialsCheck.MAX_USERNAME_LENGTH));
    users.storedCredentials.put(CredentialKeys.READER_USERNAME, "ANY");
    users.storedCredentials.put(CredentialKeys.READER_PASSWORD, "any password: ü \" ' \\ \n#");
    users.load("usernames of every character MediaMTX allows, the longest, a password of any characters");
    assertThat(mediaMtx.request("GET", "/v3/paths/list", null, mediaMtx.apiCredentials()).status())
        .as("the longest API username").isEqualTo(200);
  }

  // --- helpers ----------------------------------------------------------------------------------------------

  /** A CameraStream with one pushed camera and what a reconcile would resolve for it. */
  private static final class Site {
    final CameraStream spec = CameraStreams.of("cameras", "site", testPattern("lobby"));
    final Map<String, CameraCredentials> cameraCredentials = new LinkedHashMap<>();
    final Map<String, String> storedCredentials = new LinkedHashMap<>();
    final List<IceServer> iceServers = new ArrayList<>();
    ObservedNetwork network = ObservedNetwork.NONE;

    void load(String what) {
      MediaMtxCredentials credentials = CredentialsResolver.resolve(spec, storedCredentials, () -> "generated0123");
      assertThat(MediaMtxCredentialsCheck.check(spec, credentials)).as(what).isEmpty();
      assertLoadsAsWritten(what, spec, DesiredState.of(spec, OperatorDefaults.standard(), credentials,
          WebRtcSettings.of(spec, network, iceServers), cameraCredentials, Map.of()));
    }
  }

  private static void assertLoadsAsWritten(String what, CameraStream spec, DesiredState desired) {
    assertThat(SpecValidator.validate(spec)).as("%s: the validator accepts it", what).isEmpty();
    mediaMtx.start(desired);

    Map<String, Map<String, Object>> written = runningPaths();
    // the operator's own client, every page, as its sync reads MediaMTX
    MediaMtxConfigClient.ConfigPaths listed = new MediaMtxConfigClient().listPaths(mediaMtx.apiUrl(),
        mediaMtx.apiCredentials());
    assertThat(listed.outcome().done()).as("%s: %s", what, listed.outcome()).isTrue();
    Map<String, JsonNode> observed = listed.paths();
    assertThat(observed.keySet()).as("%s: configured paths", what).containsExactlyInAnyOrderElementsOf(
        desired.paths().keySet());
    ConfigSyncPlan plan = ConfigSyncPlan.fromObserved(written, observed);
    assertThat(plan.isEmpty()).as("%s: MediaMTX reads back what was written (%s)", what, plan).isTrue();

    JsonNode global = mediaMtx.get("/v3/config/global/get");
    @SuppressWarnings("unchecked")
    Map<String, Object> file = yaml(desired.mediaMtxYaml());
    assertThat(strings(global.get("webrtcAdditionalHosts"))).as(what).isEqualTo(file.get("webrtcAdditionalHosts"));
    assertThat(StreamSupport.stream(global.get("webrtcICEServers2").spliterator(), false)
        .map(server -> server.get("url").asText()).toList()).as(what)
        .isEqualTo(((List<Map<String, Object>>) file.get("webrtcICEServers2")).stream().map(s -> s.get("url")).toList());
    assertThat(global.get("playback").asBoolean()).as(what).isEqualTo(file.get("playback"));
    assertThat(StreamSupport.stream(global.get("authInternalUsers").spliterator(), false)
        .map(user -> user.get("user").asText()).toList()).as(what)
        .isEqualTo(((List<Map<String, Object>>) file.get("authInternalUsers")).stream().map(u -> u.get("user"))
            .toList());
  }

  /** The paths MediaMTX runs with (recordings moved to the test's directory, as the harness does). */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> runningPaths() {
    return (Map<String, Map<String, Object>>) yaml(mediaMtx.runningConfig()).get("paths");
  }

  /** Pulled cameras dial a closed loopback port instead of the example's camera address, keeping the URL's form. */
  private static void loopbackPulledCameras(CameraStream example) {
    for (CameraSpec camera : example.getSpec().getCameras()) {
      if (StreamMode.of(camera) == StreamMode.PULL) {
        URI url = URI.create(camera.getSource().getUrl());
        camera.getSource().setUrl(url.getScheme() + "://" + (url.getRawUserInfo() == null ? ""
            : url.getRawUserInfo() + "@") + CLOSED_LOOPBACK + (url.getRawPath() == null ? "" : url.getRawPath())
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
      }
    }
  }

  private static CameraSpec pulled(String name, String url) {
    return CameraStreams.pulled(name, url);
  }

  private static MediaMtxSpec mediamtx(CameraStream cameraStream) {
    if (cameraStream.getSpec().getMediamtx() == null) {
      cameraStream.getSpec().setMediamtx(new MediaMtxSpec());
    }
    return cameraStream.getSpec().getMediamtx();
  }

  private static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) {
    try {
      return YAML.readValue(text, Map.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
