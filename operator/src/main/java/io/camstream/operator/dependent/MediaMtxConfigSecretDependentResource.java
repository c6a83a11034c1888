package io.camstream.operator.dependent;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.ResourceNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Secret {@code <name>-mediamtx-config} with the generated {@code mediamtx.yml}. It shares the credentials
 * Secret's informer (same kind, same labels), so the operator caches camstream's Secrets once.
 */
public class MediaMtxConfigSecretDependentResource extends OwnedDependentResource<Secret> {

  public MediaMtxConfigSecretDependentResource() {
    super(Secret.class);
  }

  @Override
  protected Secret desired(CameraStream primary, Context<CameraStream> context) {
    return DesiredStates.get(context).configSecret();
  }

  @Override
  protected ResourceID targetSecondaryResourceID(CameraStream primary, Context<CameraStream> context) {
    return new ResourceID(ResourceNames.configSecret(primary), primary.getMetadata().getNamespace());
  }
}
