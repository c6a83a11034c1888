package io.camstream.operator.observation;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.OwnedName;
import io.camstream.operator.validation.NameConflictCheck;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names a create found taken by a foreign object, per CameraStream: while one is still wanted, a retry reads that
 * object (one request) instead of creating its change and taking it back again. In memory only: after a restart the
 * first retry finds the conflict again.
 */
final class KnownNameConflicts {
  private final Map<ResourceID, HasMetadata> conflicts = new ConcurrentHashMap<>();

  void remember(CameraStream cameraStream, HasMetadata wanted) {
    conflicts.put(ResourceID.fromResource(cameraStream), wanted);
  }

  /**
   * @param notYetOwned the names this reconcile would create under
   * @return the live object, when its name is still wanted and still taken by an object this CameraStream does not
   *     own
   */
  Optional<HasMetadata> stillThere(CameraStream cameraStream, List<OwnedName> notYetOwned, KubernetesClient client) {
    ResourceID id = ResourceID.fromResource(cameraStream);
    HasMetadata known = conflicts.get(id);
    if (known == null) {
      return Optional.empty();
    }
    boolean stillWanted = notYetOwned.stream().anyMatch(name -> name.isNameOf(known));
    Optional<HasMetadata> live = stillWanted ? Optional.ofNullable(client.resource(known).get()) : Optional.empty();
    Optional<HasMetadata> foreign = live.filter(object -> !NameConflictCheck.isOwnedBy(object, cameraStream));
    if (foreign.isEmpty()) {
      conflicts.remove(id);
    }
    return foreign;
  }
}
