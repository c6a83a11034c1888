package io.camstream.operator.status;

import io.camstream.operator.api.status.CameraStreamStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A change of the Ready condition worth a Kubernetes Event: its status or reason changed. Computed from the
 * status before and after one reconcile, so it happens once per transition, never once per reconcile.
 */
public record ReadyTransition(boolean ready, String reason, String message) {

  public static Optional<ReadyTransition> between(CameraStreamStatus before, CameraStreamStatus after) {
    Optional<Condition> now = ready(after);
    if (now.isEmpty()) {
      return Optional.empty();
    }
    Optional<Condition> was = ready(before);
    if (was.isPresent() && Objects.equals(was.get().getStatus(), now.get().getStatus())
        && Objects.equals(was.get().getReason(), now.get().getReason())) {
      return Optional.empty();
    }
    Condition condition = now.get();
    return Optional.of(new ReadyTransition(ConditionTypes.TRUE.equals(condition.getStatus()),
        condition.getReason(), condition.getMessage()));
  }

  private static Optional<Condition> ready(CameraStreamStatus status) {
    List<Condition> conditions = status == null ? null : status.getConditions();
    return Conditions.find(conditions, ConditionTypes.READY);
  }
}
