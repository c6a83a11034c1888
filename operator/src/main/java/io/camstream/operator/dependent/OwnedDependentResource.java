package io.camstream.operator.dependent;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.OwnerReferences;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of every object a CameraStream owns: a <em>controller</em> owner reference, so Kubernetes garbage
 * collection deletes it with the CameraStream and tools see which object manages it.
 */
public abstract class OwnedDependentResource<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, CameraStream> {

  protected OwnedDependentResource(Class<R> resourceType) {
    super(resourceType);
  }

  @Override
  protected void addReferenceHandlingMetadata(R desired, CameraStream primary) {
    List<OwnerReference> references = desired.getMetadata().getOwnerReferences() == null ? new ArrayList<>()
        : new ArrayList<>(desired.getMetadata().getOwnerReferences());
    references.removeIf(reference -> primary.getMetadata().getUid().equals(reference.getUid()));
    references.add(controllerReference(primary));
    desired.getMetadata().setOwnerReferences(references);
  }

  public static OwnerReference controllerReference(CameraStream owner) {
    return OwnerReferences.controller(owner);
  }
}
