package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NetworkPolicy {@code <name>-mediamtx}: who may open which MediaMTX port. Ingress only, and only these:
 * <ul>
 *   <li>control API (9997/TCP): the operator's pods, selected by namespace and pod labels;</li>
 *   <li>RTSP (8554/TCP): this CameraStream's streamer pods (publishing; MediaMTX's own permissions then limit
 *       each to the publisher user and this resource's paths);</li>
 *   <li>viewing: HLS 8888/TCP, WebRTC 8889/TCP and ICE 8189 or {@code webrtcNodePort} (UDP, and TCP for
 *       TCP-only paths), and the playback server 9996/TCP while recording is configured, from anywhere (browsers;
 *       reading is then public or needs the reader credentials, per {@code spec.mediamtx.readers});</li>
 *   <li>metrics (9998/TCP): pods in the configured namespaces, or in any namespace.</li>
 * </ul>
 * NetworkPolicies are additive: a user who wants in-cluster RTSP readers adds a policy of their own.
 * Egress is left alone: WebRTC answers browsers and may use STUN servers.
 */
public final class MediaMtxNetworkPolicyBuilder {
  /** Set by Kubernetes on every namespace (1.21+): selects a namespace by name. */
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  private MediaMtxNetworkPolicyBuilder() {
  }

  public static NetworkPolicy build(CameraStream cameraStream, NetworkPolicySettings settings) {
    List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
    ingress.add(rule(List.of(operatorPods(settings)), tcp(MediaMtxPorts.API)));
    ingress.add(rule(List.of(streamerPods(cameraStream)), tcp(MediaMtxPorts.RTSP)));
    int ice = MediaMtxPorts.webrtcIce(cameraStream);
    List<NetworkPolicyPort> viewing = new ArrayList<>(List.of(tcp(MediaMtxPorts.HLS), tcp(MediaMtxPorts.WEBRTC),
        port("UDP", ice), tcp(ice)));
    if (Recording.configured(cameraStream)) {
      viewing.add(tcp(MediaMtxPorts.PLAYBACK));
    }
    ingress.add(new NetworkPolicyIngressRuleBuilder().withPorts(viewing).build());
    ingress.add(rule(metricsScrapers(settings), tcp(MediaMtxPorts.METRICS)));
    return new NetworkPolicyBuilder()
        .withNewMetadata()
          .withName(ResourceNames.mediaMtx(cameraStream))
          .withNamespace(cameraStream.getMetadata().getNamespace())
          .withLabels(Labels.mediaMtx(cameraStream))
        .endMetadata()
        .withNewSpec()
          .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Labels.mediaMtxSelector(cameraStream)).build())
          .withPolicyTypes("Ingress")
          .withIngress(ingress)
        .endSpec()
        .build();
  }

  private static NetworkPolicyPeer operatorPods(NetworkPolicySettings settings) {
    return new NetworkPolicyPeerBuilder()
        .withNamespaceSelector(namespaceNamed(settings.operatorNamespace()))
        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(settings.operatorPodLabels()).build())
        .build();
  }

  private static NetworkPolicyPeer streamerPods(CameraStream cameraStream) {
    Map<String, String> streamers = new LinkedHashMap<>();
    streamers.put(Labels.NAME, Labels.APP);
    streamers.put(Labels.COMPONENT, Labels.COMPONENT_STREAMER);
    streamers.put(Labels.CAMERA_STREAM, cameraStream.getMetadata().getName());
    // No namespaceSelector: a podSelector alone means pods of the policy's own namespace.
    return new NetworkPolicyPeerBuilder()
        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(streamers).build())
        .build();
  }

  private static List<NetworkPolicyPeer> metricsScrapers(NetworkPolicySettings settings) {
    if (settings.metricsNamespaces().isEmpty()) {
      // An empty namespaceSelector: every pod of every namespace, but nothing from outside the cluster.
      return List.of(new NetworkPolicyPeerBuilder().withNamespaceSelector(new LabelSelector()).build());
    }
    return settings.metricsNamespaces().stream()
        .map(ns -> new NetworkPolicyPeerBuilder().withNamespaceSelector(namespaceNamed(ns)).build())
        .toList();
  }

  private static LabelSelector namespaceNamed(String namespace) {
    return new LabelSelectorBuilder().withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, namespace)).build();
  }

  private static NetworkPolicyIngressRule rule(List<NetworkPolicyPeer> from, NetworkPolicyPort port) {
    return new NetworkPolicyIngressRuleBuilder().withFrom(from).withPorts(port).build();
  }

  private static NetworkPolicyPort tcp(int port) {
    return port("TCP", port);
  }

  private static NetworkPolicyPort port(String protocol, int port) {
    return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(new IntOrString(port)).build();
  }
}
