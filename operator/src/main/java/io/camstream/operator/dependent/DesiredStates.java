package io.camstream.operator.dependent;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.DesiredState;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** Hands the reconciler's once-per-reconcile {@link DesiredState} to the dependent resources. */
public final class DesiredStates {
  private static final String KEY = DesiredState.class.getName();

  private DesiredStates() {
  }

  public static void put(Context<CameraStream> context, DesiredState desiredState) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, desiredState);
  }

  public static DesiredState get(Context<CameraStream> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, DesiredState.class);
  }
}
