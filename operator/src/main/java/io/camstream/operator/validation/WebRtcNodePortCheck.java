package io.camstream.operator.validation;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.desired.MediaMtxPorts;
import io.camstream.operator.desired.ResourceNames;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node port belongs to one Service in the whole cluster. Before anything is written, {@code webrtcNodePort} is
 * checked against the other CameraStreams: the one whose Service already holds the port keeps it; between claims
 * not yet applied, the older CameraStream wins. The loser stops with reason NodePortInUse, naming the other
 * resource, instead of a half-applied change (a Service the API server refuses, next to a MediaMTX config already
 * listening on the port). Services of other software are the API server's to refuse: its refusal is reported the
 * same way ({@link #refusedByApiServer}), and MediaMTX's config, written only after the Service, keeps the port it
 * had.
 */
public final class WebRtcNodePortCheck {
  private static final Comparator<CameraStream> AGE = Comparator
      .comparing((CameraStream cs) -> Objects.toString(cs.getMetadata().getCreationTimestamp(), "~"))
      .thenComparing(cs -> cs.getMetadata().getNamespace())
      .thenComparing(cs -> cs.getMetadata().getName());

  /** The Kubernetes node-port allocator's error ({@code portallocator.ErrAllocated}). */
  static final String ALLOCATED = "provided port is already allocated";
  private static final int MAX_CAUSES = 32;

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

  /**
   * The API server's refusal of {@code webrtcNodePort} (its node-port allocator: "provided port is already
   * allocated"), held by a Service the operator does not see, as NodePortInUse naming the field. Not a passing
   * failure to retry quietly: it lasts until that Service lets go of the port or the spec names another one.
   */
  public static Optional<SpecProblem> refusedByApiServer(CameraStream cameraStream, Throwable failure) {
    Optional<Integer> claimed = MediaMtxPorts.webrtcNodePort(cameraStream);
    if (claimed.isEmpty()) {
      return Optional.empty();
    }
    String refusal = "Invalid value: " + claimed.get() + ": " + ALLOCATED;
    for (Throwable cause : causes(failure)) {
      if (cause instanceof KubernetesClientException api && api.getCode() == 422 && api.getStatus() != null
          && api.getStatus().getMessage() != null && api.getStatus().getMessage().contains(refusal)) {
        return Optional.of(inUse(claimed.get(), "a Service camstream does not manage (the API server refused Service "
            + cameraStream.getMetadata().getNamespace() + "/" + ResourceNames.mediaMtx(cameraStream) + ")"));
      }
    }
    return Optional.empty();
  }

  /** The failure, its causes, and a workflow's failures per dependent with theirs. */
  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> all = new ArrayList<>();
    Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
    while (!pending.isEmpty() && all.size() < MAX_CAUSES) {
      Throwable next = pending.pop();
      if (all.contains(next)) {
        continue;
      }
      all.add(next);
      if (next instanceof AggregatedOperatorException aggregated) {
        pending.addAll(aggregated.getAggregatedExceptions().values());
      }
      if (next.getCause() != null) {
        pending.add(next.getCause());
      }
    }
    return all;
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
