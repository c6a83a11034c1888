package io.camstream.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.CameraStreamSpec;
import io.camstream.operator.api.spec.SourceSpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reads the generated NetworkPolicy the way a CNI enforces it (Kubernetes NetworkPolicy semantics) and asks who
 * can reach which MediaMTX port.
 */
class MediaMtxNetworkPolicyBuilderTest {
  private static final String NS = "cams";
  private static final Map<String, String> NS_LABELS = Map.of("kubernetes.io/metadata.name", NS);

  /** A connection source: a pod (namespace labels + pod labels) or a client outside the cluster. */
  record Client(String namespace, Map<String, String> namespaceLabels, Map<String, String> podLabels) {
    static Client pod(String namespace, Map<String, String> podLabels) {
      return new Client(namespace, Map.of("kubernetes.io/metadata.name", namespace), podLabels);
    }

    static Client outside() {
      return new Client(null, null, null);
    }
  }

  private final CameraStream site = cameraStream("site");
  private final NetworkPolicy policy = MediaMtxNetworkPolicyBuilder.build(site, NetworkPolicySettings.defaults());

  private final Client operator = Client.pod("camstream-system",
      Map.of("app.kubernetes.io/name", "camstream-operator", "pod-template-hash", "abc"));
  private final Client siteStreamer = Client.pod(NS, Labels.streamer(site, "lobby"));
  private final Client otherStreamer = Client.pod(NS, Labels.streamer(cameraStream("other"), "lobby"));
  private final Client browser = Client.outside();
  private final Client someAppPod = Client.pod("apps", Map.of("app", "web"));

  @Test
  void selectsOnlyThisResourcesMediaMtxPodsForIngress() {
    assertThat(policy.getMetadata().getName()).isEqualTo("site-mediamtx");
    assertThat(policy.getMetadata().getNamespace()).isEqualTo(NS);
    assertThat(policy.getMetadata().getLabels()).containsAllEntriesOf(Labels.mediaMtx(site));
    assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(Labels.mediaMtxSelector(site));
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
  }

  @Test
  void onlyTheOperatorReachesTheControlApi() {
    assertThat(allowed(operator, "TCP", MediaMtxPorts.API)).isTrue();
    for (Client client : List.of(siteStreamer, otherStreamer, browser, someAppPod,
        Client.pod("other-ns", operator.podLabels()), Client.pod("camstream-system", Map.of("app", "x")))) {
      assertThat(allowed(client, "TCP", MediaMtxPorts.API)).as("%s", client).isFalse();
    }
  }

  @Test
  void onlyThisResourcesStreamersReachRtsp() {
    assertThat(allowed(siteStreamer, "TCP", MediaMtxPorts.RTSP)).isTrue();
    assertThat(allowed(Client.pod(NS, Labels.streamer(site, "door")), "TCP", MediaMtxPorts.RTSP)).isTrue();
    for (Client client : List.of(otherStreamer, browser, someAppPod, operator,
        Client.pod("elsewhere", siteStreamer.podLabels()))) {
      assertThat(allowed(client, "TCP", MediaMtxPorts.RTSP)).as("%s", client).isFalse();
    }
  }

  @Test
  void viewingPortsAreOpenToEveryone() {
    for (Client client : List.of(browser, someAppPod, otherStreamer)) {
      assertThat(allowed(client, "TCP", MediaMtxPorts.HLS)).isTrue();
      assertThat(allowed(client, "TCP", MediaMtxPorts.WEBRTC)).isTrue();
      assertThat(allowed(client, "UDP", MediaMtxPorts.WEBRTC_UDP)).isTrue();
    }
    assertThat(allowed(browser, "TCP", MediaMtxPorts.WEBRTC_UDP)).as("ICE over TCP").isTrue();
    assertThat(allowed(browser, "UDP", MediaMtxPorts.RTSP)).isFalse();
  }

  @Test
  void thePlaybackPortIsAViewingPortOpenExactlyWhileRecordingIsConfigured() {
    for (Client client : List.of(browser, someAppPod, operator)) {
      assertThat(allowed(client, "TCP", MediaMtxPorts.PLAYBACK)).as("%s", client).isFalse();
    }
    CameraStream recording = cameraStream("site");
    recording.getSpec().setRecording(io.camstream.operator.testing.CameraStreams.recording("50Gi",
        io.camstream.operator.api.spec.ReclaimPolicy.RETAIN));
    NetworkPolicy withPlayback = MediaMtxNetworkPolicyBuilder.build(recording, NetworkPolicySettings.defaults());
    for (Client client : List.of(browser, someAppPod)) {
      assertThat(allowed(withPlayback, client, "TCP", MediaMtxPorts.PLAYBACK)).as("%s", client).isTrue();
    }
    assertThat(allowed(withPlayback, browser, "TCP", MediaMtxPorts.API)).isFalse();
  }

  @Test
  void metricsAreOpenInsideTheClusterByDefaultAndToConfiguredNamespacesOtherwise() {
    Client prometheus = Client.pod("monitoring", Map.of("app", "prometheus"));
    assertThat(allowed(prometheus, "TCP", MediaMtxPorts.METRICS)).isTrue();
    assertThat(allowed(someAppPod, "TCP", MediaMtxPorts.METRICS)).isTrue();
    assertThat(allowed(browser, "TCP", MediaMtxPorts.METRICS)).as("not from outside the cluster").isFalse();

    NetworkPolicy narrowed = MediaMtxNetworkPolicyBuilder.build(site,
        NetworkPolicySettings.from(Map.of(NetworkPolicySettings.METRICS_NAMESPACES, "monitoring, observability"),
            Optional.empty()));
    assertThat(allowed(narrowed, prometheus, "TCP", MediaMtxPorts.METRICS)).isTrue();
    assertThat(allowed(narrowed, Client.pod("observability", Map.of()), "TCP", MediaMtxPorts.METRICS)).isTrue();
    assertThat(allowed(narrowed, someAppPod, "TCP", MediaMtxPorts.METRICS)).isFalse();
  }

  @Test
  void nothingElseIsOpen() {
    for (Client client : List.of(operator, siteStreamer, browser, someAppPod)) {
      for (int port : List.of(22, 80, 443, 8080, 8000, 8890, 1935, 8322, 9999)) {
        assertThat(allowed(client, "TCP", port)).as("%s port %d", client, port).isFalse();
      }
    }
  }

  @Test
  void operatorSelectionIsConfigurable() {
    NetworkPolicySettings settings = NetworkPolicySettings.from(Map.of(
        NetworkPolicySettings.OPERATOR_POD_LABELS, "app=my-op, team=video"), Optional.of("platform"));
    NetworkPolicy custom = MediaMtxNetworkPolicyBuilder.build(site, settings);
    assertThat(allowed(custom, Client.pod("platform", Map.of("app", "my-op", "team", "video")), "TCP",
        MediaMtxPorts.API)).isTrue();
    assertThat(allowed(custom, Client.pod("platform", Map.of("app", "my-op")), "TCP", MediaMtxPorts.API))
        .isFalse();
    assertThat(allowed(custom, operator, "TCP", MediaMtxPorts.API)).isFalse();

    NetworkPolicySettings explicit = NetworkPolicySettings.from(
        Map.of(NetworkPolicySettings.OPERATOR_NAMESPACE, "ops"), Optional.of("platform"));
    assertThat(explicit.operatorNamespace()).as("the variable wins over the service account's").isEqualTo("ops");
    assertThat(NetworkPolicySettings.from(Map.of(), Optional.empty()))
        .isEqualTo(NetworkPolicySettings.defaults());
  }

  @Test
  void badSettingsFailNamingTheVariableWithoutEchoingTheValue() {
    assertThatThrownBy(() -> NetworkPolicySettings.from(
        Map.of(NetworkPolicySettings.OPERATOR_POD_LABELS, "app"), Optional.empty()))
        .hasMessageStartingWith(NetworkPolicySettings.OPERATOR_POD_LABELS);
    assertThatThrownBy(() -> NetworkPolicySettings.from(
        Map.of(NetworkPolicySettings.OPERATOR_POD_LABELS, "app=a b"), Optional.empty()))
        .hasMessageStartingWith(NetworkPolicySettings.OPERATOR_POD_LABELS).hasMessageNotContaining("a b");
    assertThatThrownBy(() -> NetworkPolicySettings.from(
        Map.of(NetworkPolicySettings.OPERATOR_NAMESPACE, "Bad_NS"), Optional.empty()))
        .hasMessageStartingWith(NetworkPolicySettings.OPERATOR_NAMESPACE).hasMessageNotContaining("Bad_NS");
    assertThatThrownBy(() -> NetworkPolicySettings.from(
        Map.of(NetworkPolicySettings.METRICS_NAMESPACES, "monitoring,../x"), Optional.empty()))
        .hasMessageStartingWith(NetworkPolicySettings.METRICS_NAMESPACES);
  }

  // --- NetworkPolicy semantics ------------------------------------------------------------------------------

  private boolean allowed(Client client, String protocol, int port) {
    return allowed(policy, client, protocol, port);
  }

  static boolean allowed(NetworkPolicy policy, Client client, String protocol, int port) {
    for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
      if (portMatches(rule.getPorts(), protocol, port) && peerMatches(policy, rule.getFrom(), client)) {
        return true;
      }
    }
    return false;
  }

  private static boolean portMatches(List<NetworkPolicyPort> ports, String protocol, int port) {
    if (ports == null || ports.isEmpty()) {
      return true;
    }
    return ports.stream().anyMatch(p -> protocol.equals(p.getProtocol() == null ? "TCP" : p.getProtocol())
        && (p.getPort() == null || Integer.valueOf(port).equals(p.getPort().getIntVal())));
  }

  private static boolean peerMatches(NetworkPolicy policy, List<NetworkPolicyPeer> from, Client client) {
    if (from == null || from.isEmpty()) {
      return true;
    }
    for (NetworkPolicyPeer peer : from) {
      if (client.namespace() == null) {
        continue; // outside the cluster: only ipBlock peers could match, and we generate none
      }
      assertThat(peer.getIpBlock()).isNull();
      boolean namespaceOk = peer.getNamespaceSelector() == null
          ? client.namespace().equals(policy.getMetadata().getNamespace())
          : selects(peer.getNamespaceSelector(), client.namespaceLabels());
      boolean podOk = peer.getPodSelector() == null || selects(peer.getPodSelector(), client.podLabels());
      if (namespaceOk && podOk) {
        return true;
      }
    }
    return false;
  }

  private static boolean selects(LabelSelector selector, Map<String, String> labels) {
    assertThat(selector.getMatchExpressions()).as("only matchLabels are generated").isNullOrEmpty();
    Map<String, String> match = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    return match.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  static CameraStream cameraStream(String name) {
    CameraStream cameraStream = new CameraStream();
    cameraStream.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    CameraStreamSpec spec = new CameraStreamSpec();
    CameraSpec camera = new CameraSpec();
    camera.setName("lobby");
    SourceSpec source = new SourceSpec();
    source.setUrl("testpattern");
    camera.setSource(source);
    spec.setCameras(List.of(camera));
    cameraStream.setSpec(spec);
    return cameraStream;
  }

}
