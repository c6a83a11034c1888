package io.camstream.operator.health;

import io.camstream.operator.mediamtx.api.Path;
import io.camstream.operator.mediamtx.api.PathTrack;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The part of one MediaMTX path that push health reads, taken at one poll. */
public record PathSample(
    String name,
    boolean online,
    boolean available,
    Instant onlineTime,
    long inboundBytes,
    int readers,
    String codec,
    Integer width,
    Integer height) {

  public static PathSample of(Path path) {
    PathTrack video = path.tracks2().stream().filter(PathTrack::isVideo).findFirst().orElse(null);
    PathTrack described = video != null ? video : path.tracks2().stream().findFirst().orElse(null);
    Integer width = null;
    Integer height = null;
    if (described != null && described.codecProps() != null) {
      width = described.codecProps().width();
      height = described.codecProps().height();
    }
    return new PathSample(
        path.name(),
        path.isOnline(),
        path.isAvailable(),
        parseTime(path.onlineTime()),
        path.inboundBytes() == null ? 0L : path.inboundBytes(),
        path.readers().size(),
        described == null ? null : described.codec(),
        width,
        height);
  }

  /** MediaMTX writes Go's RFC 3339 with nanoseconds; an unreadable time is treated as unknown, never fatal. */
  static Instant parseTime(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
