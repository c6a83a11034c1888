package io.camstream.operator.webrtc;

import static io.camstream.operator.webrtc.WebRtcFixtures.node;
import static io.camstream.operator.webrtc.WebRtcFixtures.service;
import static io.camstream.operator.webrtc.WebRtcFixtures.site;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.spec.ServiceType;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.OperatorDefaults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebRtcSettingsTest {

  @Test
  void theWebRtcServerListensOnTheIcePortAndAnnouncesTheCanonicalHosts() {
    var site = site(ServiceType.NODE_PORT, 30500, true, "cams.example.com");
    var network = ObservedNetwork.of(service(List.of(), Map.of()), NodeAddresses.of(List.of(
        node("a", "ExternalIP=198.51.100.1"))));
    assertThat(WebRtcSettings.of(site, network, List.of()).configKeys())
        .containsEntry("webrtc", true)
        .containsEntry("webrtcAddress", ":8889")
        .containsEntry("webrtcLocalUDPAddress", ":30500")
        .containsEntry("webrtcLocalTCPAddress", ":30500")
        .containsEntry("webrtcAdditionalHosts", List.of("198.51.100.1", "cams.example.com"))
        .containsEntry("webrtcICEServers2", List.of());
  }

  @Test
  void withoutWebrtcNodePortTheIcePortIs8189() {
    assertThat(WebRtcSettings.fromSpec(site(ServiceType.LOAD_BALANCER, null, false)).configKeys())
        .containsEntry("webrtcLocalUDPAddress", ":8189").containsEntry("webrtcLocalTCPAddress", ":8189");
  }

  /** The config Secret as the operator would write it. */
  private static DesiredState desired(CameraStream site, WebRtcSettings webrtc) {
    return DesiredState.of(site, OperatorDefaults.standard(), Map.of(), () -> "generated-password-0123456789",
        webrtc);
  }

  /** A reordered load-balancer status must not touch the file: MediaMTX would drop every WebRTC viewer. */
  @Test
  void aReorderedLoadBalancerStatusGivesAByteIdenticalFile() {
    var site = site(ServiceType.LOAD_BALANCER, null, false, "cams.example.com");
    var first = ObservedNetwork.of(service(List.of("203.0.113.7", "hostname:lb.example.net"), Map.of()),
        NodeAddresses.unreadable());
    var second = ObservedNetwork.of(service(List.of("hostname:lb.example.net", "203.0.113.7", "203.0.113.7"),
        Map.of()), NodeAddresses.unreadable());
    assertThat(desired(site, WebRtcSettings.of(site, second, List.of())).configSecret())
        .isEqualTo(desired(site, WebRtcSettings.of(site, first, List.of())).configSecret());
    assertThat(desired(site, WebRtcSettings.of(site, second, List.of())).mediaMtxYaml())
        .contains("203.0.113.7", "lb.example.net");
  }
}
