package io.camstream.operator.status;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.events.EventRecorder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

/**
 * Writes a CameraStream's status, and nothing else does. No request when nothing changed; otherwise an update of
 * the status subresource whose result JOSDK caches, so the next reconcile starts
 * from what was written (never from a stale copy that would repeat a transition or its Event).
 *
 * <p>A whole-status replace with optimistic locking (on conflict JOSDK re-reads and re-applies) rather than a
 * merge patch: lists such as conditions must be replaced, never merged, on every API server alike.
 */
public final class StatusWriter {
  private StatusWriter() {
  }

  /** @return true when a write was made */
  public static boolean write(CameraStream cameraStream, Context<CameraStream> context, CameraStreamStatus status) {
    CameraStreamStatus previous = cameraStream.getStatus();
    if (StatusDiff.same(previous, status)) {
      return false;
    }
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(cameraStream, context, resource -> {
      resource.setStatus(status);
      return resource;
    });
    ReadyTransition.between(previous, status)
        .ifPresent(transition -> EventRecorder.of(context).record(cameraStream, transition.event()));
    return true;
  }
}
