package io.camstream.operator.health.source;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.health.CameraTransition;
import java.util.List;

/** Where camera transitions go: Kubernetes Events in the operator, a list in tests. */
@FunctionalInterface
public interface CameraTransitionSink {
  void announce(CameraStream cameraStream, List<CameraTransition> transitions);
}
