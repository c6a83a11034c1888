package io.camstream.operator.desired;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link DesiredStateHash} each object of a desired state is stamped with, by kind and name, and the names of its
 * streamer Deployments in spec order: what matching needs, kilobytes instead of the objects themselves.
 */
public record DesiredHashes(Map<String, String> byObject, List<String> streamers) {
  public DesiredHashes {
    byObject = Map.copyOf(byObject);
    streamers = List.copyOf(streamers);
  }

  public static DesiredHashes of(DesiredState desired) {
    Map<String, String> byObject = new LinkedHashMap<>();
    desired.all().forEach(object -> byObject.put(key(object), DesiredStateHash.stamped(object)));
    return new DesiredHashes(byObject, desired.streamers().values().stream()
        .map(streamer -> streamer.getMetadata().getName()).toList());
  }

  /** The hash the desired object of this kind and name carries; empty for an object the desired state lacks. */
  public Optional<String> of(HasMetadata object) {
    return Optional.ofNullable(byObject.get(key(object)));
  }

  private static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }
}
