package io.camstream.operator.mediamtx.sync;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.desired.MediaMtxConfigSecretBuilder;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.health.source.MediaMtxHealthSource;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.mediamtx.api.MediaMtxConfigClient;
import io.camstream.operator.mediamtx.fake.FakeMediaMtxApi;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the real MediaMTX cannot be made to do on cue, with the fake (its control API and configuration model): a
 * repair that fails with 500 is reported as {@code MediaServerConfigStale} until it succeeds. Adding, changing and
 * removing cameras and repairing drift are proven against the real MediaMTX in
 * {@link MediaMtxConfigSyncRealMediaMtxTest}.
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

  private Map<String, String> credentials() {
    var secret = harness.client().secrets().inNamespace(ns).withName("site-mediamtx-credentials").get();
    return secret == null ? null : MediaMtxCredentials.decode(secret);
  }

  private String configFile() {
    return MediaMtxConfigSecretBuilder.yaml(harness.client().secrets().inNamespace(ns)
        .withName("site-mediamtx-config").get());
  }

  private static String reason(CameraStream cameraStream, String type) {
    return cameraStream.getStatus() == null ? null : Conditions.find(cameraStream.getStatus().getConditions(), type)
        .map(Condition::getReason).orElse(null);
  }
}
