package io.camstream.operator.dependent;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.DesiredStateHash;
import io.camstream.operator.desired.OwnerReferences;
import io.camstream.operator.events.ReconcileChanges;
import io.camstream.operator.validation.NameConflict;
import io.camstream.operator.validation.NameConflictCheck;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of every object a CameraStream owns: a <em>controller</em> owner reference, so Kubernetes garbage
 * collection deletes it with the CameraStream and tools see which object manages it.
 *
 * <p>Matching is immune to what the API server does to a stored object (defaults, dropped zero values, canonical
 * quantities, allocated addresses): an object matches when it carries the {@link DesiredStateHash} of the desired
 * one and camstream's controller reference, so an unchanged object is never written. A changed one is written as
 * {@link OwnedFields#keepingOthers}: camstream's fields replaced, what others own kept.
 */
public abstract class OwnedDependentResource<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, CameraStream> {
  private static final Logger log = LoggerFactory.getLogger(OwnedDependentResource.class);

  protected OwnedDependentResource(Class<R> resourceType) {
    super(resourceType);
  }

  /**
   * A create without a read before it: "already exists" then tells a foreign object (a {@link NameConflict}) from
   * our own one the caches do not show. That is one the informer has not delivered yet, or one that lost
   * camstream's labels ({@code kubectl label --overwrite}, a GitOps tool) and so left the label-filtered cache: it is
   * written back with the desired state, its labels restored, unless it already carries exactly that.
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
      if (existing == null || !NameConflictCheck.isOwnedBy(existing, primary)) {
        throw new NameConflict(NameConflictCheck.problem(primary, desired), desired);
      }
      ReconcileChanges.of(context).takenBack(existing);
      if (carriesDesiredLabels(existing, desired)
          && match(existing, desired, primary, context).matched()) {
        return existing;
      }
      log.info("{} {}/{} had lost camstream's labels; writing it back as CameraStream {} wants it",
          existing.getKind(), existing.getMetadata().getNamespace(), existing.getMetadata().getName(),
          primary.getMetadata().getName());
      return update(existing, desired, primary, context);
    }
  }

  /**
   * Every object a reconcile creates is remembered, so that a name conflict can take the change back; one taken back
   * after losing its labels was not created.
   */
  @Override
  protected final void onCreated(CameraStream primary, R created, Context<CameraStream> context) {
    super.onCreated(primary, created, context);
    ReconcileChanges changes = ReconcileChanges.of(context);
    if (!changes.wasTakenBack(created)) {
      changes.created(created);
      announceCreated(primary, created, context);
    }
  }

  /** A subclass's announcement of an object this reconcile really created. */
  protected void announceCreated(CameraStream primary, R created, Context<CameraStream> context) {
  }

  private static boolean carriesDesiredLabels(HasMetadata existing, HasMetadata desired) {
    java.util.Map<String, String> labels = existing.getMetadata().getLabels();
    java.util.Map<String, String> wanted = desired.getMetadata().getLabels();
    return wanted == null || (labels != null && labels.entrySet().containsAll(wanted.entrySet()));
  }

  /**
   * By hash alone: the desired object is built only when the stored one does not carry the hash it would have, to be
   * rewritten (JOSDK then asks {@link #desired}).
   */
  @Override
  public Result<R> match(R actual, CameraStream primary, Context<CameraStream> context) {
    return DesiredStates.lazy(context).hashes().of(actual)
        .map(wanted -> Result.<R>nonComputed(matches(actual, wanted, primary)))
        .orElseGet(() -> super.match(actual, primary, context));
  }

  @Override
  public Result<R> match(R actual, R desired, CameraStream primary, Context<CameraStream> context) {
    return Result.computed(matches(actual, DesiredStateHash.stamped(desired), primary), desired);
  }

  /** Written from the desired state of this hash, and controlled by this CameraStream. */
  private static boolean matches(HasMetadata actual, String wantedHash, CameraStream primary) {
    return DesiredStateHash.writtenWith(actual, wantedHash) && isControlledBy(actual, primary);
  }

  @Override
  public R update(R actual, R desired, CameraStream primary, Context<CameraStream> context) {
    R merged = OwnedFields.keepingOthers(actual, desired);
    addMetadata(false, actual, merged, primary, context);
    return prepare(context, merged, primary, "Updating").update();
  }

  private static boolean isControlledBy(HasMetadata actual, CameraStream primary) {
    List<OwnerReference> references = actual.getMetadata().getOwnerReferences();
    return references != null && references.stream().anyMatch(reference -> Boolean.TRUE.equals(
        reference.getController()) && primary.getMetadata().getUid().equals(reference.getUid()));
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
