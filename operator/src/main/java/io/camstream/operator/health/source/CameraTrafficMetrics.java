package io.camstream.operator.health.source;

import io.camstream.operator.health.CameraTraffic;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Each camera's traffic as gauges, for dashboards and capacity planning (the status does not carry it):
 * {@code camstream_camera_readers{namespace, camerastream, camera}} and
 * {@code camstream_camera_inbound_bitrate_bits_per_second{namespace, camerastream, camera}}, the labels of
 * {@code camstream_camera_publishing}. A camera has a series only while its value is known (the API answered; the
 * bitrate from a session's second poll on); a deleted CameraStream or camera loses its series at once. Only the
 * replica that polls MediaMTX exports them.
 */
final class CameraTrafficMetrics {
  static final String READERS = "camstream.camera.readers";
  static final String INBOUND_BITRATE = "camstream.camera.inbound.bitrate.bits.per.second";

  private final MeterRegistry registry;
  /** What each registered gauge reads, by its series. */
  private final Map<Key, Double> values = new ConcurrentHashMap<>();
  /**
   * The gauges registered, by series: a series that goes is removed by its meter, not found by a search of the
   * registry, which walks every meter (at 10,000 cameras, each poll of each CameraStream walked 20,000 of them).
   */
  private final Map<Key, Gauge> gauges = new ConcurrentHashMap<>();
  private final Map<ResourceID, Set<Key>> registered = new ConcurrentHashMap<>();

  private record Key(String metric, ResourceID cameraStream, String camera) {
  }

  CameraTrafficMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The series of one CameraStream, now exactly these cameras' known values. */
  synchronized void show(ResourceID cameraStream, Map<String, CameraTraffic> traffic) {
    Set<Key> known = new HashSet<>();
    for (CameraTraffic camera : traffic.values()) {
      set(known, READERS, "Readers of the camera's MediaMTX path (WebRTC, RTSP, HLS sessions...), as last polled",
          cameraStream, camera, c -> c.readers() == null ? null : c.readers().doubleValue());
      set(known, INBOUND_BITRATE, "What MediaMTX received from the camera between the last two polls, bit/s",
          cameraStream, camera, c -> c.inboundBitsPerSecond() == null ? null : c.inboundBitsPerSecond().doubleValue());
    }
    Set<Key> before = registered.getOrDefault(cameraStream, Set.of());
    for (Key gone : before) {
      if (!known.contains(gone)) {
        Gauge gauge = gauges.remove(gone);
        if (gauge != null) {
          registry.remove(gauge);
        }
        values.remove(gone);
      }
    }
    if (known.isEmpty()) {
      registered.remove(cameraStream);
    } else {
      registered.put(cameraStream, known);
    }
  }

  private void set(Set<Key> known, String metric, String description, ResourceID cameraStream, CameraTraffic camera,
      Function<CameraTraffic, Double> value) {
    Double measured = value.apply(camera);
    if (measured == null) {
      return;
    }
    Key key = new Key(metric, cameraStream, camera.camera());
    known.add(key);
    if (values.put(key, measured) == null) {
      gauges.put(key, Gauge.builder(metric, values, all -> all.getOrDefault(key, Double.NaN))
          .description(description)
          .tags(tags(key))
          .register(registry));
    }
  }

  private static Tags tags(Key key) {
    return Tags.of("namespace", key.cameraStream().getNamespace().orElse(""), "camerastream",
        key.cameraStream().getName(), "camera", key.camera());
  }
}
