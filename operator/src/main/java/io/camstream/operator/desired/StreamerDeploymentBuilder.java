package io.camstream.operator.desired;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.AudioMode;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.api.spec.SourceSpec;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.api.spec.VideoSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deployment {@code <name>-<camera>}: one streamer pushing one camera to its MediaMTX path. Built only from
 * that camera, the stream-wide defaults and the hash of the credentials it reads, so editing one camera (or its
 * Secret) never touches another's pod template.
 */
public final class StreamerDeploymentBuilder {
  public static final String CONTAINER = "streamer";
  public static final int HEALTH_PORT = 8080;
  /** The JavaCV native cache must be writable under a read-only root filesystem: an emptyDir. */
  public static final String JAVACPP_CACHE_DIR = "/tmp/javacpp";
  static final String TMP_VOLUME = "tmp";
  /**
   * The {@code video} group of Debian and Ubuntu (and most distributions' udev rules), which owns V4L2 device nodes
   * ({@code root:video 0660}): a device source's streamer joins it unless the camera names its groups.
   */
  public static final long VIDEO_GROUP = 44L;

  private StreamerDeploymentBuilder() {
  }

  /** @param credentialsHash {@link CredentialsHash} of what this streamer reads from Secrets */
  public static Deployment build(CameraStream cameraStream, CameraSpec camera, OperatorDefaults defaults,
      String credentialsHash) {
    if (!StreamMode.of(camera).usesStreamer()) {
      throw new IllegalArgumentException("camera " + camera.getName() + " is pulled by MediaMTX: it has no streamer");
    }
    Map<String, String> podAnnotations = new LinkedHashMap<>();
    podAnnotations.put("prometheus.io/scrape", "true");
    podAnnotations.put("prometheus.io/port", Integer.toString(HEALTH_PORT));
    podAnnotations.put("prometheus.io/path", "/metrics");
    // Env vars from Secrets are read once, at container start: a changed value must change the template to roll.
    podAnnotations.put(CredentialsHash.ANNOTATION, credentialsHash);

    Deployment deployment = new DeploymentBuilder()
        .withNewMetadata()
          .withName(ResourceNames.streamer(cameraStream, camera.getName()))
          .withNamespace(cameraStream.getMetadata().getNamespace())
          .withLabels(Labels.streamer(cameraStream, camera.getName()))
        .endMetadata()
        .withNewSpec()
          .withReplicas(1)
          // Two publishers on one path would fight over it: the old pod is gone before the new one starts.
          .withNewStrategy().withType("Recreate").endStrategy()
          .withRevisionHistoryLimit(3)
          .withNewSelector().withMatchLabels(Labels.streamerSelector(cameraStream, camera.getName()))
          .endSelector()
          .withNewTemplate()
            .withNewMetadata()
              .withLabels(Labels.streamer(cameraStream, camera.getName()))
              .withAnnotations(podAnnotations)
            .endMetadata()
            .withNewSpec()
              .withAutomountServiceAccountToken(false)
              .withEnableServiceLinks(false)
              .withTerminationGracePeriodSeconds(10L)
              .withNodeSelector(nodeSelector(camera))
              .withTolerations(tolerations(camera))
              .withSecurityContext(PodSecurity.podSecurityContext(supplementalGroups(camera)))
              .addNewContainer()
                .withName(CONTAINER)
                .withImage(image(cameraStream, defaults))
                .withImagePullPolicy("IfNotPresent")
                .withEnv(env(cameraStream, camera))
                .addNewPort().withName("http").withContainerPort(HEALTH_PORT).withProtocol("TCP").endPort()
                .withStartupProbe(httpProbe("/healthz", 0, 2, 30))
                .withReadinessProbe(httpProbe("/readyz", 0, 5, 2))
                .withLivenessProbe(httpProbe("/healthz", 0, 10, 6))
                .withResources(resources(cameraStream, camera, defaults))
                .withSecurityContext(PodSecurity.containerSecurityContext())
                .addNewVolumeMount().withName(TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
              .endContainer()
              .addNewVolume()
                .withName(TMP_VOLUME)
                .withNewEmptyDir().withSizeLimit(new Quantity("512Mi")).endEmptyDir()
              .endVolume()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
    return deployment;
  }

  public static String publishUrl(CameraStream cameraStream, String camera) {
    return "rtsp://" + ResourceNames.mediaMtx(cameraStream) + ":" + MediaMtxPorts.RTSP + "/" + camera;
  }

  public static String image(CameraStream cameraStream, OperatorDefaults defaults) {
    var streamer = cameraStream.getSpec().getStreamer();
    if (streamer != null && streamer.getImage() != null && !streamer.getImage().isBlank()) {
      return streamer.getImage();
    }
    return defaults.streamerImage();
  }

  /** The camera's own resources, else the stream-wide streamer resources, else the operator's default. */
  public static ResourceRequirements resources(CameraStream cameraStream, CameraSpec camera,
      OperatorDefaults defaults) {
    if (hasResources(camera.getResources())) {
      return camera.getResources();
    }
    var streamer = cameraStream.getSpec().getStreamer();
    if (streamer != null && hasResources(streamer.getResources())) {
      return streamer.getResources();
    }
    return defaults.streamerResources();
  }

  static List<EnvVar> env(CameraStream cameraStream, CameraSpec camera) {
    List<EnvVar> env = new ArrayList<>();
    env.add(literal(StreamerEnv.CAMERA_NAME, camera.getName()));
    env.add(literal(StreamerEnv.SOURCE, camera.getSource().getUrl()));
    env.add(literal(StreamerEnv.PUBLISH_URL, publishUrl(cameraStream, camera.getName())));
    env.add(literal(StreamerEnv.MODE, StreamMode.of(camera).value()));
    env.add(literal(StreamerEnv.AUDIO, AudioMode.of(camera).value()));
    VideoSpec video = camera.getVideo();
    if (video != null) {
      addIfSet(env, StreamerEnv.WIDTH, video.getWidth());
      addIfSet(env, StreamerEnv.HEIGHT, video.getHeight());
      addIfSet(env, StreamerEnv.FPS, video.getFps());
      addIfSet(env, StreamerEnv.BITRATE_KBPS, video.getBitrateKbps());
    }
    env.add(literal(StreamerEnv.RTSP_TRANSPORT, "tcp"));
    env.add(literal(StreamerEnv.HEALTH_PORT, Integer.toString(HEALTH_PORT)));
    SecretCredentialsRef cameraCredentials = camera.getSource().getCredentialsSecretRef();
    if (cameraCredentials != null) {
      env.add(fromSecret(StreamerEnv.SOURCE_USERNAME, cameraCredentials.getName(),
          keyOrDefault(cameraCredentials.getUsernameKey(), SecretCredentialsRef.DEFAULT_USERNAME_KEY)));
      env.add(fromSecret(StreamerEnv.SOURCE_PASSWORD, cameraCredentials.getName(),
          keyOrDefault(cameraCredentials.getPasswordKey(), SecretCredentialsRef.DEFAULT_PASSWORD_KEY)));
    }
    String credentials = ResourceNames.credentialsSecret(cameraStream);
    env.add(fromSecret(StreamerEnv.PUBLISH_USERNAME, credentials, CredentialKeys.PUBLISHER_USERNAME));
    env.add(fromSecret(StreamerEnv.PUBLISH_PASSWORD, credentials, CredentialKeys.PUBLISHER_PASSWORD));
    env.add(literal(StreamerEnv.JAVA_TOOL_OPTIONS, "-Dorg.bytedeco.javacpp.cachedir=" + JAVACPP_CACHE_DIR));
    return env;
  }

  public static String keyOrDefault(String key, String defaultKey) {
    return key == null || key.isBlank() ? defaultKey : key;
  }

  private static Map<String, String> nodeSelector(CameraSpec camera) {
    return camera.getNodeSelector() == null || camera.getNodeSelector().isEmpty() ? null
        : new LinkedHashMap<>(camera.getNodeSelector());
  }

  /** The camera's own groups, else the video group for a device source, else none. */
  public static List<Long> supplementalGroups(CameraSpec camera) {
    if (camera.getSupplementalGroups() != null) {
      return camera.getSupplementalGroups();
    }
    return SourceSpec.isDevice(camera.getSource().getUrl()) ? List.of(VIDEO_GROUP) : List.of();
  }

  private static List<Toleration> tolerations(CameraSpec camera) {
    if (camera.getTolerations() == null || camera.getTolerations().isEmpty()) {
      return null;
    }
    return camera.getTolerations().stream().map(t -> new TolerationBuilder().withKey(t.getKey())
        .withOperator(t.getOperator()).withValue(t.getValue()).withEffect(t.getEffect())
        .withTolerationSeconds(t.getTolerationSeconds()).build()).toList();
  }

  /** Whether requirements set anything (an empty {@code resources: {}} leaves the choice to the next source). */
  public static boolean hasResources(ResourceRequirements resources) {
    return resources != null && ((resources.getRequests() != null && !resources.getRequests().isEmpty())
        || (resources.getLimits() != null && !resources.getLimits().isEmpty()));
  }

  private static void addIfSet(List<EnvVar> env, String name, Integer value) {
    if (value != null) {
      env.add(literal(name, value.toString()));
    }
  }

  private static EnvVar literal(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  private static EnvVar fromSecret(String name, String secret, String key) {
    return new EnvVarBuilder().withName(name)
        .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).withOptional(false)
        .endSecretKeyRef().endValueFrom()
        .build();
  }

  private static Probe httpProbe(String path, int initialDelaySeconds, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
        .withInitialDelaySeconds(initialDelaySeconds)
        .withPeriodSeconds(periodSeconds)
        .withFailureThreshold(failureThreshold)
        .build();
  }
}
