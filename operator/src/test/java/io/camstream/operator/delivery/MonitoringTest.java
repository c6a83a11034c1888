package io.camstream.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped scrape targets select what the operator generates, the alerts are complete and the dashboard loads in
 * any Grafana (ExportedMetricsTest: every metric they query is exported; AlertRulesTest: the alerts under promtool).
 */
class MonitoringTest {
  static final String DASHBOARD_CONFIGMAP = "camstream-grafana-dashboard";

  static List<JsonNode> rules() {
    JsonNode rule = RenderedManifests.get(RenderedManifests.objects("k8s/monitoring"), "PrometheusRule", "camstream");
    List<JsonNode> rules = new ArrayList<>();
    rule.at("/spec/groups").forEach(group -> group.path("rules").forEach(rules::add));
    return rules;
  }

  @Test
  void theDashboardIsAConfigMapGrafanasSidecarLoads() throws IOException {
    JsonNode configMap = RenderedManifests.get(RenderedManifests.objects("k8s/monitoring"), "ConfigMap",
        DASHBOARD_CONFIGMAP);
    assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    JsonNode dashboard = RepoFiles.JSON.readTree(configMap.at("/data/camstream-fleet.json").asText());
    assertThat(dashboard.path("uid").asText()).isEqualTo("camstream-fleet");
    assertThat(dashboard.path("panels")).hasSizeGreaterThan(20);
    // every query goes to the datasource the user picks, none to a datasource uid of someone's Grafana
    List<String> datasources = new ArrayList<>();
    dashboard.findValues("datasource").forEach(d -> datasources.add(d.path("uid").asText(d.asText())));
    assertThat(datasources).isNotEmpty().allSatisfy(uid -> assertThat(uid).isIn("${datasource}",
        "-- Grafana --", "prometheus"));
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
    // the per-CameraStream series keep their namespace label (the CameraStream's), not exported_namespace
    assertThat(monitor.at("/spec/endpoints/0/honorLabels").asBoolean()).isTrue();
  }
}
