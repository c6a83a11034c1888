package io.camstream.operator.desired;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.AudioMode;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.api.spec.StreamerDefaultsSpec;
import io.camstream.operator.api.spec.VideoSpec;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.camstream.operator.api.spec.TolerationSpec;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamerDeploymentBuilderTest {
  private static final OperatorDefaults DEFAULTS = OperatorDefaults.standard();
  private static final String HASH = "0123456789abcdef0123456789abcdef";

  @Test
  void oneRecreatedReplicaWithTheContractNameAndLabels() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    Deployment deployment = StreamerDeploymentBuilder.build(site, site.getSpec().getCameras().get(0), DEFAULTS, HASH);

    assertThat(deployment.getMetadata().getName()).isEqualTo("site-lobby");
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo("ns");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(deployment.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
        Labels.NAME, "camstream", Labels.COMPONENT, "streamer", Labels.MANAGED_BY, "camstream-operator",
        Labels.CAMERA_STREAM, "site", Labels.CAMERA, "lobby"));
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(container(deployment).getImage()).isEqualTo(OperatorDefaults.STREAMER_IMAGE);
  }

  @Test
  void environmentFollowsTheStreamerContract() {
    CameraSpec lobby = CameraStreams.rtspCameraWithSecret("lobby", "rtsp://10.0.0.5:554/stream1", "lobby-cam");
    lobby.setMode(StreamMode.TRANSCODE);
    lobby.setAudio(AudioMode.OPUS);
    VideoSpec video = new VideoSpec();
    video.setWidth(1280);
    video.setHeight(720);
    video.setFps(30);
    video.setBitrateKbps(2000);
    lobby.setVideo(video);
    lobby.getSource().getCredentialsSecretRef().setPasswordKey("pw");
    CameraStream site = CameraStreams.of("ns", "site", lobby);
    Container container = container(StreamerDeploymentBuilder.build(site, lobby, DEFAULTS, HASH));

    Map<String, EnvVar> env = container.getEnv().stream()
        .collect(java.util.stream.Collectors.toMap(EnvVar::getName, e -> e));
    assertThat(value(env, StreamerEnv.CAMERA_NAME)).isEqualTo("lobby");
    assertThat(value(env, StreamerEnv.SOURCE)).isEqualTo("rtsp://10.0.0.5:554/stream1");
    assertThat(value(env, StreamerEnv.PUBLISH_URL)).isEqualTo("rtsp://site-mediamtx:8554/lobby");
    assertThat(value(env, StreamerEnv.MODE)).isEqualTo("transcode");
    assertThat(value(env, StreamerEnv.AUDIO)).isEqualTo("opus");
    assertThat(value(env, StreamerEnv.WIDTH)).isEqualTo("1280");
    assertThat(value(env, StreamerEnv.HEIGHT)).isEqualTo("720");
    assertThat(value(env, StreamerEnv.FPS)).isEqualTo("30");
    assertThat(value(env, StreamerEnv.BITRATE_KBPS)).isEqualTo("2000");
    assertThat(value(env, StreamerEnv.RTSP_TRANSPORT)).isEqualTo("tcp");
    assertThat(value(env, StreamerEnv.HEALTH_PORT)).isEqualTo("8080");
    assertThat(value(env, StreamerEnv.JAVA_TOOL_OPTIONS)).isEqualTo("-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp");

    assertSecretRef(env.get(StreamerEnv.SOURCE_USERNAME), "lobby-cam", "username");
    assertSecretRef(env.get(StreamerEnv.SOURCE_PASSWORD), "lobby-cam", "pw");
    assertSecretRef(env.get(StreamerEnv.PUBLISH_USERNAME), "site-mediamtx-credentials", "publisher-username");
    assertSecretRef(env.get(StreamerEnv.PUBLISH_PASSWORD), "site-mediamtx-credentials", "publisher-password");
  }

  @Test
  void optionalSettingsLeftOutWriteNoEnvAndNoCredentials() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    Container container = container(StreamerDeploymentBuilder.build(site, site.getSpec().getCameras().get(0),
        DEFAULTS, HASH));
    assertThat(container.getEnv()).extracting(EnvVar::getName).doesNotContain(StreamerEnv.WIDTH,
        StreamerEnv.HEIGHT, StreamerEnv.FPS, StreamerEnv.BITRATE_KBPS, StreamerEnv.SOURCE_USERNAME,
        StreamerEnv.SOURCE_PASSWORD);
    assertThat(container.getEnv()).filteredOn(e -> e.getValue() == null)
        .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef()).isNotNull());
    // Unset, the audio is auto: said explicitly, so the pod shows what its streamer does.
    assertThat(container.getEnv()).filteredOn(e -> e.getName().equals(StreamerEnv.AUDIO)).singleElement()
        .satisfies(e -> assertThat(e.getValue()).isEqualTo("auto"));
  }

  @Test
  void probesUseTheStreamerHealthEndpoints() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    Container container = container(StreamerDeploymentBuilder.build(site, site.getSpec().getCameras().get(0),
        DEFAULTS, HASH));
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getContainerPort()).isEqualTo(8080);
      assertThat(p.getName()).isEqualTo("http");
    });
  }

  @Test
  void resourcesComeFromTheCameraThenTheStreamThenTheOperator() {
    CameraSpec lobby = testPattern("lobby");
    CameraSpec garage = testPattern("garage");
    CameraStream site = CameraStreams.of("ns", "site", lobby, garage);
    assertThat(StreamerDeploymentBuilder.resources(site, garage, DEFAULTS)).isEqualTo(DEFAULTS.streamerResources());

    ResourceRequirements streamWide = cpu("500m");
    StreamerDefaultsSpec streamer = new StreamerDefaultsSpec();
    streamer.setResources(streamWide);
    streamer.setImage("registry.example.com/streamer:1.2");
    site.getSpec().setStreamer(streamer);
    ResourceRequirements ownOnly = cpu("2");
    lobby.setResources(ownOnly);

    assertThat(container(StreamerDeploymentBuilder.build(site, lobby, DEFAULTS, HASH)).getResources()).isEqualTo(ownOnly);
    assertThat(container(StreamerDeploymentBuilder.build(site, garage, DEFAULTS, HASH)).getResources())
        .isEqualTo(streamWide);
    assertThat(container(StreamerDeploymentBuilder.build(site, garage, DEFAULTS, HASH)).getImage())
        .isEqualTo("registry.example.com/streamer:1.2");
  }

  @Test
  void nodeSelectorPinsTheCameraToItsNode() {
    CameraSpec usb = CameraStreams.camera("usb", "/dev/video0");
    usb.setNodeSelector(Map.of("kubernetes.io/hostname", "edge-1"));
    CameraStream site = CameraStreams.of("ns", "site", usb, testPattern("lobby"));
    assertThat(StreamerDeploymentBuilder.build(site, usb, DEFAULTS, HASH).getSpec().getTemplate().getSpec()
        .getNodeSelector()).containsExactly(Map.entry("kubernetes.io/hostname", "edge-1"));
    assertThat(StreamerDeploymentBuilder.build(site, site.getSpec().getCameras().get(1), DEFAULTS, HASH).getSpec()
        .getTemplate().getSpec().getNodeSelector()).isNull();
  }

  @Test
  void aDeviceSourceJoinsTheVideoGroupUnlessTheCameraNamesItsGroups() {
    CameraSpec usb = CameraStreams.camera("usb", "/dev/video0");
    CameraSpec byId = CameraStreams.camera("by-id", "/dev/v4l/by-id/usb-046d_C920-video-index0");
    CameraSpec ownGroup = CameraStreams.camera("own-group", "/dev/video1");
    ownGroup.setSupplementalGroups(List.of(986L));
    CameraSpec noGroup = CameraStreams.camera("no-group", "/dev/video2");
    noGroup.setSupplementalGroups(List.of());
    CameraSpec file = CameraStreams.camera("file", "/videos/lobby.mp4");
    CameraSpec rtspWithGroup = CameraStreams.camera("rtsp", "rtsp://10.0.0.5/live");
    rtspWithGroup.setSupplementalGroups(List.of(2000L));
    CameraStream site = CameraStreams.of("ns", "site", usb, byId, ownGroup, noGroup, file, rtspWithGroup,
        testPattern("lobby"));

    assertThat(podSecurity(site, usb).getSupplementalGroups()).containsExactly(StreamerDeploymentBuilder.VIDEO_GROUP);
    assertThat(StreamerDeploymentBuilder.VIDEO_GROUP).isEqualTo(44L);
    assertThat(podSecurity(site, byId).getSupplementalGroups()).containsExactly(44L);
    assertThat(podSecurity(site, ownGroup).getSupplementalGroups()).containsExactly(986L);
    assertThat(podSecurity(site, noGroup).getSupplementalGroups()).isNullOrEmpty();
    assertThat(podSecurity(site, file).getSupplementalGroups()).isNullOrEmpty();
    assertThat(podSecurity(site, rtspWithGroup).getSupplementalGroups()).containsExactly(2000L);
    assertThat(podSecurity(site, site.getSpec().getCameras().get(6)).getSupplementalGroups()).isNullOrEmpty();
    // Nothing else of the restricted profile changes.
    assertThat(podSecurity(site, usb).getRunAsUser()).isEqualTo(PodSecurity.USER_ID);
    assertThat(podSecurity(site, usb).getRunAsNonRoot()).isTrue();
  }

  @Test
  void tolerationsLetTheStreamerOntoATaintedEdgeNode() {
    CameraSpec usb = CameraStreams.camera("usb", "/dev/video0");
    TolerationSpec edge = new TolerationSpec();
    edge.setKey("node-role.kubernetes.io/edge");
    edge.setOperator("Exists");
    edge.setEffect("NoSchedule");
    TolerationSpec evicting = new TolerationSpec();
    evicting.setKey("camstream.io/usb");
    evicting.setValue("bench");
    evicting.setEffect("NoExecute");
    evicting.setTolerationSeconds(300L);
    usb.setTolerations(List.of(edge, evicting));
    CameraStream site = CameraStreams.of("ns", "site", usb, testPattern("lobby"));
    assertThat(StreamerDeploymentBuilder.build(site, usb, DEFAULTS, HASH).getSpec().getTemplate().getSpec()
        .getTolerations()).containsExactly(
            new TolerationBuilder().withKey("node-role.kubernetes.io/edge").withOperator("Exists")
                .withEffect("NoSchedule").build(),
            new TolerationBuilder().withKey("camstream.io/usb").withValue("bench").withEffect("NoExecute")
                .withTolerationSeconds(300L).build());
    assertThat(StreamerDeploymentBuilder.build(site, site.getSpec().getCameras().get(1), DEFAULTS, HASH).getSpec()
        .getTemplate().getSpec().getTolerations()).isNullOrEmpty();
  }

  @Test
  void aWritableEmptyDirHoldsTheNativeCacheUnderAReadOnlyRoot() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    Deployment deployment = StreamerDeploymentBuilder.build(site, site.getSpec().getCameras().get(0), DEFAULTS, HASH);
    assertThat(container(deployment).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container(deployment).getVolumeMounts()).anySatisfy(mount -> {
      assertThat(StreamerDeploymentBuilder.JAVACPP_CACHE_DIR).startsWith(mount.getMountPath() + "/");
      assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
          .anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo(mount.getName());
            assertThat(v.getEmptyDir()).isNotNull();
          });
    });
  }

  @Test
  void oneCamerasTemplateDoesNotDependOnTheOthers() {
    CameraSpec lobby = testPattern("lobby");
    CameraStream one = CameraStreams.of("ns", "site", lobby);
    CameraStream two = CameraStreams.of("ns", "site", lobby, testPattern("garage"));
    assertThat(StreamerDeploymentBuilder.build(two, lobby, DEFAULTS, HASH))
        .isEqualTo(StreamerDeploymentBuilder.build(one, lobby, DEFAULTS, HASH));
  }

  private static ResourceRequirements cpu(String cpu) {
    return new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity(cpu)).build();
  }

  private static String value(Map<String, EnvVar> env, String name) {
    assertThat(env).containsKey(name);
    return env.get(name).getValue();
  }

  private static void assertSecretRef(EnvVar env, String secret, String key) {
    assertThat(env.getValue()).isNull();
    assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret);
    assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(key);
  }

  static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static PodSecurityContext podSecurity(CameraStream site, CameraSpec camera) {
    return StreamerDeploymentBuilder.build(site, camera, DEFAULTS, HASH).getSpec().getTemplate().getSpec()
        .getSecurityContext();
  }
}
