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
 * Service {@code <name>-mediamtx}: RTSP, HLS, WebRTC (HTTP and ICE/UDP), the control API and metrics, and the
 * playback server while recording is configured.
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

  static List<ServicePort> ports(CameraStream cameraStream) {
    return MediaMtxPorts.exposed(cameraStream).stream()
        .map(p -> new ServicePortBuilder().withName(p.name()).withPort(p.number())
            .withTargetPort(new IntOrString(p.name())).withProtocol(p.protocol()).build())
        .toList();
  }
}
