package io.camstream.operator.events;

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
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The operator's Events as {@code kubectl describe cams} shows them, on the mock API server: bringing CameraStreams up
 * writes three Events each (what was created, the cameras publishing, Ready), a quiet cluster writes none, and an
 * API server refusing Events never fails a reconcile.
 */
class EventsThroughTheOperatorTest {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final int CAMERA_STREAMS = 4;
  private static final int CAMERAS = 4;

  @Test
  void bringingUpWritesThreeEventsPerCameraStreamAndASteadyClusterWritesNone() throws Exception {
    List<String> cameras = IntStream.range(0, CAMERAS).mapToObj(i -> "cam-" + i).toList();
    try (FakeMediaMtxApi api = FakeMediaMtxApi.start("nobody", "nothing-yet")) {
      cameras.forEach(api::publish);
      MediaMtxHealthSource pushHealth = new MediaMtxHealthSource(api.baseUri().toString(), POLL,
          new MediaMtxApiClient(), Clock.systemUTC());
      try (OperatorTestHarness harness = OperatorTestHarness.builder().pushHealth(pushHealth).start()) {
        String ns = harness.newNamespace();
        try (MediaMtxStandIn mediaMtx = MediaMtxStandIn.start(harness, ns, api)) {
          for (int i = 0; i < CAMERA_STREAMS; i++) {
            harness.create(CameraStreams.of(ns, "site-" + i,
                cameras.stream().map(CameraStreams::testPattern).toArray(CameraSpec[]::new)));
          }
          await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> readyCount(harness, ns)
              == CAMERA_STREAMS);

          Map<String, List<Event>> byCameraStream = harness.events(ns).stream()
              .collect(Collectors.groupingBy(e -> e.getInvolvedObject().getName()));
          assertThat(byCameraStream).hasSize(CAMERA_STREAMS);
          byCameraStream.forEach((name, events) -> {
            assertThat(events).as("Events of %s", name).extracting(Event::getReason)
                .containsExactlyInAnyOrder("MediaServerCreated", "CameraStartedPublishing", "Ready");
            assertThat(events).filteredOn(e -> "CameraStartedPublishing".equals(e.getReason())).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).startsWith(CAMERAS + " cameras started publishing: "
                    + "cam-0 (publishing since "));
          });

          // steady state: MediaMTX keeps answering the same, the operator keeps polling, nobody writes an Event
          MockRequests.drain(harness);
          long polls = pushHealth.poller().polls();
          await().atMost(TIMEOUT).until(() -> pushHealth.poller().polls() >= polls + 5L * CAMERA_STREAMS);
          harness.awaitEventsWritten();
          assertThat(MockRequests.drain(harness)).filteredOn(MockRequests::isEventWrite).isEmpty();
        }
      }
    }
  }

  @Test
  void anApiServerRefusingEventsNeverFailsAReconcile() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (OperatorTestHarness harness = OperatorTestHarness.builder().meterRegistry(registry).start()) {
      String ns = harness.newNamespace();
      String events = "/api/v1/namespaces/" + ns + "/events";
      // the first Event: two 500s (the client retries them), then "already exists" however often it is read again
      harness.server().expect().post().withPath(events).andReturn(500, new StatusBuilder().withCode(500)
          .withMessage("etcdserver: request timed out").build()).times(2);
      harness.server().expect().post().withPath(events).andReturn(409, new StatusBuilder().withCode(409)
          .withReason("AlreadyExists").build()).times(3);
      Set<String> readyReasons = ConcurrentHashMap.newKeySet();
      try (Watch watch = watchReadyReasons(harness, ns, readyReasons)) {
        harness.create(CameraStreams.of(ns, "site", CameraStreams.testPattern("lobby")));
        harness.awaitDeployment(ns, "site-lobby");
        harness.markDeploymentReady(ns, "site-mediamtx");
        harness.markDeploymentReady(ns, "site-lobby");
        harness.awaitCameraStream(ns, "site", cs -> Conditions.isTrue(cs.getStatus().getConditions(),
            ConditionTypes.READY));
        harness.awaitEventsWritten();

        assertThat(readyReasons).doesNotContain(ConditionTypes.REASON_RECONCILE_ERROR);
        assertThat(registry.find("camstream.events.dropped").tag("cause", "write_failed").counter().count())
            .isEqualTo(1);
        assertThat(harness.events(ns)).extracting(Event::getReason).containsExactly(ConditionTypes.REASON_READY);
      }
    }
  }

  private static Watch watchReadyReasons(OperatorTestHarness harness, String ns, Set<String> reasons) {
    return harness.client().resources(CameraStream.class).inNamespace(ns).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, CameraStream cameraStream) {
        if (cameraStream.getStatus() != null) {
          Conditions.find(cameraStream.getStatus().getConditions(), ConditionTypes.READY)
              .ifPresent(ready -> reasons.add(ready.getReason()));
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    });
  }

  private static long readyCount(OperatorTestHarness harness, String ns) {
    return harness.client().resources(CameraStream.class).inNamespace(ns).list().getItems().stream()
        .filter(cs -> cs.getStatus() != null
            && Conditions.isTrue(cs.getStatus().getConditions(), ConditionTypes.READY))
        .count();
  }

  /** The mock API server's request log. */
  private static final class MockRequests {
    static List<RecordedRequest> drain(OperatorTestHarness harness) throws InterruptedException {
      List<RecordedRequest> requests = new java.util.ArrayList<>();
      RecordedRequest request;
      while ((request = harness.server().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
        requests.add(request);
      }
      return requests;
    }

    static boolean isEventWrite(RecordedRequest request) {
      return !"GET".equals(request.getMethod()) && request.getPath().contains("/events");
    }
  }
}
