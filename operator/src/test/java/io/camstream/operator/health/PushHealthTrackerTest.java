package io.camstream.operator.health;

import static io.camstream.operator.health.Observations.ONLINE;
import static io.camstream.operator.health.Observations.answered;
import static io.camstream.operator.health.Observations.at;
import static io.camstream.operator.health.Observations.online;
import static io.camstream.operator.health.Observations.unreachable;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.status.CameraStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushHealthTrackerTest {
  private static final List<String> CAMS = List.of("lobby");
  private final PushHealthTracker tracker = new PushHealthTracker(Duration.ofSeconds(5));

  private PushHealthTracker.Update poll(MediaMtxObservation observation) {
    return tracker.observe(CAMS, observation);
  }

  private static List<CameraTransition.Kind> kinds(PushHealthTracker.Update update) {
    return update.transitions().stream().map(CameraTransition::kind).toList();
  }

  @Test
  void publishingThenStalledThenOfflineThenPublishingAgainGivesOneEventPerTransition() {
    assertThat(kinds(poll(answered(at(0), online("lobby", 0))))).isEmpty(); // confirming
    PushHealthTracker.Update publishing = poll(answered(at(10), online("lobby", 2_500_000)));
    assertThat(kinds(publishing)).containsExactly(CameraTransition.Kind.STARTED_PUBLISHING);
    assertThat(publishing.transitions().get(0).message()).isEqualTo(
        "camera lobby: publishing since 2026-11-25T03:59:00Z");
    assertThat(kinds(poll(answered(at(20), online("lobby", 5_000_000))))).isEmpty();

    PushHealthTracker.Update stalled = poll(answered(at(30), online("lobby", 5_000_000)));
    assertThat(kinds(stalled)).containsExactly(CameraTransition.Kind.STALLED);
    assertThat(kinds(poll(answered(at(40), online("lobby", 5_000_000))))).as("still stalled: no event").isEmpty();

    PushHealthTracker.Update recovered = poll(answered(at(50), online("lobby", 6_000_000)));
    assertThat(kinds(recovered)).containsExactly(CameraTransition.Kind.RECOVERED);

    assertThat(kinds(poll(answered(at(60))))).containsExactly(CameraTransition.Kind.STOPPED_PUBLISHING);
    assertThat(kinds(poll(answered(at(70))))).isEmpty();

    assertThat(kinds(poll(answered(at(80), online("lobby", 0, ONLINE.plusSeconds(80)))))).isEmpty();
    assertThat(kinds(poll(answered(at(90), online("lobby", 100_000, ONLINE.plusSeconds(80))))))
        .containsExactly(CameraTransition.Kind.STARTED_PUBLISHING);
  }

  @Test
  void steadyPublishingReportsTheSameHealthPollAfterPoll() {
    poll(answered(at(0), online("lobby", 0)));
    PushHealth first = poll(answered(at(10), online("lobby", 2_500_000))).health();
    // bitrate wobbles by a few percent
    PushHealth second = poll(answered(at(20), online("lobby", 5_100_000))).health();
    PushHealth third = poll(answered(at(30), online("lobby", 7_500_000))).health();

    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
  }

  @Test
  void anApiOutageIsNotACameraEventAndRecoveryMeasuresAcrossIt() {
    poll(answered(at(0), online("lobby", 0)));
    poll(answered(at(10), online("lobby", 2_500_000)));

    PushHealthTracker.Update blind = poll(unreachable(at(20)));
    assertThat(blind.transitions()).isEmpty();
    assertThat(blind.health().cameras().get(0).state()).isEqualTo(CameraPushState.UNKNOWN);

    PushHealthTracker.Update back = poll(answered(at(30), online("lobby", 7_500_000)));
    assertThat(back.transitions()).isEmpty();
    assertThat(back.health().cameras().get(0).state()).isEqualTo(CameraPushState.PUBLISHING);
    assertThat(blind.traffic()).containsExactly(CameraTraffic.unknown("lobby"));
    assertThat(back.traffic()).as("measured across the outage: 5 MB in 20 s")
        .containsExactly(new CameraTraffic("lobby", 2_000_000L, 1));
  }

  @Test
  void aPollRightAfterAnotherIsIgnoredRatherThanReadAsAStall() {
    poll(answered(at(0), online("lobby", 0)));
    PushHealth publishing = poll(answered(at(10), online("lobby", 2_500_000))).health();

    PushHealthTracker.Update tooSoon = poll(answered(at(10).plusMillis(20), online("lobby", 2_500_000)));

    assertThat(tooSoon.health()).isEqualTo(publishing);
    assertThat(tooSoon.transitions()).isEmpty();
    assertThat(tooSoon.traffic()).as("the last measurement stands")
        .containsExactly(new CameraTraffic("lobby", 2_000_000L, 1));
  }

  @Test
  void resumingFromPersistedStatusNeitherReannouncesNorFlipsToConfirming() {
    CameraStatus persisted = new CameraStatus();
    persisted.setName("lobby");
    persisted.setPublishing(true);
    persisted.setPublishingSince("2026-11-25T03:59:00Z");
    CameraStatus dock = new CameraStatus();
    dock.setName("dock");
    dock.setPublishing(false);
    dock.setMessage("not publishing since 2026-11-25T03:00:00Z: MediaMTX has no publisher on path \"dock\"");
    PushHealthTracker resumed = PushHealthTracker.resumedFrom(List.of(persisted, dock), Duration.ofSeconds(5));

    PushHealthTracker.Update first = resumed.observe(List.of("lobby", "dock"),
        answered(at(0), online("lobby", 42)));

    assertThat(first.transitions()).isEmpty();
    assertThat(first.health().cameras().get(0).state()).isEqualTo(CameraPushState.PUBLISHING);
    assertThat(first.health().cameras().get(1).message()).isEqualTo(dock.getMessage());
  }
}
