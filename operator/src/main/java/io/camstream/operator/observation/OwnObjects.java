package io.camstream.operator.observation;

import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A CameraStream's own objects as its informers hold them at one moment, each kind read once and looked up by name.
 * JOSDK hands a kind's secondary resources out as a fresh set, hashing every object whole (a Deployment's pod
 * template included); a reconcile looks up a dozen names per kind, so reading the kind once per lookup cost more
 * than the rest of observing.
 */
final class OwnObjects {
  private final Context<CameraStream> context;
  private final Map<Class<?>, Map<String, HasMetadata>> byKind = new HashMap<>();

  OwnObjects(Context<CameraStream> context) {
    this.context = context;
  }

  /** The object of that kind and name this CameraStream owns; the first an informer shows when two do. */
  <T extends HasMetadata> Optional<T> named(Class<T> kind, String name) {
    return Optional.ofNullable(all(kind).get(name)).map(kind::cast);
  }

  /** Every object of that kind, by name, in the order the informers list them. */
  Map<String, HasMetadata> all(Class<? extends HasMetadata> kind) {
    return byKind.computeIfAbsent(kind, read -> context.getSecondaryResourcesAsStream(kind)
        .collect(Collectors.toMap(object -> object.getMetadata().getName(), object -> object, (first, later) -> first,
            LinkedHashMap::new)));
  }
}
