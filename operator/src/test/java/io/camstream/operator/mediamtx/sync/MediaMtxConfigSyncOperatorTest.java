package io.camstream.operator.mediamtx.sync;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.desired.CredentialKeys;
import io.camstream.operator.desired.MediaMtxConfigSecretBuilder;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.health.source.MediaMtxHealthSource;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.mediamtx.api.MediaMtxConfigClient;
import io.camstream.operator.mediamtx.fake.FakeMediaMtxApi;
import io.camstream.operator.reconciler.CameraStreamReconciler;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real operator keeping a fake MediaMTX (its control API and configuration model) on the desired paths: a camera
 * added is configured at once through the API, with no reload of the file (which a kubelet would deliver only 60-90 s
 * later), and a MediaMTX that runs an older configuration for longer than the bound is repaired and reported.
 */
class MediaMtxConfigSyncOperatorTest {
  static final Duration POLL = Duration.ofMillis(400);
  static final Duration REPAIR_AFTER = Duration.ofSeconds(2);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private FakeMediaMtxApi mediaMtx;
  private OperatorTestHarness harness;
  private String ns;

  @BeforeEach
  void start() throws Exception {
    mediaMtx = FakeMediaMtxApi.start("nobody", "nothing-yet");
    String url = mediaMtx.baseUri().toString();
    harness = OperatorTestHarness.builder()
        .pushHealth(new MediaMtxHealthSource(url, POLL, new MediaMtxApiClient(), Clock.systemUTC()))
        .configSync(new MediaMtxConfigSync(new MediaMtxConfigClient(), url, POLL, REPAIR_AFTER, Clock.systemUTC()))
        .start();
    ns = harness.newNamespace();
  }

  @AfterEach
  void stop() {
    try {
      harness.close();
    } finally {
      mediaMtx.close();
    }
  }

  @Test
  void aCameraAddedIsConfiguredThroughTheControlApiAndPublishesWithoutAFileReload() {
    startMediaMtx(testPattern("lobby"));
    assertThat(publish("lobby")).isEqualTo(200);
    assertThat(publish("gate")).as("MediaMTX answers 400 on a path it is not configured with").isEqualTo(400);

    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().add(testPattern("gate")));
    await().atMost(TIMEOUT).until(() -> publish("gate") == 200);
    assertThat(mediaMtx.configCalls()).contains("POST /v3/config/paths/add/gate");
    assertThat(mediaMtx.online("lobby")).as("the other camera's publisher is untouched").isTrue();
    assertThat(configFile()).as("the file, source of truth for restarts, says the same").contains("gate");

    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().removeIf(c -> c.getName().equals("lobby")));
    await().atMost(TIMEOUT).until(() -> !mediaMtx.configuredPaths().contains("lobby"));
    assertThat(mediaMtx.configCalls()).contains("DELETE /v3/config/paths/delete/lobby");
    assertThat(mediaMtx.online("gate")).isTrue();
    assertThat(events(CameraStreamReconciler.REASON_CONFIG_REPAIRED)).as("a change made on request is no repair")
        .isEmpty();
  }

  @Test
  void aMediaMtxRunningAnOlderConfigurationIsRepairedAndReported() {
    startMediaMtx(testPattern("lobby"));
    String withoutGate = configFile();
    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().add(testPattern("gate")));
    await().atMost(TIMEOUT).until(() -> mediaMtx.configuredPaths().contains("gate"));

    // The pod restarts and reads a file the kubelet has not refreshed yet: MediaMTX runs without gate.
    mediaMtx.restartWith(withoutGate);
    await().atMost(TIMEOUT).until(() -> mediaMtx.configuredPaths().contains("gate"));
    assertThat(publish("gate")).isEqualTo(200);
    await().atMost(TIMEOUT).until(() -> !events(CameraStreamReconciler.REASON_CONFIG_REPAIRED).isEmpty());
    Event repaired = events(CameraStreamReconciler.REASON_CONFIG_REPAIRED).get(0);
    assertThat(repaired.getType()).isEqualTo("Warning");
    assertThat(repaired.getMessage()).contains("without path(s) gate", "added path gate");
  }

  @Test
  void aRepairThatFailsIsReportedAsMediaServerConfigStale() {
    startMediaMtx(testPattern("lobby"));
    String withoutGate = configFile();
    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().add(testPattern("gate")));
    await().atMost(TIMEOUT).until(() -> mediaMtx.configuredPaths().contains("gate"));
    mediaMtx.failConfigChangesWith(500);
    mediaMtx.restartWith(withoutGate);

    CameraStream stale = harness.awaitCameraStream(ns, "site", cs -> ConditionTypes.REASON_MEDIA_SERVER_CONFIG_STALE
        .equals(reason(cs, ConditionTypes.READY)));
    Condition server = Conditions.find(stale.getStatus().getConditions(), ConditionTypes.MEDIA_SERVER_AVAILABLE)
        .orElseThrow();
    assertThat(server.getStatus()).isEqualTo("False");
    assertThat(server.getReason()).isEqualTo(ConditionTypes.REASON_MEDIA_SERVER_CONFIG_STALE);
    assertThat(server.getMessage()).contains("without path(s) gate", "500");

    mediaMtx.failConfigChangesWith(null);
    await().atMost(TIMEOUT).until(() -> mediaMtx.configuredPaths().contains("gate"));
    harness.awaitCameraStream(ns, "site", cs -> !ConditionTypes.REASON_MEDIA_SERVER_CONFIG_STALE
        .equals(reason(cs, ConditionTypes.READY)));
  }

  // --- helpers ----------------------------------------------------------------------------------------------

  /** Creates the CameraStream and plays the kubelet and MediaMTX: the pod starts with the generated file. */
  private void startMediaMtx(CameraSpec... cameras) {
    harness.create(CameraStreams.of(ns, "site", cameras));
    harness.awaitDeployment(ns, "site-mediamtx");
    await().atMost(TIMEOUT).until(() -> configFile() != null && credentials() != null);
    mediaMtx.restartWith(configFile());
    harness.markDeploymentReady(ns, "site-mediamtx");
  }

  /** What a streamer does: announce on its path with the publisher user from the Secret. */
  private int publish(String camera) {
    Map<String, String> credentials = credentials();
    return mediaMtx.publisherConnects(camera, credentials.get(CredentialKeys.PUBLISHER_USERNAME),
        credentials.get(CredentialKeys.PUBLISHER_PASSWORD));
  }

  private Map<String, String> credentials() {
    var secret = harness.client().secrets().inNamespace(ns).withName("site-mediamtx-credentials").get();
    return secret == null ? null : MediaMtxCredentials.decode(secret);
  }

  private String configFile() {
    return MediaMtxConfigSecretBuilder.yaml(harness.client().secrets().inNamespace(ns)
        .withName("site-mediamtx-config").get());
  }

  private List<Event> events(String reason) {
    return harness.events(ns).stream().filter(e -> reason.equals(e.getReason())).toList();
  }

  private static String reason(CameraStream cameraStream, String type) {
    return cameraStream.getStatus() == null ? null : Conditions.find(cameraStream.getStatus().getConditions(), type)
        .map(Condition::getReason).orElse(null);
  }
}
