package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The ports MediaMTX listens on; written into its config, its container and its Service alike. */
public final class MediaMtxPorts {
  public static final int RTSP = 8554;
  public static final int HLS = 8888;
  public static final int WEBRTC = 8889;
  /**
   * WebRTC ICE, UDP and TCP on the same number: browsers send media here, so it must be reachable from them, not
   * only in-cluster. {@code spec.mediamtx.webrtcNodePort} replaces it.
   */
  public static final int WEBRTC_UDP = 8189;
  public static final int API = 9997;
  public static final int METRICS = 9998;
  /** The playback server (recordings), open only while recording is configured. */
  public static final int PLAYBACK = 9996;

  public static final String RTSP_NAME = "rtsp";
  public static final String HLS_NAME = "hls";
  public static final String WEBRTC_NAME = "webrtc";
  public static final String WEBRTC_ICE_UDP_NAME = "webrtc-ice-udp";
  public static final String WEBRTC_ICE_TCP_NAME = "webrtc-ice-tcp";

  /** One port MediaMTX exposes: the container port and the Service port share its name, number and protocol. */
  public record NamedPort(String name, int number, String protocol) {
    public boolean isWebrtcIce() {
      return WEBRTC_ICE_UDP_NAME.equals(name) || WEBRTC_ICE_TCP_NAME.equals(name);
    }
  }

  /**
   * What publishers and viewers use: the Service {@code <name>-mediamtx}, the one {@code spec.mediamtx.serviceType}
   * exposes (possibly on a public load balancer).
   */
  public static final List<NamedPort> VIEWER = List.of(
      new NamedPort(RTSP_NAME, RTSP, "TCP"),
      new NamedPort(HLS_NAME, HLS, "TCP"),
      new NamedPort(WEBRTC_NAME, WEBRTC, "TCP"),
      new NamedPort(WEBRTC_ICE_UDP_NAME, WEBRTC_UDP, "UDP"),
      new NamedPort(WEBRTC_ICE_TCP_NAME, WEBRTC_UDP, "TCP"));

  /** What only the operator and metrics scrapers use: the ClusterIP Service {@code <name>-mediamtx-internal}. */
  public static final List<NamedPort> INTERNAL = List.of(
      new NamedPort("api", API, "TCP"),
      new NamedPort("metrics", METRICS, "TCP"));

  /** Every port the MediaMTX container always exposes: each Service forwards its share, by the same name and number. */
  public static final List<NamedPort> EXPOSED = Stream.concat(VIEWER.stream(), INTERNAL.stream()).toList();

  public static final NamedPort PLAYBACK_PORT = new NamedPort("playback", PLAYBACK, "TCP");

  private MediaMtxPorts() {
  }

  /** {@link #exposed} but the control API and metrics: what the viewer Service forwards (playback included). */
  public static List<NamedPort> viewer(CameraStream cameraStream) {
    return exposed(cameraStream).stream().filter(p -> !INTERNAL.contains(p)).toList();
  }

  /**
   * The ports of one CameraStream's MediaMTX: {@link #EXPOSED} with the ICE ports at the number it listens on, and
   * the playback server's while recording is configured.
   */
  public static List<NamedPort> exposed(CameraStream cameraStream) {
    int ice = webrtcIce(cameraStream);
    List<NamedPort> ports = new ArrayList<>(EXPOSED.stream()
        .map(p -> p.isWebrtcIce() ? new NamedPort(p.name(), ice, p.protocol()) : p)
        .toList());
    if (Recording.configured(cameraStream)) {
      ports.add(PLAYBACK_PORT);
    }
    return List.copyOf(ports);
  }

  /** The WebRTC ICE port (UDP and TCP) MediaMTX listens on and announces to browsers. */
  public static int webrtcIce(CameraStream cameraStream) {
    return webrtcNodePort(cameraStream).orElse(WEBRTC_UDP);
  }

  /** {@code spec.mediamtx.webrtcNodePort}: the ICE port is then the same number on the pod and on every node. */
  public static Optional<Integer> webrtcNodePort(CameraStream cameraStream) {
    var mediamtx = cameraStream.getSpec().getMediamtx();
    return mediamtx == null ? Optional.empty() : Optional.ofNullable(mediamtx.getWebrtcNodePort());
  }
}
