package io.camstream.operator.testing.mediamtx;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.CameraCredentials;
import io.camstream.operator.desired.CredentialsResolver;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.webrtc.WebRtcSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness itself: the real MediaMTX with the operator's configuration, reloads, restarts, publishers. */
class RealMediaMtxTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final PasswordGenerator PASSWORDS = PasswordGenerator.secureRandom();

  @RegisterExtension
  static final RealMediaMtx mediaMtx = RealMediaMtx.onFreePorts();

  @Test
  void runsTheOperatorsConfigurationWithOnlyListenAddressesMovedToLoopback() throws Exception {
    DesiredState desired = desired(CameraStreams.of("ns", "site", testPattern("gate"), testPattern("lobby")));
    mediaMtx.start(desired);

    assertThat(configuredPaths()).containsExactly("gate", "lobby");
    Map<String, Object> operator = yaml(desired.mediaMtxYaml());
    Map<String, Object> running = yaml(mediaMtx.runningConfig());
    assertThat(running.keySet()).containsExactlyElementsOf(operator.keySet());
    Map<String, Object> withoutAddresses = new LinkedHashMap<>(running);
    withoutAddresses.keySet().removeIf(key -> key.endsWith("Address"));
    Map<String, Object> operatorWithoutAddresses = new LinkedHashMap<>(operator);
    operatorWithoutAddresses.keySet().removeIf(key -> key.endsWith("Address"));
    assertThat(withoutAddresses).isEqualTo(operatorWithoutAddresses);
    assertThat(running.get("apiAddress")).isEqualTo("127.0.0.1:" + mediaMtx.apiUrl().getPort());
    assertThat(running.get("webrtcLocalUDPAddress")).as("ICE stays on one number for UDP and TCP")
        .isEqualTo(running.get("webrtcLocalTCPAddress"));
    assertThat(mediaMtx.request("GET", "/v3/paths/list", null, null).status()).as("the API needs the API user")
        .isEqualTo(401);
    assertThat(listeningAddresses(mediaMtx.pid().getAsLong())).as("every socket MediaMTX listens on")
        .hasSizeGreaterThanOrEqualTo(6).allMatch(address -> address.startsWith("0100007F:"), "127.0.0.1");
  }

  @Test
  void theStreamerPublishesAndARewrittenFileIsReloadedWithoutDroppingIt() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("gate"));
    DesiredState desired = desired(site);
    mediaMtx.start(desired);
    try (TestPublisher streamer = TestPublisher.streamer(mediaMtx.rtspUrl("gate"),
        desired.credentials().publisher()).start()) {
      streamer.awaitFirstFrame(TIMEOUT);
      JsonNode gate = mediaMtx.awaitPath("gate", p -> p.get("available").asBoolean(), TIMEOUT);
      assertThat(gate.get("tracks2").get(0).get("codec").asText()).isEqualTo("H264");
      String onlineTime = gate.get("onlineTime").asText();

      site.getSpec().getCameras().add(testPattern("lobby"));
      mediaMtx.rewriteConfig(DesiredState.of(site, OperatorDefaults.standard(), desired.credentials())
          .mediaMtxYaml());
      assertThat(configuredPaths()).containsExactly("gate", "lobby");
      assertThat(mediaMtx.path("gate").get("onlineTime").asText()).as("adding a path drops nobody")
          .isEqualTo(onlineTime);

      mediaMtx.restart();
      assertThat(configuredPaths()).as("a restart reads the rewritten file").containsExactly("gate", "lobby");
    }
  }

  @Test
  void ffmpegPublishesAndItsPathGoesOfflineWhenItStops() {
    DesiredState desired = desired(CameraStreams.of("ns", "site", testPattern("gate")));
    mediaMtx.start(desired);
    try (TestPublisher ffmpeg = TestPublisher.ffmpeg(mediaMtx.rtspUrl("gate"), desired.credentials().publisher())
        .start()) {
      mediaMtx.awaitPath("gate", p -> p.get("available").asBoolean(), TIMEOUT);
      ffmpeg.stop();
      mediaMtx.awaitPath("gate", p -> !p.get("online").asBoolean() && !p.get("available").asBoolean(), TIMEOUT);
    }
  }

  @Test
  void aPulledCameraWithCredentialsIsReadOnceItsCameraComesUp() {
    try (TestCamera camera = TestCamera.withCredentials()) {
      CameraStream site = CameraStreams.of("ns", "site",
          CameraStreams.pulledWithSecret("door", camera.url(), "door-camera"));
      MediaMtxCredentials.User user = camera.user().orElseThrow();
      MediaMtxCredentials credentials = CredentialsResolver.resolve(site, Map.of(), PASSWORDS);
      mediaMtx.start(DesiredState.of(site, OperatorDefaults.standard(), credentials, WebRtcSettings.fromSpec(site),
          Map.of("door", new CameraCredentials(user.username(), user.password())), Map.of()));
      assertThat(mediaMtx.path("door").get("available").asBoolean()).as("camera down").isFalse();

      camera.start(TIMEOUT);
      JsonNode door = mediaMtx.awaitPath("door", p -> p.get("available").asBoolean(), TIMEOUT);
      assertThat(door.get("source").get("type").asText()).isEqualTo("rtspSource");
    }
  }

  @Test
  void aConfigurationMediaMtxRefusesFailsTheStartWithItsLog() {
    DesiredState desired = desired(CameraStreams.of("ns", "site", testPattern("gate")));
    String refused = desired.mediaMtxYaml() + "notAMediaMtxKey: true\n";
    assertThatThrownBy(() -> mediaMtx.start(refused, mediaMtx.apiCredentials() == null
        ? new io.camstream.operator.mediamtx.api.ApiCredentials("api", "x") : mediaMtx.apiCredentials()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MediaMTX exited")
        .hasMessageContaining("notAMediaMtxKey");
    assertThat(mediaMtx.running()).isFalse();
  }

  @Test
  void closingKillsTheProcess() {
    DesiredState desired = desired(CameraStreams.of("ns", "site", testPattern("gate")));
    RealMediaMtx own = RealMediaMtx.startedWith(desired);
    long pid = own.pid().orElseThrow();
    own.close();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  /**
   * The local addresses (hex, as /proc/net shows them) of the process's listening TCP and bound UDP sockets: its
   * socket inodes (/proc/PID/fd) looked up in /proc/net/{tcp,udp,tcp6,udp6}.
   */
  private static List<String> listeningAddresses(long pid) throws Exception {
    java.util.Set<String> inodes = new java.util.HashSet<>();
    try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc", Long.toString(pid), "fd"))) {
      fds.forEach(fd -> {
        try {
          String target = java.nio.file.Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (java.io.IOException gone) {
          // closed meanwhile
        }
      });
    }
    List<String> addresses = new java.util.ArrayList<>();
    for (String table : List.of("tcp", "udp", "tcp6", "udp6")) {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net", table))) {
        String[] fields = line.trim().split("\\s+");
        boolean listening = table.startsWith("udp") || "0A".equals(fields[3]);
        if (fields.length > 9 && inodes.contains(fields[9]) && listening) {
          addresses.add(fields[1]);
        }
      }
    }
    return addresses;
  }

  private static DesiredState desired(CameraStream cameraStream) {
    return DesiredState.of(cameraStream, OperatorDefaults.standard(), Map.of(), PASSWORDS);
  }

  private static List<String> configuredPaths() {
    JsonNode items = mediaMtx.get("/v3/config/paths/list").get("items");
    return StreamSupport.stream(items.spliterator(), false).map(p -> p.get("name").asText()).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) throws Exception {
    return new YAMLMapper().readValue(text, Map.class);
  }
}
