package io.camstream.operator.metrics;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CameraStreamSampleTest {
  static CameraStream site(List<CameraStatus> cameras, Condition... conditions) {
    CameraStream cs = CameraStreams.of("cameras", "site", testPattern("lobby"), testPattern("gate"),
        testPattern("yard"));
    CameraStreamStatus status = new CameraStreamStatus();
    status.setCameras(new ArrayList<>(cameras));
    status.setConditions(new ArrayList<>(List.of(conditions)));
    cs.setStatus(status);
    return cs;
  }

  static CameraStatus camera(String name, Boolean publishing) {
    CameraStatus camera = new CameraStatus();
    camera.setName(name);
    camera.setPublishing(publishing);
    return camera;
  }

  static Condition ready(String status, String reason) {
    return new ConditionBuilder().withType("Ready").withStatus(status).withReason(reason).build();
  }

  @Test
  void countsDeclaredCamerasAndThoseOfThemPublishing() {
    CameraStreamSample sample = CameraStreamSample.of(site(List.of(camera("lobby", true), camera("gate", false),
        camera("yard", null), camera("removed", true)), ready("False", "CamerasNotPublishing")));
    assertThat(sample.namespace()).isEqualTo("cameras");
    assertThat(sample.name()).isEqualTo("site");
    assertThat(sample.cameras()).containsExactly(entry("lobby", true), entry("gate", false), entry("yard", false));
    assertThat(sample.declared()).isEqualTo(3);
    assertThat(sample.publishing()).isEqualTo(1);
    assertThat(sample.ready()).isFalse();
    assertThat(sample.reason()).isEqualTo("CamerasNotPublishing");
  }

  @Test
  void readyWhenTheReadyConditionIsTrue() {
    CameraStreamSample sample = CameraStreamSample.of(site(List.of(camera("lobby", true), camera("gate", true),
        camera("yard", true)), ready("Unknown", "x").toBuilder().withType("CamerasPublishing").build(),
        ready("True", "Ready")));
    assertThat(sample.ready()).isTrue();
    assertThat(sample.reason()).isEqualTo("Ready");
    assertThat(sample.publishing()).isEqualTo(3);
  }

  @Test
  void theSampleKeepsItsOwnCopyOfTheCameras() {
    Map<String, Boolean> cameras = new java.util.HashMap<>(Map.of("lobby", true));
    CameraStreamSample sample = new CameraStreamSample("cameras", "site", cameras, true, "Ready");
    cameras.put("gate", true);
    assertThat(sample.cameras()).containsOnlyKeys("lobby");
  }

  @Test
  void aCameraListedTwiceCountsOnce() {
    assertThat(CameraStreamSample.of(site(List.of(camera("lobby", true), camera("lobby", true)))).publishing())
        .isEqualTo(1);
  }

  @Test
  void beforeTheFirstStatusNothingPublishesAndReadyIsUnknown() {
    CameraStream fresh = CameraStreams.of("cameras", "site", testPattern("lobby"));
    assertThat(CameraStreamSample.of(fresh)).isEqualTo(new CameraStreamSample("cameras", "site",
        Map.of("lobby", false), false, "Unknown"));
    CameraStream withoutReason = site(List.of(), ready("False", " "));
    assertThat(CameraStreamSample.of(withoutReason).reason()).isEqualTo("Unknown");
    CameraStreamStatus empty = new CameraStreamStatus();
    empty.setCameras(null);
    empty.setConditions(null);
    fresh.setStatus(empty);
    assertThat(CameraStreamSample.of(fresh).reason()).isEqualTo("Unknown");
  }

  @Test
  void anUnreadableSpecDeclaresNoCamera() {
    CameraStream unreadable = CameraStreams.of("cameras", "site");
    unreadable.getSpec().setCameras(null);
    assertThat(CameraStreamSample.of(unreadable).declared()).isZero();
    unreadable.setSpec(null);
    assertThat(CameraStreamSample.of(unreadable).declared()).isZero();
  }
}
