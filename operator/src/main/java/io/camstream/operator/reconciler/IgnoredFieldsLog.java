package io.camstream.operator.reconciler;

import io.camstream.operator.api.CameraStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once per CameraStream which of its fields this operator version does not know and ignores (a CRD newer than
 * the operator), not on every reconcile; again only when that list changes.
 */
final class IgnoredFieldsLog {
  private static final Logger log = LoggerFactory.getLogger(IgnoredFieldsLog.class);

  private final Map<String, List<String>> reported = new ConcurrentHashMap<>();

  void report(CameraStream cameraStream) {
    var metadata = cameraStream.getMetadata();
    String key = metadata.getNamespace() + "/" + metadata.getName() + "/" + metadata.getUid();
    List<String> ignored = cameraStream.getSpec() == null ? List.of() : cameraStream.getSpec().getIgnoredFields();
    if (ignored.isEmpty()) {
      reported.remove(key);
      return;
    }
    if (!ignored.equals(reported.put(key, ignored))) {
      log.warn("CameraStream {}/{}: ignoring fields this operator version does not know (is the CRD newer than"
          + " the operator?): {}", metadata.getNamespace(), metadata.getName(), String.join(", ", ignored));
    }
  }
}
