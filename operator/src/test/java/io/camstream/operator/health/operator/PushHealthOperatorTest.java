package io.camstream.operator.health.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.health.source.ApiCredentialsSecret;
import io.camstream.operator.health.source.MediaMtxHealthSource;
import io.camstream.operator.mediamtx.api.ApiCredentials;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.mediamtx.fake.FakeMediaMtxApi;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real operator on the Fabric8 mock, with push health polling a fake MediaMTX control API that the test flips
 * as cameras would behave: for what MediaMTX cannot be made to do on cue (its API down or refusing the operator's
 * user), a stall held as long as a test needs, exact byte counts. A real publisher frozen and thawed, stopped, and a
 * pulled camera down and up are {@link PushHealthRealMediaMtxTest}'s.
 */
class PushHealthOperatorTest {
  static final Duration POLL = Duration.ofMillis(400);
  /** Generous: the CI machine has 2 cores, often shared with other builds. */
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private FakeMediaMtxApi api;
  private SimpleMeterRegistry metrics;
  private MediaMtxHealthSource pushHealth;
  private OperatorTestHarness harness;
  private String ns;

  @BeforeEach
  void start() throws Exception {
    // no user accepted until the operator generated its credentials
    api = FakeMediaMtxApi.start("nobody", "nothing-yet");
    startOperator(Clock.systemUTC());
  }

  private void startOperator(Clock pushHealthClock) {
    metrics = new SimpleMeterRegistry();
    pushHealth = new MediaMtxHealthSource(api.baseUri().toString(), POLL, new MediaMtxApiClient(),
        pushHealthClock, metrics);
    harness = OperatorTestHarness.builder().pushHealth(pushHealth).start();
    ns = harness.newNamespace();
  }

  @AfterEach
  void stop() {
    try {
      harness.close();
    } finally {
      api.close();
    }
  }

  @Test
  void followsPublishingStalledOfflineAndPublishingAgainWithOneEventPerTransition() {
    api.publish("lobby");
    api.publish("gate");
    api.readers("lobby", 2);
    ApiCredentials apiUser = createAndServe("site", "lobby", "gate");

    CameraStream ready = awaitStatus(cs -> Conditions.isTrue(conditions(cs), ConditionTypes.READY));
    assertThat(ready.getStatus().getReadyCameras()).isEqualTo("2/2");
    assertThat(condition(ready, ConditionTypes.CAMERAS_PUBLISHING).getReason()).isEqualTo("AllCamerasPublishing");
    assertThat(condition(ready, ConditionTypes.MEDIA_SERVER_AVAILABLE).getStatus()).isEqualTo("True");
    CameraStatus lobby = camera(ready, "lobby");
    assertThat(lobby.getPublishing()).isTrue();
    assertThat(lobby.getPublishingSince()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    await().atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(gauge("camstream.camera.readers", "lobby")).as("readers, live").isEqualTo(2.0);
      assertThat(gauge("camstream.camera.inbound.bitrate.bits.per.second", "lobby")).isPositive();
      assertThat(pushHealth.traffic().of(ns, "site").get("lobby").readers()).isEqualTo(2);
    });
    assertThat(lobby.getCodec()).isEqualTo("H264");
    assertThat(lobby.getWidth()).isEqualTo(1280);
    assertThat(lobby.getHeight()).isEqualTo(720);
    assertThat(lobby.getMessage()).startsWith("publishing since ");
    assertThat(lobby.getUrls().getWebrtc()).endsWith("/lobby");
    String publishingSince = condition(ready, ConditionTypes.CAMERAS_PUBLISHING).getLastTransitionTime();

    api.stall("gate");
    CameraStream stalled = awaitStatus(cs -> "Stalled".equals(reason(cs, ConditionTypes.CAMERAS_PUBLISHING)));
    assertThat(condition(stalled, ConditionTypes.CAMERAS_PUBLISHING).getStatus()).isEqualTo("False");
    assertThat(condition(stalled, ConditionTypes.CAMERAS_PUBLISHING).getMessage())
        .startsWith("1/2 cameras publishing; not publishing: gate (stalled since ");
    assertThat(condition(stalled, ConditionTypes.READY).getReason()).isEqualTo("Stalled");
    assertThat(stalled.getStatus().getReadyCameras()).isEqualTo("1/2");
    assertThat(camera(stalled, "gate").getPublishing()).isFalse();
    assertThat(pushHealth.traffic().of(ns, "site").get("gate").inboundBitsPerSecond()).isZero();
    assertThat(camera(stalled, "lobby").getPublishing()).isTrue();

    api.unpublish("gate");
    CameraStream offline = awaitStatus(cs -> "CamerasNotPublishing".equals(reason(cs,
        ConditionTypes.CAMERAS_PUBLISHING)));
    assertThat(condition(offline, ConditionTypes.CAMERAS_PUBLISHING).getMessage())
        .contains("gate (not publishing since ").contains("MediaMTX has no publisher on path \"gate\"");
    assertThat(camera(offline, "gate").getCodec()).isNull();

    api.publish("gate");
    CameraStream back = awaitStatus(cs -> Conditions.isTrue(conditions(cs), ConditionTypes.READY));
    assertThat(back.getStatus().getReadyCameras()).isEqualTo("2/2");
    assertThat(condition(back, ConditionTypes.CAMERAS_PUBLISHING).getLastTransitionTime())
        .as("flipped False and back").isNotEqualTo(publishingSince);

    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(cameraEvents("gate")).extracting(Event::getReason)
        .containsExactly("CameraStartedPublishing", "CameraStalled", "CameraStoppedPublishing",
            "CameraStartedPublishing"));
    assertThat(cameraEvents("lobby")).extracting(Event::getReason).containsExactly("CameraStartedPublishing");
    assertThat(cameraEvents("gate")).extracting(Event::getType)
        .containsExactly("Normal", "Warning", "Warning", "Normal");
    assertThat(harness.events(ns)).extracting(Event::getMessage).noneMatch(m -> m.contains(apiUser.password()));
  }

  @Test
  void apiDownMakesCamerasPublishingUnknownNeverAStaleTrue() throws Exception {
    api.publish("lobby");
    createAndServe("site", "lobby");
    awaitStatus(cs -> Conditions.isTrue(conditions(cs), ConditionTypes.READY));

    api.down();
    CameraStream blind = awaitStatus(cs -> "Unknown".equals(status(cs, ConditionTypes.CAMERAS_PUBLISHING)));
    Condition publishing = condition(blind, ConditionTypes.CAMERAS_PUBLISHING);
    assertThat(publishing.getReason()).isEqualTo("MediaServerApiUnreachable");
    assertThat(publishing.getMessage()).contains("unreachable").contains("refused");
    assertThat(condition(blind, ConditionTypes.MEDIA_SERVER_AVAILABLE).getStatus()).isEqualTo("False");
    assertThat(condition(blind, ConditionTypes.MEDIA_SERVER_AVAILABLE).getReason())
        .isEqualTo("MediaServerApiUnreachable");
    assertThat(condition(blind, ConditionTypes.READY).getStatus()).isEqualTo("False");
    assertThat(camera(blind, "lobby").getPublishing()).as("unknown, not stale").isNull();
    assertThat(camera(blind, "lobby").getMessage()).contains("push health unknown");

    api.up();
    awaitStatus(cs -> Conditions.isTrue(conditions(cs), ConditionTypes.READY));
    assertThat(cameraEvents("lobby")).extracting(Event::getReason).as("an API outage is not a camera event")
        .containsExactly("CameraStartedPublishing");
  }

  @Test
  void wrongCredentialsAreMediaServerApiUnauthorizedWithoutLeakingThem() {
    api.publish("lobby");
    ApiCredentials apiUser = createAndServe("site", "lobby");
    awaitStatus(cs -> Conditions.isTrue(conditions(cs), ConditionTypes.READY));

    api.onlyAcceptCredentials("someone-else", "another-password");
    CameraStream refused = awaitStatus(cs -> "MediaServerApiUnauthorized".equals(reason(cs,
        ConditionTypes.CAMERAS_PUBLISHING)));
    assertThat(status(refused, ConditionTypes.CAMERAS_PUBLISHING)).isEqualTo("Unknown");
    assertThat(condition(refused, ConditionTypes.MEDIA_SERVER_AVAILABLE).getReason())
        .isEqualTo("MediaServerApiUnauthorized");
    assertThat(condition(refused, ConditionTypes.READY).getReason()).isEqualTo("MediaServerApiUnauthorized");
    String everything = harness.client().getKubernetesSerialization().asJson(refused.getStatus())
        + harness.events(ns).stream().map(Event::getMessage).toList();
    assertThat(everything).contains("401").doesNotContain(apiUser.password());
  }

  /**
   * The credentials Secret loses camstream's labels and leaves the operator's cache until the reconcile puts them
   * back: the polls go on with the API user they have, so nothing flaps to MediaServerApiUnauthorized.
   */
  @Test
  void aCredentialsSecretOutOfTheCacheForAMomentDoesNotBlindPushHealth() {
    api.publish("lobby");
    createAndServe("site", "lobby");
    awaitStatus(cs -> Conditions.isTrue(conditions(cs), ConditionTypes.READY));
    long mark = harness.server().requests().mark();
    long polls = pushHealth.poller().polls();

    harness.client().secrets().inNamespace(ns).withName("site-mediamtx-credentials").edit(secret -> {
      secret.getMetadata().getLabels().put("app.kubernetes.io/managed-by", "argocd");
      return secret;
    });
    await().atMost(TIMEOUT).until(() -> "camstream-operator".equals(secret("site").getMetadata().getLabels()
        .get("app.kubernetes.io/managed-by")) && pushHealth.poller().polls() >= polls + 5);

    assertThat(harness.operatorRequestsSince(mark).to("camerastreams/status").writes().count())
        .as("status writes").isZero();
    assertThat(Conditions.isTrue(conditions(harness.get(ns, "site")), ConditionTypes.READY)).isTrue();
  }

  @Test
  void readersAndBitrateMovingEveryPollWriteNoStatusAndPollOncePerPeriod() throws Exception {
    // Byte growth and push health's clock both advance one second per list request, so every measured bitrate is
    // exactly the rate the test set before that poll however late a loaded machine delivers a response.
    harness.close();
    api.timeSource(() -> api.listRequests() * 1_000_000_000L);
    startOperator(new PollCountClock(api));
    String[] cameras = {"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"};
    for (String camera : cameras) {
      api.publish(camera);
    }
    createAndServe("site", cameras);
    awaitStatus(cs -> Conditions.isTrue(conditions(cs), ConditionTypes.READY));
    CameraStream converged = harness.get(ns, "site");
    MockApiServerRequests.drain(harness.server());
    long pollsBefore = pushHealth.poller().polls();
    int listRequestsBefore = api.listRequests();
    long started = System.nanoTime();

    // a variable-bitrate scene (±50 % every poll) and viewers coming and going: each poll measures other numbers
    for (int step = 1; step <= 10; step++) {
      long bytesPerSecond = step % 2 == 0 ? 62_500 : 187_500;
      int readers = step;
      for (String camera : cameras) {
        api.bitrate(camera, bytesPerSecond);
        api.readers(camera, readers);
      }
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(gauge("camstream.camera.readers", "c9")).isEqualTo((double) readers);
        assertThat(gauge("camstream.camera.inbound.bitrate.bits.per.second", "c9")).isEqualTo(bytesPerSecond * 8.0);
      });
    }

    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    long writes = MockApiServerRequests.statusWrites(MockApiServerRequests.drain(harness.server()));
    assertThat(writes).as("status writes while readers and bitrate moved on every poll").isZero();
    assertThat(json(harness.get(ns, "site").getStatus())).isEqualTo(json(converged.getStatus()));
    assertThat(pushHealth.poller().polls() - pollsBefore).isGreaterThanOrEqualTo(10);
    int listRequests = api.listRequests() - listRequestsBefore;
    assertThat(listRequests).as("one request per poll whatever the camera count").isBetween(10,
        (int) (elapsed.toMillis() / POLL.toMillis()) + 2);
    for (String camera : cameras) {
      assertThat(gauge("camstream.camera.readers", camera)).isEqualTo(10.0);
    }
    assertThat(pushHealth.traffic().of(ns, "site").get("c0").inboundKbps()).isEqualTo(500L);
  }

  private String json(Object value) {
    return harness.client().getKubernetesSerialization().asJson(value);
  }

  /** The gauge's value; NaN while the camera has no such series. */
  private double gauge(String name, String camera) {
    var gauge = metrics.find(name).tags("namespace", ns, "camerastream", "site", "camera", camera).gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  /** A clock at one second per list request the fake has answered. */
  private static final class PollCountClock extends Clock {
    private final FakeMediaMtxApi api;

    PollCountClock(FakeMediaMtxApi api) {
      this.api = api;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.EPOCH.plusSeconds(api.listRequests());
    }
  }

  private ApiCredentials createAndServe(String name, String... cameras) {
    CameraStream cameraStream = CameraStreams.of(ns, name,
        Arrays.stream(cameras).map(CameraStreams::testPattern).toArray(CameraSpec[]::new));
    harness.create(cameraStream);
    await().atMost(TIMEOUT).until(() -> secret(name) != null);
    ApiCredentials apiUser = ApiCredentialsSecret.read(secret(name)).orElseThrow();
    api.onlyAcceptCredentials(apiUser.username(), apiUser.password());
    harness.awaitDeployment(ns, name + "-mediamtx");
    harness.markDeploymentReady(ns, name + "-mediamtx");
    return apiUser;
  }

  private Secret secret(String name) {
    return harness.client().secrets().inNamespace(ns).withName(name + "-mediamtx-credentials").get();
  }

  private CameraStream awaitStatus(Predicate<CameraStream> condition) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
      CameraStream current = harness.get(ns, "site");
      return current != null && current.getStatus() != null && condition.test(current);
    });
    return harness.get(ns, "site");
  }

  /** Events about this camera: alone ("camera gate: ...") or in a poll's group ("2 cameras stalled: gate (...), ..."). */
  private List<Event> cameraEvents(String camera) {
    return harness.events(ns).stream()
        .filter(e -> e.getReason().startsWith("Camera") && (e.getMessage().startsWith("camera " + camera + ":")
            || e.getMessage().matches("\\d+ cameras [a-z ]+: (.*, )?" + camera + " \\(.*")))
        // the API server's resourceVersion orders creations; timestamps have whole seconds only
        .sorted(Comparator.comparing(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
        .toList();
  }

  static List<Condition> conditions(CameraStream cs) {
    return cs.getStatus().getConditions();
  }

  static Condition condition(CameraStream cs, String type) {
    return Conditions.find(conditions(cs), type).orElseThrow(() -> new AssertionError("no condition " + type));
  }

  static String reason(CameraStream cs, String type) {
    return Conditions.find(conditions(cs), type).map(Condition::getReason).orElse(null);
  }

  static String status(CameraStream cs, String type) {
    return Conditions.find(conditions(cs), type).map(Condition::getStatus).orElse(null);
  }

  static CameraStatus camera(CameraStream cs, String name) {
    return cs.getStatus().getCameras().stream().filter(c -> name.equals(c.getName())).findFirst().orElseThrow();
  }
}
