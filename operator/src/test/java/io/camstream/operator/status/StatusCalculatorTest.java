package io.camstream.operator.status;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.health.ConditionVerdict;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.validation.SpecProblem;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusCalculatorTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T10:05:00Z");
  private static final MediaServerAvailability UP = new MediaServerAvailability(true, "MediaMTX is available");
  private static final MediaServerAvailability DOWN = new MediaServerAvailability(false, "no replica");

  @Test
  void readyOnlyWhenTheServerIsUpAndEveryCameraPublishes() {
    CameraStream site = site(3L);
    CameraStreamStatus status = StatusCalculator.observed(site, UP, Map.of(
        "lobby", CameraHealth.publishing("streamer ready"),
        "garage", CameraHealth.publishing("streamer ready")), s -> { }, T0);
    assertThat(status.getReadyCameras()).isEqualTo("2/2");
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("Ready");
    assertThat(status.getConditions()).extracting(Condition::getType)
        .containsExactly("Ready", "MediaServerAvailable", "CamerasPublishing");
    assertThat(status.getConditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(3L));
    assertThat(status.getCameras()).extracting(c -> c.getUrls().getRtsp())
        .containsExactly("rtsp://site-mediamtx.ns.svc:8554/lobby", "rtsp://site-mediamtx.ns.svc:8554/garage");
  }

  @Test
  void theServerBeingDownIsTheReasonBeforeCameras() {
    CameraStreamStatus status = StatusCalculator.observed(site(1L), DOWN, Map.of(), s -> { }, T0);
    assertThat(status.getReadyCameras()).isEqualTo("0/2");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("MediaServerUnavailable");
    assertThat(condition(status, "CamerasPublishing").getMessage())
        .isEqualTo("0/2 cameras publishing; not publishing: lobby (no health information yet), garage"
            + " (no health information yet)");
  }

  @Test
  void transitionTimesMoveOnlyWhenAStatusFlips() {
    CameraStream site = site(1L);
    CameraStreamStatus first = StatusCalculator.observed(site, UP,
        Map.of("lobby", CameraHealth.publishing("ok"), "garage", CameraHealth.notPublishing("down")), s -> { }, T0);
    site.setStatus(first);
    CameraStreamStatus second = StatusCalculator.observed(site, UP,
        Map.of("lobby", CameraHealth.notPublishing("down"), "garage", CameraHealth.publishing("ok")), s -> { }, T1);

    assertThat(condition(second, "Ready").getLastTransitionTime()).isEqualTo(T0.toString());
    assertThat(condition(second, "CamerasPublishing").getMessage()).contains("lobby (down)");
    site.setStatus(second);
    CameraStreamStatus third = StatusCalculator.observed(site, UP,
        Map.of("lobby", CameraHealth.publishing("ok"), "garage", CameraHealth.publishing("ok")), s -> { }, T1);
    assertThat(condition(third, "Ready").getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(condition(third, "MediaServerAvailable").getLastTransitionTime()).isEqualTo(T0.toString());
  }

  @Test
  void anUnchangedObservationGivesAnEqualStatusSoNothingIsWritten() {
    CameraStream site = site(1L);
    Map<String, CameraHealth> health = Map.of("lobby", CameraHealth.publishing("ok"),
        "garage", CameraHealth.publishing("ok"));
    site.setStatus(StatusCalculator.observed(site, UP, health, s -> { }, T0));
    assertThat(StatusDiff.same(site.getStatus(), StatusCalculator.observed(site, UP, health, s -> { }, T1))).isTrue();
  }

  @Test
  void aBlockedStreamKeepsWhatWasObservedAndSaysWhy() {
    CameraStream site = site(1L);
    site.setStatus(StatusCalculator.observed(site, UP,
        Map.of("lobby", CameraHealth.publishing("ok"), "garage", CameraHealth.publishing("ok")), s -> { }, T0));
    site.getMetadata().setGeneration(2L);
    CameraStreamStatus blocked = StatusCalculator.blocked(site,
        new SpecProblem("SecretNotFound", "spec.cameras[0].source.credentialsSecretRef.name: ..."), T1);

    assertThat(blocked.getObservedGeneration()).isEqualTo(2L);
    assertThat(condition(blocked, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(blocked, "Ready").getReason()).isEqualTo("SecretNotFound");
    assertThat(condition(blocked, "Ready").getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(condition(blocked, "MediaServerAvailable").getStatus()).isEqualTo("True");
    assertThat(blocked.getReadyCameras()).isEqualTo("2/2");
    assertThat(blocked.getCameras()).hasSize(2);
  }

  @Test
  void aStreamBlockedFromTheStartHasUnknownSubConditions() {
    CameraStreamStatus blocked = StatusCalculator.blocked(site(1L), SpecProblem.invalidSpec("bad"), T0);
    assertThat(condition(blocked, "MediaServerAvailable").getStatus()).isEqualTo("Unknown");
    assertThat(condition(blocked, "CamerasPublishing").getReason()).isEqualTo("ReconciliationBlocked");
    assertThat(blocked.getReadyCameras()).isEqualTo("0/2");
  }

  @Test
  void readyTransitionsAreAnnouncedOnceEach() {
    CameraStream site = site(1L);
    CameraStreamStatus notReady = StatusCalculator.observed(site, DOWN, Map.of(), s -> { }, T0);
    assertThat(ReadyTransition.between(null, notReady)).hasValueSatisfying(t -> {
      assertThat(t.ready()).isFalse();
      assertThat(t.reason()).isEqualTo("MediaServerUnavailable");
    });
    assertThat(ReadyTransition.between(notReady, notReady)).isEmpty();
    CameraStreamStatus ready = StatusCalculator.observed(site, UP,
        Map.of("lobby", CameraHealth.publishing("ok"), "garage", CameraHealth.publishing("ok")), s -> { }, T1);
    assertThat(ReadyTransition.between(notReady, ready)).hasValueSatisfying(t -> assertThat(t.ready()).isTrue());
  }

  @Test
  void theExternalAddressConditionAndUrlsFollowWhatWasObserved() {
    CameraStream site = site(2L);
    Map<String, CameraHealth> health = Map.of("lobby", CameraHealth.publishing("ok"),
        "garage", CameraHealth.publishing("ok"));
    ConditionVerdict pending = new ConditionVerdict("False", "LoadBalancerPending", "waiting");
    CameraStreamStatus waiting = StatusCalculator.observed(site, UP, health, s -> { }, Optional.empty(),
        Optional.empty(), ViewerEndpoints.inCluster(site), Optional.of(pending), T0);
    assertThat(status(waiting, "ExternalAddressAssigned")).isEqualTo("False LoadBalancerPending");
    assertThat(condition(waiting, "Ready").getStatus()).as("in-cluster viewing works").isEqualTo("True");

    site.setStatus(waiting);
    ConditionVerdict assigned = new ConditionVerdict("True", "LoadBalancerAddressAssigned", "203.0.113.7");
    CameraStreamStatus external = StatusCalculator.observed(site, UP, health, s -> { }, Optional.empty(),
        Optional.empty(), ViewerEndpoints.at("203.0.113.7", 8889, 8888, 8554), Optional.of(assigned), T1);
    assertThat(status(external, "ExternalAddressAssigned")).isEqualTo("True LoadBalancerAddressAssigned");
    assertThat(condition(external, "ExternalAddressAssigned").getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(external.getCameras()).extracting(c -> c.getUrls().getWebrtc())
        .containsExactly("http://203.0.113.7:8889/lobby", "http://203.0.113.7:8889/garage");

    // Blocked: nothing changed on the cluster, so what was known of the address is kept as it was.
    site.setStatus(external);
    CameraStreamStatus blocked = StatusCalculator.blocked(site, SpecProblem.invalidSpec("bad"), T1.plusSeconds(60));
    assertThat(condition(blocked, "ExternalAddressAssigned")).isEqualTo(condition(external, "ExternalAddressAssigned"));
    assertThat(blocked.getCameras()).isEqualTo(external.getCameras());
  }

  private static String status(CameraStreamStatus status, String type) {
    Condition condition = condition(status, type);
    return condition.getStatus() + " " + condition.getReason();
  }

  private static CameraStream site(long generation) {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"), testPattern("garage"));
    site.getMetadata().setGeneration(generation);
    return site;
  }

  private static Condition condition(CameraStreamStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }
}
