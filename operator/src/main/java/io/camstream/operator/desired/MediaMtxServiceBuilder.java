package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.ServiceType;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;

/**
 * Service {@code <name>-mediamtx}: RTSP, HLS and WebRTC (HTTP and ICE), what publishers and viewers use, exposed as
 * {@code spec.mediamtx.serviceType} says. The control API and metrics are never on it (see
 * {@link MediaMtxInternalServiceBuilder}), so a LoadBalancer never publishes them.
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
          .withPorts(ports(MediaMtxPorts.VIEWER))
        .endSpec()
        .build();
  }

  public static ServiceType serviceType(CameraStream cameraStream) {
    var mediamtx = cameraStream.getSpec().getMediamtx();
    return mediamtx == null || mediamtx.getServiceType() == null ? ServiceType.CLUSTER_IP
        : mediamtx.getServiceType();
  }

  static List<ServicePort> ports(List<MediaMtxPorts.NamedPort> ports) {
    return ports.stream()
        .map(p -> new ServicePortBuilder().withName(p.name()).withPort(p.number())
            .withTargetPort(new IntOrString(p.name())).withProtocol(p.protocol()).build())
        .toList();
  }
}
