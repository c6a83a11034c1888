package io.camstream.operator.reconciler;

import io.camstream.operator.api.CameraStream;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How failed reconciles are logged: one INFO line per attempt while a failure is not reported yet; once it is, its
 * stack trace once, then one WARN line per retry while the same failure repeats (retries come every 5 minutes at
 * most, for as long as it lasts). A different failure, or the same one after a reconcile that succeeded, gets its
 * stack trace again. JOSDK's own per-attempt stack trace is turned off in {@code logback.xml}.
 */
final class FailureLog {
  private static final Logger log = LoggerFactory.getLogger(CameraStreamReconciler.class);

  /** The failure last logged with its stack trace, per CameraStream; none once a reconcile succeeds. */
  private final Map<ResourceID, ReconcileFailure> withStackTrace = new ConcurrentHashMap<>();

  void failed(CameraStream cameraStream, Exception exception, RetryInfo retry) {
    ResourceID id = ResourceID.fromResource(cameraStream);
    String name = cameraStream.getMetadata().getNamespace() + "/" + cameraStream.getMetadata().getName();
    ReconcileFailure failure = ReconcileFailure.of(exception, retry);
    if (!failure.isPersistent(retry)) {
      log.info("reconciling CameraStream {} failed, will retry: {}", name, failure.message());
      return;
    }
    // Compared without the attempt count, which every retry changes.
    ReconcileFailure same = ReconcileFailure.of(exception, null);
    if (same.equals(withStackTrace.put(id, same))) {
      log.warn("reconciling CameraStream {} keeps failing ({}): {}", name, failure.reason(), failure.message());
    } else {
      log.warn("reconciling CameraStream {} keeps failing ({}): {}", name, failure.reason(), failure.message(),
          exception);
    }
  }

  /** A reconcile that got through (or a CameraStream gone): the next failure is logged in full again. */
  void succeeded(CameraStream cameraStream) {
    withStackTrace.remove(ResourceID.fromResource(cameraStream));
  }
}
