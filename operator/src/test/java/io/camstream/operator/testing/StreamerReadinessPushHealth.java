package io.camstream.operator.testing;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.health.ApiReachability;
import io.camstream.operator.health.CameraHealth;
import io.camstream.operator.health.CameraPushState;
import io.camstream.operator.health.CameraTransitionSink;
import io.camstream.operator.health.PushHealth;
import io.camstream.operator.health.PushHealthSource;
import io.camstream.operator.status.MediaServerAvailability;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Push health as the harness's cluster plays it, without a MediaMTX to poll: MediaMTX answers once its Deployment is
 * available, and a camera publishes while its streamer Deployment has a ready replica (the streamer is ready only
 * while it pushes); a camera MediaMTX pulls itself publishes while MediaMTX serves. Tests drive it with
 * {@link OperatorTestHarness#markDeploymentReady}, which tells it a streamer's readiness changed (the operator does
 * not reconcile on streamer status updates, just as a real poll of MediaMTX would report the change).
 */
public final class StreamerReadinessPushHealth implements PushHealthSource {
  private final SimpleInboundEventSource<CameraStream> changes = new SimpleInboundEventSource<>("streamer-readiness");
  /** Push health's own "since" times are not under test here; a fixed one keeps statuses equal across reconciles. */
  private static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");

  @Override
  public List<EventSource<?, CameraStream>> eventSources(EventSourceContext<CameraStream> context,
      CameraTransitionSink transitions) {
    return List.of(changes);
  }

  /** A streamer of this CameraStream became ready or not: its push health changed. */
  void streamerReadinessChanged(ResourceID cameraStream) {
    changes.propagateEvent(cameraStream);
  }

  @Override
  public PushHealth observe(CameraStream cameraStream, Context<CameraStream> context) {
    Map<String, Deployment> deployments = context.getSecondaryResourcesAsStream(Deployment.class)
        .collect(Collectors.toMap(d -> d.getMetadata().getName(), Function.identity(), (a, b) -> a));
    boolean serving = MediaServerAvailability.of(deployments.get(ResourceNames.mediaMtx(cameraStream))).available();
    List<CameraHealth> cameras = new ArrayList<>();
    for (CameraSpec camera : cameraStream.getSpec().getCameras()) {
      if (!serving) {
        cameras.add(unknown(camera.getName()));
      } else if (StreamMode.of(camera) == StreamMode.PULL) {
        cameras.add(pulled(camera.getName()));
      } else {
        cameras.add(camera(camera.getName(), deployments.get(ResourceNames.streamer(cameraStream, camera.getName()))));
      }
    }
    return serving ? new PushHealth(ApiReachability.ANSWERING, null, cameras)
        : new PushHealth(ApiReachability.UNREACHABLE, "MediaMTX is not serving yet", cameras);
  }

  private static CameraHealth camera(String name, Deployment streamer) {
    boolean ready = streamer != null && isStreamer(streamer) && streamer.getStatus() != null
        && streamer.getStatus().getReadyReplicas() != null && streamer.getStatus().getReadyReplicas() >= 1;
    return ready
        ? new CameraHealth(name, CameraPushState.PUBLISHING, SINCE, SINCE, "H264", 1280, 720,
            "publishing since " + SINCE)
        : new CameraHealth(name, CameraPushState.OFFLINE, SINCE, null, null, null, null,
            "not publishing: streamer not ready");
  }

  /** MediaMTX reads a pulled camera itself: in this cluster, the camera answers as soon as MediaMTX serves. */
  private static CameraHealth pulled(String name) {
    return new CameraHealth(name, CameraPushState.PUBLISHING, SINCE, SINCE, "H264", 1280, 720,
        "publishing since " + SINCE);
  }

  private static CameraHealth unknown(String name) {
    return new CameraHealth(name, CameraPushState.UNKNOWN, SINCE, null, null, null, null,
        "push health unknown: MediaMTX is not serving yet");
  }

  private static boolean isStreamer(Deployment deployment) {
    Map<String, String> labels = deployment.getMetadata().getLabels();
    return labels != null && Labels.COMPONENT_STREAMER.equals(labels.get(Labels.COMPONENT));
  }
}
