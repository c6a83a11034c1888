package io.camstream.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped alerts under test with Prometheus' own rule engine: {@code promtool test rules} runs
 * k8s/monitoring/test/alerts.test.yaml against the PrometheusRule's groups. This class checks that promtool passes,
 * that it would fail a wrong expectation, and that the tests cover every alert: firing, silent while its {@code for}
 * has not passed, and silent on healthy series.
 */
class AlertRulesTest {
  static final String ALERT_TESTS = "k8s/monitoring/test/alerts.test.yaml";
  static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");

  @TempDir
  static Path dir;

  @BeforeAll
  static void promtoolIsInstalled() {
    RepoFiles.ProcessResult version;
    try {
      version = RepoFiles.run(List.of("promtool", "--version"));
    } catch (AssertionError e) {
      throw new AssertionError("promtool is missing: the alert tests need Prometheus' promtool (Debian package "
          + "prometheus); install it with: bash .ci/install-test-deps.sh", e);
    }
    assertThat(version.exitCode()).as("promtool --version: %s", version.stderr()).isZero();
  }

  /** The PrometheusRule's spec as a Prometheus rule file, beside a copy of {@code tests}; returns the tests' path. */
  static Path promtoolFiles(JsonNode prometheusRule, String tests, String name) throws IOException {
    Path testDir = Files.createDirectories(dir.resolve(name));
    Files.writeString(testDir.resolve("rules.yaml"), RepoFiles.YAML.writeValueAsString(prometheusRule.path("spec")));
    Path testFile = testDir.resolve("alerts.test.yaml");
    Files.writeString(testFile, tests);
    return testFile;
  }

  static JsonNode shippedRule() {
    return RenderedManifests.get(RenderedManifests.objects("k8s/monitoring"), "PrometheusRule", "camstream");
  }

  @Test
  void theRulesAreValidPrometheusRules() throws IOException {
    Path tests = promtoolFiles(shippedRule(), RepoFiles.read(ALERT_TESTS), "check");
    RepoFiles.ProcessResult check = RepoFiles.run(List.of("promtool", "check", "rules",
        tests.resolveSibling("rules.yaml").toString()));
    assertThat(check.exitCode()).as("promtool check rules:%n%s%s", check.stdout(), check.stderr()).isZero();
  }

  @Test
  void everyAlertBehavesAsItsTestsSay() throws IOException {
    Path tests = promtoolFiles(shippedRule(), RepoFiles.read(ALERT_TESTS), "shipped");
    RepoFiles.ProcessResult result = RepoFiles.run(List.of("promtool", "test", "rules", tests.toString()));
    assertThat(result.exitCode()).as("promtool test rules %s:%n%s%s", ALERT_TESTS, result.stdout(),
        result.stderr()).isZero();
    assertThat(result.stdout()).contains("SUCCESS");
  }

  /** Guards the harness: an expectation that is wrong (an alert on healthy series) makes promtool fail. */
  @Test
  void promtoolFailsAWrongExpectation() throws IOException {
    String wrong = """
        rule_files: [rules.yaml]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'camstream_streamer_since_last_publish_seconds{namespace="cameras", camerastream="site", camera="lobby"}'
                values: '0.03x10'
            alert_rule_test:
              - eval_time: 10m
                alertname: CameraNotPublishing
                exp_alerts:
                  - exp_labels: {severity: warning, namespace: cameras, camerastream: site, camera: lobby}
        """;
    Path tests = promtoolFiles(shippedRule(), wrong, "wrong");
    RepoFiles.ProcessResult result = RepoFiles.run(List.of("promtool", "test", "rules", tests.toString()));
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout() + result.stderr()).contains("FAILED", "CameraNotPublishing");
  }

  @Test
  void everyAlertIsTestedFiringPendingAndOnHealthySeries() {
    List<JsonNode> groups = new ArrayList<>();
    RepoFiles.yamlDocuments(RepoFiles.read(ALERT_TESTS)).get(0).path("tests").forEach(groups::add);
    List<JsonNode> rules = MonitoringTest.rules();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(7);
    for (JsonNode rule : rules) {
      String alert = rule.path("alert").asText();
      Duration pending = duration(rule.path("for").asText("0m"));
      assertThat(groups).as("%s: a test where it fires", alert).anySatisfy(g -> assertThat(firing(g, alert))
          .isNotEmpty());
      if (!pending.isZero()) {
        assertThat(groups).as("%s: a test where it is still silent less than its for (%s) before it fires", alert,
            pending).anySatisfy(g -> assertThat(silentWhilePending(g, alert, pending)).isTrue());
      }
      assertThat(groups).as("%s: a test with healthy series it stays silent on", alert)
          .anySatisfy(g -> assertThat(hasHealthySeries(g, alert)).isTrue());
    }
  }

  static List<JsonNode> evaluations(JsonNode group, String alert) {
    List<JsonNode> evaluations = new ArrayList<>();
    group.path("alert_rule_test").forEach(t -> {
      if (alert.equals(t.path("alertname").asText())) {
        evaluations.add(t);
      }
    });
    return evaluations;
  }

  static List<JsonNode> firing(JsonNode group, String alert) {
    return evaluations(group, alert).stream().filter(t -> !t.path("exp_alerts").isEmpty()).toList();
  }

  static boolean silentWhilePending(JsonNode group, String alert, Duration pending) {
    for (JsonNode fires : firing(group, alert)) {
      Duration firesAt = duration(fires.path("eval_time").asText());
      for (JsonNode silent : evaluations(group, alert)) {
        Duration silentAt = duration(silent.path("eval_time").asText());
        if (silent.path("exp_alerts").isEmpty() && silentAt.compareTo(firesAt) < 0
            && firesAt.minus(silentAt).compareTo(pending) <= 0) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Healthy series: every evaluation of the alert in the group expects silence, or an input series matches none of
   * the alerts expected to fire (promtool fails on any alert not expected, so those series are proven silent).
   */
  static boolean hasHealthySeries(JsonNode group, String alert) {
    List<JsonNode> evaluations = evaluations(group, alert);
    if (evaluations.isEmpty() || group.path("input_series").isEmpty()) {
      return false;
    }
    List<Map<String, String>> expected = new ArrayList<>();
    evaluations.forEach(t -> t.path("exp_alerts").forEach(a -> {
      Map<String, String> labels = new HashMap<>();
      a.path("exp_labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      labels.remove("severity");
      expected.add(labels);
    }));
    if (expected.isEmpty()) {
      return true;
    }
    for (JsonNode series : group.path("input_series")) {
      Map<String, String> labels = labels(series.path("series").asText());
      if (expected.stream().noneMatch(e -> labels.entrySet().containsAll(e.entrySet()))) {
        return true;
      }
    }
    return false;
  }

  static Map<String, String> labels(String series) {
    Map<String, String> labels = new HashMap<>();
    Matcher label = LABEL.matcher(series);
    while (label.find()) {
      labels.put(label.group(1), label.group(2));
    }
    return labels;
  }

  /** A Prometheus duration of whole units: 90s, 5m, 1h. */
  static Duration duration(String text) {
    Matcher m = Pattern.compile("(\\d+)([smh])").matcher(text);
    assertThat(m.matches()).as("duration %s", text).isTrue();
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  @Test
  void theCoverageChecksSeeWhatIsMissing() throws IOException {
    String onlyFiring = """
        input_series:
          - series: 'x{namespace="cameras", camera="lobby"}'
            values: '1x10'
        alert_rule_test:
          - eval_time: 10m
            alertname: A
            exp_alerts:
              - exp_labels: {severity: warning, namespace: cameras, camera: lobby}
        """;
    JsonNode group = RepoFiles.YAML.readTree(onlyFiring);
    assertThat(firing(group, "A")).hasSize(1);
    assertThat(hasHealthySeries(group, "A")).isFalse();
    assertThat(silentWhilePending(group, "A", Duration.ofMinutes(5))).isFalse();

    JsonNode complete = RepoFiles.YAML.readTree(onlyFiring.replace("alert_rule_test:", """
          - series: 'x{namespace="cameras", camera="garage"}'
            values: '0x10'
        alert_rule_test:
          - eval_time: 6m
            alertname: A
            exp_alerts: []"""));
    assertThat(hasHealthySeries(complete, "A")).isTrue();
    assertThat(silentWhilePending(complete, "A", Duration.ofMinutes(5))).isTrue();
    assertThat(silentWhilePending(complete, "A", Duration.ofMinutes(3))).isFalse();
  }
}
