package io.camstream.operator.health.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.health.CameraTraffic;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cameras' live traffic as the wall reads it and as Prometheus scrapes it. */
class LatestTrafficTest {
  private static final ResourceID SITE = new ResourceID("site", "cameras");
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final LatestTraffic traffic = new LatestTraffic(new CameraTrafficMetrics(registry));

  @Test
  void eachCameraHasAReadersAndABitrateSeriesWhileItsValuesAreKnown() {
    traffic.put(SITE, List.of(new CameraTraffic("lobby", 2_000_000L, 2), new CameraTraffic("gate", null, 0)));

    assertThat(registry.scrape()).contains(
        "camstream_camera_readers{camera=\"lobby\",camerastream=\"site\",namespace=\"cameras\"} 2",
        "camstream_camera_readers{camera=\"gate\",camerastream=\"site\",namespace=\"cameras\"} 0",
        "camstream_camera_inbound_bitrate_bits_per_second{camera=\"lobby\",camerastream=\"site\","
            + "namespace=\"cameras\"} 2000000")
        .doesNotContain("camstream_camera_inbound_bitrate_bits_per_second{camera=\"gate\"");
    assertThat(traffic.of("cameras", "site")).containsEntry("lobby", new CameraTraffic("lobby", 2_000_000L, 2));
    assertThat(traffic.of("cameras", "yard")).isEmpty();

    traffic.put(SITE, List.of(new CameraTraffic("lobby", 3_000_000L, 5), new CameraTraffic("gate", 1_000L, 1)));

    assertThat(registry.scrape()).contains(
        "camstream_camera_readers{camera=\"lobby\",camerastream=\"site\",namespace=\"cameras\"} 5",
        "camstream_camera_inbound_bitrate_bits_per_second{camera=\"lobby\",camerastream=\"site\","
            + "namespace=\"cameras\"} 3000000",
        "camstream_camera_inbound_bitrate_bits_per_second{camera=\"gate\",camerastream=\"site\","
            + "namespace=\"cameras\"} 1000");
  }

  @Test
  void anUnknownValueARemovedCameraAndAForgottenCameraStreamLoseTheirSeries() {
    traffic.put(SITE, List.of(new CameraTraffic("lobby", 2_000_000L, 2), new CameraTraffic("gate", 0L, 1)));

    traffic.put(SITE, List.of(CameraTraffic.unknown("lobby")));
    assertThat(registry.scrape()).doesNotContain("camera=\"lobby\"").doesNotContain("camera=\"gate\"");

    traffic.put(SITE, List.of(new CameraTraffic("lobby", 1_000L, 1)));
    assertThat(registry.scrape()).contains(
        "camstream_camera_readers{camera=\"lobby\",camerastream=\"site\",namespace=\"cameras\"} 1");

    traffic.forget(SITE);
    assertThat(registry.scrape()).doesNotContain("camstream_camera_");
    assertThat(traffic.of("cameras", "site")).isEmpty();
  }

  @Test
  void theVersionMovesOnlyWhenSomethingChanged() {
    long start = traffic.version();
    traffic.put(SITE, List.of(new CameraTraffic("lobby", 2_000_000L, 2)));
    long afterFirst = traffic.version();
    traffic.put(SITE, List.of(new CameraTraffic("lobby", 2_000_000L, 2)));

    assertThat(afterFirst).isGreaterThan(start);
    assertThat(traffic.version()).as("the same numbers again").isEqualTo(afterFirst);
    traffic.put(SITE, List.of(new CameraTraffic("lobby", 2_000_000L, 3)));
    assertThat(traffic.version()).isGreaterThan(afterFirst);
  }
}
