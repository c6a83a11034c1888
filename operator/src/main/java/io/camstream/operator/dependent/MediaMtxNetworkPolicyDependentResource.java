package io.camstream.operator.dependent;

import io.camstream.operator.OperatorClient;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.ResourceNames;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** NetworkPolicy {@code <name>-mediamtx}. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_MEDIAMTX_SELECTOR,
    informerListLimit = OperatorClient.LIST_PAGE_SIZE))
public class MediaMtxNetworkPolicyDependentResource extends OwnedDependentResource<NetworkPolicy> {

  public MediaMtxNetworkPolicyDependentResource() {
    super(NetworkPolicy.class);
  }

  @Override
  protected NetworkPolicy desired(CameraStream primary, Context<CameraStream> context) {
    return DesiredStates.get(context).networkPolicy();
  }

  @Override
  protected ResourceID targetSecondaryResourceID(CameraStream primary, Context<CameraStream> context) {
    return new ResourceID(ResourceNames.mediaMtx(primary), primary.getMetadata().getNamespace());
  }
}
