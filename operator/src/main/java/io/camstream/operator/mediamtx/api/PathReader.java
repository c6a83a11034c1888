package io.camstream.operator.mediamtx.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A reader of a path (schema {@code PathReader}); only counted. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PathReader(@JsonProperty("type") String type, @JsonProperty("id") String id) {
}
