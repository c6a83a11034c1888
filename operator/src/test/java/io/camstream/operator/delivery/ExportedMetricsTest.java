package io.camstream.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camstream.operator.health.source.MediaMtxHealthSource;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.mediamtx.api.MediaMtxConfigClient;
import io.camstream.operator.mediamtx.sync.MediaMtxConfigSync;
import io.camstream.operator.metrics.OperatorMetrics;
import io.camstream.operator.probe.HealthServer;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.apiserver.Fault;
import io.camstream.operator.testing.mediamtx.MediaMtxPod;
import io.camstream.operator.testing.mediamtx.RealMediaMtx;
import io.camstream.operator.testing.mediamtx.TestPublisher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the Grafana dashboard and the alert rules query is one the components really export, read from their
 * {@code /metrics} while a CameraStream runs: the operator's (wired as OperatorMain wires it, one reconciliation
 * refused by the API server so the failure series exist), camstream's streamer publishing its test pattern to the
 * real MediaMTX v1.20.1 with the operator's configuration, and that MediaMTX's own. PromQL is parsed by Prometheus'
 * own grammar (k8s/test/promql-metrics.mjs). No hand-kept list of names.
 */
class ExportedMetricsTest {
  static final Duration POLL = Duration.ofMillis(500);
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final String DASHBOARD = "k8s/monitoring/dashboards/camstream-fleet.json";
  /** Prometheus writes {@code up} itself for every target it scrapes. */
  static final Set<String> PROMETHEUS_OWN = Set.of("up");
  static final Pattern STREAMER_METRICS_PORT = Pattern.compile("/metrics on port (\\d+)");

  @RegisterExtension
  static final RealMediaMtx mediaMtx = RealMediaMtx.onFreePorts();

  /** component -> metric name -> the label names its series carry. */
  static final Map<String, Map<String, Set<String>>> exported = new LinkedHashMap<>();

  @TempDir
  static Path dir;

  @BeforeAll
  static void scrapeARunningCameraStream() throws Exception {
    AtomicReference<OperatorTestHarness> running = new AtomicReference<>();
    OperatorMetrics metrics = OperatorMetrics.create(() -> running.get() == null ? List.of()
        : running.get().watchedCameraStreams().all());
    String api = mediaMtx.apiUrl().toString();
    try (OperatorTestHarness harness = OperatorTestHarness.builder().meterRegistry(metrics.registry())
        .pushHealth(new MediaMtxHealthSource(api, POLL, new MediaMtxApiClient(), Clock.systemUTC(),
            metrics.registry()))
        .configSync(new MediaMtxConfigSync(new MediaMtxConfigClient(), api, POLL, Duration.ofSeconds(2),
            Clock.systemUTC()))
        .start();
        HealthServer health = HealthServer.start(0, () -> true, () -> true, metrics::scrape)) {
      running.set(harness);
      String ns = harness.newNamespace();
      Fault refused = harness.server().faults().inject(Fault.status(403).on("POST", ".*/deployments").times(1));
      harness.create(CameraStreams.of(ns, "site", CameraStreams.testPattern("gate")));
      MediaMtxPod pod = MediaMtxPod.of(harness, mediaMtx, ns, "site").start();
      try (TestPublisher streamer = pod.streamer("gate").start().awaitFirstFrame(TIMEOUT)) {
        URI operatorMetrics = URI.create("http://127.0.0.1:" + health.port() + "/metrics");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get(operatorMetrics)).contains(
            "camstream_camera_publishing{camera=\"gate\",camerastream=\"site\",namespace=\"" + ns + "\"} 1"));
        assertThat(refused.fired()).as("one reconciliation failed").isEqualTo(1);
        Matcher port = STREAMER_METRICS_PORT.matcher(streamer.log());
        assertThat(port.find()).as("the streamer's log names its metrics port:%n%s", streamer.log()).isTrue();

        exported.put("operator", series(get(operatorMetrics)));
        exported.put("streamer", series(get(URI.create("http://127.0.0.1:" + port.group(1) + "/metrics"))));
        exported.put("mediamtx", series(get(mediaMtx.metricsUrl().resolve("/metrics"))));
      } finally {
        harness.delete(ns, "site");
      }
    }
  }

  static String get(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
    return response.body();
  }

  /** Metric name -> label names, from Prometheus' text exposition format. */
  static Map<String, Set<String>> series(String exposition) {
    Pattern sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})?\\s");
    Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
    Map<String, Set<String>> series = new TreeMap<>();
    for (String line : exposition.split("\n")) {
      Matcher m = sample.matcher(line);
      if (line.startsWith("#") || !m.find()) {
        continue;
      }
      Set<String> labels = series.computeIfAbsent(m.group(1), k -> new TreeSet<>());
      if (m.group(3) != null) {
        Matcher l = label.matcher(m.group(3));
        while (l.find()) {
          labels.add(l.group(1));
        }
      }
    }
    return series;
  }

  static Set<String> exportedNames() {
    Set<String> names = new TreeSet<>(PROMETHEUS_OWN);
    exported.values().forEach(component -> names.addAll(component.keySet()));
    return names;
  }

  @Test
  void eachComponentExportsWhatItIsKnownFor() {
    assertThat(exported.get("operator")).containsKeys("operator_sdk_controllers_execution_reconcile_failure_total",
        "camstream_camerastream_cameras", "camstream_events_dropped_total", "jvm_memory_used_bytes");
    assertThat(exported.get("operator").get("camstream_camera_publishing"))
        .contains("namespace", "camerastream", "camera");
    assertThat(exported.get("streamer").get("camstream_streamer_fps")).as("every streamer series names its camera")
        .contains("camera");
    assertThat(exported.get("mediamtx").get("paths_readers")).contains("name", "readerType");
  }

  /** query id -> PromQL, for every query of the dashboard: its panels' targets and its variables' label_values. */
  static Map<String, String> dashboardQueries() throws IOException {
    JsonNode dashboard = RepoFiles.JSON.readTree(RepoFiles.read(DASHBOARD));
    Map<String, String> queries = new LinkedHashMap<>();
    collectTargets(dashboard.path("panels"), queries);
    Pattern labelValues = Pattern.compile("label_values\\((.*),\\s*[a-zA-Z_]+\\)");
    for (JsonNode variable : dashboard.at("/templating/list")) {
      if ("query".equals(variable.path("type").asText())) {
        Matcher m = labelValues.matcher(variable.at("/query/query").asText());
        assertThat(m.matches()).as("variable %s is label_values(METRIC, LABEL)", variable.path("name")).isTrue();
        queries.put("variable " + variable.path("name").asText(), m.group(1));
      }
    }
    return queries;
  }

  static void collectTargets(JsonNode panels, Map<String, String> queries) {
    for (JsonNode panel : panels) {
      collectTargets(panel.path("panels"), queries);
      for (JsonNode target : panel.path("targets")) {
        queries.put("panel \"" + panel.path("title").asText() + "\" " + target.path("refId").asText(),
            target.path("expr").asText());
      }
    }
  }

  static Map<String, String> alertQueries() {
    Map<String, String> queries = new LinkedHashMap<>();
    MonitoringTest.rules().forEach(rule -> queries.put("alert " + rule.path("alert").asText(),
        rule.path("expr").asText()));
    return queries;
  }

  /** What one query reads: its metrics, and each selector's metric with the labels it matches on. */
  record Read(List<String> metrics, List<Selector> selectors) {
  }

  record Selector(String metric, List<String> labels) {
  }

  /** query id -> what it reads, by Prometheus' PromQL grammar; a query that does not parse fails the test. */
  static Map<String, Read> read(Map<String, String> queries) throws IOException {
    ObjectNode input = RepoFiles.JSON.createObjectNode();
    ArrayNode list = input.putArray("queries");
    queries.forEach((id, expr) -> list.addObject().put("id", id).put("expr", expr));
    Path file = Files.createTempFile(dir, "queries", ".json");
    Files.writeString(file, input.toString());
    RepoFiles.ProcessResult result = RepoFiles.run(List.of("node", "k8s/test/promql-metrics.mjs", file.toString()));
    assertThat(result.stderr()).isEmpty();
    Map<String, Read> read = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    for (JsonNode query : RepoFiles.JSON.readTree(result.stdout()).path("queries")) {
      List<String> names = new ArrayList<>();
      query.path("metrics").forEach(n -> names.add(n.asText()));
      List<Selector> selectors = new ArrayList<>();
      query.path("selectors").forEach(sel -> {
        List<String> labels = new ArrayList<>();
        sel.path("labels").forEach(l -> labels.add(l.asText()));
        selectors.add(new Selector(sel.path("metric").asText(), labels));
      });
      read.put(query.path("id").asText(), new Read(names, selectors));
      query.path("errors").forEach(e -> errors.add(query.path("id").asText() + ": " + e.asText()));
    }
    assertThat(errors).as("queries PromQL does not accept").isEmpty();
    assertThat(result.exitCode()).isZero();
    assertThat(read.keySet()).containsExactlyElementsOf(queries.keySet());
    return read;
  }

  static Map<String, List<String>> notExported(Map<String, Read> read) {
    Set<String> names = exportedNames();
    Map<String, List<String>> missing = new TreeMap<>();
    read.forEach((id, query) -> {
      List<String> unknown = query.metrics().stream().filter(m -> !names.contains(m)).toList();
      if (!unknown.isEmpty()) {
        missing.put(id, unknown);
      }
    });
    return missing;
  }

  /**
   * Labels Prometheus adds to every series it scrapes through the Prometheus Operator's monitors (the target's
   * namespace, pod, container, endpoint, job, instance and Service) and those k8s/monitoring's relabelings add.
   */
  static Set<String> scrapeLabels() {
    Set<String> labels = new TreeSet<>(Set.of("namespace", "pod", "container", "endpoint", "job", "instance",
        "service"));
    RenderedManifests.objects("k8s/monitoring").forEach(monitor -> monitor.findValues("relabelings")
        .forEach(relabelings -> relabelings.forEach(r -> labels.add(r.path("targetLabel").asText()))));
    labels.remove("");
    return labels;
  }

  /** query id -> "metric{label}" for every label a selector matches on that its series never carry. */
  static Map<String, List<String>> labelsNotOnTheSeries(Map<String, Read> read) {
    Map<String, Set<String>> labelsOf = new TreeMap<>();
    exported.values().forEach(component -> component.forEach((metric, labels) -> labelsOf
        .computeIfAbsent(metric, k -> new TreeSet<>()).addAll(labels)));
    Set<String> scraped = scrapeLabels();
    Map<String, List<String>> unknown = new TreeMap<>();
    read.forEach((id, query) -> query.selectors().forEach(selector -> selector.labels().stream()
        .filter(label -> !scraped.contains(label)
            && !labelsOf.getOrDefault(selector.metric(), Set.of()).contains(label))
        .forEach(label -> unknown.computeIfAbsent(id, k -> new ArrayList<>())
            .add(selector.metric() + "{" + label + "}"))));
    return unknown;
  }

  @Test
  void everyMetricTheDashboardQueriesIsExported() throws IOException {
    Map<String, Read> read = read(dashboardQueries());
    assertThat(read).hasSizeGreaterThan(25);
    assertThat(read).allSatisfy((id, query) -> assertThat(query.metrics()).as(id).isNotEmpty());
    assertThat(notExported(read)).as("queries reading metrics no component exports").isEmpty();
    assertThat(labelsNotOnTheSeries(read)).as("queries matching on labels the series do not carry").isEmpty();
    Set<String> used = new TreeSet<>();
    read.values().forEach(query -> used.addAll(query.metrics()));
    exported.forEach((component, series) -> assertThat(used).as("the dashboard shows the %s", component)
        .containsAnyElementsOf(series.keySet()));
  }

  @Test
  void everyMetricTheAlertsQueryIsExported() throws IOException {
    Map<String, Read> read = read(alertQueries());
    assertThat(read).hasSizeGreaterThanOrEqualTo(7);
    assertThat(notExported(read)).as("alerts reading metrics no component exports").isEmpty();
    assertThat(labelsNotOnTheSeries(read)).as("alerts matching on labels the series do not carry").isEmpty();
  }

  /** Guards the check itself: a misspelt metric or label and a PromQL syntax error are all caught. */
  @Test
  void aMetricNobodyExportsAWrongLabelAndBrokenPromqlAreCaught() throws IOException {
    Map<String, Read> read = read(Map.of("typo",
        "sum by (camera) (rate(camstream_streamer_frames_publish_total[5m])) / on(camera) camstream_streamer_fps",
        "label", "paths_readers{camera=\"gate\", camerastream=\"site\", readerType!=\"\"}"));
    assertThat(notExported(read)).containsExactly(Map.entry("typo", List.of("camstream_streamer_frames_publish_total")));
    assertThat(labelsNotOnTheSeries(read)).containsExactly(Map.entry("label", List.of("paths_readers{camera}")));
    RepoFiles.ProcessResult broken = RepoFiles.run(List.of("node", "k8s/test/promql-metrics.mjs",
        Files.writeString(Files.createTempFile(dir, "broken", ".json"),
            "{\"queries\":[{\"id\":\"x\",\"expr\":\"sum(rate(up[5m]\"}]}").toString()));
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.stdout()).contains("syntax error");
  }
}
