package io.camstream.operator.validation;

import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;

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
   * @param sameNamed live objects under the kinds and names this CameraStream creates
   * @return a NameConflict for each one this CameraStream does not own, in the order given
   */
  public static List<SpecProblem> check(CameraStream owner, List<HasMetadata> sameNamed) {
    return sameNamed.stream().filter(live -> !isOwnedBy(live, owner)).map(live -> problem(owner, live)).toList();
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
