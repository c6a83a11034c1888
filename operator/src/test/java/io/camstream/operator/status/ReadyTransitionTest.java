package io.camstream.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.events.EventContent;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which changes of Ready are Events: becoming Ready, losing it, problems; not the way up. */
class ReadyTransitionTest {

  @Test
  void theWayUpToTheFirstReadyIsNotAnnouncedButReadyIs() {
    assertThat(ReadyTransition.between(null, ready("False", "MediaServerUnavailable"))).isEmpty();
    assertThat(ReadyTransition.between(ready("False", "MediaServerUnavailable"),
        ready("False", "MediaServerApiUnreachable"))).isEmpty();
    assertThat(ReadyTransition.between(ready("False", "MediaServerApiUnreachable"),
        ready("False", "CamerasNotPublishing"))).isEmpty();
    assertThat(ReadyTransition.between(ready("False", "CamerasNotPublishing"), ready("True", "Ready")))
        .hasValueSatisfying(t -> assertThat(t.event()).isEqualTo(EventContent.normal("Ready", "message of Ready")));
  }

  @Test
  void losingReadyIsAWarningWhateverTheReason() {
    assertThat(ReadyTransition.between(ready("True", "Ready"), ready("False", "CamerasNotPublishing")))
        .hasValueSatisfying(t -> assertThat(t.event())
            .isEqualTo(EventContent.warning("CamerasNotPublishing", "message of CamerasNotPublishing")));
  }

  @Test
  void aProblemIsAWarningEvenBeforeTheFirstReady() {
    assertThat(ReadyTransition.between(null, ready("False", "SecretNotFound")))
        .hasValueSatisfying(t -> assertThat(t.event().type()).isEqualTo("Warning"));
    assertThat(ReadyTransition.between(ready("False", "MediaServerUnavailable"), ready("False", "Stalled")))
        .hasValueSatisfying(t -> assertThat(t.event().reason()).isEqualTo("Stalled"));
    assertThat(ReadyTransition.between(ready("False", "SecretNotFound"), ready("False", "InvalidSpec")))
        .isPresent();
  }

  @Test
  void nothingWhenNeitherStatusNorReasonChanged() {
    assertThat(ReadyTransition.between(ready("True", "Ready"), ready("True", "Ready"))).isEmpty();
    assertThat(ReadyTransition.between(ready("False", "SecretNotFound"), ready("False", "SecretNotFound")))
        .isEmpty();
  }

  private static CameraStreamStatus ready(String status, String reason) {
    CameraStreamStatus cameraStreamStatus = new CameraStreamStatus();
    cameraStreamStatus.setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus(status)
        .withReason(reason).withMessage("message of " + reason).build()));
    return cameraStreamStatus;
  }
}
