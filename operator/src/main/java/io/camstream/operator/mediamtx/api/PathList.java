package io.camstream.operator.mediamtx.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of {@code GET /v3/paths/list}: schema {@code PathList} of MediaMTX v1.20.1's openapi.yaml. Field names are
 * the spec's; a test checks every property here against it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PathList(
    @JsonProperty("itemCount") Long itemCount,
    @JsonProperty("pageCount") Long pageCount,
    @JsonProperty("items") List<Path> items) {

  public PathList {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
