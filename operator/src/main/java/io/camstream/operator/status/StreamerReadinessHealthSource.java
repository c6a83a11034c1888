package io.camstream.operator.status;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.ResourceNames;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A camera counts as publishing while its streamer pod is ready (the streamer's /readyz reports its push). */
public class StreamerReadinessHealthSource implements CameraHealthSource {

  @Override
  public Map<String, CameraHealth> observe(CameraStream cameraStream, Context<CameraStream> context) {
    Map<String, Deployment> streamers = context.getSecondaryResourcesAsStream(Deployment.class)
        .filter(d -> d.getMetadata().getLabels() != null
            && Labels.COMPONENT_STREAMER.equals(d.getMetadata().getLabels().get(Labels.COMPONENT)))
        .collect(Collectors.toMap(d -> d.getMetadata().getName(), Function.identity(), (a, b) -> a));
    Map<String, CameraHealth> health = new LinkedHashMap<>();
    for (CameraSpec camera : cameraStream.getSpec().getCameras()) {
      Deployment deployment = streamers.get(ResourceNames.streamer(cameraStream, camera.getName()));
      health.put(camera.getName(), of(deployment));
    }
    return health;
  }

  static CameraHealth of(Deployment deployment) {
    if (deployment == null) {
      return CameraHealth.notPublishing("streamer Deployment not created yet");
    }
    var status = deployment.getStatus();
    Integer ready = status == null ? null : status.getReadyReplicas();
    if (ready != null && ready >= 1) {
      return CameraHealth.publishing("streamer ready");
    }
    if (status != null && status.getConditions() != null) {
      for (DeploymentCondition condition : status.getConditions()) {
        if ("Progressing".equals(condition.getType()) && "False".equals(condition.getStatus())) {
          return CameraHealth.notPublishing("streamer not ready: " + Objects.toString(condition.getMessage(),
              condition.getReason()));
        }
      }
    }
    return CameraHealth.notPublishing("streamer not ready");
  }
}
