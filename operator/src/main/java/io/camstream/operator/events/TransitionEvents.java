package io.camstream.operator.events;

import io.camstream.operator.health.CameraTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Pure: the camera transitions one push-health poll found → one Event per kind of transition. Ten cameras coming up
 * together are one {@code CameraStartedPublishing} Event naming them, not ten.
 */
public final class TransitionEvents {
  private TransitionEvents() {
  }

  public static List<EventContent> of(List<CameraTransition> transitions) {
    Map<CameraTransition.Kind, List<CameraTransition>> byKind = new EnumMap<>(CameraTransition.Kind.class);
    for (CameraTransition transition : transitions) {
      byKind.computeIfAbsent(transition.kind(), kind -> new ArrayList<>()).add(transition);
    }
    List<EventContent> events = new ArrayList<>();
    byKind.forEach((kind, group) -> events.add(new EventContent(kind.eventType(), kind.reason(), message(kind,
        group))));
    return events;
  }

  private static String message(CameraTransition.Kind kind, List<CameraTransition> group) {
    if (group.size() == 1) {
      return group.get(0).message();
    }
    List<String> cameras = group.stream().map(t -> t.camera() + " (" + t.detail() + ")").toList();
    return EventMessages.cameras(group.size()) + " " + kind.verb() + ": " + EventMessages.list(cameras);
  }
}
