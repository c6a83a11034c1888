package io.camstream.operator.reconciler;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.VideoSpec;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.apiserver.ApiRequest;
import io.camstream.operator.testing.apiserver.Fault;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A problem with one camera — resources the API server would refuse, a Deployment it does refuse, a write that fails
 * for a moment — holds only that camera: the cameras after it in the spec are still created and updated.
 */
class OneCameraHeldTest {
  private static OperatorTestHarness harness;

  @BeforeAll
  static void startOperator() {
    harness = OperatorTestHarness.start();
  }

  @AfterAll
  static void stopOperator() {
    harness.close();
  }

  @Test
  void resourcesTheApiServerWouldRefuseHoldOnlyThatCamera() {
    String ns = harness.newNamespace();
    CameraSpec gate = testPattern("gate");
    gate.setResources(new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("2"))
        .addToLimits("cpu", new Quantity("1")).build());
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"), gate, testPattern("yard")));

    harness.awaitDeployment(ns, "site-lobby");
    harness.awaitDeployment(ns, "site-yard");
    Condition ready = awaitReady(ns, ConditionTypes.FALSE, "InvalidSpec");
    assertThat(ready.getMessage()).startsWith("camera gate: spec.cameras[1].resources.requests.cpu 2 is more than its"
        + " limit 1");
    CameraStream site = harness.get(ns, "site");
    assertThat(site.getStatus().getCameras()).extracting(CameraStatus::getName)
        .containsExactly("lobby", "gate", "yard");
    assertThat(site.getStatus().getCameras().get(1).getMessage()).contains("spec.cameras[1].resources.requests.cpu");
    assertThat(harness.deployment(ns, "site-gate")).isNull();

    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().get(1).getResources().getRequests()
        .put("cpu", new Quantity("500m")));
    harness.awaitDeployment(ns, "site-gate");
  }

  @Test
  void aStreamerTheApiServerRejectsIsHeldAndReportedAtOnceWhileTheOthersAreUpdated() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"), testPattern("gate"), testPattern("yard")));
    List.of("site-mediamtx", "site-lobby", "site-gate", "site-yard").forEach(name -> {
      harness.awaitDeployment(ns, name);
      harness.markDeploymentReady(ns, name);
    });
    awaitReady(ns, ConditionTypes.TRUE, ConditionTypes.REASON_READY);
    Fault webhook = harness.server().faults().inject(Fault.status(422)
        .on("PUT", ".*/namespaces/" + ns + "/deployments/site-gate").times(1_000)
        .withMessage("admission webhook \"images.policy.example.com\" denied the request: fps above 10 needs a"
            + " licence"));

    setFps(ns, 12);
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> fps(ns, "site-lobby") == 12 && fps(ns, "site-yard") == 12);
    Condition ready = awaitReady(ns, ConditionTypes.FALSE, ConditionTypes.REASON_API_REJECTED);
    assertThat(ready.getMessage()).startsWith("camera gate: update deployments " + ns + "/site-gate was rejected"
        + " (422)").contains("fps above 10 needs a licence");
    assertThat(webhook.fired()).as("reported at the first refusal").isLessThan(ReconcileFailure
        .PERSISTENT_AFTER_ATTEMPTS);
    assertThat(fps(ns, "site-gate")).as("the held camera's streamer is left as it runs").isEqualTo(0);
    assertThat(harness.get(ns, "site").getStatus().getCameras().get(1).getMessage()).contains("ApiRejected",
        "denied the request");
  }

  @Test
  void aWriteThatFailsForAMomentDoesNotKeepTheNextCamerasWaiting() {
    String ns = harness.newNamespace();
    harness.create(CameraStreams.of(ns, "site", testPattern("lobby"), testPattern("gate"), testPattern("yard")));
    List.of("site-lobby", "site-gate", "site-yard").forEach(name -> harness.awaitDeployment(ns, name));
    // A 409 (someone wrote first): the client does not retry it itself, the reconcile does.
    harness.server().faults().inject(Fault.status(409).on("PUT", ".*/namespaces/" + ns + "/deployments/site-gate"));
    long mark = harness.server().requests().mark();

    setFps(ns, 12);
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> fps(ns, "site-gate") == 12 && fps(ns, "site-yard") == 12);
    List<ApiRequest> puts = harness.operatorRequestsSince(mark).to("deployments").verb("update").list();
    List<String> order = puts.stream().map(r -> r.name() + " " + r.code()).toList();
    assertThat(order).as("yard is written in the reconcile that met gate's failure, before gate's retry")
        .containsSubsequence("site-gate 409", "site-yard 200", "site-gate 200");
  }

  private static void setFps(String ns, int fps) {
    harness.edit(ns, "site", cs -> cs.getSpec().getCameras().forEach(camera -> {
      VideoSpec video = new VideoSpec();
      video.setFps(fps);
      camera.setVideo(video);
    }));
  }

  /** The streamer's CAMSTREAM_FPS, 0 when it has none. */
  private static int fps(String ns, String deployment) {
    return harness.deployment(ns, deployment).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
        .stream().filter(env -> "CAMSTREAM_FPS".equals(env.getName())).findFirst()
        .map(env -> Integer.parseInt(env.getValue())).orElse(0);
  }

  private static Condition awaitReady(String ns, String status, String reason) {
    CameraStream site = harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null
        && Conditions.find(cs.getStatus().getConditions(), ConditionTypes.READY)
            .filter(c -> status.equals(c.getStatus()) && reason.equals(c.getReason())).isPresent());
    return Conditions.find(site.getStatus().getConditions(), ConditionTypes.READY).orElseThrow();
  }
}
