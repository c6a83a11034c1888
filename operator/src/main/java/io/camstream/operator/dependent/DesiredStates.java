package io.camstream.operator.dependent;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.LazyDesiredState;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * Hands the reconciler's once-per-reconcile desired state to the dependent resources: its objects, built only when
 * one is written, and its hashes, which is all matching needs.
 */
public final class DesiredStates {
  private static final String KEY = LazyDesiredState.class.getName();

  private DesiredStates() {
  }

  public static void put(Context<CameraStream> context, LazyDesiredState desiredState) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, desiredState);
  }

  /** This reconcile's desired state, built now if no dependent needed it before. */
  public static DesiredState get(Context<CameraStream> context) {
    return lazy(context).state();
  }

  public static LazyDesiredState lazy(Context<CameraStream> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, LazyDesiredState.class);
  }
}
