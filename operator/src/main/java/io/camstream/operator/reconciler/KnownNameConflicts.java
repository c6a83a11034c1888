package io.camstream.operator.reconciler;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.validation.NameConflictCheck;
import io.camstream.operator.validation.SpecProblem;
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
   * @param notYetOwned the objects this reconcile would create
   * @return the conflict, when the name is still wanted and still taken by an object this CameraStream does not own
   */
  Optional<SpecProblem> stillThere(CameraStream cameraStream, List<HasMetadata> notYetOwned,
      KubernetesClient client) {
    ResourceID id = ResourceID.fromResource(cameraStream);
    HasMetadata known = conflicts.get(id);
    if (known == null) {
      return Optional.empty();
    }
    Optional<HasMetadata> stillWanted = notYetOwned.stream()
        .filter(object -> object.getKind().equals(known.getKind())
            && object.getMetadata().getName().equals(known.getMetadata().getName()))
        .findFirst();
    Optional<SpecProblem> problem = stillWanted.flatMap(wanted -> NameConflictCheck.check(cameraStream,
        List.of(wanted), object -> Optional.ofNullable(client.resource(object).get())));
    if (problem.isEmpty()) {
      conflicts.remove(id);
    }
    return problem;
  }
}
