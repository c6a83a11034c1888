package io.camstream.operator.health.source;

import io.camstream.operator.health.ApiReachability;
import io.camstream.operator.health.CameraTransition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What push health costs and sees, for Prometheus: {@code camstream_mediamtx_api_polls_total{outcome}},
 * {@code camstream_mediamtx_api_poll_seconds} and {@code camstream_camera_transitions_total{transition}}. Tags are
 * bounded enums, never CameraStream or camera names, so cardinality stays fixed however many cameras there are.
 */
final class PushHealthMetrics {
  private final Map<ApiReachability, Counter> polls = new EnumMap<>(ApiReachability.class);
  private final Map<CameraTransition.Kind, Counter> transitions = new EnumMap<>(CameraTransition.Kind.class);
  private final Timer pollDuration;
  private final MeterRegistry registry;

  PushHealthMetrics(MeterRegistry registry) {
    MeterRegistry target = registry == null ? new SimpleMeterRegistry() : registry;
    this.registry = target;
    for (ApiReachability outcome : ApiReachability.values()) {
      polls.put(outcome, Counter.builder("camstream.mediamtx.api.polls")
          .description("Polls of MediaMTX control APIs, by outcome")
          .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
          .register(target));
    }
    for (CameraTransition.Kind kind : CameraTransition.Kind.values()) {
      transitions.put(kind, Counter.builder("camstream.camera.transitions")
          .description("Camera push transitions announced as Events")
          .tag("transition", kind.reason())
          .register(target));
    }
    pollDuration = Timer.builder("camstream.mediamtx.api.poll")
        .description("Duration of one poll (all pages of /v3/paths/list) of one MediaMTX")
        .register(target);
  }

  /** Where these meters are: the given registry, or a private one when none was given. */
  MeterRegistry registry() {
    return registry;
  }

  void polled(ApiReachability outcome, Duration took) {
    polls.get(outcome).increment();
    pollDuration.record(took);
  }

  void announced(CameraTransition transition) {
    transitions.get(transition.kind()).increment();
  }
}
