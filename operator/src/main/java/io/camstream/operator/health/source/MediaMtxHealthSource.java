package io.camstream.operator.health.source;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.health.ApiReachability;
import io.camstream.operator.health.CameraHealth;
import io.camstream.operator.health.CameraPushState;
import io.camstream.operator.health.CameraTransitionSink;
import io.camstream.operator.health.LiveTraffic;
import io.camstream.operator.health.PushHealth;
import io.camstream.operator.health.PushHealthSource;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Push health as MediaMTX itself sees it (issue 5): polls each CameraStream's control API through a JOSDK
 * per-resource polling event source. One reconcile reads one snapshot, so status fields and conditions agree.
 */
public final class MediaMtxHealthSource implements PushHealthSource {
  private final PushHealthPoller poller;
  private final Clock clock;
  private volatile CameraTransitionSink transitions = (cameraStream, announced) -> { };

  public MediaMtxHealthSource(String apiUrlTemplate, Duration pollInterval, MediaMtxApiClient client, Clock clock) {
    this(apiUrlTemplate, pollInterval, client, clock, null);
  }

  /** @param registry receives poll and transition metrics; null for none */
  public MediaMtxHealthSource(String apiUrlTemplate, Duration pollInterval, MediaMtxApiClient client, Clock clock,
      MeterRegistry registry) {
    this.clock = clock;
    this.poller = new PushHealthPoller(client, apiUrlTemplate, pollInterval, clock,
        (cameraStream, announced) -> transitions.announce(cameraStream, announced), registry);
  }

  public PushHealthPoller poller() {
    return poller;
  }

  @Override
  public LiveTraffic traffic() {
    return poller.traffic();
  }

  @Override
  public List<EventSource<?, CameraStream>> eventSources(EventSourceContext<CameraStream> context,
      CameraTransitionSink transitions) {
    this.transitions = transitions;
    return List.of(new PushHealthEventSource(context, poller));
  }

  @Override
  public PushHealth observe(CameraStream cameraStream, Context<CameraStream> context) {
    Secret credentials = context.getSecondaryResourcesAsStream(Secret.class)
        .filter(secret -> ResourceNames.credentialsSecret(cameraStream).equals(secret.getMetadata().getName()))
        .findFirst().orElse(null);
    // read before handing the credentials over: the first read of a new CameraStream would otherwise poll
    // MediaMTX on this reconcile thread (JOSDK fetches what it has never fetched), before MediaMTX even runs
    PushHealth polled = context.getSecondaryResource(PushHealth.class).orElse(null);
    poller.useCredentials(ResourceID.fromResource(cameraStream), ApiCredentialsSecret.read(credentials));
    return forSpec(cameraStream, polled);
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
    return new CameraHealth(camera, state, clock.instant(), null, null, null, null,
        "not polled yet: MediaMTX is asked every " + poller.period().toSeconds() + "s");
  }
}
