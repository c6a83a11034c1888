package io.camstream.operator.status;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Whether the MediaMTX Deployment serves: its Available condition, else an available replica. */
public record MediaServerAvailability(boolean available, String message) {

  public static MediaServerAvailability of(Deployment deployment) {
    if (deployment == null) {
      return new MediaServerAvailability(false, "MediaMTX Deployment not created yet");
    }
    var status = deployment.getStatus();
    if (status != null && status.getConditions() != null) {
      var availableCondition = status.getConditions().stream()
          .filter(c -> "Available".equals(c.getType())).findFirst();
      if (availableCondition.isPresent()) {
        boolean available = "True".equals(availableCondition.get().getStatus());
        return new MediaServerAvailability(available, available ? "MediaMTX is available"
            : "MediaMTX is not available: " + availableCondition.get().getMessage());
      }
    }
    Integer replicas = status == null ? null : status.getAvailableReplicas();
    boolean available = replicas != null && replicas >= 1;
    return new MediaServerAvailability(available,
        available ? "MediaMTX is available" : "MediaMTX has no available replica yet");
  }
}
