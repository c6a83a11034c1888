package io.camstream.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.VideoSpec;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredStateHashTest {
  private static DesiredState desired(CameraStream cameraStream) {
    cameraStream.getMetadata().setUid("00000000-0000-0000-0000-000000000001");
    return DesiredState.of(cameraStream, OperatorDefaults.standard(), Map.of(), () -> "generated-password-0123456789");
  }

  @Test
  void everyObjectTheOperatorWritesCarriesItsHash() {
    DesiredState state = desired(CameraStreams.of("ns", "site", CameraStreams.testPattern("lobby")));
    assertThat(state.all()).isNotEmpty().allSatisfy(object -> assertThat(DesiredStateHash.stamped(object))
        .as("%s %s", object.getKind(), object.getMetadata().getName()).isEqualTo(DesiredStateHash.ofDesired(object)));
  }

  @Test
  void theHashFollowsWhatCamstreamWantsAndOnlyThat() {
    CameraStream cameraStream = CameraStreams.of("ns", "site", CameraStreams.testPattern("lobby"),
        CameraStreams.testPattern("gate"));
    DesiredState before = desired(cameraStream);
    DesiredState again = desired(cameraStream);
    VideoSpec video = new VideoSpec();
    video.setFps(12);
    cameraStream.getSpec().getCameras().get(0).setVideo(video);
    DesiredState after = desired(cameraStream);

    assertThat(hash(again.streamers().get("lobby"))).isEqualTo(hash(before.streamers().get("lobby")));
    assertThat(hash(after.streamers().get("lobby"))).isNotEqualTo(hash(before.streamers().get("lobby")));
    assertThat(hash(after.streamers().get("gate"))).as("another camera's Deployment")
        .isEqualTo(hash(before.streamers().get("gate")));

    Deployment labelled = before.streamers().get("gate");
    String stamped = hash(labelled);
    labelled.getMetadata().getLabels().put("extra", "label");
    assertThat(DesiredStateHash.ofDesired(labelled)).as("labels count").isNotEqualTo(stamped);
  }

  @Test
  void removingAFieldChangesTheHash() {
    CameraStream cameraStream = CameraStreams.of("ns", "site", CameraStreams.testPattern("lobby"));
    VideoSpec video = new VideoSpec();
    video.setFps(12);
    cameraStream.getSpec().getCameras().get(0).setVideo(video);
    Deployment withFps = desired(cameraStream).streamers().get("lobby");
    cameraStream.getSpec().getCameras().get(0).setVideo(null);
    Deployment withoutFps = desired(cameraStream).streamers().get("lobby");

    assertThat(hash(withFps)).as("the streamer's environment lost a variable").isNotEqualTo(hash(withoutFps));
    assertThat(hash(withFps)).matches("[0-9a-f]{32}");

    Deployment annotated = desired(cameraStream).streamers().get("lobby");
    annotated.getMetadata().getAnnotations().put("example.com/owner", "team-a");
    String withAnnotation = DesiredStateHash.ofDesired(annotated);
    annotated.getMetadata().getAnnotations().remove("example.com/owner");
    assertThat(DesiredStateHash.ofDesired(annotated)).as("an annotation removed").isNotEqualTo(withAnnotation)
        .isEqualTo(hash(withoutFps));
  }

  @Test
  void theHashOfAValueIsItsJsonWithMapKeysInAnyOrder() {
    Map<String, Object> one = new java.util.LinkedHashMap<>();
    one.put("a", 1);
    one.put("b", "x");
    Map<String, Object> reordered = new java.util.LinkedHashMap<>();
    reordered.put("b", "x");
    reordered.put("a", 1);

    assertThat(DesiredStateHash.of(one)).isEqualTo(DesiredStateHash.of(reordered)).matches("[0-9a-f]{32}");
    assertThat(DesiredStateHash.of(Map.of("a", 1))).as("a key removed").isNotEqualTo(DesiredStateHash.of(one));
    assertThat(DesiredStateHash.of(Map.of("a", 2, "b", "x"))).isNotEqualTo(DesiredStateHash.of(one));
  }

  @Test
  void anObjectIsWrittenFromADesiredStateOnlyWhenItCarriesThatStatesHash() {
    CameraStream cameraStream = CameraStreams.of("ns", "site", CameraStreams.testPattern("lobby"));
    Deployment desired = desired(cameraStream).streamers().get("lobby");
    Deployment stored = desired(cameraStream).streamers().get("lobby");
    assertThat(DesiredStateHash.writtenFrom(stored, desired)).isTrue();

    stored.getMetadata().getAnnotations().put(DesiredStateHash.ANNOTATION, "0".repeat(32));
    assertThat(DesiredStateHash.writtenFrom(stored, desired)).as("an older desired state").isFalse();

    stored.getMetadata().setAnnotations(null);
    assertThat(DesiredStateHash.stamped(stored)).isNull();
    assertThat(DesiredStateHash.writtenFrom(stored, desired)).as("written by someone else").isFalse();
    assertThat(DesiredStateHash.stamped(null)).isNull();

    assertThat(DesiredStateHash.stamp(stored)).isSameAs(stored);
    assertThat(DesiredStateHash.stamped(stored)).as("stamping an object without annotations")
        .isEqualTo(DesiredStateHash.stamped(desired));
  }

  /**
   * Objects stored by an earlier release carry the hash it computed: the same desired state must hash the same, or
   * an upgrade would rewrite every object and roll every streamer. Pinned from the release before the hash was
   * computed in one pass (field order, nested maps and lists, numbers, booleans, labels and annotations).
   */
  @Test
  void anUnchangedDesiredStateKeepsTheHashEarlierReleasesStamped() {
    assertThat(DesiredStateHash.ofDesired(fixedObject())).isEqualTo("17571aef0cd8767b11b0b3b129780b08");
  }

  /** A streamer-like Deployment written out by hand, independent of today's builders. */
  static Deployment fixedObject() {
    return new DeploymentBuilder()
        .withNewMetadata().withName("site-lobby").withNamespace("ns").withGeneration(3L)
        .addToLabels("app.kubernetes.io/name", "camstream-streamer").addToLabels("camstream.io/camera", "lobby")
        .addToAnnotations("example.com/team", "video").addToAnnotations(DesiredStateHash.ANNOTATION, "ignored")
        .endMetadata()
        .withNewSpec().withReplicas(1).withNewStrategy().withType("Recreate").endStrategy()
        .withNewSelector().addToMatchLabels("camstream.io/camera", "lobby").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("camstream.io/camera", "lobby")
        .addToAnnotations("camstream.io/credentials-hash", "0123").endMetadata()
        .withNewSpec().withAutomountServiceAccountToken(false)
        .addNewContainer().withName("streamer").withImage("ghcr.io/camstream/streamer:1.0")
        .addNewEnv().withName("CAMERA_URL").withValue("rtsp://cam/1").endEnv()
        .addNewEnv().withName("FPS").withValue("12").endEnv()
        .withNewResources().addToRequests("cpu", new Quantity("250m")).addToLimits("memory", new Quantity("256Mi"))
        .endResources()
        .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort(8080).endHttpGet()
        .withPeriodSeconds(5).endReadinessProbe()
        .endContainer().endSpec().endTemplate().endSpec()
        .withNewStatus().withReplicas(1).endStatus()
        .build();
  }

  private static String hash(HasMetadata object) {
    return DesiredStateHash.stamped(object);
  }
}
