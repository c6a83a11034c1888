package io.camstream.operator.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.health.LiveTraffic;
import io.camstream.operator.ui.model.Wall;
import io.camstream.operator.ui.model.WallModel;
import java.util.List;

/**
 * The wall's data as versioned snapshots. A snapshot is rebuilt only when a CameraStream was added, removed or
 * changed (its resourceVersion moved), or a poll measured other readers or bitrates, so a quiet fleet costs a walk
 * over the cache per look and nothing else: no API-server request, no serialization.
 */
final class WallFeed {
  /** One state of the wall: the same version always has the same JSON. */
  record Snapshot(long version, String json, Wall wall) {
  }

  private final WatchedCameraStreams watched;
  private final ObjectMapper mapper = new ObjectMapper();
  private String fingerprint;
  private Snapshot snapshot;

  WallFeed(WatchedCameraStreams watched) {
    this.watched = watched;
  }

  /** The wall as the cache shows it now. */
  synchronized Snapshot current() {
    List<CameraStream> cameraStreams = watched.all();
    LiveTraffic traffic = watched.traffic();
    String now = fingerprint(cameraStreams) + "traffic@" + traffic.version();
    if (snapshot == null || !now.equals(fingerprint)) {
      Wall wall = WallModel.of(cameraStreams, traffic);
      snapshot = new Snapshot(snapshot == null ? 1 : snapshot.version() + 1, json(wall), wall);
      fingerprint = now;
    }
    return snapshot;
  }

  private String json(Wall wall) {
    try {
      return mapper.writeValueAsString(wall);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the wall model is always serializable", e);
    }
  }

  private static String fingerprint(List<CameraStream> cameraStreams) {
    StringBuilder fingerprint = new StringBuilder(cameraStreams.size() * 48);
    for (CameraStream cameraStream : cameraStreams) {
      fingerprint.append(cameraStream.getMetadata().getUid()).append('@')
          .append(cameraStream.getMetadata().getResourceVersion()).append(';');
    }
    return fingerprint.toString();
  }
}
