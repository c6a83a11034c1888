package io.camstream.operator.mediamtx.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What feeds a path (schema {@code PathSource}): a publisher's session ({@code rtspSession}, {@code rtmpConn},
 * {@code webRTCSession}, ...) or a source MediaMTX reads itself ({@code rtspSource}, {@code hlsSource}, ...).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PathSource(@JsonProperty("type") String type, @JsonProperty("id") String id) {

  /**
   * MediaMTX reads this source itself (a camera with {@code mode: pull}): its path is {@code online} from the
   * moment it is configured, reachable camera or not, and {@code available} only while media flows.
   */
  public boolean pulledByMediaMtx() {
    return type != null && type.endsWith("Source");
  }
}
