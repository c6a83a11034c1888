package io.camstream.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Kubernetes-convention conditions: {@code lastTransitionTime} moves only when {@code status} flips. */
public final class Conditions {
  private Conditions() {
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /**
   * The condition as it should now read; it keeps the previous transition time when the status is unchanged.
   */
  public static Condition next(List<Condition> previous, String type, boolean status, String reason,
      String message, Long observedGeneration, Instant now) {
    return next(previous, type, status ? ConditionTypes.TRUE : ConditionTypes.FALSE, reason, message,
        observedGeneration, now);
  }

  public static Condition next(List<Condition> previous, String type, String status, String reason,
      String message, Long observedGeneration, Instant now) {
    String transition = find(previous, type)
        .filter(c -> Objects.equals(c.getStatus(), status) && c.getLastTransitionTime() != null)
        .map(Condition::getLastTransitionTime)
        .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(observedGeneration)
        .withLastTransitionTime(transition)
        .build();
  }

  public static List<Condition> list(Condition... conditions) {
    return new ArrayList<>(List.of(conditions));
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> ConditionTypes.TRUE.equals(c.getStatus())).orElse(false);
  }
}
