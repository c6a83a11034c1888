package io.camstream.operator.dependent;

import io.camstream.operator.OperatorClient;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.ResourceNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Secret {@code <name>-mediamtx-credentials}. Its desired data is built from the stored data, so passwords are
 * generated once and a reconcile never rotates them.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_MEDIAMTX_SELECTOR,
    informerListLimit = OperatorClient.LIST_PAGE_SIZE))
public class CredentialsSecretDependentResource extends OwnedDependentResource<Secret> {

  public CredentialsSecretDependentResource() {
    super(Secret.class);
  }

  @Override
  protected Secret desired(CameraStream primary, Context<CameraStream> context) {
    return DesiredStates.get(context).credentialsSecret();
  }

  @Override
  protected ResourceID targetSecondaryResourceID(CameraStream primary, Context<CameraStream> context) {
    return new ResourceID(ResourceNames.credentialsSecret(primary), primary.getMetadata().getNamespace());
  }
}
