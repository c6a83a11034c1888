package io.camstream.operator.mediamtx.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The part of {@code PathTrackCodecProps} (a oneOf over per-codec schemas) the operator reads: the frame size, which the
 * spec defines for AV1, H264 and H265 tracks. Absent for codecs that do not report it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PathTrackCodecProps(@JsonProperty("width") Integer width, @JsonProperty("height") Integer height) {
}
