package io.camstream.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.health.CameraTransition;
import io.camstream.operator.health.CameraTransition.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChangeAndTransitionEventsTest {

  @Test
  void creatingTheServerAndItsCamerasIsOneEvent() {
    assertThat(ChangeEvents.of(Optional.of("site-mediamtx"), Map.of("lobby", "site-lobby", "gate", "site-gate"),
        Map.of(), Map.of())).containsExactly(EventContent.normal("MediaServerCreated",
        "Created MediaMTX Deployment site-mediamtx and 2 cameras: gate, lobby (streamer Deployments site-gate,"
            + " site-lobby)"));
    assertThat(ChangeEvents.of(Optional.of("site-mediamtx"), Map.of(), Map.of(), Map.of())).containsExactly(
        EventContent.normal("MediaServerCreated", "Created MediaMTX Deployment site-mediamtx"));
  }

  @Test
  void oneEventPerKindOfCameraChange() {
    assertThat(ChangeEvents.of(Optional.empty(), Map.of("yard", "site-yard"), Map.of("a", "site-a", "b", "site-b"),
        Map.of("gate", "site-gate"))).containsExactly(
        EventContent.normal("CameraAdded", "Added camera yard: created Deployment site-yard"),
        EventContent.normal("CameraUpdated", "Updated 2 cameras: a, b (Deployments site-a, site-b)"),
        EventContent.normal("CameraRemoved", "Removed camera gate: deleted Deployment site-gate"));
    assertThat(ChangeEvents.of(Optional.empty(), Map.of(), Map.of(), Map.of())).isEmpty();
  }

  @Test
  void longListsNameTenAndCountTheRest() {
    Map<String, String> added = new java.util.TreeMap<>();
    IntStream.range(10, 25).forEach(i -> added.put("cam-" + i, "site-cam-" + i));
    String message = ChangeEvents.of(Optional.empty(), added, Map.of(), Map.of()).get(0).message();
    assertThat(message).startsWith("Added 15 cameras: cam-10, cam-11,").contains("cam-19 and 5 more (")
        .doesNotContain("cam-20,");
  }

  @Test
  void theTransitionsOfOnePollAreOneEventPerKind() {
    List<EventContent> events = TransitionEvents.of(List.of(
        new CameraTransition("lobby", Kind.STARTED_PUBLISHING, "publishing since 2026-11-25T05:27:15Z"),
        new CameraTransition("gate", Kind.STARTED_PUBLISHING, "publishing since 2026-11-25T05:27:16Z"),
        new CameraTransition("dock", Kind.STALLED, "stalled since 2026-11-25T05:27:10Z: no media")));

    assertThat(events).containsExactly(
        EventContent.normal("CameraStartedPublishing", "2 cameras started publishing: lobby (publishing since"
            + " 2026-11-25T05:27:15Z), gate (publishing since 2026-11-25T05:27:16Z)"),
        EventContent.warning("CameraStalled", "camera dock: stalled since 2026-11-25T05:27:10Z: no media"));
  }
}
