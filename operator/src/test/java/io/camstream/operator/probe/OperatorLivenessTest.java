package io.camstream.operator.probe;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.health.CameraTransitionSink;
import io.camstream.operator.health.PushHealth;
import io.camstream.operator.health.PushHealthSource;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.MovableClock;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.StreamerReadinessPushHealth;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code /healthz} fails when the operator is wedged, as OperatorMain wires it, so Kubernetes restarts it. */
class OperatorLivenessTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aStoppedInformerFailsLivenessOnceTheGracePeriodIsOver() throws Exception {
    MovableClock clock = new MovableClock(Instant.parse("2026-11-25T05:00:00Z"));
    try (OperatorTestHarness harness = OperatorTestHarness.start()) {
      OperatorLiveness liveness = new OperatorLiveness(harness.operator(), Duration.ofSeconds(60), clock);
      try (HealthServer health = HealthServer.start(0, liveness::problems, () -> true, () -> "")) {
        assertThat(liveness.problems()).isEmpty();
        assertThat(get(health).statusCode()).isEqualTo(200);

        deploymentInformer(harness).stop();

        assertThat(liveness.problems()).as("a watch may come back within the grace").isEmpty();
        clock.advance(Duration.ofSeconds(61));
        assertThat(liveness.problems()).singleElement().satisfies(problem -> assertThat(problem)
            .startsWith("event source camerastream/").contains("unhealthy for 61s", "stopped"));
        HttpResponse<String> response = get(health);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("stopped");
      }
    }
  }

  @Test
  void aWedgedReconcileFailsLivenessUntilItReturns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    PushHealthSource wedging = new WedgingPushHealth("wedged", release);
    ReconcileWatchdog watchdog = new ReconcileWatchdog(Metrics.NOOP, Clock.systemUTC(), Duration.ofSeconds(1));
    try (OperatorTestHarness harness = OperatorTestHarness.builder().pushHealth(wedging)
        .configure(overrider -> overrider.withMetrics(watchdog)).start()) {
      OperatorLiveness liveness = new OperatorLiveness(harness.operator(), OperatorLiveness.DEFAULT_GRACE,
          Clock.systemUTC());
      String ns = harness.newNamespace();
      try {
        harness.create(CameraStreams.of(ns, "fine", testPattern("lobby")));
        harness.awaitCameraStream(ns, "fine", cs -> cs.getStatus() != null);
        assertThat(liveness.problems()).isEmpty();

        harness.create(CameraStreams.of(ns, "wedged", testPattern("lobby")));
        await().atMost(OperatorTestHarness.TIMEOUT).untilAsserted(() -> assertThat(liveness.problems())
            .singleElement().satisfies(problem -> assertThat(problem)
                .startsWith("reconcile of " + ns + "/wedged running for ")));
      } finally {
        release.countDown();
      }
      await().atMost(OperatorTestHarness.TIMEOUT).until(() -> liveness.problems().isEmpty());
    }
  }

  private static InformerEventSource<?, ?> deploymentInformer(OperatorTestHarness harness) {
    Controller<?> controller = (Controller<?>) harness.operator().getRuntimeInfo().getRegisteredControllers()
        .iterator().next();
    return controller.getEventSourceManager().allEventSources().stream()
        .filter(source -> source instanceof InformerEventSource<?, ?> informer
            && informer.resourceType() == Deployment.class)
        .map(source -> (InformerEventSource<?, ?>) source)
        .findFirst().orElseThrow();
  }

  private HttpResponse<String> get(HealthServer health) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + "/healthz")).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Streamer-readiness push health, except that one CameraStream's reconcile blocks until released. */
  private record WedgingPushHealth(String wedged, CountDownLatch release) implements PushHealthSource {
    @Override
    public List<EventSource<?, CameraStream>> eventSources(EventSourceContext<CameraStream> context,
        CameraTransitionSink transitions) {
      return List.of();
    }

    @Override
    public PushHealth observe(CameraStream cameraStream, Context<CameraStream> context) {
      if (wedged.equals(cameraStream.getMetadata().getName())) {
        try {
          release.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new StreamerReadinessPushHealth().observe(cameraStream, context);
    }
  }

}
