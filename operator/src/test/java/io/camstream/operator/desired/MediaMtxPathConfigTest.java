package io.camstream.operator.desired;

import static io.camstream.operator.testing.CameraStreams.pulled;
import static io.camstream.operator.testing.CameraStreams.pulledWithSecret;
import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.api.spec.RecordingSpec;
import io.camstream.operator.testing.CameraStreams;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaMtxPathConfigTest {
  private static final CameraCredentials GATE = new CameraCredentials("viewer", "p@ss:w/rd?#%&é");

  @Test
  void aPushedCameraWaitsForItsStreamer() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    assertThat(MediaMtxPathConfig.of(site, site.getSpec().getCameras().get(0), Optional.empty()))
        .containsExactly(Map.entry("source", "publisher"), Map.entry("sourceOnDemand", false),
            Map.entry("record", false));
  }

  @Test
  void whileRecordingIsConfiguredOneRegularExpressionPathKeepsTheRecordingsOfRemovedCameras() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getSpec().setRecording(CameraStreams.recording("1Gi", ReclaimPolicy.RETAIN));
    site.getSpec().getRecording().setRetention("3d");
    site.getSpec().getRecording().setSegmentDuration("1h30m");

    Map<String, Map<String, Object>> paths = MediaMtxPathConfig.all(site, Map.of());

    assertThat(paths.keySet()).containsExactly("lobby", MediaMtxPathConfig.REMOVED_CAMERAS);
    assertThat(paths.get(MediaMtxPathConfig.REMOVED_CAMERAS)).as("records nothing, keeps and deletes like a camera")
        .containsExactly(Map.entry("source", "publisher"), Map.entry("sourceOnDemand", false),
            Map.entry("record", false), Map.entry("recordPath", Recording.RECORD_PATH),
            Map.entry("recordFormat", "fmp4"), Map.entry("recordSegmentDuration", "1h30m"),
            Map.entry("recordDeleteAfter", "3d"));
    java.util.regex.Pattern names = java.util.regex.Pattern.compile(MediaMtxPathConfig.REMOVED_CAMERAS.substring(1));
    assertThat(java.util.List.of("lobby", "removed-camera", "0")).allMatch(name -> names.matcher(name).matches());
    assertThat(java.util.List.of("Lobby", "a/b", "-x", "x-", "")).noneMatch(name -> names.matcher(name).find());

    site.getSpec().setRecording(null);
    assertThat(MediaMtxPathConfig.all(site, Map.of()).keySet()).as("nothing to keep without recording")
        .containsExactly("lobby");
  }

  @Test
  void aPulledCameraIsReadOverTcpAlwaysOnWithTheSecretsCredentialsEncoded() {
    CameraSpec gate = pulledWithSecret("gate", "rtsp://10.0.0.7:554/h264?channel=1", "gate-cam");
    CameraStream site = CameraStreams.of("ns", "site", gate);
    Map<String, Object> path = MediaMtxPathConfig.of(site, gate, Optional.of(GATE));

    String source = (String) path.get("source");
    assertThat(source).startsWith("rtsp://viewer:").endsWith("@10.0.0.7:554/h264?channel=1");
    String userInfo = source.substring("rtsp://".length(), source.lastIndexOf('@'));
    assertThat(userInfo).matches("[A-Za-z0-9._~%-]+:[A-Za-z0-9._~%-]+");
    assertThat(URLDecoder.decode(userInfo.substring(userInfo.indexOf(':') + 1), StandardCharsets.UTF_8))
        .isEqualTo(GATE.password());
    assertThat(path).containsEntry("rtspTransport", "tcp").containsEntry("sourceOnDemand", false);
  }

  @Test
  void aPulledCameraWithoutASecretKeepsItsUrl() {
    CameraSpec dock = pulled("dock", "rtsps://admin:pw@cam.example:322/s");
    CameraStream site = CameraStreams.of("ns", "site", dock);
    assertThat(MediaMtxPathConfig.of(site, dock, Optional.empty()))
        .containsEntry("source", "rtsps://admin:pw@cam.example:322/s");
  }

  @Test
  void everyPathOfAPulledCameraNamingASecretNeedsItsCredentials() {
    CameraStream site = CameraStreams.of("ns", "site", pulledWithSecret("gate", "rtsp://cam/s", "gate-cam"));
    assertThatThrownBy(() -> MediaMtxPathConfig.all(site, Map.of())).isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining(GATE.password());
    assertThat(MediaMtxPathConfig.all(site, Map.of("gate", GATE))).containsOnlyKeys("gate");
  }

  @Test
  void recordingFollowsTheStreamDefaultUnlessACameraOverridesIt() {
    CameraSpec lobby = testPattern("lobby");
    CameraSpec gate = pulled("gate", "rtsp://cam/s");
    gate.setRecord(false);
    CameraSpec dock = testPattern("dock");
    CameraStream site = CameraStreams.of("ns", "site", lobby, gate, dock);
    RecordingSpec recording = CameraStreams.recording("50Gi", ReclaimPolicy.RETAIN);
    recording.setRetention("72h");
    recording.setSegmentDuration("30m");
    site.getSpec().setRecording(recording);

    Map<String, Map<String, Object>> paths = MediaMtxPathConfig.all(site, Map.of());
    assertThat(paths.get("lobby")).containsEntry("record", true)
        .containsEntry("recordPath", "/recordings/%path/%Y-%m-%d_%H-%M-%S-%f")
        .containsEntry("recordFormat", "fmp4").containsEntry("recordSegmentDuration", "30m")
        .containsEntry("recordDeleteAfter", "72h");
    assertThat(paths.get("gate")).containsEntry("record", false).containsKey("recordPath");

    recording.setEnabled(false);
    dock.setRecord(true);
    paths = MediaMtxPathConfig.all(site, Map.of());
    assertThat(paths.get("lobby")).containsEntry("record", false);
    assertThat(paths.get("dock")).containsEntry("record", true);

    Map<String, Map<String, Object>> unmounted = MediaMtxPathConfig.all(site, Map.of(), false);
    assertThat(unmounted.get("dock")).as("no volume, no recording; the rest unchanged").containsEntry("record", false)
        .containsEntry("recordDeleteAfter", "72h");
    assertThat(MediaMtxPathConfig.all(site, Map.of(), true)).isEqualTo(paths);
  }

  @Test
  void aCamerasPathDependsOnNothingButThatCameraAndTheStreamsRecordingSettings() {
    CameraSpec gate = pulled("gate", "rtsp://cam/s");
    CameraStream one = CameraStreams.of("ns", "site", gate);
    CameraStream three = CameraStreams.of("ns", "site", testPattern("lobby"), gate, testPattern("dock"));
    assertThat(MediaMtxPathConfig.of(three, gate, Optional.empty()))
        .isEqualTo(MediaMtxPathConfig.of(one, gate, Optional.empty()));
  }
}
