package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.ServiceType;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;
import java.util.Optional;

/**
 * Service {@code <name>-mediamtx}: RTSP, HLS and WebRTC (HTTP and ICE over UDP and TCP), and the playback server
 * while recording is configured: what publishers and viewers use, exposed as {@code spec.mediamtx.serviceType} says. The control API and metrics are never on it (see
 * {@link MediaMtxInternalServiceBuilder}), so a LoadBalancer or NodePort never publishes them.
 */
public final class MediaMtxServiceBuilder {
  private MediaMtxServiceBuilder() {
  }

  public static Service build(CameraStream cameraStream) {
    return new ServiceBuilder()
        .withNewMetadata()
          .withName(ResourceNames.mediaMtx(cameraStream))
          .withNamespace(cameraStream.getMetadata().getNamespace())
          .withLabels(Labels.mediaMtx(cameraStream))
        .endMetadata()
        .withNewSpec()
          .withType(serviceType(cameraStream).value())
          .withSelector(Labels.mediaMtxSelector(cameraStream))
          .withPorts(ports(cameraStream))
        .endSpec()
        .build();
  }

  public static ServiceType serviceType(CameraStream cameraStream) {
    var mediamtx = cameraStream.getSpec().getMediamtx();
    return mediamtx == null || mediamtx.getServiceType() == null ? ServiceType.CLUSTER_IP
        : mediamtx.getServiceType();
  }

  /**
   * With {@code webrtcNodePort}, both ICE ports (UDP and TCP share the number, as Kubernetes allows for different
   * protocols) ask for that node port; every other node port is left to the API server to allocate.
   */
  static List<ServicePort> ports(CameraStream cameraStream) {
    Optional<Integer> webrtcNodePort = MediaMtxPorts.webrtcNodePort(cameraStream);
    return MediaMtxPorts.viewer(cameraStream).stream()
        .map(p -> new ServicePortBuilder().withName(p.name()).withPort(p.number())
            .withTargetPort(new IntOrString(p.name())).withProtocol(p.protocol())
            .withNodePort(p.isWebrtcIce() ? webrtcNodePort.orElse(null) : null)
            .build())
        .toList();
  }
}
