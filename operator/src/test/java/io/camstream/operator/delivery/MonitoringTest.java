package io.camstream.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped alerts and scrape targets refer to series and labels the components really export. */
class MonitoringTest {
  static final String STREAMER_METRICS = "streamer/src/main/java/io/camstream/streamer/metrics/StreamerMetrics.java";
  static final Pattern METER = Pattern.compile(
      "(Counter|Gauge|Timer)\\.builder\\(PREFIX \\+ \"([a-z.]+)\"([^;]*?)\\.register\\(", Pattern.DOTALL);
  static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\"([a-z.]+)\"\\)");

  static List<JsonNode> rules() {
    JsonNode rule = RenderedManifests.get(RenderedManifests.objects("k8s/monitoring"), "PrometheusRule", "camstream");
    List<JsonNode> rules = new ArrayList<>();
    rule.at("/spec/groups").forEach(group -> group.path("rules").forEach(rules::add));
    return rules;
  }

  /** Prometheus names of the streamer's meters, as Micrometer's Prometheus registry writes them. */
  static Set<String> streamerSeries() {
    String source = RepoFiles.read(STREAMER_METRICS);
    Matcher prefix = Pattern.compile("PREFIX = \"([a-z.]+)\"").matcher(source);
    assertThat(prefix.find()).isTrue();
    Set<String> series = new TreeSet<>();
    Matcher meter = METER.matcher(source);
    while (meter.find()) {
      String name = (prefix.group(1) + meter.group(2)).replace('.', '_');
      Matcher unit = BASE_UNIT.matcher(meter.group(3));
      switch (meter.group(1)) {
        case "Counter" -> series.add(name + (unit.find() ? "_" + unit.group(1).replace('.', '_') : "") + "_total");
        case "Gauge" -> series.add(name + (unit.find() ? "_" + unit.group(1).replace('.', '_') : ""));
        default -> List.of("_bucket", "_count", "_sum", "_max").forEach(s -> series.add(name + "_seconds" + s));
      }
    }
    return series;
  }

  @Test
  void streamerMetricNamesAreDerivedFromItsSource() {
    // Guards the derivation itself against a refactor of StreamerMetrics that the pattern no longer sees.
    assertThat(streamerSeries()).contains("camstream_streamer_frames_published_total",
        "camstream_streamer_since_last_publish_seconds", "camstream_streamer_record_seconds_bucket");
  }

  @Test
  void alertsUseOnlySeriesTheStreamerExports() {
    Set<String> exported = streamerSeries();
    Set<String> used = new TreeSet<>();
    for (JsonNode rule : rules()) {
      Matcher series = Pattern.compile("camstream_streamer_[a-z_]+").matcher(rule.path("expr").asText());
      while (series.find()) {
        used.add(series.group());
      }
    }
    assertThat(used).hasSizeGreaterThanOrEqualTo(4);
    assertThat(exported).containsAll(used);
    // Alerts group by the camera label every streamer series carries.
    assertThat(RepoFiles.read(STREAMER_METRICS)).contains("commonTags(\"camera\"");
  }

  @Test
  void alertsUseOnlySeriesTheOperatorFrameworkExports() throws IOException {
    String josdkMetrics;
    try (InputStream in = getClass().getResourceAsStream(
        "/io/javaoperatorsdk/operator/monitoring/micrometer/MicrometerMetrics.class")) {
      assertThat(in).as("JOSDK micrometer-support on the classpath").isNotNull();
      josdkMetrics = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    assertThat(josdkMetrics).contains("operator.sdk.");
    int checked = 0;
    for (JsonNode rule : rules()) {
      Matcher series = Pattern.compile("operator_sdk_([a-z_]+)_total").matcher(rule.path("expr").asText());
      while (series.find()) {
        assertThat(josdkMetrics).as(series.group()).contains(series.group(1).replace('_', '.'));
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }

  @Test
  void everyAlertHasASeverityAndASummary() {
    assertThat(rules()).allSatisfy(rule -> {
      assertThat(rule.path("alert").asText()).matches("[A-Z][A-Za-z]+");
      assertThat(rule.at("/labels/severity").asText()).isIn("warning", "critical");
      assertThat(rule.at("/annotations/summary").asText()).isNotBlank();
    });
  }

  @Test
  void scrapeTargetsSelectTheGeneratedPodsAndTheOperator() {
    List<JsonNode> objects = RenderedManifests.objects("k8s/monitoring");
    JsonNode streamers = RenderedManifests.get(objects, "PodMonitor", "camstream-streamers");
    assertThat(streamers.at("/spec/selector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo("streamer");
    assertThat(streamers.at("/spec/podMetricsEndpoints/0/path").asText()).isEqualTo("/metrics");
    JsonNode mediamtx = RenderedManifests.get(objects, "PodMonitor", "camstream-mediamtx");
    assertThat(mediamtx.at("/spec/selector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo("mediamtx");
    assertThat(mediamtx.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("metrics");

    JsonNode monitor = RenderedManifests.get(objects, "ServiceMonitor", "camstream-operator");
    JsonNode service = RenderedManifests.get(RenderedManifests.objects("k8s/operator"), "Service",
        "camstream-operator-metrics");
    assertThat(service.at("/metadata/labels/app.kubernetes.io~1name").asText())
        .isEqualTo(monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText());
    assertThat(service.at("/spec/ports/0/name").asText()).isEqualTo(monitor.at("/spec/endpoints/0/port").asText());
    assertThat(monitor.at("/metadata/namespace").asText()).isEqualTo(service.at("/metadata/namespace").asText());
  }
}
