package io.camstream.operator.webrtc;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ServiceType;
import io.camstream.operator.desired.MediaMtxServiceBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The hosts MediaMTX announces to browsers ({@code webrtcAdditionalHosts}): those the user lists, the load
 * balancer's ingress addresses, and with {@code webrtcAnnounceNodeAddresses} the nodes' addresses.
 *
 * <p>MediaMTX restarts its WebRTC server, dropping every WebRTC viewer, whenever this list changes in any way,
 * order included. So it is a canonical set: trimmed, lower-cased (host names and IPv6 literals are
 * case-insensitive), without duplicates, sorted. A reordered load-balancer status or spec list, or an address
 * seen twice, gives the same list and therefore the same file.
 */
public final class AnnouncedHosts {
  private AnnouncedHosts() {
  }

  public static List<String> of(CameraStream cameraStream, ObservedNetwork network) {
    List<String> hosts = new ArrayList<>(listed(cameraStream));
    if (MediaMtxServiceBuilder.serviceType(cameraStream) == ServiceType.LOAD_BALANCER) {
      hosts.addAll(network.loadBalancerAddresses());
    }
    if (announcesNodeAddresses(cameraStream)) {
      hosts.addAll(network.nodes().addresses());
    }
    return canonical(hosts);
  }

  /** {@code spec.mediamtx.webrtcAdditionalHosts} as written. */
  public static List<String> listed(CameraStream cameraStream) {
    MediaMtxSpec mediamtx = cameraStream.getSpec().getMediamtx();
    return mediamtx == null || mediamtx.getWebrtcAdditionalHosts() == null ? List.of()
        : mediamtx.getWebrtcAdditionalHosts();
  }

  public static boolean announcesNodeAddresses(CameraStream cameraStream) {
    if (cameraStream.getSpec() == null) {
      return false;
    }
    MediaMtxSpec mediamtx = cameraStream.getSpec().getMediamtx();
    return mediamtx != null && Boolean.TRUE.equals(mediamtx.getWebrtcAnnounceNodeAddresses());
  }

  public static List<String> canonical(Collection<String> hosts) {
    TreeSet<String> set = new TreeSet<>();
    for (String host : hosts) {
      if (host != null && !host.isBlank()) {
        set.add(host.trim().toLowerCase(Locale.ROOT));
      }
    }
    return List.copyOf(set);
  }
}
