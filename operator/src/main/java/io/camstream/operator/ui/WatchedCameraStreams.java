package io.camstream.operator.ui;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.health.LiveTraffic;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The CameraStreams the operator watches, read from JOSDK's own primary-resource cache (the informer that drives
 * reconciliation): a viewer costs no API-server request, and every operator replica has it, leader or not. The
 * reconciler hands the cache over when JOSDK prepares its event sources; until then the wall sees nothing.
 */
public final class WatchedCameraStreams {
  private static final Comparator<CameraStream> BY_NAMESPACE_AND_NAME = Comparator
      .comparing((CameraStream cs) -> cs.getMetadata().getNamespace())
      .thenComparing(cs -> cs.getMetadata().getName());

  private final AtomicReference<IndexedResourceCache<CameraStream>> cache = new AtomicReference<>();
  private volatile LiveTraffic traffic = LiveTraffic.NONE;

  /** Called once per controller registration with JOSDK's primary cache. */
  public void attach(IndexedResourceCache<CameraStream> primaryCache) {
    cache.set(primaryCache);
  }

  /** The cameras' readers and bitrate as push health last measured them (the status leaves them out). */
  public void attachTraffic(LiveTraffic measured) {
    traffic = measured;
  }

  public LiveTraffic traffic() {
    return traffic;
  }

  /** Every watched CameraStream, ordered by namespace then name. */
  public List<CameraStream> all() {
    IndexedResourceCache<CameraStream> current = cache.get();
    if (current == null) {
      return List.of();
    }
    return current.list().sorted(BY_NAMESPACE_AND_NAME).toList();
  }

  public Optional<CameraStream> find(String namespace, String name) {
    IndexedResourceCache<CameraStream> current = cache.get();
    return current == null ? Optional.empty() : current.get(new ResourceID(name, namespace));
  }

  static boolean hasCamera(CameraStream cameraStream, String camera) {
    return cameraStream.getSpec() != null && cameraStream.getSpec().getCameras() != null
        && cameraStream.getSpec().getCameras().stream().anyMatch(c -> camera.equals(c.getName()));
  }

  /** {@code readers: authenticated}: the wall adds no credentials, so it proxies nothing of such a camera. */
  static boolean readersNeedCredentials(CameraStream cameraStream) {
    return cameraStream.getSpec() != null && cameraStream.getSpec().getMediamtx() != null
        && cameraStream.getSpec().getMediamtx().getReaders() == ReaderAccess.AUTHENTICATED;
  }
}
