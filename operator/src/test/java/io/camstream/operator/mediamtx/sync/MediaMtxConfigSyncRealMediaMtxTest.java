package io.camstream.operator.mediamtx.sync;

import static io.camstream.operator.testing.CameraStreams.pulled;
import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.desired.MediaMtxPathConfig;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.reconciler.CameraStreamReconciler;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.mediamtx.MediaMtxPod;
import io.camstream.operator.testing.mediamtx.OperatorOnRealMediaMtx;
import io.camstream.operator.testing.mediamtx.RealMediaMtx;
import io.camstream.operator.testing.mediamtx.TestPublisher;
import io.fabric8.kubernetes.api.model.Event;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's own sync code ({@link MediaMtxConfigSync} in the workflow) against the real MediaMTX: changes
 * reach it at once through the control API, the kubelet's later refresh of the mounted file changes nothing more,
 * and neither drops a running camera's publisher ({@code onlineTime} unchanged). Drift is repaired.
 */
class MediaMtxConfigSyncRealMediaMtxTest {
  private static final Duration POLL = Duration.ofMillis(400);
  private static final Duration REPAIR_AFTER = Duration.ofSeconds(2);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  /** A pulled camera's source: what MediaMTX does with it does not matter here, only its path's configuration. */
  private static final String UNREACHABLE_CAMERA = "rtsp://127.0.0.1:9/camera";

  @RegisterExtension
  @Order(1)
  static final RealMediaMtx mediaMtx = RealMediaMtx.onFreePorts();
  @RegisterExtension
  @Order(2)
  static final OperatorOnRealMediaMtx operator = OperatorOnRealMediaMtx.polling(mediaMtx, POLL, REPAIR_AFTER);
  private OperatorTestHarness harness;
  private String ns;
  private MediaMtxPod pod;

  @BeforeEach
  void namespace() {
    harness = operator.harness();
    ns = operator.namespace();
  }

  @Test
  void addingChangingAndRemovingCamerasNeverDropsARunningPublisherNorDoesTheFileRefreshAfterwards() {
    CameraStream site = CameraStreams.of(ns, "site", testPattern("lobby"));
    site.getSpec().setRecording(CameraStreams.recording("1Gi", ReclaimPolicy.RETAIN));
    startSite(site);
    try (TestPublisher lobby = pod.ffmpeg("lobby").start()) {
      String session = awaitPublishing("lobby");

      harness.edit(ns, "site", cs -> cs.getSpec().getCameras().add(testPattern("gate")));
      await().atMost(TIMEOUT).until(() -> configuredPaths().contains("gate"));
      assertThat(onlineTime("lobby")).as("adding gate through the API").isEqualTo(session);
      pod.refreshConfig();
      assertThat(configuredPaths()).containsExactlyInAnyOrder("gate", "lobby", MediaMtxPathConfig.REMOVED_CAMERAS);
      assertThat(onlineTime("lobby")).as("the kubelet's refresh of the file with gate").isEqualTo(session);

      harness.edit(ns, "site", cs -> {
        CameraSpec gate = camera(cs.getSpec().getCameras(), "gate");
        gate.getSource().setUrl(UNREACHABLE_CAMERA);
        gate.setMode(StreamMode.PULL);
      });
      await().atMost(TIMEOUT).until(() -> pathConfig("gate").get("source").asText().startsWith("rtsp://"));
      pod.refreshConfig();
      assertThat(onlineTime("lobby")).as("changing gate, then refreshing the file").isEqualTo(session);

      harness.edit(ns, "site", cs -> cs.getSpec().getCameras().removeIf(c -> c.getName().equals("gate")));
      await().atMost(TIMEOUT).until(() -> !configuredPaths().contains("gate"));
      pod.refreshConfig();
      assertThat(configuredPaths()).containsExactlyInAnyOrder("lobby", MediaMtxPathConfig.REMOVED_CAMERAS);
      assertThat(onlineTime("lobby")).as("removing gate, then refreshing the file").isEqualTo(session);

      // the running camera's own recording turned off and on: record keys, which MediaMTX applies in place
      assertThat(pathConfig("lobby").get("record").asBoolean()).isTrue();
      harness.edit(ns, "site", cs -> camera(cs.getSpec().getCameras(), "lobby").setRecord(false));
      await().atMost(TIMEOUT).until(() -> !pathConfig("lobby").get("record").asBoolean());
      assertThat(onlineTime("lobby")).as("lobby's recording turned off").isEqualTo(session);
      pod.refreshConfig();
      harness.edit(ns, "site", cs -> camera(cs.getSpec().getCameras(), "lobby").setRecord(null));
      await().atMost(TIMEOUT).until(() -> pathConfig("lobby").get("record").asBoolean());
      pod.refreshConfig();
      assertThat(onlineTime("lobby")).as("lobby's recording on again, then refreshing the file").isEqualTo(session);
      assertThat(events(CameraStreamReconciler.REASON_CONFIG_REPAIRED)).as("a change made on request is no repair")
          .isEmpty();
    }
  }

  @Test
  void aCameraSwitchedPullToPushToPullLeavesNoStaleKeyAndItsNewPublisherSurvivesTheFileRefresh() {
    startSite(pulled("gate", UNREACHABLE_CAMERA));
    assertThat(pathConfig("gate").get("rtspTransport").asText()).isEqualTo("tcp");

    harness.edit(ns, "site", cs -> camera(cs.getSpec().getCameras(), "gate").setMode(StreamMode.AUTO));
    await().atMost(TIMEOUT).until(() -> "publisher".equals(pathConfig("gate").get("source").asText()));
    assertThat(pathConfig("gate").get("rtspTransport").asText()).as("the default again, as the file says")
        .isEqualTo("automatic");
    try (TestPublisher gate = pod.ffmpeg("gate").start()) {
      String session = awaitPublishing("gate");
      pod.refreshConfig();
      assertThat(onlineTime("gate")).as("the file refresh finds nothing to change").isEqualTo(session);
    }

    harness.edit(ns, "site", cs -> camera(cs.getSpec().getCameras(), "gate").setMode(StreamMode.PULL));
    await().atMost(TIMEOUT).until(() -> pathConfig("gate").get("source").asText().startsWith("rtsp://"));
    assertThat(pathConfig("gate").get("rtspTransport").asText()).isEqualTo("tcp");
  }

  @Test
  void aPathDeletedByHandAndAMediaMtxRestartedFromAnOlderFileAreRepaired() {
    CameraStream site = CameraStreams.of(ns, "site", testPattern("lobby"), testPattern("gate"));
    site.getSpec().setRecording(CameraStreams.recording("1Gi", ReclaimPolicy.RETAIN));
    startSite(site);
    String removedCameras = MediaMtxPathConfig.REMOVED_CAMERAS;
    assertThat(configuredPaths()).containsExactlyInAnyOrder("gate", "lobby", removedCameras);
    assertThat(mediaMtx.api("DELETE", "/v3/config/paths/delete/gate", null).status()).isEqualTo(200);
    assertThat(mediaMtx.api("DELETE", "/v3/config/paths/delete/"
        + URLEncoder.encode(removedCameras, StandardCharsets.UTF_8), null).status()).isEqualTo(200);
    await().atMost(TIMEOUT).until(() -> configuredPaths().containsAll(List.of("gate", removedCameras)));
    await().atMost(TIMEOUT).until(() -> events(CameraStreamReconciler.REASON_CONFIG_REPAIRED).size() == 1);
    assertThat(events(CameraStreamReconciler.REASON_CONFIG_REPAIRED).get(0).getMessage())
        .contains("without path(s) gate, " + removedCameras, "added path " + removedCameras);

    // the API adds dock at once; the pod restarts before the kubelet refreshed the mounted file
    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().add(testPattern("dock")));
    await().atMost(TIMEOUT).until(() -> configuredPaths().contains("dock"));
    pod.restart();
    assertThat(configuredPaths()).as("the file MediaMTX restarted from").doesNotContain("dock");
    await().atMost(TIMEOUT).until(() -> configuredPaths().contains("dock"));
    try (TestPublisher dock = pod.ffmpeg("dock").start()) {
      awaitPublishing("dock");
    }
  }

  // --- helpers ----------------------------------------------------------------------------------------------

  private void startSite(CameraSpec... cameras) {
    startSite(CameraStreams.of(ns, "site", cameras));
  }

  private void startSite(CameraStream site) {
    harness.create(site);
    pod = operator.pod("site").start();
    // the operator's first sync with the running MediaMTX is done when it reports the server available
    harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null
        && Conditions.isTrue(cs.getStatus().getConditions(), ConditionTypes.MEDIA_SERVER_AVAILABLE), TIMEOUT);
  }

  /** Waits until a publisher's stream is there and returns its session's {@code onlineTime}. */
  private static String awaitPublishing(String path) {
    return mediaMtx.awaitPath(path, p -> p.get("available").asBoolean(), TIMEOUT).get("onlineTime").asText();
  }

  private static String onlineTime(String path) {
    return mediaMtx.path(path).get("onlineTime").asText();
  }

  private static JsonNode pathConfig(String path) {
    return mediaMtx.get("/v3/config/paths/get/" + path);
  }

  private static List<String> configuredPaths() {
    return StreamSupport.stream(mediaMtx.get("/v3/config/paths/list").get("items").spliterator(), false)
        .map(p -> p.get("name").asText()).toList();
  }

  private static CameraSpec camera(List<CameraSpec> cameras, String name) {
    return cameras.stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }

  private List<Event> events(String reason) {
    return harness.events(ns).stream().filter(e -> reason.equals(e.getReason())).toList();
  }
}
