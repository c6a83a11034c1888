package io.camstream.operator.health;

import io.camstream.operator.api.CameraStream;
import java.util.List;

/** Where camera transitions go: Kubernetes Events in the operator, a list in tests. */
@FunctionalInterface
public interface CameraTransitionSink {
  void announce(CameraStream cameraStream, List<CameraTransition> transitions);
}
