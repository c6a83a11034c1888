package io.camstream.operator.webrtc;

import static io.camstream.operator.testing.CameraStreams.testPattern;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ServiceType;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CameraStreams, Services and Nodes as the WebRTC tests need them. */
final class WebRtcFixtures {
  private WebRtcFixtures() {
  }

  static CameraStream site(ServiceType type, Integer webrtcNodePort, boolean announceNodes, String... hosts) {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setServiceType(type);
    mediamtx.setWebrtcNodePort(webrtcNodePort);
    mediamtx.setWebrtcAnnounceNodeAddresses(announceNodes ? true : null);
    mediamtx.setWebrtcAdditionalHosts(hosts.length == 0 ? null : List.of(hosts));
    site.getSpec().setMediamtx(mediamtx);
    return site;
  }

  /** The live Service: its load balancer's ingress ("ip" or "hostname:name") and allocated node ports by name. */
  static Service service(List<String> ingress, Map<String, Integer> nodePorts) {
    List<LoadBalancerIngress> entries = new ArrayList<>();
    for (String address : ingress) {
      LoadBalancerIngress entry = new LoadBalancerIngress();
      if (address.startsWith("hostname:")) {
        entry.setHostname(address.substring("hostname:".length()));
      } else {
        entry.setIp(address);
      }
      entries.add(entry);
    }
    List<ServicePort> ports = nodePorts.entrySet().stream().map(e -> {
      ServicePort port = new ServicePort();
      port.setName(e.getKey());
      port.setNodePort(e.getValue());
      return port;
    }).toList();
    return new ServiceBuilder().withNewMetadata().withName("site-mediamtx").withNamespace("ns").endMetadata()
        .withNewSpec().withPorts(ports).endSpec()
        .withNewStatus().withNewLoadBalancer().withIngress(entries).endLoadBalancer().endStatus()
        .build();
  }

  /** A Node with addresses given as "Type=address". */
  static Node node(String name, String... addresses) {
    return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewStatus().withAddresses(List.of(addresses).stream().map(a -> {
          String[] parts = a.split("=", 2);
          return new NodeAddress(parts[1], parts[0]);
        }).toList()).endStatus()
        .build();
  }
}
