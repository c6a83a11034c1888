package io.camstream.operator.desired;

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

  /** One port MediaMTX exposes: the container port and the Service port share its name, number and protocol. */
  public record NamedPort(String name, int number, String protocol) {
  }

  /**
   * What publishers and viewers use: the Service {@code <name>-mediamtx}, the one {@code spec.mediamtx.serviceType}
   * exposes (possibly on a public load balancer).
   */
  public static final List<NamedPort> VIEWER = List.of(
      new NamedPort("rtsp", RTSP, "TCP"),
      new NamedPort("hls", HLS, "TCP"),
      new NamedPort("webrtc", WEBRTC, "TCP"),
      new NamedPort("webrtc-ice-udp", WEBRTC_UDP, "UDP"),
      new NamedPort("webrtc-ice-tcp", WEBRTC_UDP, "TCP"));

  /** What only the operator and metrics scrapers use: the ClusterIP Service {@code <name>-mediamtx-internal}. */
  public static final List<NamedPort> INTERNAL = List.of(
      new NamedPort("api", API, "TCP"),
      new NamedPort("metrics", METRICS, "TCP"));

  /** Every port the MediaMTX container exposes: each Service forwards its share, by the same name and number. */
  public static final List<NamedPort> EXPOSED = java.util.stream.Stream.concat(VIEWER.stream(), INTERNAL.stream())
      .toList();

  private MediaMtxPorts() {
  }
}
