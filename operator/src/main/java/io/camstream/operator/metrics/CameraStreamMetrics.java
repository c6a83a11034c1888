package io.camstream.operator.metrics;

import io.camstream.operator.api.CameraStream;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Gauges per watched CameraStream and per camera, for the fleet dashboard and the alerts, read from the operator's
 * own CameraStream cache (no API-server request) at every scrape:
 * <ul>
 *   <li>{@code camstream_camerastream_cameras{namespace, camerastream}}: cameras declared in the spec;</li>
 *   <li>{@code camstream_camerastream_cameras_publishing{namespace, camerastream}}: those MediaMTX sees publishing,
 *       as the status reports them;</li>
 *   <li>{@code camstream_camera_publishing{namespace, camerastream, camera}}: 1 for a camera MediaMTX sees
 *       publishing, else 0 — pulled cameras included, which have no streamer and so no streamer metrics;</li>
 *   <li>{@code camstream_camerastream_ready{namespace, camerastream, reason}}: 1 when Ready is True, else 0, with
 *       the Ready condition's reason.</li>
 * </ul>
 * The series of a deleted CameraStream or camera disappear at the next scrape. Every replica exports them (followers
 * keep the cache too), so dashboards and alerts take the max over replicas.
 */
public final class CameraStreamMetrics {
  static final String CAMERAS = "camstream.camerastream.cameras";
  static final String CAMERAS_PUBLISHING = "camstream.camerastream.cameras.publishing";
  static final String CAMERA_PUBLISHING = "camstream.camera.publishing";
  static final String READY = "camstream.camerastream.ready";

  private final Supplier<List<CameraStream>> cameraStreams;
  private final Rows cameras;
  private final Rows camerasPublishing;
  private final Rows cameraPublishing;
  private final Rows ready;

  public CameraStreamMetrics(MeterRegistry registry, Supplier<List<CameraStream>> cameraStreams) {
    this.cameraStreams = cameraStreams;
    cameras = new Rows(MultiGauge.builder(CAMERAS)
        .description("Cameras declared in the CameraStream's spec").register(registry));
    camerasPublishing = new Rows(MultiGauge.builder(CAMERAS_PUBLISHING)
        .description("Cameras of the CameraStream that MediaMTX sees publishing").register(registry));
    cameraPublishing = new Rows(MultiGauge.builder(CAMERA_PUBLISHING)
        .description("1 when MediaMTX sees the camera publishing, else 0").register(registry));
    ready = new Rows(MultiGauge.builder(READY)
        .description("1 when the CameraStream's Ready condition is True, else 0; reason: the condition's reason")
        .register(registry));
  }

  /** Replaces every row with the CameraStreams watched now; call it before each scrape. */
  public synchronized void refresh() {
    List<CameraStreamSample> samples = cameraStreams.get().stream().map(CameraStreamSample::of).toList();
    Map<Tags, Integer> declared = new LinkedHashMap<>();
    Map<Tags, Integer> publishing = new LinkedHashMap<>();
    Map<Tags, Integer> perCamera = new LinkedHashMap<>();
    Map<Tags, Integer> readiness = new LinkedHashMap<>();
    for (CameraStreamSample sample : samples) {
      Tags tags = tags(sample);
      declared.put(tags, sample.declared());
      publishing.put(tags, sample.publishing());
      sample.cameras().forEach((camera, on) -> perCamera.put(tags.and("camera", camera), on ? 1 : 0));
      readiness.put(tags.and("reason", sample.reason()), sample.ready() ? 1 : 0);
    }
    cameras.show(declared);
    camerasPublishing.show(publishing);
    cameraPublishing.show(perCamera);
    ready.show(readiness);
  }

  /**
   * One gauge's rows, each reading a value holder that lives as long as its row: a refresh sets the values and
   * registers only the rows that are new. Re-registering every row at every scrape (thousands at 10,000 cameras)
   * cost more than the scrape itself.
   */
  private static final class Rows {
    private final MultiGauge gauge;
    private final Map<Tags, AtomicInteger> values = new HashMap<>();

    Rows(MultiGauge gauge) {
      this.gauge = gauge;
    }

    void show(Map<Tags, Integer> current) {
      values.keySet().retainAll(current.keySet());
      current.forEach((tags, value) -> values.computeIfAbsent(tags, t -> new AtomicInteger()).set(value));
      gauge.register(values.entrySet().stream().<MultiGauge.Row<?>>map(row -> MultiGauge.Row.of(row.getKey(),
          row.getValue(), AtomicInteger::get)).toList(), false);
    }
  }

  private static Tags tags(CameraStreamSample sample) {
    return Tags.of("namespace", sample.namespace(), "camerastream", sample.name());
  }
}
