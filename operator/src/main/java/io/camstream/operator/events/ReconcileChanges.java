package io.camstream.operator.events;

import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one reconcile changed on the cluster, collected from the dependent resources as the workflow runs them
 * (possibly in parallel) and announced once at its end, so that creating a server and ten streamers is one Event.
 */
public final class ReconcileChanges {
  private static final String KEY = ReconcileChanges.class.getName();

  private final AtomicReference<String> mediaServerCreated = new AtomicReference<>();
  /** camera → its streamer Deployment, sorted by camera so equal changes give equal messages. */
  private final Map<String, String> added = new ConcurrentSkipListMap<>();
  private final Map<String, String> updated = new ConcurrentSkipListMap<>();
  private final Map<String, String> removed = new ConcurrentSkipListMap<>();
  private final List<HasMetadata> created = new CopyOnWriteArrayList<>();
  private final java.util.Set<String> takenBack = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean undone;

  /** A fresh collector for this reconcile, where the dependents find it. */
  public static ReconcileChanges start(Context<CameraStream> context) {
    ReconcileChanges changes = new ReconcileChanges();
    context.managedWorkflowAndDependentResourceContext().put(KEY, changes);
    return changes;
  }

  public static ReconcileChanges of(Context<CameraStream> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, ReconcileChanges.class);
  }

  public void mediaServerCreated(String deployment) {
    mediaServerCreated.set(deployment);
  }

  /** Any object this reconcile created. */
  public void created(HasMetadata object) {
    created.add(object);
  }

  /**
   * An object of this CameraStream's a create found already there, out of the operator's caches because it lost
   * camstream's labels, and wrote back: not created (a name conflict never removes it, no Event announces it).
   */
  public void takenBack(HasMetadata object) {
    takenBack.add(object.getMetadata().getUid());
  }

  public boolean wasTakenBack(HasMetadata object) {
    return object.getMetadata().getUid() != null && takenBack.contains(object.getMetadata().getUid());
  }

  /** What this reconcile created, newest last. */
  public List<HasMetadata> createdObjects() {
    return List.copyOf(created);
  }

  /** The change was taken back: there is nothing to announce. */
  public void undone() {
    undone = true;
  }

  public void cameraAdded(String camera, String deployment) {
    added.put(camera, deployment);
  }

  public void cameraUpdated(String camera, String deployment) {
    updated.put(camera, deployment);
  }

  public void cameraRemoved(String camera, String deployment) {
    removed.put(camera, deployment);
  }

  /** The Events to record: one per kind of change, never one per object. */
  public List<EventContent> events() {
    if (undone) {
      return List.of();
    }
    return ChangeEvents.of(Optional.ofNullable(mediaServerCreated.get()), Map.copyOf(added), Map.copyOf(updated),
        Map.copyOf(removed));
  }
}
