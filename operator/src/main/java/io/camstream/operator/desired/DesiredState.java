package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.webrtc.WebRtcSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one CameraStream should become, computed once per reconcile from the (validated) spec, the
 * operator's defaults and the credentials already stored; the dependent resources only hand these out.
 *
 * @param paths every camera's MediaMTX path config ({@link MediaMtxPathConfig}), keyed by camera name in spec
 *     order: exactly what {@code configSecret}'s {@code mediamtx.yml} holds under {@code paths}, ready to be sent
 *     to MediaMTX's control API as well
 * @param recordings the recordings' claim, while recording is configured
 * @param streamers keyed by camera name, in spec order; pulled cameras have none, and a camera held by a Secret
 *     problem has its running streamer here unchanged, or none
 */
public record DesiredState(MediaMtxCredentials credentials, Secret credentialsSecret,
    Map<String, Map<String, Object>> paths, Secret configSecret, Deployment mediaMtxDeployment, Service service,
    Service internalService, NetworkPolicy networkPolicy, Optional<PersistentVolumeClaim> recordings,
    Map<String, Deployment> streamers) {

  /**
   * Every object is stamped with its {@link DesiredStateHash}: matching compares hashes, never fields. A held
   * camera's running streamer is a copy of what the API server stored (its defaults included) and keeps the stamp
   * it was written with: re-hashing the stored copy would make it look changed and roll the very pod it holds.
   */
  public DesiredState {
    paths = Collections.unmodifiableMap(new LinkedHashMap<>(paths));
    streamers = Collections.unmodifiableMap(new LinkedHashMap<>(streamers));
    owned(credentialsSecret, configSecret, mediaMtxDeployment, service, internalService, networkPolicy, streamers)
        .stream()
        .filter(resource -> DesiredStateHash.stamped(resource) == null)
        .forEach(DesiredStateHash::stamp);
  }

  /**
   * From the spec alone, as if nothing had been observed ({@link WebRtcSettings#fromSpec}), for CameraStreams whose
   * pulled cameras name no Secret (tests, examples).
   */
  public static DesiredState of(CameraStream cameraStream, OperatorDefaults defaults,
      Map<String, String> existingCredentials, PasswordGenerator passwords) {
    return of(cameraStream, defaults, existingCredentials, passwords, WebRtcSettings.fromSpec(cameraStream));
  }

  /** For CameraStreams whose cameras' Secrets do not matter (tests, examples): none is read. */
  public static DesiredState of(CameraStream cameraStream, OperatorDefaults defaults,
      Map<String, String> existingCredentials, PasswordGenerator passwords, WebRtcSettings webrtc) {
    return of(cameraStream, defaults, CredentialsResolver.resolve(cameraStream, existingCredentials, passwords), webrtc,
        Map.of(), Map.of());
  }

  /**
   * From the spec alone, every camera as if its Secret held no credentials.
   *
   * @param credentials resolved by {@link CredentialsResolver} and checked against MediaMTX's rules
   */
  public static DesiredState of(CameraStream cameraStream, OperatorDefaults defaults,
      MediaMtxCredentials credentials) {
    return of(cameraStream, defaults, credentials, WebRtcSettings.fromSpec(cameraStream), Map.of(), Map.of());
  }

  /**
   * @param credentials resolved by {@link CredentialsResolver} and checked against MediaMTX's rules
   * @param webrtc what MediaMTX's WebRTC server is told, from the spec and what was observed of the network
   * @param cameraCredentials the values of each usable camera Secret, by camera name: a pulled camera's go into its
   *     MediaMTX path ({@link MediaMtxPathConfig#all}), a streamer's are only hashed into its pod template
   * @param heldStreamers cameras held by a problem with their Secret, each with its running streamer if one runs:
   *     that one is kept exactly as it is, and none is created for a held camera that has none
   */
  public static DesiredState of(CameraStream cameraStream, OperatorDefaults defaults,
      MediaMtxCredentials credentials, WebRtcSettings webrtc, Map<String, CameraCredentials> cameraCredentials,
      Map<String, Optional<Deployment>> heldStreamers) {
    return of(cameraStream, defaults, credentials, webrtc, cameraCredentials, heldStreamers,
        RecordingsVolumeUse.AS_SPECIFIED);
  }

  /**
   * @param recordings whether MediaMTX mounts the recordings' claim (the cameras record only then), and a size the
   *     claim keeps instead of the spec's
   */
  public static DesiredState of(CameraStream cameraStream, OperatorDefaults defaults,
      MediaMtxCredentials credentials, WebRtcSettings webrtc, Map<String, CameraCredentials> cameraCredentials,
      Map<String, Optional<Deployment>> heldStreamers, RecordingsVolumeUse recordings) {
    Map<String, Deployment> streamers = new LinkedHashMap<>();
    for (CameraSpec camera : cameraStream.getSpec().getCameras()) {
      String name = camera.getName();
      if (!StreamMode.of(camera).usesStreamer()) {
        continue;
      }
      if (heldStreamers.containsKey(name)) {
        heldStreamers.get(name).ifPresent(running -> streamers.put(name, new DeploymentBuilder(running).build()));
      } else {
        String hash = CredentialsHash.of(credentials.publisher(), Optional.ofNullable(cameraCredentials.get(name)));
        streamers.put(name, StreamerDeploymentBuilder.build(cameraStream, camera, defaults, hash));
      }
    }
    Map<String, Map<String, Object>> paths = paths(cameraStream, cameraCredentials, recordings);
    String mediaMtxYaml = MediaMtxConfigBuilder.toYaml(MediaMtxConfigBuilder.build(cameraStream, credentials, paths,
        webrtc));
    return new DesiredState(credentials,
        CredentialsSecretBuilder.build(cameraStream, credentials),
        paths,
        MediaMtxConfigSecretBuilder.build(cameraStream, mediaMtxYaml),
        MediaMtxDeploymentBuilder.build(cameraStream, defaults, recordings.mounted()),
        MediaMtxServiceBuilder.build(cameraStream),
        MediaMtxInternalServiceBuilder.build(cameraStream),
        MediaMtxNetworkPolicyBuilder.build(cameraStream, defaults.networkPolicy()),
        Recording.configured(cameraStream)
            ? Optional.of(RecordingsVolumeBuilder.build(cameraStream, recordings.keptSize())) : Optional.empty(),
        streamers);
  }

  /**
   * The {@code paths} of the desired state alone: what MediaMTX's control API is given, without building the objects.
   * A pulled camera's credentials go into its path; a streamer's are only hashed into its pod template.
   */
  public static Map<String, Map<String, Object>> paths(CameraStream cameraStream,
      Map<String, CameraCredentials> cameraCredentials, RecordingsVolumeUse recordings) {
    Map<String, CameraCredentials> pulledCredentials = new LinkedHashMap<>();
    for (CameraSpec camera : cameraStream.getSpec().getCameras()) {
      String name = camera.getName();
      if (!StreamMode.of(camera).usesStreamer()) {
        Optional.ofNullable(cameraCredentials.get(name)).ifPresent(c -> pulledCredentials.put(name, c));
      }
    }
    return MediaMtxPathConfig.all(cameraStream, pulledCredentials, recordings.mounted());
  }

  /**
   * Every object camstream owns, in creation order; used to look for name conflicts before anything is written.
   * The recordings' claim is not among them: with {@code Retain} it is camstream's by its labels, not by an owner
   * reference (see {@code RecordingsVolumeCheck}).
   */
  public List<HasMetadata> all() {
    return owned(credentialsSecret, configSecret, mediaMtxDeployment, service, internalService, networkPolicy,
        streamers);
  }

  private static List<HasMetadata> owned(Secret credentialsSecret, Secret configSecret, Deployment mediaMtxDeployment,
      Service service, Service internalService, NetworkPolicy networkPolicy, Map<String, Deployment> streamers) {
    List<HasMetadata> all = new ArrayList<>(List.of(credentialsSecret, configSecret, mediaMtxDeployment, service,
        internalService, networkPolicy));
    all.addAll(streamers.values());
    return all;
  }

  /** The generated {@code mediamtx.yml}. */
  public String mediaMtxYaml() {
    return MediaMtxConfigSecretBuilder.yaml(configSecret);
  }

  @Override
  public String toString() {
    return "DesiredState[cameras=" + streamers.keySet() + "]";
  }
}
