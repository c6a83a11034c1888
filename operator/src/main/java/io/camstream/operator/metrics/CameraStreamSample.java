package io.camstream.operator.metrics;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a CameraStream's status says about its cameras, as Prometheus gauges show it.
 *
 * @param cameras every camera the spec declares, in spec order, and whether the status reports it publishing (as
 *                MediaMTX sees it); a camera the status does not list yet is not publishing, and a camera still in a
 *                stale status but no longer in the spec is left out
 * @param ready   the Ready condition is True
 * @param reason  the Ready condition's reason; {@code Unknown} before the operator wrote one
 */
public record CameraStreamSample(String namespace, String name, Map<String, Boolean> cameras, boolean ready,
    String reason) {

  public CameraStreamSample {
    cameras = Collections.unmodifiableMap(new LinkedHashMap<>(cameras));
  }

  public static CameraStreamSample of(CameraStream cameraStream) {
    List<CameraSpec> declared = cameraStream.getSpec() == null || cameraStream.getSpec().getCameras() == null
        ? List.of() : cameraStream.getSpec().getCameras();
    List<CameraStatus> statuses = cameraStream.getStatus() == null || cameraStream.getStatus().getCameras() == null
        ? List.of() : cameraStream.getStatus().getCameras();
    Set<String> publishing = statuses.stream().filter(camera -> Boolean.TRUE.equals(camera.getPublishing()))
        .map(CameraStatus::getName).collect(Collectors.toSet());
    Map<String, Boolean> cameras = new LinkedHashMap<>();
    for (CameraSpec camera : declared) {
      if (camera.getName() != null) {
        cameras.put(camera.getName(), publishing.contains(camera.getName()));
      }
    }
    List<Condition> conditions = cameraStream.getStatus() == null ? null : cameraStream.getStatus().getConditions();
    Condition readyCondition = conditions == null ? null
        : Conditions.find(conditions, ConditionTypes.READY).orElse(null);
    boolean ready = readyCondition != null && ConditionTypes.TRUE.equals(readyCondition.getStatus());
    String reason = readyCondition == null || readyCondition.getReason() == null || readyCondition.getReason().isBlank()
        ? ConditionTypes.UNKNOWN : readyCondition.getReason();
    return new CameraStreamSample(cameraStream.getMetadata().getNamespace(), cameraStream.getMetadata().getName(),
        cameras, ready, reason);
  }

  /** Cameras declared in the spec. */
  public int declared() {
    return cameras.size();
  }

  /** Declared cameras MediaMTX sees publishing. */
  public int publishing() {
    return (int) cameras.values().stream().filter(Boolean::booleanValue).count();
  }
}
