package io.camstream.operator.mediamtx.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** MediaMTX's error body (schema {@code Error}): {@code {"status":"error","error":"..."}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiError(@JsonProperty("status") String status, @JsonProperty("error") String error) {
}
