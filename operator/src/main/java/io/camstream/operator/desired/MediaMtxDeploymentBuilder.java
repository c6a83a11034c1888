package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;

/**
 * Deployment {@code <name>-mediamtx}. Its pod template depends on nothing but the image: the configuration is
 * the Secret {@code <name>-mediamtx-config} mounted as a whole directory (not {@code subPath}, which kubelet never
 * refreshes), so adding, removing or re-crediting a camera changes the file, MediaMTX hot-reloads it (watching the
 * directory, which kubelet swaps atomically), and no pod restarts. With recording configured the pod also mounts the
 * claim {@code <name>-recordings} and opens the playback port; {@code Recreate} (always) keeps two pods from ever
 * sharing that ReadWriteOnce volume.
 *
 * <p>Probes are TCP connects to HTTP listeners (HLS for readiness, the control API for liveness): MediaMTX's HTTP
 * servers log requests at debug level only, while its RTSP server logs two INFO lines for every connection, so a
 * probe on 8554 would write two log lines every few seconds forever.
 */
public final class MediaMtxDeploymentBuilder {
  public static final String CONTAINER = "mediamtx";
  public static final String CONFIG_DIR = "/config";
  static final String CONFIG_VOLUME = "config";
  static final String TMP_VOLUME = "tmp";
  static final String RECORDINGS_VOLUME = "recordings";

  private MediaMtxDeploymentBuilder() {
  }

  public static Deployment build(CameraStream cameraStream, OperatorDefaults defaults) {
    return build(cameraStream, defaults, true);
  }

  /**
   * @param recordingsMounted with recording configured, whether the pod mounts the claim: not while it cannot bind
   *     (a pod waiting for its volume would keep every camera dark)
   */
  public static Deployment build(CameraStream cameraStream, OperatorDefaults defaults, boolean recordingsMounted) {
    boolean mountsRecordings = recordingsMounted && Recording.configured(cameraStream);
    Deployment deployment = new DeploymentBuilder()
        .withNewMetadata()
          .withName(ResourceNames.mediaMtx(cameraStream))
          .withNamespace(cameraStream.getMetadata().getNamespace())
          .withLabels(Labels.mediaMtx(cameraStream))
        .endMetadata()
        .withNewSpec()
          .withReplicas(1)
          // One server owns the paths; never two pods splitting publishers and readers during a rollout.
          .withNewStrategy().withType("Recreate").endStrategy()
          .withRevisionHistoryLimit(3)
          .withNewSelector().withMatchLabels(Labels.mediaMtxSelector(cameraStream)).endSelector()
          .withNewTemplate()
            .withNewMetadata().withLabels(Labels.mediaMtx(cameraStream)).endMetadata()
            .withNewSpec()
              .withAutomountServiceAccountToken(false)
              .withEnableServiceLinks(false)
              .withTerminationGracePeriodSeconds(10L)
              .withSecurityContext(podSecurityContext(mountsRecordings))
              .addNewContainer()
                .withName(CONTAINER)
                .withImage(image(cameraStream, defaults))
                .withImagePullPolicy("IfNotPresent")
                .withArgs(CONFIG_DIR + "/" + ResourceNames.CONFIG_FILE)
                .withPorts(ports(cameraStream))
                .withReadinessProbe(tcpProbe(MediaMtxPorts.HLS, 2, 5, 3))
                .withLivenessProbe(tcpProbe(MediaMtxPorts.API, 10, 10, 6))
                .withResources(defaults.mediaMtxResources())
                .withSecurityContext(PodSecurity.containerSecurityContext())
                .addNewVolumeMount().withName(CONFIG_VOLUME).withMountPath(CONFIG_DIR).withReadOnly(true)
                .endVolumeMount()
                .addNewVolumeMount().withName(TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
              .endContainer()
              .addNewVolume()
                .withName(CONFIG_VOLUME)
                // Readable by the pod's group (fsGroup) only: the file holds pulled cameras' credentials.
                .withNewSecret().withSecretName(ResourceNames.configSecret(cameraStream)).withDefaultMode(0440)
                .endSecret()
              .endVolume()
              .addNewVolume()
                .withName(TMP_VOLUME)
                .withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir()
              .endVolume()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
    if (mountsRecordings) {
      mountRecordings(deployment, cameraStream);
    }
    return deployment;
  }

  private static void mountRecordings(Deployment deployment, CameraStream cameraStream) {
    var pod = deployment.getSpec().getTemplate().getSpec();
    pod.getContainers().get(0).getVolumeMounts().add(new VolumeMountBuilder().withName(RECORDINGS_VOLUME)
        .withMountPath(Recording.MOUNT_PATH).build());
    pod.getVolumes().add(new VolumeBuilder().withName(RECORDINGS_VOLUME)
        .withNewPersistentVolumeClaim().withClaimName(ResourceNames.recordings(cameraStream)).endPersistentVolumeClaim()
        .build());
  }

  /**
   * With a recordings volume, the kubelet makes it writable for the pod's group (fsGroup) only when its root does
   * not belong to it yet, instead of walking every recording on each start.
   */
  private static PodSecurityContext podSecurityContext(boolean mountsRecordings) {
    PodSecurityContext context = PodSecurity.podSecurityContext();
    if (mountsRecordings) {
      context.setFsGroupChangePolicy("OnRootMismatch");
    }
    return context;
  }

  public static String image(CameraStream cameraStream, OperatorDefaults defaults) {
    var mediamtx = cameraStream.getSpec().getMediamtx();
    if (mediamtx != null && mediamtx.getImage() != null && !mediamtx.getImage().isBlank()) {
      return mediamtx.getImage();
    }
    return defaults.mediaMtxImage();
  }

  static List<ContainerPort> ports(CameraStream cameraStream) {
    return MediaMtxPorts.exposed(cameraStream).stream()
        .map(p -> new ContainerPortBuilder().withName(p.name()).withContainerPort(p.number())
            .withProtocol(p.protocol()).build())
        .toList();
  }

  private static Probe tcpProbe(int port, int initialDelaySeconds, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket()
        .withInitialDelaySeconds(initialDelaySeconds)
        .withPeriodSeconds(periodSeconds)
        .withFailureThreshold(failureThreshold)
        .build();
  }
}
