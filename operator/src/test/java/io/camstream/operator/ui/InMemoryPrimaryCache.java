package io.camstream.operator.ui;

import io.camstream.operator.api.CameraStream;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** JOSDK's primary cache as the wall sees it, filled by the test; every put is a new resourceVersion. */
final class InMemoryPrimaryCache implements IndexedResourceCache<CameraStream> {
  private final Map<ResourceID, CameraStream> resources = new ConcurrentHashMap<>();
  private final AtomicLong versions = new AtomicLong();

  void put(CameraStream cameraStream) {
    cameraStream.getMetadata().setResourceVersion(Long.toString(versions.incrementAndGet()));
    if (cameraStream.getMetadata().getUid() == null) {
      cameraStream.getMetadata().setUid("uid-" + cameraStream.getMetadata().getName());
    }
    resources.put(ResourceID.fromResource(cameraStream), cameraStream);
  }

  void remove(CameraStream cameraStream) {
    resources.remove(ResourceID.fromResource(cameraStream));
  }

  @Override
  public Optional<CameraStream> get(ResourceID resourceID) {
    return Optional.ofNullable(resources.get(resourceID));
  }

  @Override
  public Stream<ResourceID> keys() {
    return resources.keySet().stream();
  }

  @Override
  public Stream<CameraStream> list(Predicate<CameraStream> predicate) {
    return resources.values().stream().filter(predicate);
  }

  @Override
  public Stream<CameraStream> list(String namespace, Predicate<CameraStream> predicate) {
    return list(predicate.and(cs -> namespace.equals(cs.getMetadata().getNamespace())));
  }

  @Override
  public List<CameraStream> byIndex(String indexName, String indexKey) {
    throw new UnsupportedOperationException("the wall uses no index");
  }
}
