package io.camstream.operator.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds observations for pure tests. */
final class Observations {
  static final Instant T0 = Instant.parse("2026-11-25T04:00:00Z");
  static final Instant ONLINE = Instant.parse("2026-11-25T03:59:00.123456789Z");

  private Observations() {
  }

  static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  static PathSample online(String name, long bytes) {
    return online(name, bytes, ONLINE);
  }

  static PathSample online(String name, long bytes, Instant onlineTime) {
    return new PathSample(name, true, true, false, onlineTime, bytes, 1, "H264", 1280, 720);
  }

  static PathSample offlineButAvailable(String name) {
    return new PathSample(name, false, true, false, null, 0, 0, null, null, null);
  }

  /** A pulled camera's path while MediaMTX cannot reach the camera: online, no stream. */
  static PathSample pulledUnreachable(String name, Instant lastConnected) {
    return new PathSample(name, true, false, true, lastConnected, 0, 0, null, null, null);
  }

  static MediaMtxObservation answered(Instant at, PathSample... samples) {
    Map<String, PathSample> paths = new LinkedHashMap<>();
    for (PathSample sample : samples) {
      paths.put(sample.name(), sample);
    }
    return new MediaMtxObservation(at, ApiReachability.ANSWERING, null, paths);
  }

  static MediaMtxObservation unreachable(Instant at) {
    return MediaMtxObservation.failed(at, ApiReachability.UNREACHABLE, "connection to 10.0.0.1:9997 refused");
  }
}
