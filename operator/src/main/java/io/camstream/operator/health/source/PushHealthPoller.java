package io.camstream.operator.health.source;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.health.ApiReachability;
import io.camstream.operator.health.CameraTransitionSink;
import io.camstream.operator.health.MediaMtxObservation;
import io.camstream.operator.health.PushHealth;
import io.camstream.operator.health.PushHealthTracker;
import io.camstream.operator.mediamtx.api.ApiCredentials;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.mediamtx.api.MediaMtxApiUrl;
import io.camstream.operator.mediamtx.api.PathsListResult;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingEventSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one CameraStream's MediaMTX: one {@code /v3/paths/list} walk (all pages), evaluated into push health.
 * The result is the polling event source's secondary resource; since it only changes when something a user would see
 * changed, steady cameras trigger no reconcile and no status write. Camera transitions go to the sink from here, the
 * one place that sees every poll in order, so each transition is announced once.
 *
 * <p>Never throws: JOSDK stops polling a resource whose fetch throws.
 */
public final class PushHealthPoller implements PerResourcePollingEventSource.ResourceFetcher<PushHealth, CameraStream> {
  private static final Logger log = LoggerFactory.getLogger(PushHealthPoller.class);

  private final MediaMtxApiClient client;
  private final String urlTemplate;
  private final Duration period;
  private final Clock clock;
  private final CameraTransitionSink sink;
  private final Map<ResourceID, PushHealthTracker> trackers = new ConcurrentHashMap<>();
  private final Map<ResourceID, ApiCredentials> credentials = new ConcurrentHashMap<>();
  /** CameraStreams a reconcile has handed the API user over for (present or not) since this operator started. */
  private final Set<ResourceID> handedOver = ConcurrentHashMap.newKeySet();
  private final AtomicLong polls = new AtomicLong();

  private final PushHealthMetrics metrics;

  public PushHealthPoller(MediaMtxApiClient client, String urlTemplate, Duration period, Clock clock,
      CameraTransitionSink sink) {
    this(client, urlTemplate, period, clock, sink, null);
  }

  /** @param registry receives poll and transition metrics; null for none */
  public PushHealthPoller(MediaMtxApiClient client, String urlTemplate, Duration period, Clock clock,
      CameraTransitionSink sink, MeterRegistry registry) {
    this.metrics = new PushHealthMetrics(registry);
    this.client = client;
    this.urlTemplate = urlTemplate;
    this.period = period;
    this.clock = clock;
    this.sink = sink;
  }

  public Duration period() {
    return period;
  }

  /** The reconciler hands over the API user from the informer-cached Secret, so polls cost no Kubernetes call. */
  public void useCredentials(ResourceID cameraStream, Optional<ApiCredentials> apiUser) {
    handedOver.add(cameraStream);
    if (apiUser.isPresent()) {
      credentials.put(cameraStream, apiUser.get());
    } else {
      credentials.remove(cameraStream);
    }
  }

  public void forget(ResourceID cameraStream) {
    trackers.remove(cameraStream);
    credentials.remove(cameraStream);
    handedOver.remove(cameraStream);
  }

  /** How many polls were made: the cost figure of one poll per CameraStream per period. */
  public long polls() {
    return polls.get();
  }

  @Override
  public Set<PushHealth> fetchResources(CameraStream cameraStream) {
    ResourceID id = ResourceID.fromResource(cameraStream);
    PushHealthTracker tracker = trackers.computeIfAbsent(id, key -> PushHealthTracker.resumedFrom(
        cameraStream.getStatus() == null ? null : cameraStream.getStatus().getCameras(), period.dividedBy(2)));
    if (!handedOver.contains(id)) {
      // Just after a start, before the first reconcile handed over the API user: polling now would only report
      // the credentials missing (a Ready flap and its Events on every restart). The health resumed from status
      // stands until then.
      return tracker.lastReported().map(Set::of).orElse(Set.of());
    }
    try {
      polls.incrementAndGet();
      long started = System.nanoTime();
      MediaMtxObservation observation = observe(cameraStream, id);
      metrics.polled(observation.api(), Duration.ofNanos(System.nanoTime() - started));
      PushHealthTracker.Update update = tracker.observe(cameraNames(cameraStream), observation);
      update.transitions().forEach(metrics::announced);
      if (!update.transitions().isEmpty()) {
        sink.announce(cameraStream, update.transitions());
      }
      return Set.of(update.health());
    } catch (RuntimeException e) {
      log.warn("push health poll of CameraStream {} failed: {}", id, e.toString());
      return tracker.lastReported().map(Set::of).orElse(Set.of());
    }
  }

  private MediaMtxObservation observe(CameraStream cameraStream, ResourceID id) {
    ApiCredentials apiUser = credentials.get(id);
    if (apiUser == null) {
      return MediaMtxObservation.failed(clock.instant(), ApiReachability.UNAUTHORIZED,
          "no API credentials: Secret " + cameraStream.getMetadata().getName()
              + "-mediamtx-credentials lacks api-username or api-password");
    }
    URI base;
    try {
      base = MediaMtxApiUrl.resolve(urlTemplate, cameraStream.getMetadata().getName(),
          cameraStream.getMetadata().getNamespace());
    } catch (IllegalArgumentException e) {
      return MediaMtxObservation.failed(clock.instant(), ApiReachability.FAILING, e.getMessage());
    }
    PathsListResult result = client.listPaths(base, apiUser);
    if (!(result instanceof PathsListResult.Listed)) {
      log.debug("MediaMTX API of CameraStream {} at {}: {}", id, base, result);
    }
    return MediaMtxObservation.of(result, clock.instant());
  }

  private static List<String> cameraNames(CameraStream cameraStream) {
    if (cameraStream.getSpec() == null || cameraStream.getSpec().getCameras() == null) {
      return List.of();
    }
    return cameraStream.getSpec().getCameras().stream().map(CameraSpec::getName).toList();
  }
}
