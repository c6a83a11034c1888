package io.camstream.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.VideoSpec;
import io.camstream.operator.health.source.ApiCredentialsSecret;
import io.camstream.operator.health.source.MediaMtxHealthSource;
import io.camstream.operator.mediamtx.api.ApiCredentials;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.mediamtx.fake.FakeMediaMtxApi;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.apiserver.RequestLog.Requests;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On an API server that stores what a real one stores (defaults, canonical quantities, allocated addresses), a
 * converged CameraStream stays quiet: an operator restart and 20 reconciles forced by changes no user would notice
 * write no dependent object and record no Event; a change to one camera writes exactly that camera's Deployment.
 */
class QuietSteadyStateTest {
  private static final Duration POLL = Duration.ofMillis(500);
  /** Generous: the CI machine has 2 cores, often shared with other builds. */
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> CAMERAS = List.of("lobby", "gate", "dock");
  private static final Set<String> DEPENDENTS = Set.of("deployments", "services", "secrets", "configmaps",
      "networkpolicies", "persistentvolumeclaims");

  private FakeMediaMtxApi mediamtx;
  private SimpleMeterRegistry metrics;
  private OperatorTestHarness harness;
  private String ns;

  @BeforeEach
  void start() throws Exception {
    mediamtx = FakeMediaMtxApi.start("nobody", "nothing-yet");
    CAMERAS.forEach(mediamtx::publish);
    metrics = new SimpleMeterRegistry();
    harness = OperatorTestHarness.builder().pushHealth(pushHealth()).meterRegistry(metrics).start();
    ns = harness.newNamespace();
  }

  private MediaMtxHealthSource pushHealth() {
    return new MediaMtxHealthSource(mediamtx.baseUri().toString(), POLL, new MediaMtxApiClient(),
        Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    try {
      harness.close();
    } finally {
      mediamtx.close();
    }
  }

  @Test
  void aConvergedCameraStreamMakesNoWritesUntilItsSpecChanges() {
    CameraStream cameraStream = CameraStreams.of(ns, "site",
        CAMERAS.stream().map(CameraStreams::testPattern).toArray(CameraSpec[]::new));
    // Written the way users write them, not the way the API server stores them.
    cameraStream.getSpec().getCameras().get(0).setResources(new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("0.5")).addToRequests("memory", new Quantity("1024Mi"))
        .addToLimits("cpu", new Quantity("1000m")).build());
    harness.create(cameraStream);
    await().atMost(TIMEOUT).until(() -> secret("site-mediamtx-credentials") != null);
    ApiCredentials apiUser = ApiCredentialsSecret.read(secret("site-mediamtx-credentials")).orElseThrow();
    mediamtx.onlyAcceptCredentials(apiUser.username(), apiUser.password());
    harness.awaitDeployment(ns, "site-mediamtx");
    harness.markDeploymentReady(ns, "site-mediamtx");
    CAMERAS.forEach(camera -> {
      harness.awaitDeployment(ns, "site-" + camera);
      harness.markDeploymentReady(ns, "site-" + camera);
    });
    harness.awaitCameraStream(ns, "site", cs -> Conditions.isTrue(cs.getStatus() == null ? null
        : cs.getStatus().getConditions(), ConditionTypes.READY));
    settle();

    long quiet = harness.server().requests().mark();
    reconciledAfter(() -> harness.restartOperator(pushHealth()));
    for (int i = 0; i < 20; i++) {
      // A streamer's pod restarting: its Deployment's status flaps, the camera keeps publishing in MediaMTX. (A
      // Deployment's status alone triggers no reconcile: push health comes from MediaMTX.)
      harness.markDeploymentNotReady(ns, "site-gate");
      harness.markDeploymentReady(ns, "site-gate");
      // Another controller annotating a streamer Deployment: a reconcile, and what it added is not ours to remove.
      String audit = Integer.toString(i);
      reconciledAfter(() -> harness.client().apps().deployments().inNamespace(ns).withName("site-gate")
          .edit(d -> {
            d.getMetadata().getAnnotations().put("audit.example.com/checked", audit);
            return d;
          }));
      // Bitrate wobbling within its ±10 % band between polls.
      mediamtx.addBytes("lobby", FakeMediaMtxApi.DEFAULT_BYTES_PER_SECOND / 20);
    }
    settle();
    Requests steady = harness.operatorRequestsSince(quiet);
    assertThat(steady.writes().filter(r -> DEPENDENTS.contains(r.path().plural())).describe())
        .as("writes to dependents in steady state").isEmpty();
    assertThat(harness.eventsSince(ns, quiet)).extracting(e -> e.getReason() + ": " + e.getMessage())
        .as("Events in steady state").isEmpty();
    assertThat(steady.writes().to("events").describe()).as("Event writes in steady state").isEmpty();

    long change = harness.server().requests().mark();
    harness.edit(ns, "site", cs -> {
      VideoSpec video = new VideoSpec();
      video.setFps(15);
      cs.getSpec().getCameras().get(1).setVideo(video);
    });
    await().atMost(TIMEOUT).until(() -> harness.deployment(ns, "site-gate").getMetadata().getGeneration() > 1);
    settle();
    Requests changed = harness.operatorRequestsSince(change);
    assertThat(changed.writes().filter(r -> DEPENDENTS.contains(r.path().plural())).describe())
        .containsExactly("update deployments " + ns + "/site-gate -> 200");
    assertThat(harness.events(ns)).filteredOn(e -> "CameraUpdated".equals(e.getReason()))
        .singleElement().satisfies(e -> assertThat(e.getMessage()).contains("gate"));
  }

  /** Does something, then waits until the operator has started a reconcile since. */
  private void reconciledAfter(Runnable action) {
    double before = reconciles();
    action.run();
    await().atMost(TIMEOUT).until(() -> reconciles() > before);
  }

  private double reconciles() {
    return metrics.find("operator.sdk.reconciliations.started").counters().stream().mapToDouble(Counter::count)
        .sum();
  }

  /** Lets in-flight reconciles and a few push-health polls finish. */
  private void settle() {
    long until = System.nanoTime() + POLL.multipliedBy(6).toNanos();
    await().atMost(TIMEOUT).pollDelay(POLL.multipliedBy(6)).until(() -> System.nanoTime() >= until);
  }

  private Secret secret(String name) {
    return harness.client().secrets().inNamespace(ns).withName(name).get();
  }
}
