package io.camstream.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.apiserver.ApiRequest;
import io.camstream.operator.testing.apiserver.Fault;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status write under conflict: a 409 makes the writer read the CameraStream again and compute the status from
 * that copy; a status computed from an older spec never lands on a newer one.
 */
class StatusConflictTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private OperatorTestHarness harness;
  private String ns;
  private final List<CameraStream> versions = new CopyOnWriteArrayList<>();
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
    harness.awaitCameraStream(ns, "site", StatusConflictTest::isReady);
    watch = harness.client().resources(CameraStream.class).inNamespace(ns).withName("site")
        .watch(new Watcher<>() {
          @Override
          public void eventReceived(Action action, CameraStream resource) {
            versions.add(resource);
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
  void aConflictOnTheStatusWriteIsReadAgainAndRecomputed() {
    Fault conflict = harness.server().faults().inject(Fault.status(409)
        .on("PUT", ".*/namespaces/" + ns + "/camerastreams/site/status"));
    long mark = harness.server().requests().mark();

    harness.markDeploymentNotReady(ns, "site-lobby");
    CameraStream notReady = harness.awaitCameraStream(ns, "site", cs -> !isReady(cs), TIMEOUT);

    assertThat(conflict.fired()).isEqualTo(1);
    assertThat(Conditions.find(notReady.getStatus().getConditions(), ConditionTypes.READY).orElseThrow().getReason())
        .isEqualTo("CamerasNotPublishing");
    List<String> statusAndReads = harness.operatorRequestsSince(mark)
        .filter(r -> "camerastreams".equals(r.path().plural()) && "site".equals(r.name())).list().stream()
        .map(ApiRequest::toString).toList();
    assertThat(statusAndReads).as("the 409 is followed by a fresh read, then the write")
        .containsSubsequence("update camerastreams/status " + ns + "/site -> 409",
            "get camerastreams " + ns + "/site -> 200", "update camerastreams/status " + ns + "/site -> 200");
    assertThat(harness.eventsSince(ns, mark))
        .extracting(Event::getReason).as("one transition, one Event; no error reported")
        .containsExactly("CamerasNotPublishing");
  }

  @Test
  void aStatusComputedFromAnOlderSpecNeverLandsOnANewerSpec() {
    String path = "/apis/camstream.io/" + HasMetadata.getVersion(CameraStream.class) + "/namespaces/" + ns
        + "/camerastreams/site";
    // The user's edit lands between the operator's read and its status write.
    Fault concurrentEdit = harness.server().faults().inject(Fault.intercept(() -> harness.server().editStored(path,
            cs -> ((ArrayNode) cs.path("spec").path("cameras"))
                .addPOJO(Map.of("name", "gate", "source", Map.of("url", "testpattern")))))
        .on("PUT", ".*/namespaces/" + ns + "/camerastreams/site/status"));

    harness.markDeploymentNotReady(ns, "site-lobby");
    CameraStream current = harness.awaitCameraStream(ns, "site", cs -> cs.getStatus() != null
        && Long.valueOf(2).equals(cs.getStatus().getObservedGeneration())
        && cs.getStatus().getCameras().stream().map(CameraStatus::getName).toList().contains("gate"), TIMEOUT);

    assertThat(concurrentEdit.fired()).isEqualTo(1);
    assertThat(current.getStatus().getCameras()).extracting(CameraStatus::getName).containsExactly("lobby", "gate");
    List<CameraStream> newerSpec = versions.stream()
        .filter(v -> Long.valueOf(2).equals(v.getMetadata().getGeneration())).toList();
    assertThat(newerSpec).as("versions of the edited spec").hasSizeGreaterThanOrEqualTo(2);
    assertThat(newerSpec.subList(1, newerSpec.size())).as("every status written after the edit")
        .allSatisfy(v -> assertThat(v.getStatus().getObservedGeneration()).isEqualTo(2L));
  }

  private static boolean isReady(CameraStream cs) {
    return cs.getStatus() != null && Conditions.isTrue(cs.getStatus().getConditions(), ConditionTypes.READY);
  }
}
