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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * PersistentVolumeClaim {@code <name>-recordings}, while {@code spec.recording} is set. Created and updated, never
 * deleted by the operator (it is no {@code Deleter}): removing {@code spec.recording} leaves the recordings where
 * they are; with {@code reclaimPolicy: Delete} the claim is owned and goes with the CameraStream.
 *
 * <p>A bound claim's spec is immutable but for its requested size, and the API server fills in fields of its own
 * (volume name, default StorageClass, volume mode), so an update never writes the desired object over the live
 * one: it changes exactly the labels, camstream's owner reference and a larger size on the live object. Events map
 * to their CameraStream by label, since a retained claim carries no owner reference.
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

  @Override
  public PersistentVolumeClaim update(PersistentVolumeClaim actual, PersistentVolumeClaim desired,
      CameraStream primary, Context<CameraStream> context) {
    PersistentVolumeClaim updated = context.getClient().getKubernetesSerialization().clone(actual);
    Map<String, String> labels = new LinkedHashMap<>(labelsOf(actual));
    labels.putAll(labelsOf(desired));
    updated.getMetadata().setLabels(labels);
    updated.getMetadata().setOwnerReferences(referencesAfterUpdate(actual, desired, primary));
    Quantity size = RecordingsVolumeBuilder.requestedSize(desired);
    boolean expands = isLarger(size, RecordingsVolumeBuilder.requestedSize(actual));
    if (expands) {
      updated.getSpec().getResources().getRequests().put(RecordingsVolumeBuilder.STORAGE, size);
    }
    // A PUT carrying the live resourceVersion: a concurrent change answers 409 and the next reconcile retries.
    PersistentVolumeClaim result = context.getClient().resource(updated).update();
    EventRecorder.of(context).normal(primary, RECORDINGS_VOLUME_UPDATED, expands
        ? "Requested " + size + " for PersistentVolumeClaim " + actual.getMetadata().getName()
            + " (was " + RecordingsVolumeBuilder.requestedSize(actual) + ")"
        : "Updated labels and owner of PersistentVolumeClaim " + actual.getMetadata().getName()
            + (RecordingsVolumeBuilder.owned(primary) ? ": deleted with the CameraStream"
                : ": kept when the CameraStream is deleted"));
    return result;
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
