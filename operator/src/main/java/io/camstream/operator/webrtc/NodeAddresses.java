package io.camstream.operator.webrtc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The addresses browsers can reach the nodes at: each node's ExternalIP addresses, or its InternalIP addresses when
 * it has none (bare metal, where the nodes' own addresses are the reachable ones). Kept in canonical order and cut
 * at {@link #MAX_ANNOUNCED}: every address becomes ICE candidates in each answer, and a browser checks them all.
 *
 * @param readable false when the operator does not read Nodes ({@code CAMSTREAM_READ_NODES=false}, or its
 *     ServiceAccount may not)
 * @param addresses canonical (sorted, distinct), at most {@link #MAX_ANNOUNCED}
 * @param available how many distinct addresses the nodes had before the cut
 * @param unreadableBecause why not, for a user (a status message); null when readable
 */
public record NodeAddresses(boolean readable, List<String> addresses, int available, String unreadableBecause) {
  public static final int MAX_ANNOUNCED = 16;
  static final String EXTERNAL_IP = "ExternalIP";
  static final String INTERNAL_IP = "InternalIP";

  /** Why a namespaced install does not read Nodes. */
  public static final String NOT_READ = "this operator does not read Nodes (CAMSTREAM_READ_NODES=false, as in a"
      + " namespaced install)";

  public NodeAddresses {
    addresses = List.copyOf(addresses);
  }

  public NodeAddresses(boolean readable, List<String> addresses, int available) {
    this(readable, addresses, available, readable ? null : NOT_READ);
  }

  public static NodeAddresses unreadable() {
    return unreadable(NOT_READ);
  }

  /** @param because a sentence a user can act on, e.g. the permission the operator lacks */
  public static NodeAddresses unreadable(String because) {
    return new NodeAddresses(false, List.of(), 0, because);
  }

  public static NodeAddresses of(Collection<Node> nodes) {
    TreeSet<String> all = new TreeSet<>();
    for (Node node : nodes) {
      List<NodeAddress> addresses = node.getStatus() == null || node.getStatus().getAddresses() == null ? List.of()
          : node.getStatus().getAddresses();
      List<String> external = ofType(addresses, EXTERNAL_IP);
      all.addAll(external.isEmpty() ? ofType(addresses, INTERNAL_IP) : external);
    }
    List<String> canonical = AnnouncedHosts.canonical(all);
    return new NodeAddresses(true, canonical.stream().limit(MAX_ANNOUNCED).toList(), canonical.size());
  }

  /** True when the node's ExternalIP/InternalIP addresses differ: only then can the announced set change. */
  public static boolean addressesDiffer(Node before, Node after) {
    return !Objects.equals(reachable(before), reachable(after));
  }

  private static List<String> reachable(Node node) {
    return of(List.of(node)).addresses();
  }

  private static List<String> ofType(List<NodeAddress> addresses, String type) {
    return addresses.stream().filter(a -> type.equals(a.getType()) && a.getAddress() != null
        && !a.getAddress().isBlank()).map(NodeAddress::getAddress).toList();
  }

  public boolean truncated() {
    return available > addresses.size();
  }
}
