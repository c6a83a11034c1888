package io.camstream.operator.observation;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.CredentialsResolver;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.validation.NameConflictCheck;
import io.camstream.operator.webrtc.NodeAddresses;
import io.camstream.operator.webrtc.ObservedNetwork;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one reconcile knows of the world besides its CameraStream, read once at its start by {@link Observer} (from
 * the informer caches, and from the API server only where a cache cannot hold the answer); everything decided from it
 * is a pure function: admission, the desired state.
 *
 * @param credentials the MediaMTX users as this reconcile writes them: those {@code <name>-mediamtx-credentials}
 *     holds (read from the API server when it lost camstream's labels), defaults and new passwords for the keys it
 *     lacks ({@link CredentialsResolver})
 * @param labelledSecrets the Secrets the cameras and TURN servers reference that are opted in (labelled
 *     {@code camstream.io/camera-credentials=true}), by name
 * @param unlabelledSecrets referenced Secrets that exist but are not opted in, by name: their metadata only, since
 *     their values are not camstream's to hold
 * @param service the viewer Service {@code <name>-mediamtx}; empty before it exists
 * @param nodes the nodes' addresses; unreadable when the operator does not watch Nodes
 * @param mediaMtxServices every CameraStream's MediaMTX Service the operator caches, read only when this one pins
 *     {@code spec.mediamtx.webrtcNodePort}
 * @param cameraStreams every CameraStream the operator caches (this one included), read only when this one pins
 *     {@code spec.mediamtx.webrtcNodePort}
 * @param recordingsClaim the live claim {@code <name>-recordings} while recording is configured, whoever owns it
 * @param deployments this CameraStream's Deployments (media server and streamers), by name
 * @param sameNamed live objects under a kind and name this CameraStream creates that the caches do not show as its
 *     own: another CameraStream's, or a foreign object a create found taken before
 * @param recordingsStorageClass the StorageClass the recordings' claim names, read only while the claim is not Bound
 *     or the spec asks it to grow
 */
public record Observation(MediaMtxCredentials credentials, Map<String, Secret> labelledSecrets,
    Map<String, Secret> unlabelledSecrets, Optional<Service> service, NodeAddresses nodes,
    List<Service> mediaMtxServices, List<CameraStream> cameraStreams, Optional<PersistentVolumeClaim> recordingsClaim,
    Map<String, Deployment> deployments, List<HasMetadata> sameNamed,
    Optional<ClaimStorageClass> recordingsStorageClass) {

  public Observation {
    labelledSecrets = Collections.unmodifiableMap(new LinkedHashMap<>(labelledSecrets));
    unlabelledSecrets = Collections.unmodifiableMap(new LinkedHashMap<>(unlabelledSecrets));
    mediaMtxServices = List.copyOf(mediaMtxServices);
    cameraStreams = List.copyOf(cameraStreams);
    deployments = Collections.unmodifiableMap(new LinkedHashMap<>(deployments));
    sameNamed = List.copyOf(sameNamed);
  }

  /**
   * Nothing exists yet: a new CameraStream in an empty namespace, on an operator that does not read Nodes.
   *
   * @param credentials the users the new credentials Secret will hold
   */
  public static Observation nothing(MediaMtxCredentials credentials) {
    return new Observation(credentials, Map.of(), Map.of(), Optional.empty(), NodeAddresses.unreadable(), List.of(),
        List.of(), Optional.empty(), Map.of(), List.of(), Optional.empty());
  }

  /** A referenced Secret that is opted in. */
  public Optional<Secret> labelledSecret(String name) {
    return Optional.ofNullable(labelledSecrets.get(name));
  }

  /** A referenced Secret whatever its labels (an unlabelled one without its values). */
  public Optional<Secret> anySecret(String name) {
    return labelledSecret(name).or(() -> Optional.ofNullable(unlabelledSecrets.get(name)));
  }

  /** How browsers can reach MediaMTX, as far as seen: the viewer Service and the nodes' addresses. */
  public ObservedNetwork network() {
    return ObservedNetwork.of(service.orElse(null), nodes);
  }

  /** The streamer {@code name} this CameraStream runs, if it owns one by that name. */
  public Optional<Deployment> ownDeployment(String name, CameraStream cameraStream) {
    return Optional.ofNullable(deployments.get(name))
        .filter(deployment -> NameConflictCheck.isOwnedBy(deployment, cameraStream));
  }

  /** Names only: an observation holds credentials, which no log line may show. */
  @Override
  public String toString() {
    return "Observation[credentials=" + credentials + ", labelledSecrets="
        + labelledSecrets.keySet() + ", unlabelledSecrets=" + unlabelledSecrets.keySet() + ", service="
        + service.map(s -> s.getMetadata().getName()).orElse("none") + ", nodes=" + nodes + ", mediaMtxServices="
        + mediaMtxServices.size() + ", cameraStreams=" + cameraStreams.size() + ", recordingsClaim="
        + recordingsClaim.map(c -> c.getMetadata().getName()).orElse("none") + ", deployments="
        + deployments.keySet() + ", sameNamed=" + sameNamed.stream()
            .map(o -> o.getKind() + " " + o.getMetadata().getName()).toList() + ", recordingsStorageClass="
        + recordingsStorageClass.map(ClaimStorageClass::name).orElse("not read") + "]";
  }
}
