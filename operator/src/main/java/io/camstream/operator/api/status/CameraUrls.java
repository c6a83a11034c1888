package io.camstream.operator.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * In-cluster addresses of one camera's stream, one per protocol MediaMTX serves, and of its recordings' list on
 * MediaMTX's playback server while the camera records.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CameraUrls {
  private String webrtc;
  private String hls;
  private String rtsp;
  private String playback;

  public CameraUrls() {
  }

  public CameraUrls(String webrtc, String hls, String rtsp) {
    this.webrtc = webrtc;
    this.hls = hls;
    this.rtsp = rtsp;
  }

  public CameraUrls(String webrtc, String hls, String rtsp, String playback) {
    this(webrtc, hls, rtsp);
    this.playback = playback;
  }

  public String getWebrtc() {
    return webrtc;
  }

  public void setWebrtc(String webrtc) {
    this.webrtc = webrtc;
  }

  public String getHls() {
    return hls;
  }

  public void setHls(String hls) {
    this.hls = hls;
  }

  public String getRtsp() {
    return rtsp;
  }

  public void setRtsp(String rtsp) {
    this.rtsp = rtsp;
  }

  public String getPlayback() {
    return playback;
  }

  public void setPlayback(String playback) {
    this.playback = playback;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CameraUrls other && Objects.equals(webrtc, other.webrtc)
        && Objects.equals(hls, other.hls) && Objects.equals(rtsp, other.rtsp)
        && Objects.equals(playback, other.playback);
  }

  @Override
  public int hashCode() {
    return Objects.hash(webrtc, hls, rtsp, playback);
  }
}
