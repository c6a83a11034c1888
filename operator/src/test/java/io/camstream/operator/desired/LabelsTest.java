package io.camstream.operator.desired;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.testing.CameraStreams;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Selectors decide which pods a Service sends traffic to and which pods a NetworkPolicy guards: an empty one selects
 * every pod of the namespace. Each selector picks exactly its own pods, never a neighbour's.
 */
class LabelsTest {
  private final CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"), testPattern("gate"));
  private final CameraStream other = CameraStreams.of("ns", "other", testPattern("lobby"));

  @Test
  void theMediaServerSelectorPicksOnlyThisCameraStreamsMediaServer() {
    Map<String, String> selector = Labels.mediaMtxSelector(site);

    assertThat(selector).containsExactlyInAnyOrderEntriesOf(Map.of(
        Labels.NAME, "camstream", Labels.COMPONENT, "mediamtx", Labels.CAMERA_STREAM, "site"));
    assertThat(selects(selector, Labels.mediaMtx(site))).isTrue();
    assertThat(selects(selector, Labels.mediaMtx(other))).as("another CameraStream's media server").isFalse();
    assertThat(selects(selector, Labels.streamer(site, "lobby"))).as("a streamer of the same CameraStream").isFalse();
    assertThat(selects(selector, Map.of("app", "unrelated"))).as("a pod camstream did not make").isFalse();
  }

  @Test
  void aStreamerSelectorPicksOnlyItsCamerasStreamer() {
    Map<String, String> selector = Labels.streamerSelector(site, "lobby");

    assertThat(selector).containsExactlyInAnyOrderEntriesOf(Map.of(Labels.NAME, "camstream",
        Labels.COMPONENT, "streamer", Labels.CAMERA_STREAM, "site", Labels.CAMERA, "lobby"));
    assertThat(selects(selector, Labels.streamer(site, "lobby"))).isTrue();
    assertThat(selects(selector, Labels.streamer(site, "gate"))).as("another camera").isFalse();
    assertThat(selects(selector, Labels.streamer(other, "lobby"))).as("the same camera name elsewhere").isFalse();
    assertThat(selects(selector, Labels.mediaMtx(site))).as("the media server").isFalse();
  }

  @Test
  void everyObjectIsMarkedAsCamstreamsForTheInformersSelectors() {
    assertThat(Labels.mediaMtx(site)).containsEntry(Labels.MANAGED_BY, "camstream-operator")
        .containsEntry(Labels.COMPONENT, "mediamtx");
    assertThat(Labels.streamer(site, "gate")).containsEntry(Labels.MANAGED_BY, "camstream-operator")
        .containsEntry(Labels.COMPONENT, "streamer").containsEntry(Labels.CAMERA, "gate");
    assertThat(Labels.MANAGED_MEDIAMTX_SELECTOR).isEqualTo(
        "app.kubernetes.io/managed-by=camstream-operator,app.kubernetes.io/component=mediamtx");
    assertThat(Labels.MANAGED_STREAMER_SELECTOR).isEqualTo(
        "app.kubernetes.io/managed-by=camstream-operator,app.kubernetes.io/component=streamer");
  }

  /** Kubernetes' matchLabels semantics; an empty selector matches everything, as it does in a NetworkPolicy. */
  private static boolean selects(Map<String, String> selector, Map<String, String> podLabels) {
    return podLabels.entrySet().containsAll(selector.entrySet());
  }
}
