package io.camstream.operator.health;

import io.camstream.operator.mediamtx.api.Path;
import io.camstream.operator.mediamtx.api.PathTrack;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The part of one MediaMTX path that push health reads, taken at one poll.
 *
 * @param pulled MediaMTX reads the source itself ({@code mode: pull}): the path is {@code online} while MediaMTX
 *     retries an unreachable camera, and only {@code available} says media flows
 * @param onlineTime when the current (or, for a pulled source that lost its camera, the last) session started; null
 *     when there was none (MediaMTX's zero time {@code 0001-01-01T00:00:00Z})
 */
public record PathSample(
    String name,
    boolean online,
    boolean available,
    boolean pulled,
    Instant onlineTime,
    long inboundBytes,
    int readers,
    String codec,
    Integer width,
    Integer height) {

  /** Go's {@code time.Time{}}, which MediaMTX reports as the onlineTime of a source that never connected. */
  static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

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
        path.isPulledByMediaMtx(),
        parseTime(path.onlineTime()),
        path.inboundBytes() == null ? 0L : path.inboundBytes(),
        path.readers().size(),
        described == null ? null : described.codec(),
        width,
        height);
  }

  /**
   * MediaMTX writes Go's RFC 3339 with nanoseconds, and Go's zero time for "never" (a pulled source that has not
   * connected yet); an unreadable time is treated as unknown, never fatal.
   */
  static Instant parseTime(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      Instant time = OffsetDateTime.parse(text).toInstant();
      return time.equals(GO_ZERO_TIME) ? null : time;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
