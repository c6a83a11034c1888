package io.camstream.operator.health.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.health.source.MediaMtxHealthSource;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.mediamtx.fake.FakeMediaMtxApi;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.MediaMtxStandIn;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * 100 CameraStreams × 10 cameras on the mock reach Ready, announced in at most three Events each (issue 11: at most
 * 300 for the lot). The time bound is deliberately generous: this checks that nothing serialises or starves, it is
 * not a benchmark ({@code bench/operator-bench.sh} measures); the figure is printed to the test output.
 */
class PushHealthScaleTest {
  private static final int CAMERA_STREAMS = 100;
  private static final int CAMERAS = 10;
  private static final int EVENTS_PER_CAMERA_STREAM = 3;
  private static final Duration BOUND = Duration.ofMinutes(5);

  @Test
  void hundredCameraStreamsOfTenCamerasReachReadyInThreeEventsEach() throws Exception {
    try (FakeMediaMtxApi api = FakeMediaMtxApi.start("nobody", "nothing-yet")) {
      List<String> cameras = IntStream.range(0, CAMERAS).mapToObj(i -> "cam-" + i).toList();
      cameras.forEach(api::publish);
      MediaMtxHealthSource pushHealth = new MediaMtxHealthSource(api.baseUri().toString(), Duration.ofSeconds(1),
          new MediaMtxApiClient(), Clock.systemUTC());
      try (OperatorTestHarness harness = OperatorTestHarness.builder().pushHealth(pushHealth).start()) {
        String ns = harness.newNamespace();
        try (MediaMtxStandIn mediaMtx = MediaMtxStandIn.start(harness, ns, api)) {
          long started = System.nanoTime();
          for (int i = 0; i < CAMERA_STREAMS; i++) {
            create(harness, CameraStreams.of(ns, String.format("site-%03d", i),
                cameras.stream().map(CameraStreams::testPattern).toArray(CameraSpec[]::new)));
          }
          long created = System.nanoTime();
          // every second, not faster: the test's own list requests compete with the operator for the mock
          await().atMost(BOUND).pollInterval(Duration.ofSeconds(1))
              .until(() -> readyCount(harness, ns) == CAMERA_STREAMS);
          System.out.printf("push-health scale: %d CameraStreams x %d cameras created in %d ms, Ready in %d ms"
                  + " (poll period 1 s)%n", CAMERA_STREAMS, CAMERAS, Duration.ofNanos(created - started).toMillis(),
              Duration.ofNanos(System.nanoTime() - started).toMillis());
        }

        List<CameraStream> all = harness.client().resources(CameraStream.class).inNamespace(ns).list().getItems();
        assertThat(all).hasSize(CAMERA_STREAMS).allSatisfy(cs -> {
          assertThat(cs.getStatus().getReadyCameras()).isEqualTo(CAMERAS + "/" + CAMERAS);
          assertThat(cs.getStatus().getCameras()).allSatisfy(c -> assertThat(c.getPublishing()).isTrue());
        });
        List<Event> events = harness.events(ns);
        System.out.printf("push-health scale: %d Events%n", events.size());
        Map<String, List<String>> reasons = events.stream().collect(Collectors.groupingBy(
            e -> e.getInvolvedObject().getName(), Collectors.mapping(Event::getReason, Collectors.toList())));
        assertThat(reasons).hasSize(CAMERA_STREAMS).allSatisfy((cameraStream, its) ->
            assertThat(its).as("Events of %s", cameraStream).hasSizeLessThanOrEqualTo(EVENTS_PER_CAMERA_STREAM));
      }
    }
  }

  /**
   * On a loaded machine the client may time out a POST the mock did store, and retry it: "already exists" then
   * means created.
   */
  private static void create(OperatorTestHarness harness, CameraStream cameraStream) {
    try {
      harness.create(cameraStream);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  private static long readyCount(OperatorTestHarness harness, String ns) {
    return harness.client().resources(CameraStream.class).inNamespace(ns).list().getItems().stream()
        .filter(cs -> cs.getStatus() != null
            && Conditions.isTrue(cs.getStatus().getConditions(), ConditionTypes.READY))
        .count();
  }
}
