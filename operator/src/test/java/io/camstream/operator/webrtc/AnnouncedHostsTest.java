package io.camstream.operator.webrtc;

import static io.camstream.operator.webrtc.WebRtcFixtures.node;
import static io.camstream.operator.webrtc.WebRtcFixtures.service;
import static io.camstream.operator.webrtc.WebRtcFixtures.site;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.spec.ServiceType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnouncedHostsTest {
  private static final NodeAddresses NODES = NodeAddresses.of(List.of(
      node("a", "InternalIP=10.0.0.1", "ExternalIP=198.51.100.1"), node("b", "InternalIP=10.0.0.2")));

  @Test
  void aLoadBalancersIngressIsAddedToTheListedHosts() {
    var site = site(ServiceType.LOAD_BALANCER, null, false, "cams.example.com");
    var network = ObservedNetwork.of(service(List.of("203.0.113.7", "hostname:lb.example.net"), Map.of()), NODES);
    assertThat(AnnouncedHosts.of(site, network)).containsExactly("203.0.113.7", "cams.example.com", "lb.example.net");
  }

  @Test
  void noLoadBalancerAddressYetLeavesTheListedHosts() {
    var site = site(ServiceType.LOAD_BALANCER, null, false, "cams.example.com");
    assertThat(AnnouncedHosts.of(site, ObservedNetwork.of(service(List.of(), Map.of()), NODES)))
        .containsExactly("cams.example.com");
  }

  @Test
  void nodeAddressesOnlyWhenAsked() {
    var listed = site(ServiceType.NODE_PORT, 31000, false, "cams.example.com");
    var announcing = site(ServiceType.NODE_PORT, 31000, true, "cams.example.com");
    var network = ObservedNetwork.of(service(List.of(), Map.of()), NODES);
    assertThat(AnnouncedHosts.of(listed, network)).containsExactly("cams.example.com");
    assertThat(AnnouncedHosts.of(announcing, network))
        .containsExactly("10.0.0.2", "198.51.100.1", "cams.example.com");
  }

  @Test
  void aLeftoverIngressOfAnotherServiceTypeIsNotAnnounced() {
    var site = site(ServiceType.NODE_PORT, 31000, false, "cams.example.com");
    assertThat(AnnouncedHosts.of(site, ObservedNetwork.of(service(List.of("203.0.113.7"), Map.of()), NODES)))
        .containsExactly("cams.example.com");
  }

  /** MediaMTX restarts its WebRTC server when the list differs in any way, order included. */
  @Test
  void theSameSetGivesTheSameListWhateverTheOrderCaseOrRepetition() {
    var one = site(ServiceType.LOAD_BALANCER, null, false, "Cams.Example.com", "192.0.2.1");
    var other = site(ServiceType.LOAD_BALANCER, null, false, "192.0.2.1", " cams.example.com", "192.0.2.1");
    var first = ObservedNetwork.of(service(List.of("203.0.113.7", "203.0.113.8"), Map.of()), NODES);
    var reordered = ObservedNetwork.of(service(List.of("203.0.113.8", "203.0.113.7", "203.0.113.8",
        "hostname:CAMS.example.com"), Map.of()), NODES);
    assertThat(AnnouncedHosts.of(other, reordered)).isEqualTo(AnnouncedHosts.of(one, first))
        .containsExactly("192.0.2.1", "203.0.113.7", "203.0.113.8", "cams.example.com");
  }
}
