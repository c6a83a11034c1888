package io.camstream.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a streamer treats its source; the value is passed to the streamer as CAMSTREAM_MODE. */
public enum StreamMode {
  @JsonProperty("auto")
  AUTO("auto"),
  @JsonProperty("transcode")
  TRANSCODE("transcode"),
  @JsonProperty("passthrough")
  PASSTHROUGH("passthrough");

  private final String value;

  StreamMode(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
