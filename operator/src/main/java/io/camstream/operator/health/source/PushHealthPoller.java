package io.camstream.operator.health.source;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.health.ApiReachability;
import io.camstream.operator.health.CameraPushState;
import io.camstream.operator.health.CameraTransitionSink;
import io.camstream.operator.health.LiveTraffic;
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
 * <p>Polls come every period once a CameraStream's cameras are settled, faster while they come up: a publishing
 * session is confirmed one second after it was first seen, and an API not answering yet (MediaMTX starting) is asked
 * again after 1, 2, 4, ... seconds up to the period. Until a reconcile has handed over the API credentials there is
 * nothing to ask: the result is the health resumed from status (or "not polled yet"), never "unauthorized".
 *
 * <p>Never throws: JOSDK stops polling a resource whose fetch throws.
 */
public final class PushHealthPoller implements PerResourcePollingEventSource.ResourceFetcher<PushHealth, CameraStream> {
  private static final Logger log = LoggerFactory.getLogger(PushHealthPoller.class);
  static final Duration BRING_UP_INTERVAL = Duration.ofSeconds(1);

  private final MediaMtxApiClient client;
  private final String urlTemplate;
  private final Duration period;
  /** How soon a session first seen online is measured again, and the first step of the back-off. */
  private final Duration bringUpInterval;
  private final Clock clock;
  private final CameraTransitionSink sink;
  private final Map<ResourceID, PushHealthTracker> trackers = new ConcurrentHashMap<>();
  /**
   * Absent: not handed over yet since this operator started; empty: handed over, but the Secret lacks the API user.
   */
  private final Map<ResourceID, Optional<ApiCredentials>> credentials = new ConcurrentHashMap<>();
  private final AtomicLong polls = new AtomicLong();
  /** System.nanoTime() of the last poll that returned, or of this poller's creation. */
  private final AtomicLong lastPollReturned = new AtomicLong(System.nanoTime());

  private final PushHealthMetrics metrics;
  private final LatestTraffic traffic;

  public PushHealthPoller(MediaMtxApiClient client, String urlTemplate, Duration period, Clock clock,
      CameraTransitionSink sink) {
    this(client, urlTemplate, period, clock, sink, null);
  }

  /** @param registry receives poll and transition metrics; null for none */
  public PushHealthPoller(MediaMtxApiClient client, String urlTemplate, Duration period, Clock clock,
      CameraTransitionSink sink, MeterRegistry registry) {
    this.metrics = new PushHealthMetrics(registry);
    this.traffic = new LatestTraffic(new CameraTrafficMetrics(metrics.registry()));
    this.client = client;
    this.urlTemplate = urlTemplate;
    this.period = period;
    this.bringUpInterval = period.compareTo(BRING_UP_INTERVAL) < 0 ? period : BRING_UP_INTERVAL;
    this.clock = clock;
    this.sink = sink;
  }

  public Duration period() {
    return period;
  }

  /** The reconciler hands over the API user from the informer-cached Secret, so polls cost no Kubernetes call. */
  public void useCredentials(ResourceID cameraStream, Optional<ApiCredentials> apiUser) {
    credentials.put(cameraStream, apiUser);
  }

  public void forget(ResourceID cameraStream) {
    trackers.remove(cameraStream);
    credentials.remove(cameraStream);
    traffic.forget(cameraStream);
  }

  /** Each camera's readers and bitrate as the last poll measured them. */
  public LiveTraffic traffic() {
    return traffic;
  }

  /** How many polls were made: the cost figure of one poll per CameraStream per period. */
  public long polls() {
    return polls.get();
  }

  /**
   * How long ago a poll last returned, when there are CameraStreams to poll; empty when there are none. A poll
   * returns within seconds (short client timeouts), so a long silence means the poll threads are stuck.
   */
  public Optional<Duration> silence() {
    if (credentials.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(System.nanoTime() - lastPollReturned.get()));
  }

  @Override
  public Set<PushHealth> fetchResources(CameraStream cameraStream) {
    try {
      return poll(cameraStream);
    } finally {
      lastPollReturned.set(System.nanoTime());
    }
  }

  private Set<PushHealth> poll(CameraStream cameraStream) {
    ResourceID id = ResourceID.fromResource(cameraStream);
    PushHealthTracker tracker = tracker(cameraStream, id);
    if (!credentials.containsKey(id)) {
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
      traffic.put(id, update.traffic());
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

  /**
   * Sooner than the period while the cameras come up: nothing polled yet, a session to confirm, an API that does
   * not answer yet (doubling from one second). Empty keeps the period.
   */
  @Override
  public Optional<Duration> fetchDelay(Set<PushHealth> lastFetched, CameraStream cameraStream) {
    PushHealth health = lastFetched == null || lastFetched.isEmpty() ? null : lastFetched.iterator().next();
    if (health == null || !credentials.containsKey(ResourceID.fromResource(cameraStream)) || health.cameras().stream().anyMatch(c -> c.state() == CameraPushState.CONFIRMING)) {
      return Optional.of(bringUpInterval);
    }
    if (health.api() == ApiReachability.ANSWERING) {
      return Optional.empty();
    }
    int unanswered = tracker(cameraStream, ResourceID.fromResource(cameraStream)).unansweredPolls();
    Duration backoff = bringUpInterval.multipliedBy(1L << Math.min(20, Math.max(0, unanswered - 1)));
    return backoff.compareTo(period) < 0 ? Optional.of(backoff) : Optional.empty();
  }

  private PushHealthTracker tracker(CameraStream cameraStream, ResourceID id) {
    return trackers.computeIfAbsent(id, key -> PushHealthTracker.resumedFrom(
        cameraStream.getStatus() == null ? null : cameraStream.getStatus().getCameras(),
        bringUpInterval.dividedBy(2)));
  }

  private MediaMtxObservation observe(CameraStream cameraStream, ResourceID id) {
    ApiCredentials apiUser = credentials.getOrDefault(id, Optional.empty()).orElse(null);
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
