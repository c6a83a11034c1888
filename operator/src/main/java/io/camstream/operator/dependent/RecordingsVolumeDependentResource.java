package io.camstream.operator.dependent;

import io.camstream.operator.OperatorClient;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.Recording;
import io.camstream.operator.desired.RecordingsVolumeBuilder;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.events.EventRecorder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * PersistentVolumeClaim {@code <name>-recordings}, while {@code spec.recording} is set. Created and updated, never
 * deleted by the operator (it is no {@code Deleter}): removing {@code spec.recording} leaves the recordings where
 * they are; with {@code reclaimPolicy: Delete} the claim is owned and goes with the CameraStream.
 *
 * <p>A bound claim's spec is immutable but for its requested size, and the API server fills in fields of its own
 * (volume name, default StorageClass, volume mode), so an update never writes the desired object over the live
 * one: it changes exactly the labels, camstream's owner reference and a larger size on the live object, each on its
 * own (see {@link #update}). Events map to their CameraStream by label, since a retained claim carries no owner
 * reference.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_MEDIAMTX_SELECTOR,
    informerListLimit = OperatorClient.LIST_PAGE_SIZE))
public class RecordingsVolumeDependentResource
    extends KubernetesDependentResource<PersistentVolumeClaim, CameraStream>
    implements Creator<PersistentVolumeClaim, CameraStream>, Updater<PersistentVolumeClaim, CameraStream>,
    SecondaryToPrimaryMapper<PersistentVolumeClaim> {
  public static final String RECORDINGS_VOLUME_CREATED = "RecordingsVolumeCreated";
  public static final String RECORDINGS_VOLUME_UPDATED = "RecordingsVolumeUpdated";

  public RecordingsVolumeDependentResource() {
    super(PersistentVolumeClaim.class);
  }

  @Override
  protected PersistentVolumeClaim desired(CameraStream primary, Context<CameraStream> context) {
    return DesiredStates.get(context).recordings().orElseThrow();
  }

  @Override
  protected ResourceID targetSecondaryResourceID(CameraStream primary, Context<CameraStream> context) {
    return new ResourceID(ResourceNames.recordings(primary), primary.getMetadata().getNamespace());
  }

  @Override
  public Set<ResourceID> toPrimaryResourceIDs(PersistentVolumeClaim claim) {
    Map<String, String> labels = claim.getMetadata().getLabels();
    String cameraStream = labels == null ? null : labels.get(Labels.CAMERA_STREAM);
    return cameraStream == null ? Set.of() : Set.of(new ResourceID(cameraStream, claim.getMetadata().getNamespace()));
  }

  /** The builder decides the owner reference ({@code reclaimPolicy}); nothing is added here. */
  @Override
  protected void addReferenceHandlingMetadata(PersistentVolumeClaim desired, CameraStream primary) {
  }

  @Override
  public Matcher.Result<PersistentVolumeClaim> match(PersistentVolumeClaim actual, CameraStream primary,
      Context<CameraStream> context) {
    PersistentVolumeClaim desired = desired(primary, context);
    boolean matches = labelsOf(actual).entrySet().containsAll(labelsOf(desired).entrySet())
        && uids(referencesOf(actual)).equals(uids(referencesAfterUpdate(actual, desired, primary)))
        && !isLarger(RecordingsVolumeBuilder.requestedSize(desired), RecordingsVolumeBuilder.requestedSize(actual));
    return Matcher.Result.computed(matches, desired);
  }

  /**
   * Writes what differs, one change at a time, each on the claim the previous one left: its labels, then camstream's
   * owner reference, then a larger size. The API server may refuse the last two on their own — owners where only who
   * may delete the claim may change them ({@code OwnerReferencesPermissionEnforcement}, default on OpenShift), the size
   * where the claim cannot grow ({@code PersistentVolumeClaimResize}) — and then the rest is still written, and the
   * refusal is reported ({@link ApiRefusals}). Each is a PUT carrying the live resourceVersion: a concurrent change
   * answers 409 and the next reconcile retries.
   */
  @Override
  public PersistentVolumeClaim update(PersistentVolumeClaim actual, PersistentVolumeClaim desired,
      CameraStream primary, Context<CameraStream> context) {
    ApiRefusals refusals = ApiRefusals.of(context);
    List<String> done = new ArrayList<>();
    PersistentVolumeClaim current = actual;
    if (!labelsOf(actual).entrySet().containsAll(labelsOf(desired).entrySet())) {
      Map<String, String> labels = new LinkedHashMap<>(labelsOf(actual));
      labels.putAll(labelsOf(desired));
      current = write(current, claim -> claim.getMetadata().setLabels(labels), context);
      done.add("labels");
    }
    List<OwnerReference> references = referencesAfterUpdate(actual, desired, primary);
    if (!uids(referencesOf(actual)).equals(uids(references))) {
      try {
        current = write(current, claim -> claim.getMetadata().setOwnerReferences(references), context);
        done.add(RecordingsVolumeBuilder.owned(primary) ? "owner: deleted with the CameraStream"
            : "owner removed: kept when the CameraStream is deleted");
      } catch (KubernetesClientException e) {
        if (!isForbiddenOwnerChange(e)) {
          throw e;
        }
        refusals.recordingsOwnership(e);
      }
    }
    Quantity size = RecordingsVolumeBuilder.requestedSize(desired);
    Quantity was = RecordingsVolumeBuilder.requestedSize(actual);
    if (isLarger(size, was)) {
      try {
        current = write(current, claim -> claim.getSpec().getResources().getRequests()
            .put(RecordingsVolumeBuilder.STORAGE, size), context);
        done.add("requested " + size + " (was " + was + ")");
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
          throw e;
        }
        refusals.recordingsGrowth(e);
      }
    }
    if (!done.isEmpty()) {
      EventRecorder.of(context).normal(primary, RECORDINGS_VOLUME_UPDATED, "PersistentVolumeClaim "
          + actual.getMetadata().getName() + ": " + String.join("; ", done));
    }
    return current;
  }

  private static PersistentVolumeClaim write(PersistentVolumeClaim live, Consumer<PersistentVolumeClaim> change,
      Context<CameraStream> context) {
    PersistentVolumeClaim changed = context.getClient().getKubernetesSerialization().clone(live);
    change.accept(changed);
    return context.getClient().resource(changed).update();
  }

  /** The plugin's refusal ("cannot set an ownerRef on a resource you can't delete"), not a missing update right. */
  private static boolean isForbiddenOwnerChange(KubernetesClientException e) {
    return e.getCode() == HttpURLConnection.HTTP_FORBIDDEN && e.getStatus() != null
        && e.getStatus().getMessage() != null && e.getStatus().getMessage().contains("ownerRef");
  }

  @Override
  protected void onCreated(CameraStream primary, PersistentVolumeClaim created, Context<CameraStream> context) {
    super.onCreated(primary, created, context);
    EventRecorder.of(context).normal(primary, RECORDINGS_VOLUME_CREATED,
        "Created PersistentVolumeClaim " + created.getMetadata().getName() + " ("
            + RecordingsVolumeBuilder.requestedSize(created) + ", "
            + (RecordingsVolumeBuilder.owned(primary) ? "deleted with the CameraStream"
                : "kept when the CameraStream is deleted") + ")");
  }

  private static boolean isLarger(Quantity a, Quantity b) {
    return a != null && (b == null || a.getNumericalAmount().compareTo(b.getNumericalAmount()) > 0);
  }

  /**
   * The live claim's owner references with camstream's replaced by the desired one (none for Retain). A reference
   * to an earlier CameraStream of the same name (a claim taken over) goes too: one controller only.
   */
  private static List<OwnerReference> referencesAfterUpdate(PersistentVolumeClaim actual,
      PersistentVolumeClaim desired, CameraStream primary) {
    List<OwnerReference> references = new ArrayList<>(referencesOf(actual));
    references.removeIf(reference -> isCameraStreamReference(reference, primary));
    references.addAll(referencesOf(desired));
    return references;
  }

  private static Set<String> uids(List<OwnerReference> references) {
    return references.stream().map(OwnerReference::getUid).collect(java.util.stream.Collectors.toSet());
  }

  private static boolean isCameraStreamReference(OwnerReference reference, CameraStream primary) {
    return Objects.equals(primary.getMetadata().getUid(), reference.getUid())
        || (primary.getKind().equals(reference.getKind())
            && primary.getMetadata().getName().equals(reference.getName()));
  }

  private static Map<String, String> labelsOf(PersistentVolumeClaim claim) {
    return claim.getMetadata().getLabels() == null ? Map.of() : claim.getMetadata().getLabels();
  }

  private static List<OwnerReference> referencesOf(PersistentVolumeClaim claim) {
    return claim.getMetadata().getOwnerReferences() == null ? List.of() : claim.getMetadata().getOwnerReferences();
  }

  /** The precondition of this dependent: {@code spec.recording} is set. */
  public static final class RecordingConfigured implements Condition<PersistentVolumeClaim, CameraStream> {
    @Override
    public boolean isMet(DependentResource<PersistentVolumeClaim, CameraStream> dependentResource,
        CameraStream primary, Context<CameraStream> context) {
      return Recording.configured(primary);
    }
  }
}
