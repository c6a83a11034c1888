package io.camstream.operator.dependent;

import io.camstream.operator.OperatorClient;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.events.ReconcileChanges;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One streamer Deployment per camera, as a bulk dependent keyed by the Deployment's id: a camera added is one
 * create, a camera removed is one delete, and every other streamer is matched and left alone.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_STREAMER_SELECTOR,
    informerListLimit = OperatorClient.LIST_PAGE_SIZE,
    onUpdateFilter = SpecOrMetadataChanged.class))
public class StreamerDeploymentsDependentResource extends OwnedDependentResource<Deployment>
    implements CRUDKubernetesBulkDependentResource<Deployment, CameraStream> {

  public StreamerDeploymentsDependentResource() {
    super(Deployment.class);
  }

  @Override
  public Map<ResourceID, Deployment> desiredResources(CameraStream primary, Context<CameraStream> context) {
    Map<ResourceID, Deployment> desired = new LinkedHashMap<>();
    DesiredStates.get(context).streamers().values()
        .forEach(deployment -> desired.put(ResourceID.fromResource(deployment), deployment));
    return desired;
  }

  @Override
  public Map<ResourceID, Deployment> getSecondaryResources(CameraStream primary, Context<CameraStream> context) {
    return context.getSecondaryResourcesAsStream(Deployment.class)
        .filter(deployment -> isStreamerOf(deployment, primary))
        .collect(Collectors.toMap(ResourceID::fromResource, Function.identity(), (a, b) -> a));
  }

  @Override
  public void deleteTargetResource(CameraStream primary, Deployment resource, ResourceID key,
      Context<CameraStream> context) {
    super.deleteTargetResource(primary, resource, key, context);
    ReconcileChanges.of(context).cameraRemoved(camera(resource), resource.getMetadata().getName());
  }

  @Override
  protected void onCreated(CameraStream primary, Deployment created, Context<CameraStream> context) {
    super.onCreated(primary, created, context);
    ReconcileChanges.of(context).cameraAdded(camera(created), created.getMetadata().getName());
  }

  @Override
  protected void onUpdated(CameraStream primary, Deployment updated, Deployment actual,
      Context<CameraStream> context) {
    super.onUpdated(primary, updated, actual, context);
    ReconcileChanges.of(context).cameraUpdated(camera(updated), updated.getMetadata().getName());
  }

  private static boolean isStreamerOf(Deployment deployment, CameraStream primary) {
    Map<String, String> labels = deployment.getMetadata().getLabels();
    return labels != null && Labels.COMPONENT_STREAMER.equals(labels.get(Labels.COMPONENT))
        && primary.getMetadata().getName().equals(labels.get(Labels.CAMERA_STREAM));
  }

  private static String camera(Deployment deployment) {
    Map<String, String> labels = deployment.getMetadata().getLabels();
    return labels == null ? deployment.getMetadata().getName() : labels.get(Labels.CAMERA);
  }
}
