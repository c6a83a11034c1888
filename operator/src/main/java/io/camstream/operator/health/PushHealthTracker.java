package io.camstream.operator.health;

import io.camstream.operator.api.status.CameraStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory push health needs between polls of one CameraStream: the last answered observation (for byte deltas),
 * the last reported health (for "since" times), each camera's last settled state (for events) and its last measured
 * traffic. No I/O; the poller feeds it one observation at a time.
 */
public final class PushHealthTracker {
  private static final Pattern SINCE = Pattern.compile("since (\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z)");

  private final Duration minSampleInterval;
  private MediaMtxObservation lastAnswered;
  private PushHealth lastReported;
  private List<CameraTraffic> lastTraffic = List.of();
  private final Map<String, CameraPushState> lastSettled = new HashMap<>();
  private int unansweredPolls;

  /**
   * @param minSampleInterval polls closer than this to the last answered one are ignored: bytes may legitimately not
   *                          grow within a few milliseconds, and that must not read as a stall
   */
  public PushHealthTracker(Duration minSampleInterval) {
    this.minSampleInterval = minSampleInterval;
  }

  /**
   * A tracker that continues from the health persisted in status, so an operator restart neither re-announces every
   * camera nor flips publishing cameras to "confirming".
   */
  public static PushHealthTracker resumedFrom(List<CameraStatus> persisted, Duration minSampleInterval) {
    PushHealthTracker tracker = new PushHealthTracker(minSampleInterval);
    if (persisted == null || persisted.isEmpty()) {
      return tracker;
    }
    List<CameraHealth> cameras = new ArrayList<>();
    for (CameraStatus status : persisted) {
      CameraPushState state = persistedState(status);
      if (status.getName() == null || state == null) {
        continue;
      }
      cameras.add(new CameraHealth(status.getName(), state, persistedSince(status.getMessage()),
          PathSample.parseTime(status.getPublishingSince()), status.getCodec(), status.getWidth(),
          status.getHeight(), status.getMessage()));
      if (state.isSettled()) {
        tracker.lastSettled.put(status.getName(), state);
      }
    }
    tracker.lastReported = new PushHealth(ApiReachability.ANSWERING, null, cameras);
    return tracker;
  }

  private static CameraPushState persistedState(CameraStatus status) {
    if (Boolean.TRUE.equals(status.getPublishing())) {
      return CameraPushState.PUBLISHING;
    }
    if (!Boolean.FALSE.equals(status.getPublishing()) || status.getMessage() == null) {
      return null;
    }
    if (status.getMessage().startsWith("stalled since")) {
      return CameraPushState.STALLED;
    }
    if (status.getMessage().startsWith("not publishing since")) {
      return CameraPushState.OFFLINE;
    }
    return null;
  }

  private static Instant persistedSince(String message) {
    if (message == null) {
      return null;
    }
    Matcher matcher = SINCE.matcher(message);
    try {
      return matcher.find() ? Instant.parse(matcher.group(1)) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Outcome of one poll: the health to report, the transitions to announce, and each camera's traffic (which is
   * not part of the health: it changes every poll).
   */
  public record Update(PushHealth health, List<CameraTransition> transitions, List<CameraTraffic> traffic) {
    public Update {
      transitions = List.copyOf(transitions);
      traffic = List.copyOf(traffic);
    }
  }

  public synchronized Update observe(List<String> cameras, MediaMtxObservation current) {
    if (tooSoon(cameras, current)) {
      return new Update(lastReported, List.of(), lastTraffic);
    }
    PushHealth reported = PushHealthEvaluator.evaluate(cameras, current, lastAnswered, lastReported);
    List<CameraTraffic> traffic = TrafficMeasurement.of(cameras, current, lastAnswered);
    List<CameraTransition> transitions = CameraTransitions.between(lastSettled, reported);

    lastSettled.keySet().retainAll(new HashSet<>(cameras));
    for (CameraHealth camera : reported.cameras()) {
      if (camera.state().isSettled()) {
        lastSettled.put(camera.name(), camera.state());
      }
    }
    if (current.answered()) {
      lastAnswered = current;
      unansweredPolls = 0;
    } else {
      unansweredPolls++;
    }
    lastReported = reported;
    lastTraffic = traffic;
    return new Update(reported, transitions, traffic);
  }

  /** Polls in a row the API did not answer (0 after an answer): what the next poll's back-off grows with. */
  public synchronized int unansweredPolls() {
    return unansweredPolls;
  }

  public synchronized Optional<PushHealth> lastReported() {
    return Optional.ofNullable(lastReported);
  }

  private boolean tooSoon(List<String> cameras, MediaMtxObservation current) {
    return current.answered() && lastAnswered != null && lastReported != null
        && lastReported.api() == ApiReachability.ANSWERING
        && lastReported.cameras().stream().map(CameraHealth::name).toList().equals(cameras)
        && Duration.between(lastAnswered.polledAt(), current.polledAt()).compareTo(minSampleInterval) < 0;
  }
}
