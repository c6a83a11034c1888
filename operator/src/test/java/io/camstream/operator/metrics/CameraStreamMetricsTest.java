package io.camstream.operator.metrics;

import static io.camstream.operator.metrics.CameraStreamSampleTest.camera;
import static io.camstream.operator.metrics.CameraStreamSampleTest.ready;
import static io.camstream.operator.metrics.CameraStreamSampleTest.site;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-CameraStream gauges as Prometheus scrapes them, following the watched CameraStreams. */
class CameraStreamMetricsTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<CameraStream> watched = new ArrayList<>();
  private final CameraStreamMetrics metrics = new CameraStreamMetrics(registry, () -> List.copyOf(watched));

  private String scrape() {
    metrics.refresh();
    return registry.scrape();
  }

  @Test
  void eachWatchedCameraStreamHasItsDeclaredPublishingAndReadySeries() {
    watched.add(site(List.of(camera("lobby", true), camera("gate", true)), ready("False", "CamerasNotPublishing")));
    assertThat(scrape()).contains(
        "camstream_camerastream_cameras{camerastream=\"site\",namespace=\"cameras\"} 3",
        "camstream_camerastream_cameras_publishing{camerastream=\"site\",namespace=\"cameras\"} 2",
        "camstream_camera_publishing{camera=\"lobby\",camerastream=\"site\",namespace=\"cameras\"} 1",
        "camstream_camera_publishing{camera=\"yard\",camerastream=\"site\",namespace=\"cameras\"} 0",
        "camstream_camerastream_ready{camerastream=\"site\",namespace=\"cameras\",reason=\"CamerasNotPublishing\"} 0");
  }

  @Test
  void aChangedReasonReplacesTheSeriesAndADeletedCameraStreamLeavesNone() {
    watched.add(site(List.of(), ready("False", "MediaServerUnavailable")));
    assertThat(scrape()).contains("reason=\"MediaServerUnavailable\"} 0");

    watched.set(0, site(List.of(camera("lobby", true), camera("gate", true), camera("yard", true)),
        ready("True", "Ready")));
    String ready = scrape();
    assertThat(ready).contains(
        "camstream_camerastream_ready{camerastream=\"site\",namespace=\"cameras\",reason=\"Ready\"} 1",
        "camstream_camerastream_cameras_publishing{camerastream=\"site\",namespace=\"cameras\"} 3")
        .doesNotContain("MediaServerUnavailable");

    watched.clear();
    assertThat(scrape()).doesNotContain("camerastream=\"site\"");
  }

  @Test
  void aRowThatStaysKeepsItsMeterAndShowsTheNewValue() {
    watched.add(site(List.of(camera("lobby", false)), ready("False", "CamerasNotPublishing")));
    assertThat(scrape()).contains(
        "camstream_camera_publishing{camera=\"lobby\",camerastream=\"site\",namespace=\"cameras\"} 0");
    Gauge lobby = registry.find("camstream.camera.publishing").tag("camera", "lobby").gauge();

    watched.set(0, site(List.of(camera("lobby", true)), ready("False", "CamerasNotPublishing")));
    assertThat(scrape()).contains(
        "camstream_camera_publishing{camera=\"lobby\",camerastream=\"site\",namespace=\"cameras\"} 1",
        "camstream_camerastream_cameras_publishing{camerastream=\"site\",namespace=\"cameras\"} 1");
    assertThat(registry.find("camstream.camera.publishing").tag("camera", "lobby").gauge())
        .as("the same meter, not one registered again at every scrape").isSameAs(lobby);
  }
}
