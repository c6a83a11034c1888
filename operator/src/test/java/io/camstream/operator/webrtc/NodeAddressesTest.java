package io.camstream.operator.webrtc;

import static io.camstream.operator.webrtc.WebRtcFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeAddressesTest {

  @Test
  void eachNodesExternalIpElseItsInternalIp() {
    NodeAddresses addresses = NodeAddresses.of(List.of(
        node("cloud", "InternalIP=10.0.0.1", "ExternalIP=198.51.100.1", "Hostname=cloud"),
        node("metal", "InternalIP=192.168.1.20", "InternalIP=fd00::20", "Hostname=metal"),
        node("bare", "Hostname=bare")));
    assertThat(addresses.readable()).isTrue();
    assertThat(addresses.addresses()).containsExactly("192.168.1.20", "198.51.100.1", "fd00::20");
    assertThat(addresses.truncated()).isFalse();
  }

  @Test
  void aLargeClusterAnnouncesABoundedCanonicalSubset() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 40; i > 0; i--) {
      nodes.add(node("n" + i, "InternalIP=10.0.1." + i));
    }
    NodeAddresses addresses = NodeAddresses.of(nodes);
    List<Node> reversed = new ArrayList<>(nodes);
    Collections.reverse(reversed);
    assertThat(addresses.addresses()).hasSize(NodeAddresses.MAX_ANNOUNCED).isSorted()
        .isEqualTo(NodeAddresses.of(reversed).addresses());
    assertThat(addresses.available()).isEqualTo(40);
    assertThat(addresses.truncated()).isTrue();
  }

  @Test
  void onlyAnAddressChangeCounts() {
    Node before = node("a", "InternalIP=10.0.0.1");
    Node heartbeat = new NodeBuilder(before).editMetadata().withResourceVersion("2").addToLabels("x", "y")
        .endMetadata().editStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
        .endStatus().build();
    assertThat(NodeAddresses.addressesDiffer(before, heartbeat)).isFalse();
    assertThat(NodeAddresses.addressesDiffer(before, node("a", "InternalIP=10.0.0.1", "ExternalIP=198.51.100.9")))
        .isTrue();
    assertThat(NodeAddresses.addressesDiffer(before, node("a", "InternalIP=10.0.0.2"))).isTrue();
  }

  @Test
  void unreadableMeansNoAddresses() {
    assertThat(NodeAddresses.unreadable().readable()).isFalse();
    assertThat(NodeAddresses.unreadable().addresses()).isEmpty();
  }
}
