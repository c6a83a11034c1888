package io.camstream.operator.health.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.health.source.ApiCredentialsSecret;
import io.camstream.operator.health.source.MediaMtxHealthSource;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.mediamtx.fake.FakeMediaMtxApi;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * 100 CameraStreams × 10 cameras on the mock reach Ready. The bound is deliberately generous (this is a
 * correctness check that nothing serialises or starves, not a benchmark); the measured figure is printed to the test
 * output and recorded in the notes / benchmark issue.
 */
class PushHealthScaleTest {
  private static final int CAMERA_STREAMS = 100;
  private static final int CAMERAS = 10;
  private static final Duration BOUND = Duration.ofMinutes(5);

  @Test
  void hundredCameraStreamsOfTenCamerasReachReady() throws Exception {
    try (FakeMediaMtxApi api = FakeMediaMtxApi.start("nobody", "nothing-yet")) {
      List<String> cameras = IntStream.range(0, CAMERAS).mapToObj(i -> "cam-" + i).toList();
      cameras.forEach(api::publish);
      MediaMtxHealthSource pushHealth = new MediaMtxHealthSource(api.baseUri().toString(), Duration.ofSeconds(1),
          new MediaMtxApiClient(), Clock.systemUTC());
      try (OperatorTestHarness harness = OperatorTestHarness.builder().pushHealth(pushHealth).start()) {
        String ns = harness.newNamespace();
        long started = System.nanoTime();
        for (int i = 0; i < CAMERA_STREAMS; i++) {
          harness.create(CameraStreams.of(ns, String.format("site-%03d", i),
              cameras.stream().map(CameraStreams::testPattern).toArray(CameraSpec[]::new)));
        }
        long created = System.nanoTime();
        Set<String> served = new HashSet<>();
        Set<String> available = new HashSet<>();
        long[] allServed = {0};
        // every second, not faster: the test's own list requests compete with the operator for the mock
        await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).until(() -> {
          if (allServed[0] == 0) {
            playMediaMtx(harness, ns, api, served, available);
          }
          if (allServed[0] == 0 && served.size() == CAMERA_STREAMS && available.size() == CAMERA_STREAMS) {
            allServed[0] = System.nanoTime();
          }
          return readyCount(harness, ns) == CAMERA_STREAMS;
        });
        System.out.printf("push-health scale: created in %d ms, every MediaMTX up and serving after %d ms%n",
            Duration.ofNanos(created - started).toMillis(), Duration.ofNanos(allServed[0] - started).toMillis());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("push-health scale: %d CameraStreams x %d cameras Ready in %d ms (poll period 1 s)%n",
            CAMERA_STREAMS, CAMERAS, elapsed.toMillis());

        List<CameraStream> all = harness.client().resources(CameraStream.class).inNamespace(ns).list().getItems();
        assertThat(all).hasSize(CAMERA_STREAMS).allSatisfy(cs -> {
          assertThat(cs.getStatus().getReadyCameras()).isEqualTo(CAMERAS + "/" + CAMERAS);
          assertThat(cs.getStatus().getCameras()).allSatisfy(c -> assertThat(c.getPublishing()).isTrue());
        });
      }
    }
  }

  /** Plays what the cluster would do: MediaMTX starts (Deployment available) and knows the operator's API user. */
  private static void playMediaMtx(OperatorTestHarness harness, String ns, FakeMediaMtxApi api, Set<String> served,
      Set<String> available) {
    for (Secret secret : harness.client().secrets().inNamespace(ns).withLabel(Labels.COMPONENT,
        Labels.COMPONENT_MEDIAMTX).list().getItems()) {
      if (served.add(secret.getMetadata().getName())) {
        ApiCredentialsSecret.read(secret).ifPresent(user -> api.acceptCredentials(user.username(),
            user.password()));
      }
    }
    for (Deployment deployment : harness.client().apps().deployments().inNamespace(ns).withLabel(Labels.COMPONENT,
        Labels.COMPONENT_MEDIAMTX).list().getItems()) {
      if (available.add(deployment.getMetadata().getName())) {
        harness.markDeploymentReady(ns, deployment.getMetadata().getName());
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
