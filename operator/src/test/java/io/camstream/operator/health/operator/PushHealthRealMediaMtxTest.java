package io.camstream.operator.health.operator;

import static io.camstream.operator.health.operator.PushHealthOperatorTest.camera;
import static io.camstream.operator.health.operator.PushHealthOperatorTest.condition;
import static io.camstream.operator.health.operator.PushHealthOperatorTest.conditions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.health.CameraTraffic;
import io.camstream.operator.health.source.MediaMtxHealthSource;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.mediamtx.ChildProcesses;
import io.camstream.operator.testing.mediamtx.MediaMtxPod;
import io.camstream.operator.testing.mediamtx.OperatorOnRealMediaMtx;
import io.camstream.operator.testing.mediamtx.RealMediaMtx;
import io.camstream.operator.testing.mediamtx.TestCamera;
import io.camstream.operator.testing.mediamtx.TestPublisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Push health as the operator reads it from the real MediaMTX's {@code /v3/paths/list}, with real publishers: the
 * streamer's test pattern, a pulled camera's RTSP server.
 */
class PushHealthRealMediaMtxTest {
  static final Duration POLL = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension
  @Order(1)
  static final RealMediaMtx mediaMtx = RealMediaMtx.onFreePorts();
  @RegisterExtension
  @Order(2)
  static final OperatorOnRealMediaMtx operator = OperatorOnRealMediaMtx.polling(mediaMtx, POLL,
      Duration.ofSeconds(2));
  private OperatorTestHarness harness;
  private MediaMtxHealthSource pushHealth;
  private String ns;

  @BeforeEach
  void namespace() {
    harness = operator.harness();
    pushHealth = operator.pushHealth();
    ns = operator.namespace();
  }

  @Test
  void aPublishingStreamerIsReportedWithCodecItsBitrateAndReadersLiveAndItsStopWithinTwoPolls() throws Exception {
    harness.create(CameraStreams.of(ns, "site", CameraStreams.testPattern("gate")));
    MediaMtxPod pod = operator.pod("site").start();
    try (TestPublisher streamer = pod.streamer("gate").start()) {
      CameraStream ready = awaitStatus(cs -> Conditions.isTrue(conditions(cs), ConditionTypes.READY));
      CameraStatus gate = camera(ready, "gate");
      assertThat(gate.getPublishing()).isTrue();
      assertThat(gate.getCodec()).isEqualTo("H264");
      assertThat(gate.getWidth()).isEqualTo(320);
      assertThat(gate.getHeight()).isEqualTo(240);
      await().atMost(TIMEOUT).until(() -> traffic("gate").inboundBitsPerSecond() != null
          && traffic("gate").inboundBitsPerSecond() > 0);
      assertThat(gate.getUrls().getHls()).isEqualTo("http://site-mediamtx." + ns + ".svc:8888/gate/index.m3u8");
      assertThat(playerGets(URI.create(gate.getUrls().getHls()).getPath()))
          .as("what VLC or ffplay gets from urls.hls (through MediaMTX's cookie-check redirect)").startsWith("#EXTM3U");

      // a viewer joins (an RTSP reader) while the bitrate moves from poll to poll: the status is not rewritten
      long mark = harness.server().requests().mark();
      Process reader = mediaMtx.startReader("gate");
      try {
        await().atMost(TIMEOUT).until(() -> Integer.valueOf(1).equals(traffic("gate").readers()));
      } finally {
        ChildProcesses.stop(reader, 2000);
      }
      assertThat(harness.server().requests().since(mark).to("camerastreams/status").writes().count())
          .as("status writes for a reader joining and a moving bitrate").isZero();

      long pollsBefore = pushHealth.poller().polls();
      streamer.stop();
      CameraStream stopped = awaitStatus(cs -> Boolean.FALSE.equals(camera(cs, "gate").getPublishing()));
      assertThat(pushHealth.poller().polls() - pollsBefore).as("polls until the stop is reported")
          .isLessThanOrEqualTo(2);
      assertThat(condition(stopped, ConditionTypes.CAMERAS_PUBLISHING).getReason())
          .isEqualTo("CamerasNotPublishing");
      assertThat(camera(stopped, "gate").getMessage()).startsWith("not publishing since ");
    }
  }

  @Test
  void aPulledCameraWhoseSourceIsDownIsNotPublishingNeverStalledAndPublishesOnceItComesUp() {
    try (TestCamera door = TestCamera.withoutCredentials()) {
      harness.create(CameraStreams.of(ns, "site", CameraStreams.pulled("door", door.url())));
      operator.pod("site").start();
      assertThat(mediaMtx.path("door").get("online").asBoolean()).as("MediaMTX: online while it retries").isTrue();

      CameraStream down = awaitStatus(cs -> camera(cs, "door").getMessage() != null
          && camera(cs, "door").getMessage().contains("source is unreachable"));
      long polls = pushHealth.poller().polls();
      await().atMost(TIMEOUT).until(() -> pushHealth.poller().polls() >= polls + 3);
      down = harness.get(ns, "site");
      assertThat(camera(down, "door").getPublishing()).isFalse();
      assertThat(camera(down, "door").getMessage()).contains("source is unreachable", "never connected");
      assertThat(condition(down, ConditionTypes.CAMERAS_PUBLISHING).getReason()).isEqualTo("CamerasNotPublishing");

      door.start(TIMEOUT);
      awaitStatus(cs -> Boolean.TRUE.equals(camera(cs, "door").getPublishing()));

      door.stop();
      CameraStream lost = awaitStatus(cs -> Boolean.FALSE.equals(camera(cs, "door").getPublishing()));
      assertThat(camera(lost, "door").getMessage()).contains("source is unreachable", "last connected");
      assertThat(condition(lost, ConditionTypes.READY).getReason()).isNotEqualTo("Stalled");
      assertThat(eventReasons()).as("a camera MediaMTX cannot reach is not stalled")
          .doesNotContain("CameraStalled").contains("CameraStartedPublishing", "CameraStoppedPublishing");
    }
  }

  @Test
  void aFrozenStreamerIsReportedAsMediaMtxShowsItWithoutFlapping() {
    harness.create(CameraStreams.of(ns, "site", CameraStreams.testPattern("gate")));
    MediaMtxPod pod = operator.pod("site").start();
    try (TestPublisher streamer = pod.streamer("gate").start()) {
      awaitStatus(cs -> Boolean.TRUE.equals(camera(cs, "gate").getPublishing()));

      // frozen for less than MediaMTX's read timeout: the session stays, media stops, then flows again
      streamer.freeze();
      CameraStream stalled = awaitStatus(cs -> "Stalled".equals(condition(cs, ConditionTypes.CAMERAS_PUBLISHING)
          .getReason()));
      assertThat(camera(stalled, "gate").getMessage()).startsWith("stalled since ");
      streamer.thaw();
      awaitStatus(cs -> Boolean.TRUE.equals(camera(cs, "gate").getPublishing()));
      assertThat(eventReasons()).containsExactly("CameraStartedPublishing", "CameraStalled", "CameraRecovered");

      streamer.freeze();
      // MediaMTX keeps the silent session online with frozen inboundBytes until its readTimeout (10 s) drops it
      CameraStream dropped = awaitStatus(cs -> camera(cs, "gate").getMessage().startsWith("not publishing"));
      assertThat(mediaMtx.path("gate").get("online").asBoolean()).isFalse();
      assertThat(condition(dropped, ConditionTypes.CAMERAS_PUBLISHING).getReason())
          .isEqualTo("CamerasNotPublishing");
      assertThat(eventReasons()).as("one Event per transition, none repeated")
          .containsExactly("CameraStartedPublishing", "CameraStalled", "CameraRecovered", "CameraStalled",
              "CameraStoppedPublishing");

      streamer.thaw();
      awaitStatus(cs -> Boolean.TRUE.equals(camera(cs, "gate").getPublishing()));
    }
  }

  private static final java.util.Set<String> CAMERA_TRANSITIONS = java.util.Set.of("CameraStartedPublishing",
      "CameraStalled", "CameraRecovered", "CameraStoppedPublishing");

  /** The camera transition Events of the test's namespace, oldest first. */
  private java.util.List<String> eventReasons() {
    return harness.events(ns).stream().filter(e -> CAMERA_TRANSITIONS.contains(e.getReason()))
        .sorted(java.util.Comparator.comparing(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
        .map(io.fabric8.kubernetes.api.model.Event::getReason).toList();
  }

  /** A player's GET of a path on MediaMTX's HLS server, following redirects as players do. */
  private static String playerGets(String path) throws Exception {
    HttpClient player = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<String> response = player.send(HttpRequest.newBuilder(mediaMtx.hlsOrigin().resolve(path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
    return response.body();
  }

  private CameraTraffic traffic(String camera) {
    return pushHealth.traffic().of(ns, "site").getOrDefault(camera, CameraTraffic.unknown(camera));
  }

  private CameraStream awaitStatus(Predicate<CameraStream> condition) {
    return harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null && cs.getStatus().getCameras() != null
        && condition.test(cs), TIMEOUT);
  }
}
