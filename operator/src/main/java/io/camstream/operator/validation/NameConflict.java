package io.camstream.operator.validation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.Optional;

/**
 * Thrown by a create that found its name taken by an object this CameraStream does not own (the API server answered
 * "already exists"): reconciliation stops with reason NameConflict.
 */
public final class NameConflict extends RuntimeException {
  private final transient SpecProblem problem;
  private final transient HasMetadata wanted;

  /** @param wanted the object camstream wanted to create under the taken name */
  public NameConflict(SpecProblem problem, HasMetadata wanted) {
    super(problem.message(), null, false, false);
    this.problem = problem;
    this.wanted = wanted;
  }

  public SpecProblem problem() {
    return problem;
  }

  public HasMetadata wanted() {
    return wanted;
  }

  /** The name conflict among the causes of a failed reconcile (a workflow aggregates its dependents' failures). */
  public static Optional<NameConflict> in(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof NameConflict conflict) {
        return Optional.of(conflict);
      }
      if (cause instanceof AggregatedOperatorException aggregated) {
        for (Exception each : aggregated.getAggregatedExceptions().values()) {
          Optional<NameConflict> found = in(each);
          if (found.isPresent()) {
            return found;
          }
        }
      }
    }
    return Optional.empty();
  }
}
