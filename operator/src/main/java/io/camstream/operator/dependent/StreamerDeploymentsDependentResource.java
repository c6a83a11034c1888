package io.camstream.operator.dependent;

import io.camstream.operator.OperatorClient;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.events.ReconcileChanges;
import io.camstream.operator.validation.NameConflict;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One streamer Deployment per camera, as a bulk dependent keyed by the Deployment's id: a camera added is one
 * create, a camera removed is one delete, and every other streamer is matched and left alone.
 *
 * <p>One camera's failure never stops the others: JOSDK's bulk reconciler stops at the first failing object, so a
 * camera whose Deployment the API server refuses would keep every camera after it from being created or updated.
 * Here each camera is written on its own; one rejected as invalid is held ({@link ApiRefusals}) and reported,
 * and any other failure (a 409, a 5xx, a timeout) fails the reconcile once the other cameras are written, so it is
 * retried.
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

  /**
   * Each camera's streamer matched by its hash ({@link DesiredStates}): the Deployments themselves are built only when
   * one is created or rewritten.
   */
  @Override
  public ReconcileResult<Deployment> reconcile(CameraStream primary, Context<CameraStream> context) {
    Map<ResourceID, Deployment> actual = getSecondaryResources(primary, context);
    List<ResourceID> wanted = DesiredStates.lazy(context).hashes().streamers().stream()
        .map(name -> new ResourceID(name, primary.getMetadata().getNamespace())).toList();
    ApiRefusals refused = ApiRefusals.of(context);
    List<ReconcileResult<Deployment>> results = new ArrayList<>();
    RuntimeException retry = null;
    for (Map.Entry<ResourceID, Deployment> live : actual.entrySet()) {
      if (!wanted.contains(live.getKey())) {
        retry = firstFailure(retry, () -> deleteTargetResource(primary, live.getValue(), live.getKey(), context));
      }
    }
    for (ResourceID id : wanted) {
      try {
        results.add(reconcile(primary, id, actual.get(id), context));
      } catch (KubernetesClientException e) {
        if (ApiRefusals.isRejection(e)) {
          refused.streamer(camera(desired(primary, id, context)), e);
        } else if (retry == null) {
          retry = e;
        }
      } catch (NameConflict e) {
        throw e;
      } catch (RuntimeException e) {
        retry = retry == null ? e : retry;
      }
    }
    if (retry != null) {
      throw retry;
    }
    return ReconcileResult.aggregatedResult(results);
  }

  /** One camera's streamer, as JOSDK reconciles one object: created when missing, updated unless it matches. */
  private ReconcileResult<Deployment> reconcile(CameraStream primary, ResourceID id, Deployment live,
      Context<CameraStream> context) {
    if (live == null) {
      return ReconcileResult.resourceCreated(handleCreate(desired(primary, id, context), primary, context));
    }
    if (!match(live, primary, context).matched()) {
      return ReconcileResult.resourceUpdated(handleUpdate(live, desired(primary, id, context), primary, context));
    }
    return ReconcileResult.noOperation(live);
  }

  /** One camera's desired streamer, built only now that it is written. */
  private Deployment desired(CameraStream primary, ResourceID id, Context<CameraStream> context) {
    return desiredResources(primary, context).get(id);
  }

  private static RuntimeException firstFailure(RuntimeException first, Runnable write) {
    try {
      write.run();
      return first;
    } catch (RuntimeException e) {
      return first == null ? e : first;
    }
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
  protected void announceCreated(CameraStream primary, Deployment created, Context<CameraStream> context) {
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
