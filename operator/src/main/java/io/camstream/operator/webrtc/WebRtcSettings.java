package io.camstream.operator.webrtc;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.IceServerSpec;
import io.camstream.operator.desired.MediaMtxPorts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What MediaMTX's WebRTC server is told: the ICE port it listens on (UDP and TCP), the hosts it announces to
 * browsers, and the STUN/TURN servers. The keys it becomes are MediaMTX v1.20.1's.
 *
 * @param announcedHosts canonical ({@link AnnouncedHosts})
 */
public record WebRtcSettings(int icePort, List<String> announcedHosts, List<IceServer> iceServers) {

  public WebRtcSettings {
    announcedHosts = List.copyOf(announcedHosts);
    iceServers = List.copyOf(iceServers);
  }

  /** @param iceServers {@code spec.mediamtx.iceServers} with their credentials read ({@link IceServers}) */
  public static WebRtcSettings of(CameraStream cameraStream, ObservedNetwork network, List<IceServer> iceServers) {
    return new WebRtcSettings(MediaMtxPorts.webrtcIce(cameraStream), AnnouncedHosts.of(cameraStream, network),
        iceServers);
  }

  /**
   * From the spec alone, as if nothing had been observed yet: the listed hosts and the STUN servers. A spec naming a
   * TURN server needs its Secret read: {@link #of} then.
   */
  public static WebRtcSettings fromSpec(CameraStream cameraStream) {
    List<IceServerSpec> specs = IceServers.specs(cameraStream);
    if (specs.stream().anyMatch(s -> s.getCredentialsSecretRef() != null)) {
      throw new IllegalArgumentException("spec.mediamtx.iceServers names TURN credentials: read them first");
    }
    return of(cameraStream, ObservedNetwork.NONE,
        specs.stream().map(s -> IceServer.stun(s.getUrl(), Boolean.TRUE.equals(s.getClientOnly()))).toList());
  }

  /** The WebRTC keys of {@code mediamtx.yml}. */
  public Map<String, Object> configKeys() {
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("webrtc", true);
    keys.put("webrtcAddress", ":" + MediaMtxPorts.WEBRTC);
    keys.put("webrtcLocalUDPAddress", ":" + icePort);
    // ICE over TCP on the same port number: WebRTC also works where only TCP passes (kubectl port-forward,
    // TCP-only load balancers); browsers prefer UDP when both are reachable.
    keys.put("webrtcLocalTCPAddress", ":" + icePort);
    keys.put("webrtcAdditionalHosts", announcedHosts);
    keys.put("webrtcICEServers2", iceServers.stream().map(IceServer::configEntry).toList());
    return keys;
  }
}
