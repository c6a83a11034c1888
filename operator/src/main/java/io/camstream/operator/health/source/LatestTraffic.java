package io.camstream.operator.health.source;

import io.camstream.operator.health.CameraTraffic;
import io.camstream.operator.health.LiveTraffic;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last poll's {@link CameraTraffic} of every CameraStream this operator polls, in memory only: the camera wall
 * and {@link CameraTrafficMetrics} read it; nothing of it is written to the API server.
 */
final class LatestTraffic implements LiveTraffic {
  private final Map<ResourceID, Map<String, CameraTraffic>> byCameraStream = new ConcurrentHashMap<>();
  private final AtomicLong version = new AtomicLong();
  private final CameraTrafficMetrics metrics;

  LatestTraffic(CameraTrafficMetrics metrics) {
    this.metrics = metrics;
  }

  void put(ResourceID cameraStream, List<CameraTraffic> traffic) {
    Map<String, CameraTraffic> cameras = new LinkedHashMap<>();
    traffic.forEach(camera -> cameras.put(camera.camera(), camera));
    Map<String, CameraTraffic> measured = Collections.unmodifiableMap(cameras);
    Map<String, CameraTraffic> before = byCameraStream.put(cameraStream, measured);
    if (!measured.equals(before)) {
      version.incrementAndGet();
      metrics.show(cameraStream, measured);
    }
  }

  void forget(ResourceID cameraStream) {
    if (byCameraStream.remove(cameraStream) != null) {
      version.incrementAndGet();
    }
    metrics.show(cameraStream, Map.of());
  }

  @Override
  public Map<String, CameraTraffic> of(String namespace, String cameraStream) {
    return byCameraStream.getOrDefault(new ResourceID(cameraStream, namespace), Map.of());
  }

  @Override
  public long version() {
    return version.get();
  }
}
