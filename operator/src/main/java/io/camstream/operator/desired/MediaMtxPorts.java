package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import java.util.ArrayList;
import java.util.List;

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
  /** The playback server (recordings), open only while recording is configured. */
  public static final int PLAYBACK = 9996;

  /** One port MediaMTX exposes: the container port and the Service port share its name, number and protocol. */
  public record NamedPort(String name, int number, String protocol) {
  }

  /** Every port the MediaMTX container exposes and its Service forwards, in one list so the two never drift apart. */
  public static final List<NamedPort> EXPOSED = List.of(
      new NamedPort("rtsp", RTSP, "TCP"),
      new NamedPort("hls", HLS, "TCP"),
      new NamedPort("webrtc", WEBRTC, "TCP"),
      new NamedPort("webrtc-ice-udp", WEBRTC_UDP, "UDP"),
      new NamedPort("webrtc-ice-tcp", WEBRTC_UDP, "TCP"),
      new NamedPort("api", API, "TCP"),
      new NamedPort("metrics", METRICS, "TCP"));

  public static final NamedPort PLAYBACK_PORT = new NamedPort("playback", PLAYBACK, "TCP");

  private MediaMtxPorts() {
  }

  /** The ports of one CameraStream's MediaMTX: {@link #EXPOSED}, and the playback server's when it records. */
  public static List<NamedPort> exposed(CameraStream cameraStream) {
    if (!Recording.configured(cameraStream)) {
      return EXPOSED;
    }
    List<NamedPort> ports = new ArrayList<>(EXPOSED);
    ports.add(PLAYBACK_PORT);
    return List.copyOf(ports);
  }
}
