package io.camstream.operator.dependent;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.ResourceNames;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Service {@code <name>-mediamtx-internal} (control API and metrics). It shares the viewer Service's informer (same
 * labels), so a second Service costs no second watch.
 */
public class MediaMtxInternalServiceDependentResource extends OwnedDependentResource<Service> {

  public MediaMtxInternalServiceDependentResource() {
    super(Service.class);
  }

  @Override
  protected Service desired(CameraStream primary, Context<CameraStream> context) {
    return DesiredStates.get(context).internalService();
  }

  @Override
  protected ResourceID targetSecondaryResourceID(CameraStream primary, Context<CameraStream> context) {
    return new ResourceID(ResourceNames.mediaMtxInternal(primary), primary.getMetadata().getNamespace());
  }
}
