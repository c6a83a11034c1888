package io.camstream.operator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The recorder against the Fabric8 mock API server (CRUD, plus scripted failures). */
class EventRecorderTest {
  private static final Duration WRITTEN = Duration.ofSeconds(30);
  private static final String EVENTS = "/api/v1/namespaces/cameras/events";

  private KubernetesMockServer server;
  private KubernetesClient client;
  private SimpleMeterRegistry registry;
  private EventRecorder recorder;
  private CameraStream site;

  @BeforeEach
  void start() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init();
    client = server.createClient(new JdkHttpClientFactory());
    registry = new SimpleMeterRegistry();
    recorder = EventRecorder.start(client, Clock.systemUTC(), registry);
    site = CameraStreams.of("cameras", "site", CameraStreams.testPattern("lobby"));
    site.getMetadata().setUid("6f1c2a8e-0000-4000-8000-000000000001");
  }

  @AfterEach
  void stop() {
    recorder.close();
    client.close();
    server.destroy();
  }

  @Test
  void theSameEventTwiceIsOneObjectWithCountTwo() throws Exception {
    recorder.normal(site, "Ready", "MediaMTX is available and all 1 cameras are publishing");
    recorder.normal(site, "Ready", "MediaMTX is available and all 1 cameras are publishing");
    assertThat(recorder.awaitIdle(WRITTEN)).isTrue();

    assertThat(events()).singleElement().satisfies(event -> {
      assertThat(event.getCount()).isEqualTo(2);
      assertThat(event.getReason()).isEqualTo("Ready");
      assertThat(event.getType()).isEqualTo("Normal");
      assertThat(event.getInvolvedObject().getUid()).isEqualTo(site.getMetadata().getUid());
      assertThat(event.getMetadata().getName()).startsWith("site.");
    });
    assertThat(counter("camstream.events.written", "operation", "create")).isEqualTo(1);
    assertThat(counter("camstream.events.written", "operation", "update")).isEqualTo(1);
  }

  @Test
  void anEventAnEarlierRunRecordedIsCountedOnNotDuplicated() throws Exception {
    recorder.warning(site, "SecretNotFound", "spec.cameras[0]: Secret door-cam not found");
    assertThat(recorder.awaitIdle(WRITTEN)).isTrue();
    Event first = events().get(0);
    client.v1().events().inNamespace("cameras").resource(new EventBuilder(first).editMetadata()
        .withResourceVersion(null).endMetadata().withCount(5).build()).update();

    try (EventRecorder restarted = EventRecorder.start(client, Clock.systemUTC(), null)) {
      restarted.warning(site, "SecretNotFound", "spec.cameras[0]: Secret door-cam not found");
      assertThat(restarted.awaitIdle(WRITTEN)).isTrue();
    }

    assertThat(events()).singleElement().satisfies(event -> {
      assertThat(event.getMetadata().getName()).isEqualTo(first.getMetadata().getName());
      assertThat(event.getCount()).isEqualTo(6);
      assertThat(event.getFirstTimestamp()).isEqualTo(first.getFirstTimestamp());
    });
  }

  @Test
  void aServerErrorIsRetriedAndARefusalIsDroppedAndCountedNeverThrown() throws Exception {
    server.expect().post().withPath(EVENTS).andReturn(500, new StatusBuilder().withCode(500)
        .withMessage("etcdserver: request timed out").build()).once();
    recorder.normal(site, "MediaServerCreated", "Created MediaMTX Deployment site-mediamtx");
    assertThat(recorder.awaitIdle(WRITTEN)).isTrue();
    assertThat(events()).extracting(Event::getReason).containsExactly("MediaServerCreated");

    server.expect().post().withPath(EVENTS).andReturn(403, new StatusBuilder().withCode(403)
        .withReason("Forbidden").withMessage("events is forbidden").build()).always();
    recorder.warning(site, "Stalled", "1/1 cameras stalled");
    assertThat(recorder.awaitIdle(WRITTEN)).isTrue();

    assertThat(events()).extracting(Event::getReason).containsExactly("MediaServerCreated");
    assertThat(counter("camstream.events.dropped", "cause", "write_failed")).isEqualTo(1);
    assertThat(counter("camstream.events.written", "operation", "create")).isEqualTo(1);
  }

  @Test
  void aHangingApiServerNeverBlocksTheCallerAndOverflowIsDroppedAndCounted() throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(hanging.accept());
          }
        } catch (IOException closed) {
          // test over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      Config config = new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + hanging.getLocalPort())
          .withRequestTimeout(60_000).withRequestRetryBackoffLimit(0).build();
      try (KubernetesClient stuck = new KubernetesClientBuilder().withConfig(config)
          .withHttpClientFactory(new JdkHttpClientFactory()).build();
           EventRecorder blocked = EventRecorder.start(stuck, Clock.systemUTC(), registry)) {
        // the writer is stuck on its first request for 60 s: a recorder that waited for it would not get through
        assertTimeoutPreemptively(Duration.ofSeconds(50), () -> {
          for (int i = 0; i < EventRecorder.QUEUE_CAPACITY + 100; i++) {
            blocked.normal(site, "CameraAdded", "Added camera cam-" + i + ": created Deployment site-cam-" + i);
          }
        });

        assertThat(counter("camstream.events.dropped", "cause", "queue_full")).isGreaterThanOrEqualTo(99);
      }
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void messagesAreRedactedAndCut() throws Exception {
    recorder.warning(site, "ReconcileError", "could not reach rtsp://admin:hunter2@10.0.0.5/stream "
        + "x".repeat(2000));
    assertThat(recorder.awaitIdle(WRITTEN)).isTrue();

    assertThat(events()).singleElement().satisfies(event -> {
      assertThat(event.getMessage()).doesNotContain("hunter2").contains("rtsp://***@10.0.0.5/stream");
      assertThat(event.getMessage()).hasSize(EventRecorder.MAX_MESSAGE);
    });
  }

  private List<Event> events() {
    return client.v1().events().inNamespace("cameras").list().getItems();
  }

  private double counter(String name, String tag, String value) {
    var counter = registry.find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }
}
