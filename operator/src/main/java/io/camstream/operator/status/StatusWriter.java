package io.camstream.operator.status;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.events.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a CameraStream's status, and nothing else does. No request when nothing changed; otherwise a whole-status
 * replace of the status subresource with optimistic locking (lists such as conditions are replaced, never merged),
 * whose result JOSDK caches so the next reconcile starts from what was written.
 *
 * <p>The status is a function of the CameraStream it describes (its spec, and its previous status for transition
 * times). On a conflict (409: the object changed since it was read) the writer reads it again and recomputes the
 * status from the fresh copy, never re-applying a status computed from an older one. When the spec itself changed
 * (a new generation), it writes nothing: that status describes a spec that no longer exists, and the reconcile of the
 * new generation, already queued, writes the status for it.
 */
public final class StatusWriter {
  /** Conflicts in a row before giving up to the reconcile's own retry. */
  static final int MAX_CONFLICTS = 5;
  private static final Logger log = LoggerFactory.getLogger(StatusWriter.class);

  private StatusWriter() {
  }

  /**
   * @param statusOf the status of a given copy of the CameraStream
   * @return true when a write was made
   */
  public static boolean write(CameraStream cameraStream, Context<CameraStream> context,
      Function<CameraStream, CameraStreamStatus> statusOf) {
    CameraStream target = cameraStream;
    for (int conflicts = 0; ; conflicts++) {
      CameraStreamStatus previous = target.getStatus();
      CameraStreamStatus status = statusOf.apply(target);
      if (StatusDiff.same(previous, status)) {
        return false;
      }
      CameraStream toWrite = context.getControllerConfiguration().getConfigurationService().getResourceCloner()
          .clone(target);
      toWrite.setStatus(status);
      try {
        CameraStream written = context.getClient().resource(toWrite).updateStatus();
        context.eventSourceRetriever().getControllerEventSource()
            .handleRecentResourceUpdate(ResourceID.fromResource(target), written, target);
        recordReadyTransition(cameraStream, context, previous, status);
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || conflicts + 1 >= MAX_CONFLICTS) {
          throw e;
        }
      }
      CameraStream fresh = context.getClient().resources(CameraStream.class)
          .inNamespace(cameraStream.getMetadata().getNamespace()).withName(cameraStream.getMetadata().getName())
          .get();
      if (fresh == null) {
        return false;
      }
      if (!Objects.equals(fresh.getMetadata().getGeneration(), cameraStream.getMetadata().getGeneration())) {
        log.debug("status of CameraStream {}/{} not written: generation {} was computed, {} is current",
            cameraStream.getMetadata().getNamespace(), cameraStream.getMetadata().getName(),
            cameraStream.getMetadata().getGeneration(), fresh.getMetadata().getGeneration());
        return false;
      }
      target = fresh;
    }
  }

  private static void recordReadyTransition(CameraStream cameraStream, Context<CameraStream> context,
      CameraStreamStatus previous, CameraStreamStatus status) {
    ReadyTransition.between(previous, status)
        .ifPresent(transition -> EventRecorder.of(context).record(cameraStream, transition.event()));
  }
}
