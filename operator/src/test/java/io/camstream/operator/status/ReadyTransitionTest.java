package io.camstream.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.status.CameraStreamStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One Event per change of Ready (its status or its reason), never one per reconcile. */
class ReadyTransitionTest {

  @Test
  void theFirstReadyConditionIsATransition() {
    assertThat(ReadyTransition.between(null, status(ready("True", "Ready", "all 2 cameras publishing"))))
        .contains(new ReadyTransition(true, "Ready", "all 2 cameras publishing"));
    assertThat(ReadyTransition.between(new CameraStreamStatus(), status(ready("False", "InvalidSpec", "bad"))))
        .contains(new ReadyTransition(false, "InvalidSpec", "bad"));
  }

  @Test
  void aFlipOrANewReasonIsATransitionAnotherMessageIsNot() {
    CameraStreamStatus stalled = status(ready("False", "Stalled", "garage stalled"));
    assertThat(ReadyTransition.between(stalled, status(ready("True", "Ready", "ok"))))
        .contains(new ReadyTransition(true, "Ready", "ok"));
    assertThat(ReadyTransition.between(stalled, status(ready("False", "CamerasNotPublishing", "garage offline"))))
        .contains(new ReadyTransition(false, "CamerasNotPublishing", "garage offline"));
    assertThat(ReadyTransition.between(stalled, status(ready("False", "Stalled", "garage and lobby stalled"))))
        .isEmpty();
    assertThat(ReadyTransition.between(stalled, status(ready("Unknown", "Stalled", "?"))))
        .contains(new ReadyTransition(false, "Stalled", "?"));
  }

  @Test
  void noReadyConditionAfterwardsIsNoTransition() {
    CameraStreamStatus stalled = status(ready("False", "Stalled", "garage stalled"));
    assertThat(ReadyTransition.between(stalled, new CameraStreamStatus())).isEmpty();
    assertThat(ReadyTransition.between(stalled, null)).isEmpty();
    CameraStreamStatus otherOnly = status(new ConditionBuilder().withType("MediaServerAvailable").withStatus("True")
        .withReason("DeploymentAvailable").build());
    assertThat(ReadyTransition.between(null, otherOnly)).isEmpty();
  }

  private static Condition ready(String status, String reason, String message) {
    return new ConditionBuilder().withType("Ready").withStatus(status).withReason(reason).withMessage(message).build();
  }

  private static CameraStreamStatus status(Condition... conditions) {
    CameraStreamStatus status = new CameraStreamStatus();
    status.setConditions(List.of(conditions));
    return status;
  }
}
