package io.camstream.operator.api.status;

import java.util.Objects;

/** In-cluster addresses of one camera's stream, one per protocol MediaMTX serves. */
public class CameraUrls {
  private String webrtc;
  private String hls;
  private String rtsp;

  public CameraUrls() {
  }

  public CameraUrls(String webrtc, String hls, String rtsp) {
    this.webrtc = webrtc;
    this.hls = hls;
    this.rtsp = rtsp;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof CameraUrls other && Objects.equals(webrtc, other.webrtc)
        && Objects.equals(hls, other.hls) && Objects.equals(rtsp, other.rtsp);
  }

  @Override
  public int hashCode() {
    return Objects.hash(webrtc, hls, rtsp);
  }
}
