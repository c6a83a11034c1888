package io.camstream.operator.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One camera's push health as MediaMTX sees it, and where to watch it: only what changes when the camera does.
 * Readers and bitrate change on every poll; they are in the operator's metrics and on the camera wall instead.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CameraStatus {
  private String name;
  private Boolean publishing;
  /** RFC 3339 time MediaMTX reports the path came online. */
  private String publishingSince;
  private String codec;
  private Integer width;
  private Integer height;
  private String message;
  private CameraUrls urls;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Boolean getPublishing() {
    return publishing;
  }

  public void setPublishing(Boolean publishing) {
    this.publishing = publishing;
  }

  public String getPublishingSince() {
    return publishingSince;
  }

  public void setPublishingSince(String publishingSince) {
    this.publishingSince = publishingSince;
  }

  public String getCodec() {
    return codec;
  }

  public void setCodec(String codec) {
    this.codec = codec;
  }

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

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public CameraUrls getUrls() {
    return urls;
  }

  public void setUrls(CameraUrls urls) {
    this.urls = urls;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CameraStatus other)) {
      return false;
    }
    return Objects.equals(name, other.name) && Objects.equals(publishing, other.publishing)
        && Objects.equals(publishingSince, other.publishingSince) && Objects.equals(codec, other.codec)
        && Objects.equals(width, other.width) && Objects.equals(height, other.height)
        && Objects.equals(message, other.message) && Objects.equals(urls, other.urls);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, publishing, publishingSince, codec, width, height, message, urls);
  }
}
