package io.camstream.operator.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pure: two polls of one MediaMTX → each camera's {@link CameraTraffic}. The bitrate is the growth of
 * {@code inboundBytes} between the two polls of the same publishing session ({@code onlineTime}) over the time between
 * them; a new session has no bitrate until its second poll.
 */
public final class TrafficMeasurement {
  private TrafficMeasurement() {
  }

  /**
   * @param cameras      the camera names of the spec, which are the MediaMTX path names
   * @param current      this poll
   * @param lastAnswered the last earlier poll the API answered, or null
   */
  public static List<CameraTraffic> of(List<String> cameras, MediaMtxObservation current,
      MediaMtxObservation lastAnswered) {
    List<CameraTraffic> traffic = new ArrayList<>(cameras.size());
    for (String camera : cameras) {
      traffic.add(current.answered() ? measure(camera, current, lastAnswered) : CameraTraffic.unknown(camera));
    }
    return traffic;
  }

  private static CameraTraffic measure(String camera, MediaMtxObservation current,
      MediaMtxObservation lastAnswered) {
    PathSample sample = current.paths().get(camera);
    if (sample == null) {
      return new CameraTraffic(camera, 0L, 0);
    }
    if (!sample.online()) {
      return new CameraTraffic(camera, 0L, sample.readers());
    }
    PathSample earlier = lastAnswered == null ? null : lastAnswered.paths().get(camera);
    boolean sameSession = earlier != null && earlier.online()
        && Objects.equals(earlier.onlineTime(), sample.onlineTime())
        && sample.inboundBytes() >= earlier.inboundBytes();
    Long bitsPerSecond = sameSession ? bitsPerSecond(sample.inboundBytes() - earlier.inboundBytes(),
        Duration.between(lastAnswered.polledAt(), current.polledAt())) : null;
    return new CameraTraffic(camera, bitsPerSecond, sample.readers());
  }

  /** Bytes over an interval in bit/s, rounded; an interval under a millisecond counts as one. */
  static long bitsPerSecond(long bytes, Duration interval) {
    long millis = Math.max(1, interval.toMillis());
    return Math.round(bytes * 8_000.0 / millis);
  }
}
