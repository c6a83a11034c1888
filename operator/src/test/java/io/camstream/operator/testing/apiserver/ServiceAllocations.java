package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the Service registry allocates and keeps ({@code pkg/registry/core/service/storage/storage.go},
 * {@code alloc.go}): a cluster IP from the service CIDR ({@value #SERVICE_CIDR_PREFIX}0/16 here) with
 * {@code clusterIPs}, {@code ipFamilies: [IPv4]} and {@code ipFamilyPolicy: SingleStack}; node ports from
 * 30000-32767 for NodePort and LoadBalancer Services; a {@code healthCheckNodePort} for a LoadBalancer with
 * {@code externalTrafficPolicy: Local}. On update, {@code patchAllocatedValues} copies what the client left out
 * (cluster IPs; node ports by port name), and changing an allocated cluster IP is rejected (it is immutable).
 */
final class ServiceAllocations {
  static final String SERVICE_CIDR_PREFIX = "10.96.";
  private static final int FIRST_NODE_PORT = 30000;
  private static final int LAST_NODE_PORT = 32767;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private int nextAddress = 10;
  private int nextNodePort = FIRST_NODE_PORT;
  private final Set<Integer> usedNodePorts = new HashSet<>();

  /** Allocates what a new Service needs (after defaulting). */
  synchronized void allocate(ObjectNode spec) {
    String type = spec.path("type").asText("ClusterIP");
    if ("ExternalName".equals(type)) {
      return;
    }
    if (isBlank(spec.get("clusterIP"))) {
      String address = SERVICE_CIDR_PREFIX + (nextAddress / 250) + "." + (nextAddress % 250 + 1);
      nextAddress++;
      spec.put("clusterIP", address);
    }
    if (!(spec.get("clusterIPs") instanceof ArrayNode ips) || ips.isEmpty()) {
      spec.set("clusterIPs", JSON.arrayNode().add(spec.get("clusterIP").asText()));
    }
    if (!(spec.get("ipFamilies") instanceof ArrayNode families) || families.isEmpty()) {
      spec.set("ipFamilies", JSON.arrayNode().add("IPv4"));
    }
    if (isBlank(spec.get("ipFamilyPolicy"))) {
      spec.put("ipFamilyPolicy", "SingleStack");
    }
    if (needsNodePorts(spec)) {
      spec.path("ports").forEach(port -> {
        if (port instanceof ObjectNode p && p.path("nodePort").asInt(0) == 0) {
          p.put("nodePort", nextFreeNodePort());
        } else {
          usedNodePorts.add(port.path("nodePort").asInt());
        }
      });
    }
    if (needsHealthCheckNodePort(spec) && spec.path("healthCheckNodePort").asInt(0) == 0) {
      spec.put("healthCheckNodePort", nextFreeNodePort());
    }
  }

  /**
   * patchAllocatedValues: an update that leaves out allocated values keeps them.
   *
   * @return a problem the server answers with 422, or null
   */
  synchronized String keepAllocated(ObjectNode newSpec, JsonNode oldSpec) {
    if (needsClusterIP(oldSpec) && needsClusterIP(newSpec)) {
      if (isBlank(newSpec.get("clusterIP"))) {
        newSpec.set("clusterIP", oldSpec.get("clusterIP"));
      } else if (!newSpec.get("clusterIP").asText().equals(oldSpec.path("clusterIP").asText())) {
        return "spec.clusterIPs[0]: Invalid value: []string{\"" + newSpec.get("clusterIP").asText()
            + "\"}: may not change once set";
      }
      if (!(newSpec.get("clusterIPs") instanceof ArrayNode ips) || ips.isEmpty()) {
        newSpec.set("clusterIPs", oldSpec.get("clusterIPs"));
      }
      if (!(newSpec.get("ipFamilies") instanceof ArrayNode families) || families.isEmpty()) {
        newSpec.set("ipFamilies", oldSpec.get("ipFamilies"));
      }
      if (isBlank(newSpec.get("ipFamilyPolicy"))) {
        newSpec.set("ipFamilyPolicy", oldSpec.get("ipFamilyPolicy"));
      }
    }
    if (needsNodePorts(oldSpec) && needsNodePorts(newSpec)) {
      Map<String, Integer> byName = new HashMap<>();
      oldSpec.path("ports").forEach(p -> byName.put(p.path("name").asText(), p.path("nodePort").asInt(0)));
      newSpec.path("ports").forEach(port -> {
        if (port instanceof ObjectNode p && p.path("nodePort").asInt(0) == 0) {
          int kept = byName.getOrDefault(p.path("name").asText(), 0);
          if (kept != 0) {
            p.put("nodePort", kept);
          }
        }
      });
    } else if (!needsNodePorts(newSpec)) {
      // dropTypeDependentFields: node ports the client left as they were go with the type change.
      Set<Integer> old = new HashSet<>();
      oldSpec.path("ports").forEach(p -> old.add(p.path("nodePort").asInt(0)));
      for (JsonNode port : newSpec.path("ports")) {
        int nodePort = port.path("nodePort").asInt(0);
        if (nodePort != 0 && old.contains(nodePort)) {
          ((ObjectNode) port).remove("nodePort");
        } else if (nodePort != 0) {
          return "spec.ports[].nodePort: Forbidden: may not be used when `type` is '"
              + newSpec.path("type").asText() + "'";
        }
      }
    }
    if (!needsHealthCheckNodePort(newSpec) && newSpec.path("healthCheckNodePort").asInt(0) != 0
        && newSpec.path("healthCheckNodePort").asInt() == oldSpec.path("healthCheckNodePort").asInt()) {
      newSpec.remove("healthCheckNodePort");
    }
    if (needsHealthCheckNodePort(oldSpec) && needsHealthCheckNodePort(newSpec)
        && newSpec.path("healthCheckNodePort").asInt(0) == 0) {
      newSpec.set("healthCheckNodePort", oldSpec.get("healthCheckNodePort"));
    }
    allocate(newSpec);
    return null;
  }

  /**
   * The registry's node-port allocator refuses a port another Service holds ({@code portallocator}: "provided port
   * is already allocated"); the same port for two protocols of one Service is allowed.
   *
   * @param heldByOtherServices asked only when the spec names a node port: it reads every stored Service
   * @return the problem the server answers with 422, or null
   */
  static String nodePortTaken(JsonNode spec, Supplier<Set<Integer>> heldByOtherServices) {
    JsonNode ports = spec.path("ports");
    Set<Integer> held = null;
    for (int i = 0; i < ports.size(); i++) {
      int nodePort = ports.get(i).path("nodePort").asInt(0);
      if (nodePort == 0) {
        continue;
      }
      if (held == null) {
        held = heldByOtherServices.get();
      }
      if (held.contains(nodePort)) {
        return "spec.ports[" + i + "].nodePort: Invalid value: " + nodePort + ": provided port is already allocated";
      }
    }
    return null;
  }

  private int nextFreeNodePort() {
    while (usedNodePorts.contains(nextNodePort)) {
      nextNodePort = nextNodePort >= LAST_NODE_PORT ? FIRST_NODE_PORT : nextNodePort + 1;
    }
    usedNodePorts.add(nextNodePort);
    return nextNodePort;
  }

  private static boolean needsClusterIP(JsonNode spec) {
    return !"ExternalName".equals(spec.path("type").asText());
  }

  private static boolean needsNodePorts(JsonNode spec) {
    String type = spec.path("type").asText();
    return "NodePort".equals(type)
        || ("LoadBalancer".equals(type) && spec.path("allocateLoadBalancerNodePorts").asBoolean(true));
  }

  private static boolean needsHealthCheckNodePort(JsonNode spec) {
    return "LoadBalancer".equals(spec.path("type").asText())
        && "Local".equals(spec.path("externalTrafficPolicy").asText());
  }

  private static boolean isBlank(JsonNode value) {
    return value == null || value.isNull() || value.asText().isEmpty();
  }
}
