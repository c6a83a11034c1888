package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/**
 * The owner reference camstream puts on what a CameraStream owns: a <em>controller</em> reference, so Kubernetes
 * garbage collection deletes it with the CameraStream and tools see which object manages it. No
 * {@code blockOwnerDeletion}: that would need update rights on the CameraStream's finalizers.
 */
public final class OwnerReferences {
  private OwnerReferences() {
  }

  public static OwnerReference controller(CameraStream owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .build();
  }
}
