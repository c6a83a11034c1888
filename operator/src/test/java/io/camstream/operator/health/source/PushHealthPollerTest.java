package io.camstream.operator.health.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.CameraStreamSpec;
import io.camstream.operator.health.ApiReachability;
import io.camstream.operator.health.CameraPushState;
import io.camstream.operator.health.CameraTransition;
import io.camstream.operator.health.PushHealth;
import io.camstream.operator.mediamtx.api.ApiCredentials;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.mediamtx.fake.FakeMediaMtxApi;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PushHealthPollerTest {
  private static final ApiCredentials API_USER = new ApiCredentials("camstream-api", "p4ss-w0rd");

  private FakeMediaMtxApi api;
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T05:00:00Z"));
  private final List<CameraTransition> announced = new ArrayList<>();
  private PushHealthPoller poller;
  private final CameraStream site = cameraStream("site", "lobby", "gate");

  @BeforeEach
  void start() throws Exception {
    api = FakeMediaMtxApi.start(API_USER.username(), API_USER.password());
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    poller = new PushHealthPoller(new MediaMtxApiClient(), api.baseUri().toString(), Duration.ofSeconds(10), clock,
        (cs, transitions) -> announced.addAll(transitions));
    poller.useCredentials(ResourceID.fromResource(site), java.util.Optional.of(API_USER));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private PushHealth poll() {
    PushHealth health = poller.fetchResources(site).iterator().next();
    now.set(now.get().plusSeconds(10));
    return health;
  }

  @Test
  void followsTheFakeThroughPublishingStalledOfflineAndBack() {
    api.publish("lobby");
    api.publish("gate");
    poll();
    api.addBytes("lobby", 1000);
    api.addBytes("gate", 1000);
    PushHealth publishing = poll();
    assertThat(publishing.cameras()).extracting(c -> c.state())
        .containsExactly(CameraPushState.PUBLISHING, CameraPushState.PUBLISHING);

    api.stall("gate");
    api.addBytes("lobby", 1000);
    poll(); // gate's bytes may still have grown before the freeze
    api.addBytes("lobby", 1000);
    assertThat(poll().camera("gate").orElseThrow().state()).isEqualTo(CameraPushState.STALLED);

    api.unpublish("gate");
    api.addBytes("lobby", 1000);
    assertThat(poll().camera("gate").orElseThrow().state()).isEqualTo(CameraPushState.OFFLINE);

    assertThat(announced).extracting(CameraTransition::camera, CameraTransition::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("lobby", CameraTransition.Kind.STARTED_PUBLISHING),
        org.assertj.core.groups.Tuple.tuple("gate", CameraTransition.Kind.STARTED_PUBLISHING),
        org.assertj.core.groups.Tuple.tuple("gate", CameraTransition.Kind.STALLED),
        org.assertj.core.groups.Tuple.tuple("gate", CameraTransition.Kind.STOPPED_PUBLISHING));
  }

  @Test
  void missingCredentialsAreReportedNotThrown() {
    poller.useCredentials(ResourceID.fromResource(site), java.util.Optional.empty());

    PushHealth health = poll();

    assertThat(health.api()).isEqualTo(ApiReachability.UNAUTHORIZED);
    assertThat(health.apiDetail()).contains("site-mediamtx-credentials");
    assertThat(api.requests()).isZero();
  }

  @Test
  void aFailingSinkDoesNotStopPolling() {
    PushHealthPoller fragile = new PushHealthPoller(new MediaMtxApiClient(), api.baseUri().toString(),
        Duration.ofMillis(1), Clock.systemUTC(), (cs, transitions) -> {
          throw new IllegalStateException("event API down");
        });
    fragile.useCredentials(ResourceID.fromResource(site), java.util.Optional.of(API_USER));
    api.publish("lobby");
    fragile.fetchResources(site);
    api.addBytes("lobby", 1000);

    assertThat(fragile.fetchResources(site)).hasSize(1);
  }

  @Test
  void unreachableServerGivesUnknownCameras() {
    api.down();

    PushHealth health = poll();

    assertThat(health.api()).isEqualTo(ApiReachability.UNREACHABLE);
    assertThat(health.cameras()).allSatisfy(c -> assertThat(c.publishingFlag()).isNull());
  }

  @Test
  void countsPollsByOutcomeAndTransitionsForPrometheus() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PushHealthPoller measured = new PushHealthPoller(new MediaMtxApiClient(), api.baseUri().toString(),
        Duration.ofMillis(1), Clock.systemUTC(), (cs, transitions) -> { }, registry);
    measured.useCredentials(ResourceID.fromResource(site), java.util.Optional.of(API_USER));
    api.publish("lobby");
    api.publish("gate");
    measured.fetchResources(site);
    api.addBytes("lobby", 1000);
    api.addBytes("gate", 1000);
    sleepMillis(5);
    measured.fetchResources(site);
    api.down();
    measured.fetchResources(site);

    assertThat(registry.get("camstream.mediamtx.api.polls").tag("outcome", "answering").counter().count())
        .isEqualTo(2.0);
    assertThat(registry.get("camstream.mediamtx.api.polls").tag("outcome", "unreachable").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get("camstream.camera.transitions").tag("transition", "CameraStartedPublishing")
        .counter().count()).isEqualTo(2.0);
    assertThat(registry.get("camstream.mediamtx.api.poll").timer().count()).isEqualTo(3);
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void credentialsComeFromTheSecretKeys() {
    var secret = new SecretBuilder().withMetadata(new ObjectMetaBuilder().withName("site-mediamtx-credentials")
        .build()).withData(Map.of(
            "api-username", Base64.getEncoder().encodeToString("camstream-api".getBytes()),
            "api-password", Base64.getEncoder().encodeToString("p4ss-w0rd".getBytes()))).build();

    assertThat(ApiCredentialsSecret.read(secret)).contains(API_USER);
    assertThat(ApiCredentialsSecret.read(new SecretBuilder().build())).isEmpty();
  }

  static CameraStream cameraStream(String name, String... cameras) {
    CameraStream cs = new CameraStream();
    cs.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withGeneration(1L).build());
    CameraStreamSpec spec = new CameraStreamSpec();
    for (String camera : cameras) {
      CameraSpec cameraSpec = new CameraSpec();
      cameraSpec.setName(camera);
      spec.getCameras().add(cameraSpec);
    }
    cs.setSpec(spec);
    return cs;
  }
}
