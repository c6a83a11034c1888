package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.ServiceType;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;

/**
 * Service {@code <name>-mediamtx-internal}: MediaMTX's control API (9997) and metrics (9998), always ClusterIP,
 * whatever {@code spec.mediamtx.serviceType} makes of the viewer Service. The operator reaches the API through it,
 * Prometheus scrapes the pods directly; the NetworkPolicy still decides which pods may connect.
 */
public final class MediaMtxInternalServiceBuilder {
  private MediaMtxInternalServiceBuilder() {
  }

  public static Service build(CameraStream cameraStream) {
    return new ServiceBuilder()
        .withNewMetadata()
          .withName(ResourceNames.mediaMtxInternal(cameraStream))
          .withNamespace(cameraStream.getMetadata().getNamespace())
          .withLabels(Labels.mediaMtx(cameraStream))
        .endMetadata()
        .withNewSpec()
          .withType(ServiceType.CLUSTER_IP.value())
          .withSelector(Labels.mediaMtxSelector(cameraStream))
          .withPorts(MediaMtxPorts.INTERNAL.stream()
              .map(p -> new ServicePortBuilder().withName(p.name()).withPort(p.number())
                  .withTargetPort(new IntOrString(p.name())).withProtocol(p.protocol()).build())
              .toList())
        .endSpec()
        .build();
  }
}
