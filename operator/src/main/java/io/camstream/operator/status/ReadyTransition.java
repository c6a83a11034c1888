package io.camstream.operator.status;

import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.events.EventContent;
import io.camstream.operator.health.PushHealthReasons;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A change of the Ready condition worth a Kubernetes Event, computed from the status before and after one reconcile,
 * so it happens once per transition, never once per reconcile. Becoming Ready, losing it, and every problem reason
 * are announced; the way up to Ready (MediaMTX starting, cameras connecting, the recordings' volume being provisioned:
 * the {@link #PROGRESS} reasons) is progress, not news, and stays in the status.
 */
public record ReadyTransition(boolean ready, String reason, String message) {
  /** Ready=False reasons that a CameraStream passes through while it comes up. */
  static final Set<String> PROGRESS = Set.of(ConditionTypes.REASON_MEDIA_SERVER_UNAVAILABLE,
      PushHealthReasons.MEDIA_SERVER_API_UNREACHABLE, PushHealthReasons.CAMERAS_NOT_PUBLISHING,
      ConditionTypes.REASON_RECORDINGS_VOLUME_PENDING);

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
    boolean ready = ConditionTypes.TRUE.equals(condition.getStatus());
    boolean wasReady = was.map(c -> ConditionTypes.TRUE.equals(c.getStatus())).orElse(false);
    if (!ready && !wasReady && PROGRESS.contains(condition.getReason())) {
      return Optional.empty();
    }
    return Optional.of(new ReadyTransition(ready, condition.getReason(), condition.getMessage()));
  }

  /** Normal when Ready, Warning otherwise. */
  public EventContent event() {
    return ready ? EventContent.normal(reason, message) : EventContent.warning(reason, message);
  }

  private static Optional<Condition> ready(CameraStreamStatus status) {
    List<Condition> conditions = status == null ? null : status.getConditions();
    return Conditions.find(conditions, ConditionTypes.READY);
  }
}
