package io.camstream.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a camera reaches MediaMTX. {@code auto}, {@code transcode} and {@code passthrough} run a streamer pod, which
 * gets the value as CAMSTREAM_MODE; {@code pull} runs none: MediaMTX reads the RTSP source itself.
 */
public enum StreamMode {
  @JsonProperty("auto")
  AUTO("auto"),
  @JsonProperty("transcode")
  TRANSCODE("transcode"),
  @JsonProperty("passthrough")
  PASSTHROUGH("passthrough"),
  @JsonProperty("pull")
  PULL("pull");

  private final String value;

  StreamMode(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  /** Whether a streamer Deployment pushes this camera (every mode but {@code pull}). */
  public boolean usesStreamer() {
    return this != PULL;
  }

  /** The camera's mode, {@code auto} when unset. */
  public static StreamMode of(CameraSpec camera) {
    return camera.getMode() == null ? AUTO : camera.getMode();
  }
}
