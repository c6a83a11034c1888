package io.camstream.operator.validation;

import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * camstream never adopts or overwrites an object it does not own: if a name it would create is taken by an
 * object without this CameraStream's owner reference (a user's Deployment, another CameraStream's streamer),
 * reconciliation stops with reason NameConflict and this CameraStream's change is not made. Objects of other
 * CameraStreams are found in the informer caches before anything is written; foreign objects, which no cache holds,
 * when their create is refused as "already exists" (no request before a create), and then the objects this
 * reconcile created are removed again.
 */
public final class NameConflictCheck {
  private NameConflictCheck() {
  }

  /**
   * @param desired the objects this CameraStream should own
   * @param existing reads the live object of the same kind, namespace and name, empty when there is none
   */
  public static Optional<SpecProblem> check(CameraStream owner, List<HasMetadata> desired,
      Function<HasMetadata, Optional<HasMetadata>> existing) {
    for (HasMetadata object : desired) {
      Optional<HasMetadata> live = existing.apply(object);
      if (live.isPresent() && !isOwnedBy(live.get(), owner)) {
        return Optional.of(problem(owner, object));
      }
    }
    return Optional.empty();
  }

  public static SpecProblem problem(CameraStream owner, HasMetadata object) {
    return new SpecProblem(SpecProblem.NAME_CONFLICT,
        object.getKind() + " \"" + object.getMetadata().getName() + "\" already exists in namespace "
            + owner.getMetadata().getNamespace() + " and is not managed by this CameraStream;"
            + " rename or remove it, or rename the CameraStream or camera");
  }

  public static boolean isOwnedBy(HasMetadata object, CameraStream owner) {
    List<OwnerReference> references = object.getMetadata().getOwnerReferences();
    String uid = owner.getMetadata().getUid();
    return references != null && uid != null && references.stream().anyMatch(r -> uid.equals(r.getUid()));
  }
}
