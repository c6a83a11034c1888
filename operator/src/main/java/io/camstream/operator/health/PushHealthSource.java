package io.camstream.operator.health;

import io.camstream.operator.api.CameraStream;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/**
 * Where a reconcile gets its cameras' push health: the operator polls each CameraStream's MediaMTX; tests may
 * script it. Status is computed from the returned {@link PushHealth} alone.
 */
public interface PushHealthSource {

  /**
   * Event sources that trigger a reconcile when push health changes. Called once, at registration.
   *
   * @param transitions where camera transitions (started publishing, stalled, ...) are announced, once each
   */
  List<EventSource<?, CameraStream>> eventSources(EventSourceContext<CameraStream> context,
      CameraTransitionSink transitions);

  /** Push health of every camera of the current spec, in spec order; a camera not yet known is not publishing. */
  PushHealth observe(CameraStream cameraStream, Context<CameraStream> context);

  /** The cameras' readers and bitrate as last measured, which push health and the status leave out. */
  default LiveTraffic traffic() {
    return LiveTraffic.NONE;
  }
}
