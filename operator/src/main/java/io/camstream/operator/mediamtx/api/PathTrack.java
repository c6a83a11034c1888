package io.camstream.operator.mediamtx.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;

/** One track of a path (schema {@code PathTrack}, the {@code tracks2} items). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PathTrack(
    @JsonProperty("codec") String codec,
    @JsonProperty("codecProps") PathTrackCodecProps codecProps) {

  /** The video values of the spec's {@code PathTrackCodec} enum. */
  private static final Set<String> VIDEO_CODECS =
      Set.of("AV1", "VP9", "VP8", "H265", "H264", "MPEG-4 Video", "MPEG-1/2 Video", "M-JPEG");

  public boolean isVideo() {
    return codec != null && VIDEO_CODECS.contains(codec);
  }
}
