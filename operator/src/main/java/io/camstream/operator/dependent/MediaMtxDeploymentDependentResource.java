package io.camstream.operator.dependent;

import io.camstream.operator.OperatorClient;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.events.ReconcileChanges;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** Deployment {@code <name>-mediamtx}: the media server. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_MEDIAMTX_SELECTOR,
    informerListLimit = OperatorClient.LIST_PAGE_SIZE, onUpdateFilter = MediaServerChanged.class))
public class MediaMtxDeploymentDependentResource
    extends OwnedDependentResource<Deployment> {

  public MediaMtxDeploymentDependentResource() {
    super(Deployment.class);
  }

  @Override
  protected Deployment desired(CameraStream primary, Context<CameraStream> context) {
    return DesiredStates.get(context).mediaMtxDeployment();
  }

  @Override
  protected ResourceID targetSecondaryResourceID(CameraStream primary, Context<CameraStream> context) {
    return new ResourceID(ResourceNames.mediaMtx(primary), primary.getMetadata().getNamespace());
  }

  @Override
  protected void announceCreated(CameraStream primary, Deployment created, Context<CameraStream> context) {
    ReconcileChanges.of(context).mediaServerCreated(created.getMetadata().getName());
  }
}
