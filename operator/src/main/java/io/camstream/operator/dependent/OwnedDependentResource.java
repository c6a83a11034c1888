package io.camstream.operator.dependent;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.OwnerReferences;
import io.camstream.operator.events.ReconcileChanges;
import io.camstream.operator.validation.NameConflict;
import io.camstream.operator.validation.NameConflictCheck;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import java.net.HttpURLConnection;
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

  /**
   * A create without a read before it: "already exists" then tells a foreign object (a {@link NameConflict}) from
   * our own one the informer has not delivered yet, which is taken as created.
   */
  @Override
  public R create(R desired, CameraStream primary, Context<CameraStream> context) {
    try {
      return super.create(desired, primary, context);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      R existing = context.getClient().resource(desired).get();
      if (existing != null && NameConflictCheck.isOwnedBy(existing, primary)) {
        return existing;
      }
      throw new NameConflict(NameConflictCheck.problem(primary, desired), desired);
    }
  }

  /** Every object a reconcile creates is remembered, so that a name conflict can take the change back. */
  @Override
  protected void onCreated(CameraStream primary, R created, Context<CameraStream> context) {
    super.onCreated(primary, created, context);
    ReconcileChanges.of(context).created(created);
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
