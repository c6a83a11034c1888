package io.camstream.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.VideoSpec;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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

  private static String hash(HasMetadata object) {
    return DesiredStateHash.stamped(object);
  }
}
