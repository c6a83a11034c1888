package io.camstream.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.VideoSpec;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.apiserver.Fault;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The error policy on the server-shaped API: an API error that the next attempt gets past changes nothing a user
 * sees; one that persists is reported as {@code Ready=False} with a specific reason and a message naming the
 * failed request, credentials masked, and one Warning Event.
 */
class ErrorPolicyTest {
  /** Generous: a persistent failure is reported after about 14 s of retries, on a shared 2-core machine. */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private OperatorTestHarness harness;
  private String ns;
  private final List<Condition> readySeen = new CopyOnWriteArrayList<>();
  private Watch watch;

  @BeforeEach
  void start() {
    harness = OperatorTestHarness.start();
    ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", CameraStreams.testPattern("lobby")));
    harness.awaitDeployment(ns, "site-mediamtx");
    harness.markDeploymentReady(ns, "site-mediamtx");
    harness.awaitDeployment(ns, "site-lobby");
    harness.markDeploymentReady(ns, "site-lobby");
    harness.awaitCameraStream(ns, "site", cs -> isReady(cs));
    watch = harness.client().resources(CameraStream.class).inNamespace(ns).withName("site")
        .watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, CameraStream resource) {
            if (resource.getStatus() != null) {
              Conditions.find(resource.getStatus().getConditions(), ConditionTypes.READY).ifPresent(readySeen::add);
            }
          }

          @Override
          public void onClose(WatcherException cause) {
          }
        });
  }

  @AfterEach
  void stop() {
    watch.close();
    harness.close();
  }

  @Test
  void errorsTheNextAttemptGetsPastChangeNothingAUserSees() {
    String lobby = ".*/namespaces/" + ns + "/deployments/site-lobby";
    Fault conflict = harness.server().faults().inject(Fault.status(409).on("PUT", lobby));
    Fault serverError = harness.server().faults().inject(Fault.status(500).on("PUT", lobby));
    long generation = harness.deployment(ns, "site-lobby").getMetadata().getGeneration();
    long mark = harness.server().requests().mark();

    setFps(12);
    await().atMost(TIMEOUT).until(() -> harness.deployment(ns, "site-lobby").getMetadata().getGeneration()
        > generation);

    assertThat(conflict.fired()).isEqualTo(1);
    assertThat(serverError.fired()).isEqualTo(1);
    assertThat(readySeen).as("Ready as every watcher saw it").isNotEmpty()
        .allSatisfy(ready -> assertThat(ready.getStatus()).isEqualTo(ConditionTypes.TRUE));
    assertThat(harness.eventsSince(ns, mark)).filteredOn(e -> "Warning".equals(e.getType())).isEmpty();
  }

  @Test
  void aFailureThatPersistsIsReportedWithItsReasonAndTheFailedRequest() {
    Fault forbidden = harness.server().faults().inject(Fault.status(403)
        .on("PUT", ".*/namespaces/" + ns + "/deployments/site-lobby").times(1_000)
        .withMessage("deployments.apps \"site-lobby\" is forbidden: admission webhook denied the image "
            + "(source rtsp://admin:hunter2@camera.local/stream)"));
    long mark = harness.server().requests().mark();

    setFps(12);
    CameraStream reported = harness.awaitCameraStream(ns, "site", cs -> !isReady(cs), TIMEOUT);

    Condition ready = Conditions.find(reported.getStatus().getConditions(), ConditionTypes.READY).orElseThrow();
    assertThat(ready.getReason()).isEqualTo(ConditionTypes.REASON_API_FORBIDDEN);
    assertThat(ready.getMessage()).contains("update deployments " + ns + "/site-lobby").contains("403")
        .contains("admission webhook denied").doesNotContain("hunter2");
    assertThat(forbidden.fired()).isGreaterThanOrEqualTo(ReconcileFailure.PERSISTENT_AFTER_ATTEMPTS);
    List<Event> warnings = harness.eventsSince(ns, mark).stream().filter(e -> "Warning".equals(e.getType()))
        .toList();
    assertThat(warnings).singleElement().satisfies(warning -> {
      assertThat(warning.getReason()).isEqualTo(ConditionTypes.REASON_API_FORBIDDEN);
      assertThat(warning.getMessage()).contains("site-lobby").doesNotContain("hunter2");
    });

    harness.server().faults().clear();
    harness.awaitCameraStream(ns, "site", ErrorPolicyTest::isReady, TIMEOUT);
    assertThat(harness.deployment(ns, "site-lobby").getSpec().getTemplate().getSpec().getContainers().get(0)
        .getEnv()).anySatisfy(env -> assertThat(env.getValue()).isEqualTo("12"));
  }

  /** A rejected object is rejected again on every retry until someone acts: reported at the first refusal. */
  @Test
  void anObjectTheApiServerRejectsIsReportedAtOnce() {
    Fault rejected = harness.server().faults().inject(Fault.status(422)
        .on("PUT", ".*/namespaces/" + ns + "/deployments/site-mediamtx").times(1_000)
        .withMessage("Deployment.apps \"site-mediamtx\" is invalid: metadata.annotations: Invalid value: "
            + "\"policy.example.com/tier\": refused by the cluster's policy"));

    harness.edit(ns, "site", cs -> {
      var mediamtx = new io.camstream.operator.api.spec.MediaMtxSpec();
      mediamtx.setImage("registry.example.com/mediamtx:1.20.1");
      cs.getSpec().setMediamtx(mediamtx);
    });
    CameraStream reported = harness.awaitCameraStream(ns, "site", cs -> !isReady(cs), TIMEOUT);

    Condition ready = Conditions.find(reported.getStatus().getConditions(), ConditionTypes.READY).orElseThrow();
    assertThat(ready.getReason()).isEqualTo(ConditionTypes.REASON_API_REJECTED);
    assertThat(ready.getMessage()).contains("update deployments " + ns + "/site-mediamtx", "rejected (422)",
        "(1 attempt, still retrying)", "refused by the cluster's policy");
    assertThat(rejected.fired()).as("reported after the first refusal, not after %s",
        ReconcileFailure.PERSISTENT_AFTER_ATTEMPTS).isLessThan(ReconcileFailure.PERSISTENT_AFTER_ATTEMPTS);
  }

  private void setFps(int fps) {
    harness.edit(ns, "site", cs -> {
      VideoSpec video = new VideoSpec();
      video.setFps(fps);
      cs.getSpec().getCameras().get(0).setVideo(video);
    });
  }

  private static boolean isReady(CameraStream cs) {
    return cs.getStatus() != null && Conditions.isTrue(cs.getStatus().getConditions(), ConditionTypes.READY);
  }
}
