package io.camstream.operator.metrics;

import io.camstream.operator.api.CameraStream;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
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
  private final MultiGauge cameras;
  private final MultiGauge camerasPublishing;
  private final MultiGauge cameraPublishing;
  private final MultiGauge ready;

  public CameraStreamMetrics(MeterRegistry registry, Supplier<List<CameraStream>> cameraStreams) {
    this.cameraStreams = cameraStreams;
    cameras = MultiGauge.builder(CAMERAS)
        .description("Cameras declared in the CameraStream's spec").register(registry);
    camerasPublishing = MultiGauge.builder(CAMERAS_PUBLISHING)
        .description("Cameras of the CameraStream that MediaMTX sees publishing").register(registry);
    cameraPublishing = MultiGauge.builder(CAMERA_PUBLISHING)
        .description("1 when MediaMTX sees the camera publishing, else 0").register(registry);
    ready = MultiGauge.builder(READY)
        .description("1 when the CameraStream's Ready condition is True, else 0; reason: the condition's reason")
        .register(registry);
  }

  /** Replaces every row with the CameraStreams watched now; call it before each scrape. */
  public synchronized void refresh() {
    List<CameraStreamSample> samples = cameraStreams.get().stream().map(CameraStreamSample::of).toList();
    cameras.register(samples.stream().<MultiGauge.Row<?>>map(s -> MultiGauge.Row.of(tags(s), s.declared()))
        .toList(), true);
    camerasPublishing.register(samples.stream().<MultiGauge.Row<?>>map(s -> MultiGauge.Row.of(tags(s),
        s.publishing())).toList(), true);
    cameraPublishing.register(samples.stream().<MultiGauge.Row<?>>flatMap(s -> s.cameras().entrySet().stream()
        .map(camera -> MultiGauge.Row.of(tags(s).and("camera", camera.getKey()), camera.getValue() ? 1 : 0)))
        .toList(), true);
    ready.register(samples.stream().<MultiGauge.Row<?>>map(s -> MultiGauge.Row.of(tags(s).and("reason", s.reason()),
        s.ready() ? 1 : 0)).toList(), true);
  }

  private static Tags tags(CameraStreamSample sample) {
    return Tags.of("namespace", sample.namespace(), "camerastream", sample.name());
  }
}
