package io.camstream.operator.health;

import static io.camstream.operator.health.Observations.ONLINE;
import static io.camstream.operator.health.Observations.answered;
import static io.camstream.operator.health.Observations.at;
import static io.camstream.operator.health.Observations.offlineButAvailable;
import static io.camstream.operator.health.Observations.online;
import static io.camstream.operator.health.Observations.pulledUnreachable;
import static io.camstream.operator.health.Observations.unreachable;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PushHealthEvaluatorTest {
  private static final List<String> CAMS = List.of("lobby");

  private static CameraHealth only(PushHealth health) {
    return health.cameras().get(0);
  }

  @Test
  void growingBytesArePublishing() {
    MediaMtxObservation first = answered(at(0), online("lobby", 1_000_000));
    MediaMtxObservation second = answered(at(10), online("lobby", 3_500_000));

    CameraHealth lobby = only(PushHealthEvaluator.evaluate(CAMS, second, first, null));

    assertThat(lobby.state()).isEqualTo(CameraPushState.PUBLISHING);
    assertThat(lobby.publishingSince()).isEqualTo(ONLINE);
    assertThat(lobby.codec()).isEqualTo("H264");
    assertThat(lobby.width()).isEqualTo(1280);
    assertThat(lobby.height()).isEqualTo(720);
    assertThat(lobby.message()).isEqualTo("publishing since 2026-11-25T03:59:00Z");
    assertThat(lobby.publishingFlag()).isTrue();
  }

  @Test
  void aPulledCameraMediaMtxCannotReachIsNotPublishingAndNeverStalled() {
    MediaMtxObservation first = answered(at(0), pulledUnreachable("lobby", null));
    MediaMtxObservation second = answered(at(10), pulledUnreachable("lobby", null));

    PushHealth afterFirst = PushHealthEvaluator.evaluate(CAMS, first, null, null);
    CameraHealth lobby = only(PushHealthEvaluator.evaluate(CAMS, second, first, afterFirst));

    assertThat(lobby.state()).isEqualTo(CameraPushState.OFFLINE);
    assertThat(lobby.publishingFlag()).isFalse();
    assertThat(lobby.message()).isEqualTo("not publishing since 2026-11-25T04:00:00Z: the camera's source is "
        + "unreachable; MediaMTX keeps retrying it (never connected)");
  }

  @Test
  void aPulledCameraThatLostItsSourceSaysWhenItLastConnected() {
    MediaMtxObservation publishing = answered(at(0), online("lobby", 5_000));
    MediaMtxObservation lost = answered(at(10), pulledUnreachable("lobby", ONLINE));

    CameraHealth lobby = only(PushHealthEvaluator.evaluate(CAMS, lost, publishing, null));

    assertThat(lobby.state()).isEqualTo(CameraPushState.OFFLINE);
    assertThat(lobby.publishingSince()).isNull();
    assertThat(lobby.message()).endsWith("the camera's source is unreachable; MediaMTX keeps retrying it "
        + "(last connected 2026-11-25T03:59:00Z)");
  }

  @Test
  void aPublisherWhoseSessionHasNoStreamYetIsNotPublishing() {
    PathSample announced = new PathSample("lobby", true, false, false, ONLINE, 0, 0, null, null, null);

    CameraHealth lobby = only(PushHealthEvaluator.evaluate(CAMS, answered(at(0), announced), null, null));

    assertThat(lobby.state()).isEqualTo(CameraPushState.OFFLINE);
    assertThat(lobby.message()).endsWith("path \"lobby\" has a publisher that sends no stream yet");
  }

  @Test
  void onlineWithFrozenBytesIsStalled() {
    MediaMtxObservation first = answered(at(0), online("lobby", 1_000_000));
    MediaMtxObservation second = answered(at(10), online("lobby", 1_000_000));

    CameraHealth lobby = only(PushHealthEvaluator.evaluate(CAMS, second, first, null));

    assertThat(lobby.state()).isEqualTo(CameraPushState.STALLED);
    assertThat(lobby.publishingFlag()).isFalse();
    assertThat(lobby.message()).startsWith("stalled since 2026-11-25T04:00:10Z: online since 2026-11-25T03:59:00Z");
  }

  @Test
  void aStreamThatHasNotReceivedItsFirstByteIsStillConfirmingNotStalled() {
    MediaMtxObservation setUp = answered(at(0), online("lobby", 0));
    MediaMtxObservation stillNothing = answered(at(1), online("lobby", 0));
    MediaMtxObservation flowing = answered(at(2), online("lobby", 40_000));

    PushHealth first = PushHealthEvaluator.evaluate(CAMS, setUp, null, null);
    PushHealth second = PushHealthEvaluator.evaluate(CAMS, stillNothing, setUp, first);
    assertThat(only(second).state()).isEqualTo(CameraPushState.CONFIRMING);
    assertThat(only(PushHealthEvaluator.evaluate(CAMS, flowing, stillNothing, second)).state())
        .isEqualTo(CameraPushState.PUBLISHING);
  }

  @Test
  void stalledKeepsItsSinceAcrossPolls() {
    MediaMtxObservation first = answered(at(0), online("lobby", 1_000));
    MediaMtxObservation second = answered(at(10), online("lobby", 1_000));
    MediaMtxObservation third = answered(at(20), online("lobby", 1_000));

    PushHealth afterSecond = PushHealthEvaluator.evaluate(CAMS, second, first, null);
    PushHealth afterThird = PushHealthEvaluator.evaluate(CAMS, third, second, afterSecond);

    assertThat(afterThird).isEqualTo(afterSecond);
  }

  @Test
  void firstSightOfASessionIsConfirmingNotPublishing() {
    CameraHealth lobby = only(PushHealthEvaluator.evaluate(CAMS, answered(at(0), online("lobby", 10)), null, null));

    assertThat(lobby.state()).isEqualTo(CameraPushState.CONFIRMING);
    assertThat(lobby.publishingFlag()).isFalse();
    assertThat(lobby.message()).contains("confirming media flow");
  }

  @Test
  void aNewSessionIsConfirmedAgainEvenIfBytesDiffer() {
    MediaMtxObservation first = answered(at(0), online("lobby", 5_000));
    MediaMtxObservation reconnected = answered(at(10), online("lobby", 9_000, ONLINE.plusSeconds(65)));

    assertThat(only(PushHealthEvaluator.evaluate(CAMS, reconnected, first, null)).state())
        .isEqualTo(CameraPushState.CONFIRMING);
  }

  @Test
  void absentPathIsOfflineAndAvailableIsNotOnline() {
    MediaMtxObservation now = answered(at(10), offlineButAvailable("dock"));

    PushHealth health = PushHealthEvaluator.evaluate(List.of("lobby", "dock"), now, null, null);

    assertThat(health.cameras()).extracting(CameraHealth::state)
        .containsExactly(CameraPushState.OFFLINE, CameraPushState.OFFLINE);
    assertThat(health.cameras().get(0).message())
        .isEqualTo("not publishing since 2026-11-25T04:00:10Z: MediaMTX has no publisher on path \"lobby\"");
    assertThat(health.cameras().get(1).message()).contains("always-available fallback");
    assertThat(health.readyCameras()).isEqualTo("0/2");
  }

  @Test
  void unreachableApiMakesEveryCameraUnknownNotStale() {
    MediaMtxObservation first = answered(at(0), online("lobby", 1_000));
    PushHealth publishing = PushHealthEvaluator.evaluate(CAMS, answered(at(10), online("lobby", 9_000)), first, null);

    CameraHealth lobby = only(PushHealthEvaluator.evaluate(CAMS, unreachable(at(20)), first, publishing));

    assertThat(lobby.state()).isEqualTo(CameraPushState.UNKNOWN);
    assertThat(lobby.publishingFlag()).isNull();
    assertThat(lobby.message()).contains("MediaMTX API unreachable");
  }

  @Test
  void aPublishingCameraWhoseBitrateAndReadersMoveHasTheSameHealth() {
    MediaMtxObservation first = answered(at(0), online("lobby", 0));
    MediaMtxObservation second = answered(at(10), online("lobby", 2_500_000));
    PushHealth publishing = PushHealthEvaluator.evaluate(CAMS, second, first, null);
    // three times the bitrate, and five more readers
    MediaMtxObservation third = answered(at(20), new PathSample("lobby", true, true, false, ONLINE, 10_000_000, 6, "H264",
        1280, 720));

    assertThat(PushHealthEvaluator.evaluate(CAMS, third, second, publishing)).isEqualTo(publishing);
  }

  @Test
  void restartContinuityKeepsAPublishingSessionPublishing() {
    PushHealth persisted = new PushHealth(ApiReachability.ANSWERING, null, List.of(new CameraHealth("lobby",
        CameraPushState.PUBLISHING, null, ONLINE, "H264", 1280, 720, "publishing since x")));

    CameraHealth lobby = only(PushHealthEvaluator.evaluate(CAMS, answered(at(0), online("lobby", 5)), null,
        persisted));

    assertThat(lobby.state()).isEqualTo(CameraPushState.PUBLISHING);
  }

  @Test
  void aCameraThatReconnectedWhileTheOperatorWasDownIsConfirmedAgain() {
    // status keeps whole seconds: the persisted session started at 03:59:00Z, MediaMTX says 03:59:00.123456789Z
    PushHealth persisted = new PushHealth(ApiReachability.ANSWERING, null, List.of(new CameraHealth("lobby",
        CameraPushState.PUBLISHING, null, java.time.Instant.parse("2026-11-25T03:59:00Z"), "H264", 1280,
        720, "publishing since 2026-11-25T03:59:00Z")));

    assertThat(only(PushHealthEvaluator.evaluate(CAMS, answered(at(0), online("lobby", 5)), null, persisted))
        .state()).as("the same session, to the second").isEqualTo(CameraPushState.PUBLISHING);
    CameraHealth reconnected = only(PushHealthEvaluator.evaluate(CAMS,
        answered(at(0), online("lobby", 5, ONLINE.plusSeconds(1))), null, persisted));
    assertThat(reconnected.state()).isEqualTo(CameraPushState.CONFIRMING);
    PushHealth stalledBefore = new PushHealth(ApiReachability.ANSWERING, null, List.of(new CameraHealth("lobby",
        CameraPushState.STALLED, null, ONLINE, "H264", 1280, 720, "stalled")));
    assertThat(only(PushHealthEvaluator.evaluate(CAMS, answered(at(0), online("lobby", 5)), null, stalledBefore))
        .state()).as("only a publishing session is carried over").isEqualTo(CameraPushState.CONFIRMING);
  }
}
