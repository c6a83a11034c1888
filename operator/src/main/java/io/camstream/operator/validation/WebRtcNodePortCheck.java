package io.camstream.operator.validation;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.MediaMtxPorts;
import io.camstream.operator.desired.ResourceNames;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node port belongs to one Service in the whole cluster. Before anything is written, {@code webrtcNodePort} is
 * checked against the other CameraStreams: the one whose Service already holds the port keeps it; between claims
 * not yet applied, the older CameraStream wins. The loser stops with reason NodePortInUse, naming the other
 * resource, instead of a half-applied change (a Service the API server refuses, next to a MediaMTX config already
 * listening on the port). Services of other software are the API server's to refuse.
 */
public final class WebRtcNodePortCheck {
  private static final Comparator<CameraStream> AGE = Comparator
      .comparing((CameraStream cs) -> Objects.toString(cs.getMetadata().getCreationTimestamp(), "~"))
      .thenComparing(cs -> cs.getMetadata().getNamespace())
      .thenComparing(cs -> cs.getMetadata().getName());

  private WebRtcNodePortCheck() {
  }

  /**
   * @param services camstream's MediaMTX Services the operator caches (this CameraStream's own included)
   * @param cameraStreams every CameraStream the operator caches (this one included)
   */
  public static Optional<SpecProblem> check(CameraStream cameraStream, Collection<Service> services,
      Collection<CameraStream> cameraStreams) {
    Optional<Integer> claimed = MediaMtxPorts.webrtcNodePort(cameraStream);
    if (claimed.isEmpty()) {
      return Optional.empty();
    }
    int port = claimed.get();
    List<Service> holders = services.stream().filter(s -> usesNodePort(s, port)).toList();
    if (holders.stream().anyMatch(s -> isOwn(s, cameraStream))) {
      return Optional.empty();
    }
    Optional<Service> holder = holders.stream().findFirst();
    if (holder.isPresent()) {
      String namespace = holder.get().getMetadata().getNamespace();
      String owner = labels(holder.get()).get(Labels.CAMERA_STREAM);
      return Optional.of(inUse(port, "Service " + namespace + "/" + holder.get().getMetadata().getName()
          + (owner == null ? "" : " of CameraStream " + namespace + "/" + owner)));
    }
    return cameraStreams.stream()
        .filter(other -> !same(other, cameraStream))
        .filter(other -> other.getSpec() != null && MediaMtxPorts.webrtcNodePort(other).equals(claimed))
        .filter(other -> AGE.compare(other, cameraStream) < 0)
        .min(AGE)
        .map(other -> inUse(port, "CameraStream " + other.getMetadata().getNamespace() + "/"
            + other.getMetadata().getName() + " (Service " + other.getMetadata().getNamespace() + "/"
            + ResourceNames.mediaMtx(other) + "), created earlier"));
  }

  private static SpecProblem inUse(int port, String other) {
    return new SpecProblem(SpecProblem.NODE_PORT_IN_USE, "spec.mediamtx.webrtcNodePort: node port " + port
        + " is already used by " + other + "; node ports are unique in the cluster, choose another one");
  }

  private static boolean usesNodePort(Service service, int port) {
    List<ServicePort> ports = service.getSpec() == null || service.getSpec().getPorts() == null ? List.of()
        : service.getSpec().getPorts();
    return ports.stream().anyMatch(p -> p.getNodePort() != null && p.getNodePort() == port);
  }

  private static boolean isOwn(Service service, CameraStream cameraStream) {
    return Objects.equals(service.getMetadata().getNamespace(), cameraStream.getMetadata().getNamespace())
        && ResourceNames.mediaMtx(cameraStream).equals(service.getMetadata().getName());
  }

  private static boolean same(CameraStream a, CameraStream b) {
    return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
        && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
  }

  private static java.util.Map<String, String> labels(Service service) {
    return service.getMetadata().getLabels() == null ? java.util.Map.of() : service.getMetadata().getLabels();
  }
}
