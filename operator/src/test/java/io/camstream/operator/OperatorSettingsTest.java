package io.camstream.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camstream.operator.ui.CameraWallSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

  @Test
  void defaultsMatchTheSharedContract() {
    OperatorSettings settings = OperatorSettings.from(Map.of());
    assertThat(settings.watchesAllNamespaces()).isTrue();
    assertThat(settings.streamerImage()).isEqualTo("ghcr.io/camstream/camstream-streamer:0.1.0");
    assertThat(settings.mediaMtxImage()).isEqualTo("bluenviron/mediamtx:1.20.1");
    assertThat(settings.healthPort()).isEqualTo(8080);
    assertThat(settings.healthPollInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.leaderElection()).as("outside a cluster").isFalse();
    assertThat(settings.mediaMtxApiUrl("site", "cams")).isEqualTo("http://site-mediamtx-internal.cams.svc:9997");
    assertThat(settings.readNodes()).as("node addresses for webrtcAnnounceNodeAddresses").isTrue();
    assertThat(settings.readStorageClasses()).as("the recordings claim's StorageClass").isTrue();
    assertThat(settings.cameraWall().port()).isEqualTo(8081);
    assertThat(settings.cameraWall().enabled()).isTrue();
    assertThat(settings.cameraWall().hlsBase("site", "cams")).hasToString("http://site-mediamtx.cams.svc:8888");
  }

  @Test
  void cameraWallPortAndHlsTemplate() {
    OperatorSettings settings = OperatorSettings.from(Map.of(
        CameraWallSettings.UI_PORT, "9091",
        CameraWallSettings.MEDIAMTX_HLS_URL, "http://127.0.0.1:18888/{namespace}/{name}/"));
    assertThat(settings.cameraWall().port()).isEqualTo(9091);
    assertThat(settings.cameraWall().hlsBase("site", "cams")).hasToString("http://127.0.0.1:18888/cams/site");
    assertThat(OperatorSettings.from(Map.of(CameraWallSettings.UI_PORT, "0")).cameraWall().enabled()).isFalse();
    assertThat(OperatorSettings.from(Map.of(CameraWallSettings.UI_PORT, "0", OperatorSettings.HEALTH_PORT, "0"))
        .cameraWall().enabled()).isFalse();
    assertRejected(CameraWallSettings.UI_PORT, "http", "CAMSTREAM_UI_PORT must be an integer from 0 (off) to 65535");
    assertRejected(CameraWallSettings.UI_PORT, "8080", "must differ from CAMSTREAM_HEALTH_PORT");
    assertRejected(CameraWallSettings.MEDIAMTX_HLS_URL, "ftp://x/{name}", "CAMSTREAM_MEDIAMTX_HLS_URL");
    assertRejected(CameraWallSettings.MEDIAMTX_HLS_URL, "http://mediamtx:8888", "{name}");
    assertRejected(CameraWallSettings.MEDIAMTX_HLS_URL, "http://reader:pw@{name}:8888", "without credentials");
    assertRejected(CameraWallSettings.MEDIAMTX_HLS_URL, "http://{name}:8888/?x=1", "CAMSTREAM_MEDIAMTX_HLS_URL");
  }

  @Test
  void leaderElectionDefaultsOnInsideACluster() {
    assertThat(OperatorSettings.from(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1")).leaderElection()).isTrue();
    assertThat(OperatorSettings.from(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1",
        OperatorSettings.LEADER_ELECTION, "false")).leaderElection()).isFalse();
  }

  @Test
  void readsEverySetting() {
    OperatorSettings settings = OperatorSettings.from(Map.of(
        OperatorSettings.WATCH_NAMESPACES, " cams , lab,",
        OperatorSettings.STREAMER_IMAGE, "registry.example.com/streamer:2",
        OperatorSettings.MEDIAMTX_IMAGE, "registry.example.com/mediamtx:1.20.1",
        OperatorSettings.MEDIAMTX_API_URL, "http://localhost:9997/{namespace}/{name}/",
        OperatorSettings.LEADER_ELECTION, "yes",
        OperatorSettings.LEASE_NAMESPACE, "camstream-system",
        OperatorSettings.HEALTH_PORT, "9090",
        OperatorSettings.HEALTH_POLL_SECONDS, "3",
        OperatorSettings.READ_NODES, "false",
        OperatorSettings.READ_STORAGE_CLASSES, "false"));
    assertThat(settings.watchNamespaces()).containsExactly("cams", "lab");
    assertThat(settings.defaults().streamerImage()).isEqualTo("registry.example.com/streamer:2");
    assertThat(settings.defaults().mediaMtxImage()).isEqualTo("registry.example.com/mediamtx:1.20.1");
    assertThat(settings.mediaMtxApiUrl("site", "cams")).isEqualTo("http://localhost:9997/cams/site");
    assertThat(settings.leaderElection()).isTrue();
    assertThat(settings.leaseNamespace()).contains("camstream-system");
    assertThat(settings.healthPort()).isEqualTo(9090);
    assertThat(settings.healthPollInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.readNodes()).isFalse();
    assertThat(settings.readStorageClasses()).isFalse();
  }

  @Test
  void theServiceAccountAndThePermissionRecheckForMissingPermissions() {
    OperatorSettings defaults = OperatorSettings.from(Map.of());
    assertThat(defaults.serviceAccount()).as("outside a pod").isEqualTo("camstream-system:camstream-operator");
    assertThat(defaults.permissionRecheck()).isEqualTo(Duration.ofSeconds(60));
    OperatorSettings set = OperatorSettings.from(Map.of(OperatorSettings.SERVICE_ACCOUNT, " cams-operator ",
        OperatorSettings.PERMISSION_RECHECK_SECONDS, "5"));
    assertThat(set.serviceAccount()).isEqualTo("camstream-system:cams-operator");
    assertThat(set.permissionRecheck()).isEqualTo(Duration.ofSeconds(5));
    assertRejected(OperatorSettings.PERMISSION_RECHECK_SECONDS, "0", "CAMSTREAM_PERMISSION_RECHECK_SECONDS");
  }

  @Test
  void badValuesFailWithAMessageNamingTheVariable() {
    assertRejected(OperatorSettings.HEALTH_PORT, "eighty", "CAMSTREAM_HEALTH_PORT must be an integer from 0 to 65535");
    assertRejected(OperatorSettings.HEALTH_PORT, "70000", "CAMSTREAM_HEALTH_PORT");
    assertRejected(OperatorSettings.HEALTH_POLL_SECONDS, "0", "CAMSTREAM_HEALTH_POLL_SECONDS");
    assertRejected(OperatorSettings.LEADER_ELECTION, "maybe", "CAMSTREAM_LEADER_ELECTION must be true or false");
    assertRejected(OperatorSettings.READ_NODES, "sometimes", "CAMSTREAM_READ_NODES must be true or false");
    assertRejected(OperatorSettings.WATCH_NAMESPACES, "Cams,lab", "CAMSTREAM_WATCH_NAMESPACES");
    assertRejected(OperatorSettings.STREAMER_IMAGE, "my image", "CAMSTREAM_STREAMER_IMAGE");
    assertRejected(OperatorSettings.MEDIAMTX_API_URL, "ftp://x/{name}", "CAMSTREAM_MEDIAMTX_API_URL");
    assertRejected(OperatorSettings.MEDIAMTX_API_URL, "http://mediamtx:9997", "{name}");
  }

  private static void assertRejected(String variable, String value, String message) {
    assertThatThrownBy(() -> OperatorSettings.from(Map.of(variable, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageContaining(value.length() > 80 ? value.substring(0, 80) : value);
  }
}
