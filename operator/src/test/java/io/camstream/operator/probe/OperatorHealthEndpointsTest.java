package io.camstream.operator.probe;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The probe and metrics endpoints, wired exactly as OperatorMain wires them, on a running operator. */
class OperatorHealthEndpointsTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void probesReflectTheOperatorAndMetricsCountReconciliations() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (OperatorTestHarness harness = OperatorTestHarness.builder().meterRegistry(registry).start();
        HealthServer health = HealthServer.start(0,
            new OperatorLiveness(harness.operator(), OperatorLiveness.DEFAULT_GRACE, Clock.systemUTC())::problems,
            () -> harness.operator().getRuntimeInfo().isStarted()
                && harness.operator().getRuntimeInfo().allEventSourcesAreHealthy(),
            registry::scrape)) {
      assertThat(get(health, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(health, "/readyz").statusCode()).isEqualTo(200);

      String ns = harness.newNamespace();
      harness.create(CameraStreams.of(ns, "site", testPattern("lobby")));
      harness.awaitDeployment(ns, "site-lobby");
      harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null);
      await().atMost(OperatorTestHarness.TIMEOUT).untilAsserted(() -> {
        HttpResponse<String> metrics = get(health, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body()).contains("operator_sdk_reconciliations_started_total");
      });

      harness.operator().stop();
      assertThat(get(health, "/readyz").statusCode()).isEqualTo(503);
    }
  }

  @Test
  void aFailingCheckIsNotReadyAndOnlyGetServesMetrics() throws Exception {
    AtomicBoolean ready = new AtomicBoolean(false);
    try (HealthServer health = HealthServer.start(0, () -> true, ready::get, () -> "up 1\n")) {
      assertThat(get(health, "/readyz").statusCode()).isEqualTo(503);
      ready.set(true);
      assertThat(get(health, "/readyz").statusCode()).isEqualTo(200);
      HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri(health, "/metrics"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(get(health, "/metrics").body()).isEqualTo("up 1\n");
    }
  }

  private HttpResponse<String> get(HealthServer health, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(health, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(HealthServer health, String path) {
    return URI.create("http://127.0.0.1:" + health.port() + path);
  }
}
