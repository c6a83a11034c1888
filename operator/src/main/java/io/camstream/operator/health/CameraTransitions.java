package io.camstream.operator.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pure: last settled state per camera + this poll's health → the transitions to announce. Only settled states
 * (publishing, stalled, offline) count: the API going blind or a session being confirmed is not a camera event, so a
 * flapping API or a publisher reconnect never produces a burst of events.
 */
public final class CameraTransitions {
  private CameraTransitions() {
  }

  public static List<CameraTransition> between(Map<String, CameraPushState> lastSettled, PushHealth current) {
    List<CameraTransition> transitions = new ArrayList<>();
    for (CameraHealth camera : current.cameras()) {
      CameraPushState before = lastSettled.get(camera.name());
      CameraPushState now = camera.state();
      if (!now.isSettled() || now == before) {
        continue;
      }
      CameraTransition.Kind kind = kind(before, now);
      if (kind != null) {
        transitions.add(new CameraTransition(camera.name(), kind, camera.message()));
      }
    }
    return transitions;
  }

  private static CameraTransition.Kind kind(CameraPushState before, CameraPushState now) {
    return switch (now) {
      case PUBLISHING -> before == CameraPushState.STALLED
          ? CameraTransition.Kind.RECOVERED : CameraTransition.Kind.STARTED_PUBLISHING;
      case STALLED -> CameraTransition.Kind.STALLED;
      // a camera first seen offline never published: nothing stopped
      case OFFLINE -> before == null ? null : CameraTransition.Kind.STOPPED_PUBLISHING;
      default -> null;
    };
  }
}
