package io.camstream.operator.mediamtx.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A path as MediaMTX reports it (schema {@code Path}). Only the fields current in v1.20.1 are read: {@code online}
 * (a publisher is active, or MediaMTX reads a pulled source — reachable or not), {@code onlineTime},
 * {@code available} (a stream exists: media flows, or an offline {@code alwaysAvailable} path serves its
 * fallback), {@code source}, {@code inboundBytes}, {@code readers} and {@code tracks2}. The deprecated
 * {@code ready}, {@code bytesReceived} and {@code tracks} are deliberately absent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Path(
    @JsonProperty("name") String name,
    @JsonProperty("confName") String confName,
    @JsonProperty("available") Boolean available,
    @JsonProperty("online") Boolean online,
    @JsonProperty("onlineTime") String onlineTime,
    @JsonProperty("source") PathSource source,
    @JsonProperty("inboundBytes") Long inboundBytes,
    @JsonProperty("readers") List<PathReader> readers,
    @JsonProperty("tracks2") List<PathTrack> tracks2) {

  public Path {
    readers = readers == null ? List.of() : List.copyOf(readers);
    tracks2 = tracks2 == null ? List.of() : List.copyOf(tracks2);
  }

  public boolean isOnline() {
    return Boolean.TRUE.equals(online);
  }

  public boolean isAvailable() {
    return Boolean.TRUE.equals(available);
  }

  /** See {@link PathSource#pulledByMediaMtx()}. */
  public boolean isPulledByMediaMtx() {
    return source != null && source.pulledByMediaMtx();
  }
}
