package io.camstream.operator.webrtc;

import static io.camstream.operator.status.ConditionTypes.REASON_HOSTS_LISTED;
import static io.camstream.operator.status.ConditionTypes.REASON_LOAD_BALANCER_PENDING;
import static io.camstream.operator.status.ConditionTypes.REASON_LOAD_BALANCER_READY;
import static io.camstream.operator.status.ConditionTypes.REASON_NODES_NOT_READABLE;
import static io.camstream.operator.status.ConditionTypes.REASON_NODE_ADDRESSES;
import static io.camstream.operator.status.ConditionTypes.REASON_NODE_PORTS_PENDING;
import static io.camstream.operator.status.ConditionTypes.REASON_NO_EXTERNAL_HOSTS;
import static io.camstream.operator.status.ConditionTypes.REASON_NO_NODE_ADDRESSES;
import static io.camstream.operator.status.ConditionTypes.REASON_WEBRTC_NODE_PORT_NOT_SET;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.desired.MediaMtxPorts;
import io.camstream.operator.desired.MediaMtxServiceBuilder;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.health.ConditionVerdict;
import io.camstream.operator.status.ViewerEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How browsers outside the cluster reach a CameraStream, decided from its spec and what was observed: the base URLs
 * {@code status.cameras[].urls} are built from, and the ExternalAddressAssigned verdict. Until an external address
 * is known the URLs stay in-cluster (right inside the cluster) and the verdict says what is missing; a ClusterIP
 * CameraStream has no such verdict.
 */
public record ExternalAccess(ViewerEndpoints endpoints, Optional<ConditionVerdict> verdict) {
  /** Hosts listed in messages; the rest are counted. */
  static final int HOSTS_IN_MESSAGE = 5;
  private static final Pattern IPV4 = Pattern.compile("^[0-9]+(\\.[0-9]+){3}$");

  public static ExternalAccess of(CameraStream cameraStream, ObservedNetwork network) {
    return switch (MediaMtxServiceBuilder.serviceType(cameraStream)) {
      case LOAD_BALANCER -> loadBalancer(cameraStream, network);
      case NODE_PORT -> nodePort(cameraStream, network);
      case CLUSTER_IP -> new ExternalAccess(ViewerEndpoints.inCluster(cameraStream), Optional.empty());
    };
  }

  private static ExternalAccess loadBalancer(CameraStream cameraStream, ObservedNetwork network) {
    String service = service(cameraStream);
    List<String> addresses = network.loadBalancerAddresses();
    if (addresses.isEmpty()) {
      return pending(cameraStream, REASON_LOAD_BALANCER_PENDING, "waiting for the load balancer of Service " + service
          + " to get an address; status.cameras[].urls show in-cluster addresses until then");
    }
    String host = addresses.stream().filter(a -> !isIpAddress(a)).findFirst().orElse(addresses.get(0));
    ViewerEndpoints endpoints = ViewerEndpoints.at(host, MediaMtxPorts.WEBRTC, MediaMtxPorts.HLS, MediaMtxPorts.RTSP);
    return new ExternalAccess(endpoints, Optional.of(new ConditionVerdict(ConditionVerdict.TRUE,
        REASON_LOAD_BALANCER_READY, "the load balancer of Service " + service + " has " + list(addresses)
            + "; announced to browsers for WebRTC (ICE port " + MediaMtxPorts.webrtcIce(cameraStream) + ")")));
  }

  private static ExternalAccess nodePort(CameraStream cameraStream, ObservedNetwork network) {
    String service = service(cameraStream);
    boolean announceNodes = AnnouncedHosts.announcesNodeAddresses(cameraStream);
    if (announceNodes && !network.nodes().readable()) {
      return pending(cameraStream, REASON_NODES_NOT_READABLE, "spec.mediamtx.webrtcAnnounceNodeAddresses: "
          + network.nodes().unreadableBecause() + "; list the nodes' addresses in"
          + " spec.mediamtx.webrtcAdditionalHosts instead");
    }
    List<String> hosts = new ArrayList<>(AnnouncedHosts.listed(cameraStream).stream().map(String::trim).toList());
    if (announceNodes) {
      hosts.addAll(network.nodes().addresses());
    }
    if (hosts.isEmpty()) {
      return announceNodes
          ? pending(cameraStream, REASON_NO_NODE_ADDRESSES, "spec.mediamtx.webrtcAnnounceNodeAddresses: no node"
              + " has an ExternalIP or InternalIP address")
          : pending(cameraStream, REASON_NO_EXTERNAL_HOSTS, "serviceType NodePort: list the addresses browsers"
              + " reach the nodes at in spec.mediamtx.webrtcAdditionalHosts, or set"
              + " spec.mediamtx.webrtcAnnounceNodeAddresses: true");
    }
    Integer webrtc = network.nodePorts().get(MediaMtxPorts.WEBRTC_NAME);
    Integer hls = network.nodePorts().get(MediaMtxPorts.HLS_NAME);
    Integer rtsp = network.nodePorts().get(MediaMtxPorts.RTSP_NAME);
    if (webrtc == null || hls == null || rtsp == null) {
      return pending(cameraStream, REASON_NODE_PORTS_PENDING, "waiting for Service " + service
          + " to be given its node ports");
    }
    ViewerEndpoints endpoints = ViewerEndpoints.at(hosts.get(0), webrtc, hls, rtsp);
    String ports = "node ports: WebRTC " + webrtc + ", HLS " + hls + ", RTSP " + rtsp;
    Optional<Integer> icePort = MediaMtxPorts.webrtcNodePort(cameraStream);
    if (icePort.isEmpty()) {
      return new ExternalAccess(endpoints, Optional.of(new ConditionVerdict(ConditionVerdict.FALSE,
          REASON_WEBRTC_NODE_PORT_NOT_SET, "serviceType NodePort without spec.mediamtx.webrtcNodePort: browsers"
              + " outside the cluster get HLS and RTSP (" + ports + ") but no WebRTC media, because the ICE node"
              + " port Kubernetes picked is not the port MediaMTX announces; set webrtcNodePort ("
              + MediaMtxSpec.MIN_NODE_PORT + "-" + MediaMtxSpec.MAX_NODE_PORT + ")")));
    }
    String reason = announceNodes ? REASON_NODE_ADDRESSES : REASON_HOSTS_LISTED;
    return new ExternalAccess(endpoints, Optional.of(new ConditionVerdict(ConditionVerdict.TRUE, reason,
        "browsers reach Service " + service + " at " + list(AnnouncedHosts.canonical(hosts)) + " (" + ports
            + ", WebRTC ICE " + icePort.get() + " UDP and TCP)" + truncation(cameraStream, network))));
  }

  private static String truncation(CameraStream cameraStream, ObservedNetwork network) {
    NodeAddresses nodes = network.nodes();
    return AnnouncedHosts.announcesNodeAddresses(cameraStream) && nodes.truncated()
        ? "; announcing " + nodes.addresses().size() + " of " + nodes.available() + " node addresses" : "";
  }

  private static ExternalAccess pending(CameraStream cameraStream, String reason, String message) {
    return new ExternalAccess(ViewerEndpoints.inCluster(cameraStream),
        Optional.of(new ConditionVerdict(ConditionVerdict.FALSE, reason, message)));
  }

  private static String service(CameraStream cameraStream) {
    return cameraStream.getMetadata().getNamespace() + "/" + ResourceNames.mediaMtx(cameraStream);
  }

  private static String list(List<String> hosts) {
    if (hosts.size() <= HOSTS_IN_MESSAGE) {
      return String.join(", ", hosts);
    }
    return String.join(", ", hosts.subList(0, HOSTS_IN_MESSAGE)) + " and " + (hosts.size() - HOSTS_IN_MESSAGE)
        + " more";
  }

  static boolean isIpAddress(String host) {
    return host.contains(":") || IPV4.matcher(host).matches();
  }
}
