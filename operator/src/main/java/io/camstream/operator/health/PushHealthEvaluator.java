package io.camstream.operator.health;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pure: previous observation and verdict + this poll → each camera's health. Publishing means online, available
 * (a stream exists: a pulled camera's path is online even while MediaMTX cannot reach it) AND {@code inboundBytes}
 * grew since the previous answered poll of the same session ({@code onlineTime}); a stream whose bytes stopped
 * growing is {@link CameraPushState#STALLED}; the first poll of a session, and a stream that has not received its
 * first byte yet, are {@link CameraPushState#CONFIRMING}.
 */
public final class PushHealthEvaluator {

  private PushHealthEvaluator() {
  }

  /**
   * @param cameras      the camera names of the spec, which are the MediaMTX path names
   * @param current      this poll
   * @param lastAnswered the last earlier poll the API answered, or null
   * @param previous     the verdict of the previous poll (or one rebuilt from persisted status), or null
   */
  public static PushHealth evaluate(List<String> cameras, MediaMtxObservation current,
      MediaMtxObservation lastAnswered, PushHealth previous) {
    List<CameraHealth> health = new ArrayList<>(cameras.size());
    for (String camera : cameras) {
      CameraHealth before = previous == null ? null : previous.camera(camera).orElse(null);
      health.add(current.answered()
          ? evaluateCamera(camera, current, lastAnswered, before)
          : unknown(camera, current, before));
    }
    return new PushHealth(current.api(), current.detail(), health);
  }

  private static CameraHealth unknown(String camera, MediaMtxObservation current, CameraHealth before) {
    Instant since = sinceFor(CameraPushState.UNKNOWN, before, current.polledAt());
    String why = switch (current.api()) {
      case UNAUTHORIZED -> "MediaMTX API rejected the operator's credentials";
      case UNREACHABLE -> "MediaMTX API unreachable";
      default -> "MediaMTX API failing";
    };
    return new CameraHealth(camera, CameraPushState.UNKNOWN, since, null, null, null, null,
        "push health unknown since " + HealthTimes.format(since) + ": " + why);
  }

  private static CameraHealth evaluateCamera(String camera, MediaMtxObservation current,
      MediaMtxObservation lastAnswered, CameraHealth before) {
    Instant now = current.polledAt();
    PathSample sample = current.paths().get(camera);
    if (sample == null || !sample.online() || !sample.available()) {
      Instant since = sinceFor(CameraPushState.OFFLINE, before, now);
      return new CameraHealth(camera, CameraPushState.OFFLINE, since, null, null, null, null,
          "not publishing since " + HealthTimes.format(since) + ": " + whyNotPublishing(camera, sample));
    }

    PathSample earlier = lastAnswered == null ? null : lastAnswered.paths().get(camera);
    boolean sameSession = earlier != null && earlier.online()
        && Objects.equals(earlier.onlineTime(), sample.onlineTime())
        && sample.inboundBytes() >= earlier.inboundBytes();
    CameraPushState state;
    if (sameSession && sample.inboundBytes() > earlier.inboundBytes()) {
      state = CameraPushState.PUBLISHING;
    } else if (sameSession && sample.inboundBytes() == 0) {
      // MediaMTX sets a pulled camera's stream up before its first packet arrives: nothing has flowed yet, so
      // nothing has stopped (a session that never sends is dropped by MediaMTX's read timeout)
      state = CameraPushState.CONFIRMING;
    } else if (sameSession) {
      state = CameraPushState.STALLED;
    } else if (earlier == null && before != null && before.state() == CameraPushState.PUBLISHING
        && sameSecond(sample.onlineTime(), before.publishingSince())) {
      // no sample to compare with (operator restarted): the session we last saw publishing is still the same one,
      // so keep saying so; the next poll measures it
      state = CameraPushState.PUBLISHING;
    } else {
      state = CameraPushState.CONFIRMING;
    }

    Instant since = sinceFor(state, before, now);
    Instant online = sample.onlineTime() != null ? sample.onlineTime() : since;
    String message = switch (state) {
      case PUBLISHING -> "publishing since " + HealthTimes.format(online);
      case STALLED -> "stalled since " + HealthTimes.format(since) + ": online since " + HealthTimes.format(online)
          + " but MediaMTX received no media between the last two polls";
      default -> "online since " + HealthTimes.format(online) + "; confirming media flow at the next poll";
    };
    return new CameraHealth(camera, state, since, sample.onlineTime(), sample.codec(), sample.width(),
        sample.height(), message);
  }

  /**
   * A path MediaMTX pulls is {@code online} as soon as it is configured, whether or not the camera answers: only
   * {@code available} says a stream exists. A pushed path is online and available together, from the moment its
   * publisher starts recording.
   */
  private static String whyNotPublishing(String camera, PathSample sample) {
    if (sample == null) {
      return "MediaMTX has no publisher on path \"" + camera + "\"";
    }
    if (sample.online() && sample.pulled()) {
      return "the camera's source is unreachable; MediaMTX keeps retrying it ("
          + (sample.onlineTime() == null ? "never connected" : "last connected "
              + HealthTimes.format(sample.onlineTime())) + ")";
    }
    if (sample.online()) {
      return "path \"" + camera + "\" has a publisher that sends no stream yet";
    }
    return "path \"" + camera + "\" is offline"
        + (sample.available() ? " (MediaMTX is serving its always-available fallback)" : "");
  }

  private static Instant sinceFor(CameraPushState state, CameraHealth before, Instant now) {
    return before != null && before.state() == state && before.stateSince() != null ? before.stateSince() : now;
  }

  /** Status keeps whole seconds of {@code onlineTime}; MediaMTX reports nanoseconds. */
  private static boolean sameSecond(Instant a, Instant b) {
    return a != null && b != null
        && a.truncatedTo(ChronoUnit.SECONDS).equals(b.truncatedTo(ChronoUnit.SECONDS));
  }
}
