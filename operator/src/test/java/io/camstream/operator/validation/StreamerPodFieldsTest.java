package io.camstream.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.api.spec.TolerationSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tolerations and supplemental groups as the API server's pod-spec validation takes and refuses them. */
class StreamerPodFieldsTest {
  private static final String FIELD = "spec.cameras[0]";

  @Test
  void whatAPodSpecAcceptsIsAccepted() {
    CameraSpec camera = usb(
        toleration("node-role.kubernetes.io/edge", "Exists", null, "NoSchedule", null),
        toleration("camstream.io/usb", "Equal", "bench", "NoExecute", 300L),
        toleration("dedicated", null, "cameras", null, null),
        toleration("example.com/" + "k".repeat(63), "Equal", "v".repeat(63), "PreferNoSchedule", null),
        toleration(null, "Exists", null, null, null),
        toleration("zone", "Equal", "", "", null));
    camera.setSupplementalGroups(List.of(44L, 986L, CameraSpec.MAX_GROUP_ID));
    assertThat(StreamerPodFields.problems(FIELD, camera)).isEmpty();
    camera.setTolerations(List.of());
    camera.setSupplementalGroups(List.of());
    assertThat(StreamerPodFields.problems(FIELD, camera)).as("empty lists").isEmpty();
    assertThat(StreamerPodFields.problems(FIELD, CameraStreams.camera("usb", "/dev/video0"))).as("left out").isEmpty();
  }

  @Test
  void everyRefusedTolerationIsNamedWithItsField() {
    CameraSpec camera = usb(
        toleration("bad key", "Exists", null, null, null),
        toleration(null, "Equal", "x", null, null),
        toleration("zone", "In", "a", null, null),
        toleration("zone", "Exists", "a", null, null),
        toleration("zone", "Equal", "-a", null, null),
        toleration("zone", "Equal", "v".repeat(64), null, null),
        toleration("zone", "Exists", null, "NoEvict", null),
        toleration("zone", "Exists", null, "NoSchedule", 60L),
        null);
    assertThat(StreamerPodFields.problems(FIELD, camera)).containsExactly(
        "spec.cameras[0].tolerations[0].key must be a label key such as node-role.kubernetes.io/edge",
        "spec.cameras[0].tolerations[1].operator must be Exists when key is empty (a toleration of every taint)",
        "spec.cameras[0].tolerations[2].operator must be Equal or Exists",
        "spec.cameras[0].tolerations[3].value must be empty when operator is Exists",
        "spec.cameras[0].tolerations[4].value must be a label value (at most 63 letters, digits, '-', '_' or '.',"
            + " starting and ending with a letter or digit)",
        "spec.cameras[0].tolerations[5].value must be a label value (at most 63 letters, digits, '-', '_' or '.',"
            + " starting and ending with a letter or digit)",
        "spec.cameras[0].tolerations[6].effect must be NoSchedule, PreferNoSchedule or NoExecute (or left out for"
            + " all three)",
        "spec.cameras[0].tolerations[7].tolerationSeconds needs effect NoExecute: only an evicting taint waits that"
            + " long",
        "spec.cameras[0].tolerations[8] must not be null");
  }

  @Test
  void tooManyTolerationsOrGroupsAreRefusedAsAWhole() {
    CameraSpec camera = usb();
    camera.setTolerations(Collections.nCopies(CameraSpec.MAX_TOLERATIONS + 1,
        toleration("zone", "Exists", null, null, null)));
    camera.setSupplementalGroups(Collections.nCopies(CameraSpec.MAX_SUPPLEMENTAL_GROUPS + 1, 44L));
    assertThat(StreamerPodFields.problems(FIELD, camera)).containsExactly(
        "spec.cameras[0].tolerations: at most 16 tolerations",
        "spec.cameras[0].supplementalGroups: at most 8 groups");
    camera.setTolerations(Collections.nCopies(CameraSpec.MAX_TOLERATIONS, toleration("zone", "Exists", null, null,
        null)));
    camera.setSupplementalGroups(Collections.nCopies(CameraSpec.MAX_SUPPLEMENTAL_GROUPS, 44L));
    assertThat(StreamerPodFields.problems(FIELD, camera)).as("exactly the most").isEmpty();
  }

  @Test
  void groupIdsAreThoseKubernetesTakesExceptRoot() {
    CameraSpec camera = usb();
    camera.setSupplementalGroups(Arrays.asList(0L, -1L, CameraSpec.MAX_GROUP_ID + 1, null, 1L));
    String message = " must be a group ID between 1 and 2147483647 (0, root's group, is refused)";
    assertThat(StreamerPodFields.problems(FIELD, camera)).containsExactly(
        "spec.cameras[0].supplementalGroups[0]" + message,
        "spec.cameras[0].supplementalGroups[1]" + message,
        "spec.cameras[0].supplementalGroups[2]" + message,
        "spec.cameras[0].supplementalGroups[3]" + message);
  }

  private static CameraSpec usb(TolerationSpec... tolerations) {
    CameraSpec camera = CameraStreams.camera("usb", "/dev/video0");
    camera.setTolerations(new ArrayList<>(Arrays.asList(tolerations)));
    return camera;
  }

  static TolerationSpec toleration(String key, String operator, String value, String effect, Long seconds) {
    TolerationSpec toleration = new TolerationSpec();
    toleration.setKey(key);
    toleration.setOperator(operator);
    toleration.setValue(value);
    toleration.setEffect(effect);
    toleration.setTolerationSeconds(seconds);
    return toleration;
  }
}
