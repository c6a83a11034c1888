package io.camstream.operator.status;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.health.ApiReachability;
import io.camstream.operator.health.CameraHealth;
import io.camstream.operator.health.CameraPushState;
import io.camstream.operator.health.ConditionVerdict;
import io.camstream.operator.health.PushHealth;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.validation.SpecProblem;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusCalculatorTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T10:05:00Z");
  private static final Instant ONLINE = Instant.parse("2026-01-01T09:59:30.123456789Z");
  private static final MediaServerAvailability UP = new MediaServerAvailability(true, "MediaMTX is available");
  private static final MediaServerAvailability DOWN = new MediaServerAvailability(false, "no replica");
  private static final String REFUSED = "connection to site-mediamtx.ns.svc:9997 refused";

  @Test
  void readyOnlyWhenTheServerIsUpAndEveryCameraPublishes() {
    CameraStreamStatus status = StatusCalculator.observed(site(3L), UP,
        answering(publishing("lobby"), publishing("garage")), T0);

    assertThat(status.getReadyCameras()).isEqualTo("2/2");
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("Ready");
    assertThat(condition(status, "CamerasPublishing").getReason()).isEqualTo("AllCamerasPublishing");
    assertThat(status.getConditions()).extracting(Condition::getType)
        .containsExactly("Ready", "MediaServerAvailable", "CamerasPublishing");
    assertThat(status.getConditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(3L));
    assertThat(status.getCameras()).extracting(c -> c.getUrls().getRtsp())
        .containsExactly("rtsp://site-mediamtx.ns.svc:8554/lobby", "rtsp://site-mediamtx.ns.svc:8554/garage");
  }

  @Test
  void eachCameraStatusIsItsPushHealth() {
    CameraStreamStatus status = StatusCalculator.observed(site(1L), UP,
        answering(publishing("lobby"), offline("garage")), T0);

    CameraStatus lobby = status.getCameras().get(0);
    assertThat(lobby.getPublishing()).isTrue();
    assertThat(lobby.getPublishingSince()).isEqualTo("2026-01-01T09:59:30Z");
    assertThat(lobby.getCodec()).isEqualTo("H264");
    assertThat(lobby.getWidth()).isEqualTo(1280);
    assertThat(lobby.getHeight()).isEqualTo(720);
    assertThat(lobby.getMessage()).isEqualTo("publishing since 2026-01-01T09:59:30Z");
    CameraStatus garage = status.getCameras().get(1);
    assertThat(garage.getPublishing()).isFalse();
    assertThat(garage.getPublishingSince()).isNull();
    assertThat(status.getReadyCameras()).isEqualTo("1/2");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("CamerasNotPublishing");
    assertThat(condition(status, "CamerasPublishing").getMessage())
        .isEqualTo("1/2 cameras publishing; not publishing: garage (not publishing since 2026-01-01T10:00:00Z:"
            + " no publisher)");
  }

  @Test
  void aCameraThePushHealthDoesNotKnowYetIsNotPublishingNeverAssumedTrue() {
    CameraStreamStatus status = StatusCalculator.observed(site(1L), UP, answering(publishing("lobby")), T0);

    assertThat(status.getReadyCameras()).isEqualTo("1/2");
    assertThat(status.getCameras().get(1).getName()).isEqualTo("garage");
    assertThat(status.getCameras().get(1).getPublishing()).as("unknown").isNull();
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
  }

  @Test
  void theServerBeingDownIsTheReasonBeforeCameras() {
    CameraStreamStatus status = StatusCalculator.observed(site(1L), DOWN, unreachable(), T0);

    assertThat(status.getReadyCameras()).isEqualTo("0/2");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("MediaServerUnavailable");
    assertThat(condition(status, "MediaServerAvailable").getReason()).isEqualTo("MediaServerUnavailable");
    assertThat(condition(status, "CamerasPublishing").getStatus())
        .as("blind and no server to ask: known not to publish").isEqualTo("False");
    assertThat(condition(status, "CamerasPublishing").getReason()).isEqualTo("MediaServerUnavailable");
  }

  @Test
  void aBlindApiMakesCamerasPublishingUnknownAndTheServerUnavailable() {
    CameraStreamStatus status = StatusCalculator.observed(site(1L), UP, unreachable(), T0);

    assertThat(condition(status, "CamerasPublishing").getStatus()).isEqualTo("Unknown");
    assertThat(condition(status, "CamerasPublishing").getReason()).isEqualTo("MediaServerApiUnreachable");
    assertThat(condition(status, "MediaServerAvailable").getStatus()).isEqualTo("False");
    assertThat(condition(status, "MediaServerAvailable").getReason()).isEqualTo("MediaServerApiUnreachable");
    assertThat(condition(status, "MediaServerAvailable").getMessage()).contains(REFUSED);
    assertThat(condition(status, "Ready").getReason()).isEqualTo("MediaServerApiUnreachable");
    assertThat(status.getCameras()).allSatisfy(c -> assertThat(c.getPublishing()).isNull());
  }

  @Test
  void readyCarriesTheCamerasReasonSuchAsStalled() {
    CameraStreamStatus status = StatusCalculator.observed(site(1L), UP,
        answering(publishing("lobby"), stalled("garage")), T0);

    assertThat(condition(status, "CamerasPublishing").getReason()).isEqualTo("Stalled");
    assertThat(condition(status, "MediaServerAvailable").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("Stalled");
    assertThat(condition(status, "Ready").getMessage())
        .isEqualTo(condition(status, "CamerasPublishing").getMessage());
  }

  @Test
  void transitionTimesMoveOnlyWhenAStatusFlips() {
    CameraStream site = site(1L);
    CameraStreamStatus first = StatusCalculator.observed(site, UP,
        answering(publishing("lobby"), offline("garage")), T0);
    site.setStatus(first);
    CameraStreamStatus second = StatusCalculator.observed(site, UP,
        answering(offline("lobby"), publishing("garage")), T1);

    assertThat(condition(second, "Ready").getLastTransitionTime()).isEqualTo(T0.toString());
    assertThat(condition(second, "CamerasPublishing").getMessage()).contains("lobby (not publishing since");
    site.setStatus(second);
    CameraStreamStatus third = StatusCalculator.observed(site, UP,
        answering(publishing("lobby"), publishing("garage")), T1);
    assertThat(condition(third, "Ready").getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(condition(third, "MediaServerAvailable").getLastTransitionTime()).isEqualTo(T0.toString());
  }

  @Test
  void anUnchangedObservationGivesAnEqualStatusSoNothingIsWritten() {
    CameraStream site = site(1L);
    PushHealth health = answering(publishing("lobby"), publishing("garage"));
    site.setStatus(StatusCalculator.observed(site, UP, health, T0));
    assertThat(StatusDiff.same(site.getStatus(), StatusCalculator.observed(site, UP, health, T1))).isTrue();
  }

  @Test
  void aBlockedStreamKeepsWhatWasObservedAndSaysWhy() {
    CameraStream site = site(1L);
    site.setStatus(StatusCalculator.observed(site, UP, answering(publishing("lobby"), publishing("garage")), T0));
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
  void severalProblemsAreAllInReadysMessageUnderTheFirstOnesReason() {
    CameraStreamStatus one = StatusCalculator.blocked(site(1L), List.of(SpecProblem.invalidSpec("spec.a is bad")), T0);
    assertThat(condition(one, "Ready").getMessage()).as("one problem: its message as it is").isEqualTo("spec.a is bad");

    CameraStreamStatus three = StatusCalculator.blocked(site(1L), List.of(
        new SpecProblem("NodePortInUse", "spec.mediamtx.webrtcNodePort: taken"),
        new SpecProblem("NodePortInUse", "spec.x: also taken"),
        new SpecProblem("SecretNotFound", "spec.cameras[1]: no Secret").holding("door")), T0);
    assertThat(condition(three, "Ready").getReason()).isEqualTo("NodePortInUse");
    assertThat(condition(three, "Ready").getMessage()).isEqualTo("3 problems: spec.mediamtx.webrtcNodePort: taken;"
        + " spec.x: also taken; SecretNotFound: spec.cameras[1]: no Secret");
    assertThat(condition(three, "CamerasPublishing").getMessage()).isEqualTo("not reconciled: NodePortInUse");
  }

  @Test
  void readysMessageListsTenProblemsAndCountsTheRest() {
    List<SpecProblem> problems = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      problems.add(SpecProblem.invalidSpec("spec.cameras[" + i + "].name is bad"));
    }
    String message = condition(StatusCalculator.blocked(site(1L), problems, T0), "Ready").getMessage();
    assertThat(message).startsWith("12 problems: spec.cameras[0].name is bad; spec.cameras[1].name is bad;")
        .contains("; spec.cameras[9].name is bad; and 2 more").doesNotContain("cameras[10]")
        .endsWith("and 2 more");

    String ten = condition(StatusCalculator.blocked(site(1L), problems.subList(0, 10), T0), "Ready").getMessage();
    assertThat(ten).startsWith("10 problems: ").endsWith("spec.cameras[9].name is bad").doesNotContain("more");
  }

  @Test
  void aStreamBlockedFromTheStartHasUnknownSubConditions() {
    CameraStreamStatus blocked = StatusCalculator.blocked(site(1L), SpecProblem.invalidSpec("bad"), T0);
    assertThat(condition(blocked, "MediaServerAvailable").getStatus()).isEqualTo("Unknown");
    assertThat(condition(blocked, "CamerasPublishing").getReason()).isEqualTo("ReconciliationBlocked");
    assertThat(blocked.getReadyCameras()).isEqualTo("0/2");
  }

  @Test
  void theExternalAddressConditionAndUrlsFollowWhatWasObserved() {
    CameraStream site = site(2L);
    PushHealth health = answering(publishing("lobby"), publishing("garage"));
    ConditionVerdict pending = new ConditionVerdict("False", "LoadBalancerPending", "waiting");
    CameraStreamStatus waiting = StatusCalculator.observed(site, UP, health, ViewerEndpoints.inCluster(site),
        Optional.of(pending), T0);
    assertThat(status(waiting, "ExternalAddressAssigned")).isEqualTo("False LoadBalancerPending");
    assertThat(condition(waiting, "Ready").getStatus()).as("in-cluster viewing works").isEqualTo("True");

    site.setStatus(waiting);
    ConditionVerdict assigned = new ConditionVerdict("True", "LoadBalancerAddressAssigned", "203.0.113.7");
    CameraStreamStatus external = StatusCalculator.observed(site, UP, health,
        ViewerEndpoints.at("203.0.113.7", 8889, 8888, 8554), Optional.of(assigned), T1);
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

  @Test
  void aMediaServerConfigProblemTurnsTheServerAndReadyFalseAndLeavesTheCamerasAlone() {
    CameraStream site = site(4L);
    site.setStatus(StatusCalculator.observed(site, UP, answering(publishing("lobby"), publishing("garage")), T0));
    CameraStreamStatus observed = StatusCalculator.observed(site, UP,
        answering(publishing("lobby"), publishing("garage")), T1);
    ConditionVerdict stale = new ConditionVerdict("False", "MediaServerConfigStale", "config not applied: ...");

    CameraStreamStatus status = StatusCalculator.withMediaServerProblem(site, observed, stale, T1);

    assertThat(status.getConditions()).extracting(Condition::getType)
        .containsExactly("Ready", "MediaServerAvailable", "CamerasPublishing");
    for (String type : List.of("Ready", "MediaServerAvailable")) {
      assertThat(condition(status, type).getStatus()).as(type).isEqualTo("False");
      assertThat(condition(status, type).getReason()).as(type).isEqualTo("MediaServerConfigStale");
      assertThat(condition(status, type).getMessage()).as(type).isEqualTo("config not applied: ...");
      assertThat(condition(status, type).getLastTransitionTime()).as(type).isEqualTo(T1.toString());
      assertThat(condition(status, type).getObservedGeneration()).as(type).isEqualTo(4L);
    }
    assertThat(condition(status, "CamerasPublishing").getStatus()).isEqualTo("True");
    assertThat(condition(status, "CamerasPublishing").getLastTransitionTime()).isEqualTo(T0.toString());
    assertThat(status.getReadyCameras()).isEqualTo("2/2");
  }

  @Test
  void aMediaServerAlreadyUnavailableKeepsTheMoreBasicReason() {
    CameraStream site = site(1L);
    CameraStreamStatus observed = StatusCalculator.observed(site, DOWN, unreachable(), T0);
    CameraStreamStatus status = StatusCalculator.withMediaServerProblem(site, observed,
        new ConditionVerdict("False", "MediaServerConfigStale", "stale"), T0);
    assertThat(condition(status, "MediaServerAvailable").getReason()).isEqualTo("MediaServerUnavailable");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("MediaServerUnavailable");
  }

  @Test
  void camerasHeldByTheirSecretsSayWhyAndReadyNamesTheFirst() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"), testPattern("garage"),
        testPattern("door"));
    site.getMetadata().setGeneration(2L);
    CameraStreamStatus observed = StatusCalculator.observed(site, UP,
        answering(publishing("lobby"), offline("garage"), offline("door")), T0);
    Map<String, SpecProblem> problems = new LinkedHashMap<>();
    problems.put("garage", new SpecProblem("SecretNotFound", "Secret \"garage-cam\" not found"));
    problems.put("door", new SpecProblem("SecretNotLabelled", "Secret \"door-cam\" is not labelled"));

    CameraStreamStatus status = StatusCalculator.withHeldCameras(site, observed, problems, T0);

    assertThat(status.getCameras()).extracting(CameraStatus::getMessage).containsExactly(
        "publishing since 2026-01-01T09:59:30Z",
        "SecretNotFound: Secret \"garage-cam\" not found",
        "SecretNotLabelled: Secret \"door-cam\" is not labelled");
    Condition ready = condition(status, "Ready");
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("SecretNotFound");
    assertThat(ready.getMessage()).isEqualTo("camera garage: Secret \"garage-cam\" not found"
        + " (and 1 more camera(s) held: door)");
    assertThat(ready.getObservedGeneration()).isEqualTo(2L);
    assertThat(status.getConditions()).extracting(Condition::getType)
        .containsExactly("Ready", "MediaServerAvailable", "CamerasPublishing");
    assertThat(condition(status, "MediaServerAvailable").getStatus()).as("the server as observed").isEqualTo("True");

    CameraStreamStatus one = StatusCalculator.withHeldCameras(site, StatusCalculator.observed(site, UP,
        answering(publishing("lobby"), offline("garage"), publishing("door")), T0),
        Map.of("garage", problems.get("garage")), T0);
    assertThat(condition(one, "Ready").getMessage()).isEqualTo("camera garage: Secret \"garage-cam\" not found");

    CameraStreamStatus none = StatusCalculator.observed(site, UP,
        answering(publishing("lobby"), publishing("garage"), publishing("door")), T0);
    assertThat(StatusCalculator.withHeldCameras(site, none, Map.of(), T0)).isSameAs(none);
    assertThat(condition(none, "Ready").getStatus()).isEqualTo("True");
  }

  @Test
  void theReadyMessageListsAtMostTenMoreHeldCameras() {
    CameraStream site = CameraStreams.of("ns", "site");
    Map<String, SpecProblem> problems = new LinkedHashMap<>();
    for (int i = 0; i < 13; i++) {
      site.getSpec().getCameras().add(testPattern("cam-" + i));
      problems.put("cam-" + i, new SpecProblem("SecretNotFound", "missing"));
    }
    CameraStreamStatus status = StatusCalculator.withHeldCameras(site,
        StatusCalculator.observed(site, UP, answering(), T0), problems, T0);
    assertThat(condition(status, "Ready").getMessage()).isEqualTo("camera cam-0: missing (and 12 more camera(s)"
        + " held: cam-1, cam-2, cam-3, cam-4, cam-5, cam-6, cam-7, cam-8, cam-9, cam-10, ...)");

    problems.remove("cam-12");
    problems.remove("cam-11");
    CameraStreamStatus eleven = StatusCalculator.withHeldCameras(site,
        StatusCalculator.observed(site, UP, answering(), T0), problems, T0);
    assertThat(condition(eleven, "Ready").getMessage()).as("all ten others fit").endsWith("cam-10)");
  }

  @Test
  void aRecordedCameraHasAPlaybackUrlTheOthersNone() {
    CameraStream site = site(1L);
    site.getSpec().setRecording(CameraStreams.recording("50Gi", ReclaimPolicy.RETAIN));
    site.getSpec().getCameras().get(1).setRecord(false);
    CameraStreamStatus status = StatusCalculator.observed(site, UP,
        answering(publishing("lobby"), publishing("garage")), T0);
    assertThat(status.getCameras().get(0).getUrls().getPlayback())
        .isEqualTo("http://site-mediamtx.ns.svc:9996/list?path=lobby");
    assertThat(status.getCameras().get(1).getUrls().getPlayback()).isNull();
  }

  @Test
  void recordingThatDoesNotRunTurnsReadyFalseOnlyWhenNothingMoreBasicDoes() {
    CameraStream site = site(2L);
    site.getSpec().setRecording(CameraStreams.recording("50Gi", ReclaimPolicy.RETAIN));
    ConditionVerdict noClass = new ConditionVerdict("False", "NoStorageClass", "site-recordings is Pending");

    CameraStreamStatus publishing = StatusCalculator.withRecording(site, StatusCalculator.observed(site, UP,
        answering(publishing("lobby"), publishing("garage")), T0), Optional.of(noClass), T0);
    assertThat(publishing.getConditions()).extracting(Condition::getType)
        .containsExactly("Ready", "MediaServerAvailable", "CamerasPublishing", "Recording");
    assertThat(status(publishing, "Recording")).isEqualTo("False NoStorageClass");
    assertThat(condition(publishing, "Recording").getMessage()).isEqualTo("site-recordings is Pending");
    assertThat(condition(publishing, "Recording").getObservedGeneration()).isEqualTo(2L);
    assertThat(status(publishing, "Ready")).isEqualTo("False NoStorageClass");
    assertThat(publishing.getReadyCameras()).as("the cameras are live").isEqualTo("2/2");

    CameraStreamStatus down = StatusCalculator.withRecording(site, StatusCalculator.observed(site, DOWN,
        answering(), T0), Optional.of(noClass), T0);
    assertThat(status(down, "Ready")).isEqualTo("False MediaServerUnavailable");

    CameraStreamStatus bound = StatusCalculator.withRecording(site, StatusCalculator.observed(site, UP,
        answering(publishing("lobby"), publishing("garage")), T0),
        Optional.of(new ConditionVerdict("True", "RecordingsVolumeBound", "recording every camera")), T0);
    assertThat(status(bound, "Ready")).isEqualTo("True Ready");
    assertThat(status(bound, "Recording")).isEqualTo("True RecordingsVolumeBound");

    CameraStreamStatus unrecorded = StatusCalculator.observed(site, UP, answering(), T0);
    assertThat(StatusCalculator.withRecording(site, unrecorded, Optional.empty(), T0)).isSameAs(unrecorded);
  }

  @Test
  void aHeldRecordingsClaimTurnsReadyFalseAfterTheHeldCameras() {
    CameraStream site = site(1L);
    SpecProblem cannotGrow = new SpecProblem("StorageCannotGrow", "spec.recording.storage.size 100Gi is larger")
        .holdingRecordings();
    CameraStreamStatus alone = StatusCalculator.withHeld(site, StatusCalculator.observed(site, UP,
        answering(publishing("lobby"), publishing("garage")), T0), Map.of(), Optional.of(cannotGrow), T0);
    assertThat(status(alone, "Ready")).isEqualTo("False StorageCannotGrow");
    assertThat(condition(alone, "Ready").getMessage()).isEqualTo("spec.recording.storage.size 100Gi is larger");
    assertThat(alone.getCameras()).allSatisfy(camera -> assertThat(camera.getMessage()).startsWith("publishing"));

    CameraStreamStatus both = StatusCalculator.withHeld(site, StatusCalculator.observed(site, UP,
        answering(publishing("lobby"), offline("garage")), T0),
        Map.of("garage", new SpecProblem("SecretNotFound", "Secret \"garage-cam\" not found").holding("garage")),
        Optional.of(cannotGrow), T0);
    assertThat(status(both, "Ready")).isEqualTo("False SecretNotFound");
    assertThat(condition(both, "Ready").getMessage()).isEqualTo("camera garage: Secret \"garage-cam\" not found;"
        + " StorageCannotGrow: spec.recording.storage.size 100Gi is larger");
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

  static PushHealth answering(CameraHealth... cameras) {
    return new PushHealth(ApiReachability.ANSWERING, null, List.of(cameras));
  }

  static PushHealth unreachable() {
    return new PushHealth(ApiReachability.UNREACHABLE, REFUSED, List.of(
        unknown("lobby"), unknown("garage")));
  }

  static CameraHealth publishing(String name) {
    return new CameraHealth(name, CameraPushState.PUBLISHING, T0, ONLINE, "H264", 1280, 720,
        "publishing since 2026-01-01T09:59:30Z");
  }

  static CameraHealth offline(String name) {
    return new CameraHealth(name, CameraPushState.OFFLINE, T0, null, null, null, null,
        "not publishing since 2026-01-01T10:00:00Z: no publisher");
  }

  private static CameraHealth stalled(String name) {
    return new CameraHealth(name, CameraPushState.STALLED, T0, ONLINE, "H264", 1280, 720,
        "stalled since 2026-01-01T10:00:00Z: online since 2026-01-01T09:59:30Z but no media");
  }

  private static CameraHealth unknown(String name) {
    return new CameraHealth(name, CameraPushState.UNKNOWN, T0, null, null, null, null,
        "push health unknown since 2026-01-01T10:00:00Z: MediaMTX API unreachable");
  }

  private static Condition condition(CameraStreamStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }
}
