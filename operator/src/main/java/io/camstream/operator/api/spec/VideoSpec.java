package io.camstream.operator.api.spec;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Transcode settings; each one left out keeps the source's value (bitrate: the streamer's default). */
@ValidationRule(value = "(!has(self.width) || int(self.width) % 2 == 0)"
    + " && (!has(self.height) || int(self.height) % 2 == 0)",
    message = "video width and height must be even: H.264 in 4:2:0 (yuv420p) cannot encode odd sizes",
    reason = "FieldValueInvalid")
public class VideoSpec {
  @Min(16)
  @Max(7680)
  private Integer width;

  @Min(16)
  @Max(4320)
  private Integer height;

  @Min(1)
  @Max(120)
  private Integer fps;

  @Min(100)
  @Max(50000)
  private Integer bitrateKbps;

  public Integer getWidth() {
    return width;
  }

  public void setWidth(Integer width) {
    this.width = width;
  }

  public Integer getHeight() {
    return height;
  }

  public void setHeight(Integer height) {
    this.height = height;
  }

  public Integer getFps() {
    return fps;
  }

  public void setFps(Integer fps) {
    this.fps = fps;
  }

  public Integer getBitrateKbps() {
    return bitrateKbps;
  }

  public void setBitrateKbps(Integer bitrateKbps) {
    this.bitrateKbps = bitrateKbps;
  }
}
