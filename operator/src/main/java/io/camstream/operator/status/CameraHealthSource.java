package io.camstream.operator.status;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.health.ConditionVerdict;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the CamerasPublishing condition gets its truth. The default looks at the streamer Deployments'
 * readiness; a MediaMTX-API-backed source (push health) can replace it without touching the status logic.
 */
public interface CameraHealthSource {

  /**
   * @return health per camera name of the spec; cameras missing from the map count as not publishing
   */
  Map<String, CameraHealth> observe(CameraStream cameraStream, Context<CameraStream> context);

  /**
   * Lets a richer source fill the extra per-camera fields (bitrate, readers, codec, ...) after the operator has
   * set name, publishing, message and URLs. The default adds nothing.
   */
  default void enrich(CameraStream cameraStream, Context<CameraStream> context, CameraStatus cameraStatus) {
  }

  /** Event sources the source needs registered with the controller (e.g. a poller). Called once at start. */
  default List<EventSource<?, CameraStream>> eventSources(EventSourceContext<CameraStream> context) {
    return List.of();
  }

  /**
   * The CamerasPublishing verdict when the source knows more than "all publishing or not": Unknown while blind,
   * specific reasons such as Stalled. Empty lets the status derive it from {@link #observe}. Called after observe.
   */
  default Optional<ConditionVerdict> camerasPublishing(CameraStream cameraStream, Context<CameraStream> context) {
    return Optional.empty();
  }

  /**
   * Why the media server's API does not answer usefully (reason and message), which makes MediaServerAvailable
   * False even with an available Deployment. Empty when it answers or the source does not ask it.
   */
  default Optional<ConditionVerdict> mediaServerApiProblem(CameraStream cameraStream,
      Context<CameraStream> context) {
    return Optional.empty();
  }
}
