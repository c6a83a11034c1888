package io.camstream.operator.dependent;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.mediamtx.sync.MediaMtxConfigSync;
import io.camstream.operator.mediamtx.sync.SyncResult;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;

/** Hands the reconciler's {@link MediaMtxConfigSync} to its dependent, and the dependent's result back. */
public final class MediaMtxRuntime {
  private static final String SYNC = MediaMtxConfigSync.class.getName();
  private static final String RESULT = SyncResult.class.getName();

  private MediaMtxRuntime() {
  }

  public static void put(Context<CameraStream> context, MediaMtxConfigSync sync) {
    context.managedWorkflowAndDependentResourceContext().put(SYNC, sync);
  }

  static MediaMtxConfigSync sync(Context<CameraStream> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(SYNC, MediaMtxConfigSync.class);
  }

  static void putResult(Context<CameraStream> context, SyncResult result) {
    context.managedWorkflowAndDependentResourceContext().put(RESULT, result);
  }

  /** Empty when the workflow did not get as far as the sync (a dependent before it failed). */
  public static Optional<SyncResult> result(Context<CameraStream> context) {
    return context.managedWorkflowAndDependentResourceContext().get(RESULT, SyncResult.class);
  }
}
