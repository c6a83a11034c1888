package io.camstream.operator.desired;

/** The ports MediaMTX listens on; written into its config, its container and its Service alike. */
public final class MediaMtxPorts {
  public static final int RTSP = 8554;
  public static final int HLS = 8888;
  public static final int WEBRTC = 8889;
  /**
   * WebRTC ICE, UDP and TCP on the same number: browsers send media here, so it must be reachable from them, not
   * only in-cluster.
   */
  public static final int WEBRTC_UDP = 8189;
  public static final int API = 9997;
  public static final int METRICS = 9998;

  private MediaMtxPorts() {
  }
}
