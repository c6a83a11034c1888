package io.camstream.operator.health.source;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.events.EventRecorder;
import io.camstream.operator.health.ApiReachability;
import io.camstream.operator.health.CameraHealth;
import io.camstream.operator.health.CameraPushState;
import io.camstream.operator.health.CameraTransition;
import io.camstream.operator.health.ConditionVerdict;
import io.camstream.operator.health.HealthTimes;
import io.camstream.operator.health.PushHealth;
import io.camstream.operator.health.PushHealthVerdicts;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.status.CameraHealthSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Camera health as MediaMTX itself sees it (issue 5): polls each CameraStream's control API through a JOSDK
 * per-resource polling event source and turns the result into per-camera status fields, the CamerasPublishing
 * verdict and the API's share of MediaServerAvailable. One reconcile reads one snapshot, so status fields and
 * conditions always agree.
 */
public final class MediaMtxHealthSource implements CameraHealthSource {
  private static final String SNAPSHOT_KEY = MediaMtxHealthSource.class.getName() + ".snapshot";

  private final PushHealthPoller poller;
  private final Clock clock;
  private volatile KubernetesClient eventClient;

  public MediaMtxHealthSource(String apiUrlTemplate, Duration pollInterval, MediaMtxApiClient client, Clock clock) {
    this(apiUrlTemplate, pollInterval, client, clock, null);
  }

  /** @param registry receives poll and transition metrics; null for none */
  public MediaMtxHealthSource(String apiUrlTemplate, Duration pollInterval, MediaMtxApiClient client, Clock clock,
      MeterRegistry registry) {
    this.clock = clock;
    this.poller = new PushHealthPoller(client, apiUrlTemplate, pollInterval, clock, this::announce, registry);
  }

  public PushHealthPoller poller() {
    return poller;
  }

  @Override
  public List<EventSource<?, CameraStream>> eventSources(EventSourceContext<CameraStream> context) {
    eventClient = context.getClient();
    return List.of(new PushHealthEventSource(context, poller));
  }

  @Override
  public Map<String, io.camstream.operator.status.CameraHealth> observe(CameraStream cameraStream,
      Context<CameraStream> context) {
    Secret credentials = context.getSecondaryResourcesAsStream(Secret.class)
        .filter(secret -> ResourceNames.credentialsSecret(cameraStream).equals(secret.getMetadata().getName()))
        .findFirst().orElse(null);
    poller.useCredentials(ResourceID.fromResource(cameraStream), ApiCredentialsSecret.read(credentials));

    PushHealth health = forSpec(cameraStream, context.getSecondaryResource(PushHealth.class).orElse(null));
    context.managedWorkflowAndDependentResourceContext().put(SNAPSHOT_KEY, health);
    Map<String, io.camstream.operator.status.CameraHealth> byCamera = new LinkedHashMap<>();
    for (CameraHealth camera : health.cameras()) {
      byCamera.put(camera.name(), new io.camstream.operator.status.CameraHealth(camera.publishing(),
          camera.message()));
    }
    return byCamera;
  }

  @Override
  public void enrich(CameraStream cameraStream, Context<CameraStream> context, CameraStatus cameraStatus) {
    snapshot(context).camera(cameraStatus.getName()).ifPresent(camera -> {
      cameraStatus.setPublishing(camera.publishingFlag());
      cameraStatus.setPublishingSince(camera.publishing() ? HealthTimes.format(camera.publishingSince()) : null);
      cameraStatus.setInboundBitrateKbps(camera.publishing() ? camera.inboundBitrateKbps() : null);
      cameraStatus.setReaders(camera.readers());
      cameraStatus.setCodec(camera.codec());
      cameraStatus.setWidth(camera.width());
      cameraStatus.setHeight(camera.height());
    });
  }

  @Override
  public Optional<ConditionVerdict> camerasPublishing(CameraStream cameraStream, Context<CameraStream> context) {
    return Optional.of(PushHealthVerdicts.camerasPublishing(snapshot(context)));
  }

  @Override
  public Optional<ConditionVerdict> mediaServerApiProblem(CameraStream cameraStream,
      Context<CameraStream> context) {
    return PushHealthVerdicts.apiProblem(snapshot(context));
  }

  private static PushHealth snapshot(Context<CameraStream> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(SNAPSHOT_KEY, PushHealth.class);
  }

  /**
   * The polled health, shaped to the current spec: a camera added since the last poll is "not polled yet" (so the
   * verdict never says all publishing while a camera is unknown), a removed one is dropped.
   */
  private PushHealth forSpec(CameraStream cameraStream, PushHealth polled) {
    ApiReachability api = polled == null ? ApiReachability.UNREACHABLE : polled.api();
    String detail = polled == null ? "not polled yet" : polled.apiDetail();
    List<CameraHealth> cameras = new ArrayList<>();
    for (CameraSpec spec : cameraStream.getSpec().getCameras()) {
      Optional<CameraHealth> known = polled == null ? Optional.empty() : polled.camera(spec.getName());
      cameras.add(known.orElseGet(() -> notPolledYet(spec.getName(), api)));
    }
    return new PushHealth(api, detail, cameras);
  }

  private CameraHealth notPolledYet(String camera, ApiReachability api) {
    CameraPushState state = api == ApiReachability.ANSWERING ? CameraPushState.CONFIRMING : CameraPushState.UNKNOWN;
    return new CameraHealth(camera, state, clock.instant(), null, null, null, null, null, null,
        "not polled yet: MediaMTX is asked every " + poller.period().toSeconds() + "s");
  }

  private void announce(CameraStream cameraStream, List<CameraTransition> transitions) {
    KubernetesClient client = eventClient;
    if (client == null) {
      return;
    }
    for (CameraTransition transition : transitions) {
      EventRecorder.record(client, cameraStream, transition.kind().eventType(), transition.kind().reason(),
          transition.message());
    }
  }
}
