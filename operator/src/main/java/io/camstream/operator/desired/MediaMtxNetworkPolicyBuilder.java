package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.List;
import java.util.Map;

/**
 * NetworkPolicy {@code <name>-mediamtx}: the control API only from the operator's pods; the publish/viewing
 * ports (RTSP, HLS, WebRTC and its ICE port) and metrics from anywhere, where MediaMTX's own users decide who may
 * publish or read. Everything else to the media server is dropped.
 */
public final class MediaMtxNetworkPolicyBuilder {
  /** Pod label of the operator's own Deployment (k8s/operator). */
  public static final Map<String, String> OPERATOR_POD_LABELS = Map.of(Labels.NAME, "camstream-operator");

  private MediaMtxNetworkPolicyBuilder() {
  }

  public static NetworkPolicy build(CameraStream cameraStream) {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
          .withName(ResourceNames.mediaMtx(cameraStream))
          .withNamespace(cameraStream.getMetadata().getNamespace())
          .withLabels(Labels.mediaMtx(cameraStream))
        .endMetadata()
        .withNewSpec()
          .withNewPodSelector().withMatchLabels(Labels.mediaMtxSelector(cameraStream)).endPodSelector()
          .withPolicyTypes("Ingress")
          .addNewIngress()
            .withPorts(port(MediaMtxPorts.API, "TCP"))
            .withFrom(new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(new LabelSelectorBuilder().build())
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(OPERATOR_POD_LABELS).build())
                .build())
          .endIngress()
          .addNewIngress()
            .withPorts(List.of(
                port(MediaMtxPorts.RTSP, "TCP"),
                port(MediaMtxPorts.HLS, "TCP"),
                port(MediaMtxPorts.WEBRTC, "TCP"),
                port(MediaMtxPorts.WEBRTC_UDP, "UDP"),
                port(MediaMtxPorts.WEBRTC_UDP, "TCP"),
                port(MediaMtxPorts.METRICS, "TCP")))
          .endIngress()
        .endSpec()
        .build();
  }

  private static NetworkPolicyPort port(int port, String protocol) {
    return new NetworkPolicyPortBuilder().withPort(new IntOrString(port)).withProtocol(protocol).build();
  }
}
