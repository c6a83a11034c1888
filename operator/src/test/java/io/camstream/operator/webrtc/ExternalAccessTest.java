package io.camstream.operator.webrtc;

import static io.camstream.operator.webrtc.WebRtcFixtures.node;
import static io.camstream.operator.webrtc.WebRtcFixtures.service;
import static io.camstream.operator.webrtc.WebRtcFixtures.site;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.spec.ServiceType;
import io.camstream.operator.health.ConditionVerdict;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.ViewerEndpoints;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalAccessTest {
  private static final Map<String, Integer> NODE_PORTS = Map.of("webrtc", 30889, "hls", 30888, "rtsp", 30554,
      "webrtc-ice-udp", 31189, "webrtc-ice-tcp", 31189);
  private static final NodeAddresses NODES = NodeAddresses.of(List.of(node("a", "ExternalIP=198.51.100.1"),
      node("b", "ExternalIP=198.51.100.2")));

  @Test
  void clusterIpIsInClusterWithoutACondition() {
    ExternalAccess access = ExternalAccess.of(site(ServiceType.CLUSTER_IP, null, false, "127.0.0.1"),
        ObservedNetwork.of(service(List.of(), Map.of()), NODES));
    assertThat(access.verdict()).isEmpty();
    assertThat(access.endpoints().urls("lobby").getWebrtc()).isEqualTo("http://site-mediamtx.ns.svc:8889/lobby");
  }

  @Test
  void aPendingLoadBalancerSaysSoAndKeepsInClusterUrls() {
    var site = site(ServiceType.LOAD_BALANCER, null, false, "cams.example.com");
    ExternalAccess access = ExternalAccess.of(site, ObservedNetwork.of(service(List.of(), Map.of()), NODES));
    assertThat(access.endpoints()).isEqualTo(ViewerEndpoints.inCluster(site));
    assertThat(access.verdict()).get().satisfies(v -> {
      assertThat(v.status()).isEqualTo(ConditionVerdict.FALSE);
      assertThat(v.reason()).isEqualTo(ConditionTypes.REASON_LOAD_BALANCER_PENDING);
      assertThat(v.message()).contains("ns/site-mediamtx");
    });
    // Before the Service even exists, the same.
    assertThat(ExternalAccess.of(site, ObservedNetwork.NONE).verdict()).get()
        .extracting(ConditionVerdict::reason).isEqualTo(ConditionTypes.REASON_LOAD_BALANCER_PENDING);
  }

  @Test
  void anAssignedLoadBalancerGivesExternalUrlsPreferringItsHostName() {
    var site = site(ServiceType.LOAD_BALANCER, null, false);
    ExternalAccess byIp = ExternalAccess.of(site, ObservedNetwork.of(service(List.of("203.0.113.7"), Map.of()),
        NODES));
    assertThat(byIp.endpoints().urls("lobby")).satisfies(urls -> {
      assertThat(urls.getWebrtc()).isEqualTo("http://203.0.113.7:8889/lobby");
      assertThat(urls.getHls()).isEqualTo("http://203.0.113.7:8888/lobby/index.m3u8");
      assertThat(urls.getRtsp()).isEqualTo("rtsp://203.0.113.7:8554/lobby");
    });
    assertThat(byIp.verdict()).get().satisfies(v -> {
      assertThat(v.isTrue()).isTrue();
      assertThat(v.reason()).isEqualTo(ConditionTypes.REASON_LOAD_BALANCER_READY);
      assertThat(v.message()).contains("203.0.113.7");
    });

    ExternalAccess byName = ExternalAccess.of(site, ObservedNetwork.of(service(
        List.of("203.0.113.7", "hostname:a1b2.elb.example.com"), Map.of()), NODES));
    assertThat(byName.endpoints().urls("lobby").getWebrtc()).isEqualTo("http://a1b2.elb.example.com:8889/lobby");

    ExternalAccess ipv6 = ExternalAccess.of(site, ObservedNetwork.of(service(List.of("2001:db8::7"), Map.of()),
        NODES));
    assertThat(ipv6.endpoints().urls("lobby").getRtsp()).isEqualTo("rtsp://[2001:db8::7]:8554/lobby");
  }

  @Test
  void nodePortUrlsUseTheFirstListedHostAndTheAllocatedNodePorts() {
    var site = site(ServiceType.NODE_PORT, 31189, false, "cams.example.com", "192.0.2.9");
    ExternalAccess access = ExternalAccess.of(site, ObservedNetwork.of(service(List.of(), NODE_PORTS), NODES));
    assertThat(access.endpoints().urls("lobby")).satisfies(urls -> {
      assertThat(urls.getWebrtc()).isEqualTo("http://cams.example.com:30889/lobby");
      assertThat(urls.getHls()).isEqualTo("http://cams.example.com:30888/lobby/index.m3u8");
      assertThat(urls.getRtsp()).isEqualTo("rtsp://cams.example.com:30554/lobby");
    });
    assertThat(access.verdict()).get().satisfies(v -> {
      assertThat(v.isTrue()).isTrue();
      assertThat(v.reason()).isEqualTo(ConditionTypes.REASON_HOSTS_LISTED);
      assertThat(v.message()).contains("31189");
    });
  }

  @Test
  void nodePortWithAnnouncedNodeAddresses() {
    var site = site(ServiceType.NODE_PORT, 31189, true);
    ExternalAccess access = ExternalAccess.of(site, ObservedNetwork.of(service(List.of(), NODE_PORTS), NODES));
    assertThat(access.endpoints().urls("lobby").getHls()).isEqualTo("http://198.51.100.1:30888/lobby/index.m3u8");
    assertThat(access.verdict()).get().extracting(ConditionVerdict::reason)
        .isEqualTo(ConditionTypes.REASON_NODE_ADDRESSES);

    ExternalAccess blind = ExternalAccess.of(site, ObservedNetwork.of(service(List.of(), NODE_PORTS),
        NodeAddresses.unreadable()));
    assertThat(blind.endpoints()).isEqualTo(ViewerEndpoints.inCluster(site));
    assertThat(blind.verdict()).get().satisfies(v -> {
      assertThat(v.reason()).isEqualTo(ConditionTypes.REASON_NODES_NOT_READABLE);
      assertThat(v.message()).contains("webrtcAdditionalHosts", "CAMSTREAM_READ_NODES");
    });

    ExternalAccess none = ExternalAccess.of(site, ObservedNetwork.of(service(List.of(), NODE_PORTS),
        NodeAddresses.of(List.of(node("x", "Hostname=x")))));
    assertThat(none.verdict()).get().extracting(ConditionVerdict::reason)
        .isEqualTo(ConditionTypes.REASON_NO_NODE_ADDRESSES);
  }

  @Test
  void nodePortWithoutHostsOrNodePortsOrWebrtcNodePortSaysWhatIsMissing() {
    var noHosts = site(ServiceType.NODE_PORT, 31189, false);
    assertThat(ExternalAccess.of(noHosts, ObservedNetwork.of(service(List.of(), NODE_PORTS), NODES)).verdict())
        .get().extracting(ConditionVerdict::reason).isEqualTo(ConditionTypes.REASON_NO_EXTERNAL_HOSTS);

    var listed = site(ServiceType.NODE_PORT, 31189, false, "cams.example.com");
    ExternalAccess unallocated = ExternalAccess.of(listed, ObservedNetwork.NONE);
    assertThat(unallocated.endpoints()).isEqualTo(ViewerEndpoints.inCluster(listed));
    assertThat(unallocated.verdict()).get().extracting(ConditionVerdict::reason)
        .isEqualTo(ConditionTypes.REASON_NODE_PORTS_PENDING);

    // HLS and RTSP work through any node port; WebRTC media does not when MediaMTX announces another port.
    var noIcePort = site(ServiceType.NODE_PORT, null, false, "cams.example.com");
    ExternalAccess access = ExternalAccess.of(noIcePort, ObservedNetwork.of(service(List.of(), NODE_PORTS), NODES));
    assertThat(access.endpoints().urls("lobby").getHls()).isEqualTo("http://cams.example.com:30888/lobby/index.m3u8");
    assertThat(access.verdict()).get().satisfies(v -> {
      assertThat(v.status()).isEqualTo(ConditionVerdict.FALSE);
      assertThat(v.reason()).isEqualTo(ConditionTypes.REASON_WEBRTC_NODE_PORT_NOT_SET);
      assertThat(v.message()).contains("webrtcNodePort");
    });
  }
}
