package io.camstream.operator.status;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.health.ConditionVerdict;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The conditions when a health source (push health) brings its own verdicts. */
class StatusCalculatorPushHealthTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final MediaServerAvailability UP = new MediaServerAvailability(true, "MediaMTX is available");
  private static final MediaServerAvailability DOWN = new MediaServerAvailability(false, "no replica");
  private static final ConditionVerdict BLIND = new ConditionVerdict("Unknown", "MediaServerApiUnreachable",
      "push health unknown: MediaMTX control API unreachable: connection to site-mediamtx.ns.svc:9997 refused");
  private static final ConditionVerdict API_DOWN = new ConditionVerdict("False", "MediaServerApiUnreachable",
      "MediaMTX control API unreachable: connection to site-mediamtx.ns.svc:9997 refused");

  private static CameraStream site() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    site.getMetadata().setGeneration(1L);
    return site;
  }

  private static CameraStreamStatus observe(MediaServerAvailability server, ConditionVerdict publishing,
      Optional<ConditionVerdict> apiProblem) {
    return StatusCalculator.observed(site(), server, Map.of("lobby", CameraHealth.notPublishing("unknown")),
        s -> { }, Optional.of(publishing), apiProblem, T0);
  }

  @Test
  void aBlindApiMakesCamerasPublishingUnknownAndTheServerUnavailable() {
    CameraStreamStatus status = observe(UP, BLIND, Optional.of(API_DOWN));

    assertThat(condition(status, "CamerasPublishing").getStatus()).isEqualTo("Unknown");
    assertThat(condition(status, "CamerasPublishing").getReason()).isEqualTo("MediaServerApiUnreachable");
    assertThat(condition(status, "MediaServerAvailable").getStatus()).isEqualTo("False");
    assertThat(condition(status, "MediaServerAvailable").getReason()).isEqualTo("MediaServerApiUnreachable");
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("MediaServerApiUnreachable");
  }

  @Test
  void withoutAnAvailableDeploymentTheCamerasAreKnownNotToPublish() {
    CameraStreamStatus status = observe(DOWN, BLIND, Optional.of(API_DOWN));

    assertThat(condition(status, "CamerasPublishing").getStatus()).isEqualTo("False");
    assertThat(condition(status, "CamerasPublishing").getReason()).isEqualTo("MediaServerUnavailable");
    assertThat(condition(status, "MediaServerAvailable").getReason()).isEqualTo("MediaServerUnavailable");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("MediaServerUnavailable");
  }

  @Test
  void readyCarriesTheCamerasReasonSuchAsStalled() {
    ConditionVerdict stalled = new ConditionVerdict("False", "Stalled",
        "0/1 cameras publishing; not publishing: lobby (stalled since 2026-01-01T09:59:50Z: ...)");

    CameraStreamStatus status = observe(UP, stalled, Optional.empty());

    assertThat(condition(status, "CamerasPublishing").getReason()).isEqualTo("Stalled");
    assertThat(condition(status, "MediaServerAvailable").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("Stalled");
    assertThat(condition(status, "Ready").getMessage()).isEqualTo(stalled.message());
  }

  private static Condition condition(CameraStreamStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }
}
