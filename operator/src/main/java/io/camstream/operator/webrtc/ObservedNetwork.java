package io.camstream.operator.webrtc;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the operator saw, in its informer caches, of how browsers can reach one CameraStream's MediaMTX: the viewer
 * Service (its load balancer's addresses and the node ports the API server allocated) and the nodes' addresses.
 * Read at the edge; everything derived from it is a pure function.
 *
 * @param serviceExists whether the Service {@code <name>-mediamtx} is in the cache yet
 * @param loadBalancerAddresses {@code status.loadBalancer.ingress[].ip} and {@code .hostname}, canonical
 * @param nodePorts allocated node port by Service port name
 */
public record ObservedNetwork(boolean serviceExists, List<String> loadBalancerAddresses,
    Map<String, Integer> nodePorts, NodeAddresses nodes) {

  /** Nothing seen yet: no Service, and Nodes not read. */
  public static final ObservedNetwork NONE = new ObservedNetwork(false, List.of(), Map.of(), NodeAddresses.unreadable());

  public ObservedNetwork {
    loadBalancerAddresses = List.copyOf(loadBalancerAddresses);
    nodePorts = Map.copyOf(nodePorts);
  }

  /** @param service the live Service from the cache, null before it exists */
  public static ObservedNetwork of(Service service, NodeAddresses nodes) {
    if (service == null) {
      return new ObservedNetwork(false, List.of(), Map.of(), nodes);
    }
    return new ObservedNetwork(true, loadBalancerAddresses(service), nodePorts(service), nodes);
  }

  static List<String> loadBalancerAddresses(Service service) {
    List<String> addresses = new ArrayList<>();
    if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null
        && service.getStatus().getLoadBalancer().getIngress() != null) {
      for (LoadBalancerIngress ingress : service.getStatus().getLoadBalancer().getIngress()) {
        addresses.add(ingress.getIp());
        addresses.add(ingress.getHostname());
      }
    }
    return AnnouncedHosts.canonical(addresses);
  }

  static Map<String, Integer> nodePorts(Service service) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    if (service.getSpec() != null && service.getSpec().getPorts() != null) {
      for (ServicePort port : service.getSpec().getPorts()) {
        if (port.getName() != null && port.getNodePort() != null && port.getNodePort() > 0) {
          ports.put(port.getName(), port.getNodePort());
        }
      }
    }
    return ports;
  }
}
