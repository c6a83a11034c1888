package io.camstream.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which changes of a camera are Events, and of which type: losing a stream warns, gaining one does not. */
class CameraTransitionsTest {

  @Test
  void eachSettledChangeIsOneTransitionOfItsKind() {
    Map<String, CameraPushState> before = Map.of("a", CameraPushState.OFFLINE, "b", CameraPushState.STALLED,
        "c", CameraPushState.PUBLISHING, "d", CameraPushState.PUBLISHING, "e", CameraPushState.PUBLISHING);
    List<CameraTransition> transitions = CameraTransitions.between(before, health(
        camera("a", CameraPushState.PUBLISHING), camera("b", CameraPushState.PUBLISHING),
        camera("c", CameraPushState.STALLED), camera("d", CameraPushState.OFFLINE),
        camera("e", CameraPushState.PUBLISHING)));

    assertThat(transitions).extracting(CameraTransition::camera, CameraTransition::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a", CameraTransition.Kind.STARTED_PUBLISHING),
        org.assertj.core.groups.Tuple.tuple("b", CameraTransition.Kind.RECOVERED),
        org.assertj.core.groups.Tuple.tuple("c", CameraTransition.Kind.STALLED),
        org.assertj.core.groups.Tuple.tuple("d", CameraTransition.Kind.STOPPED_PUBLISHING));
    assertThat(transitions.get(3).message()).isEqualTo("camera d: health of d");
  }

  @Test
  void aCameraFirstSeenOfflineNeverPublishedSoNothingStopped() {
    assertThat(CameraTransitions.between(Map.of(), health(camera("a", CameraPushState.OFFLINE)))).isEmpty();
    assertThat(CameraTransitions.between(Map.of(), health(camera("a", CameraPushState.STALLED))))
        .extracting(CameraTransition::kind).containsExactly(CameraTransition.Kind.STALLED);
  }

  @Test
  void confirmingOrUnknownIsNoEvent() {
    Map<String, CameraPushState> publishing = Map.of("a", CameraPushState.PUBLISHING);
    assertThat(CameraTransitions.between(publishing, health(camera("a", CameraPushState.CONFIRMING)))).isEmpty();
    assertThat(CameraTransitions.between(publishing, health(camera("a", CameraPushState.UNKNOWN)))).isEmpty();
  }

  @Test
  void losingAStreamIsAWarningGainingOneIsNormal() {
    assertThat(CameraTransition.Kind.STOPPED_PUBLISHING.eventType()).isEqualTo("Warning");
    assertThat(CameraTransition.Kind.STALLED.eventType()).isEqualTo("Warning");
    assertThat(CameraTransition.Kind.STARTED_PUBLISHING.eventType()).isEqualTo("Normal");
    assertThat(CameraTransition.Kind.RECOVERED.eventType()).isEqualTo("Normal");
    assertThat(CameraTransition.Kind.values()).extracting(CameraTransition.Kind::reason).containsExactly(
        "CameraStartedPublishing", "CameraStoppedPublishing", "CameraStalled", "CameraRecovered");
  }

  private static CameraHealth camera(String name, CameraPushState state) {
    return new CameraHealth(name, state, null, null, null, null, null, "health of " + name);
  }

  private static PushHealth health(CameraHealth... cameras) {
    return new PushHealth(ApiReachability.ANSWERING, null, List.of(cameras));
  }
}
