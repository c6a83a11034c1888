package io.camstream.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who may watch the streams: anyone who reaches the ports, or only holders of the reader credentials. */
public enum ReaderAccess {
  @JsonProperty("public")
  PUBLIC,
  @JsonProperty("authenticated")
  AUTHENTICATED
}
