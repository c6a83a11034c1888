package io.camstream.operator.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every pod spec the operator generates meets the "restricted" Pod Security Standard. */
class PodSecurityStandardTest {

  /** Every kind of camera a user can write, so no code path of the builders escapes the check. */
  private static CameraStream everyKindOfCamera() {
    CameraSpec usb = CameraStreams.camera("usb", "/dev/video0");
    usb.setNodeSelector(Map.of("kubernetes.io/hostname", "node-1"));
    usb.setResources(new ResourceRequirementsBuilder().addToLimits("squat.ai/video", new Quantity("1")).build());
    CameraSpec rtsp = CameraStreams.rtspCameraWithSecret("gate", "rtsp://10.0.0.5/s", "gate-cam");
    rtsp.setMode(StreamMode.TRANSCODE);
    CameraSpec file = CameraStreams.camera("clip", "file:///videos/a.mp4");
    file.setMode(StreamMode.PASSTHROUGH);
    CameraStream cameraStream = CameraStreams.of("ns", "site", CameraStreams.testPattern("lobby"), usb, rtsp, file);
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setReaders(ReaderAccess.AUTHENTICATED);
    cameraStream.getSpec().setMediamtx(mediamtx);
    return cameraStream;
  }

  private static List<Deployment> generatedDeployments() {
    DesiredState desired = DesiredState.of(everyKindOfCamera(), OperatorDefaults.standard(), Map.of(),
        PasswordGenerator.secureRandom());
    List<Deployment> deployments = new ArrayList<>();
    deployments.add(desired.mediaMtxDeployment());
    deployments.addAll(desired.streamers().values());
    return deployments;
  }

  @Test
  void everyGeneratedPodMeetsTheRestrictedStandard() {
    List<Deployment> deployments = generatedDeployments();
    assertThat(deployments).hasSize(5);
    for (Deployment deployment : deployments) {
      assertThat(RestrictedPodSecurity.violations(deployment.getSpec().getTemplate().getSpec()))
          .as(deployment.getMetadata().getName()).isEmpty();
    }
  }

  @Test
  void generatedPodsNeedNoKubernetesApiAccess() {
    for (Deployment deployment : generatedDeployments()) {
      PodSpec pod = deployment.getSpec().getTemplate().getSpec();
      assertThat(pod.getAutomountServiceAccountToken()).as(deployment.getMetadata().getName()).isFalse();
    }
  }

  /** JavaCV unpacks its natives into org.bytedeco.javacpp.cachedir: it must sit on a writable emptyDir. */
  @Test
  void streamersUnpackNativesIntoAnEmptyDir() {
    for (Deployment deployment : generatedDeployments()) {
      if (!"streamer".equals(deployment.getMetadata().getLabels().get("app.kubernetes.io/component"))) {
        continue;
      }
      PodSpec pod = deployment.getSpec().getTemplate().getSpec();
      Container streamer = pod.getContainers().get(0);
      String cacheDir = streamer.getEnv().stream().filter(e -> "JAVA_TOOL_OPTIONS".equals(e.getName()))
          .map(EnvVar::getValue).flatMap(v -> List.of(v.split("\\s+")).stream())
          .filter(o -> o.startsWith("-Dorg.bytedeco.javacpp.cachedir=")).map(o -> o.substring(o.indexOf('=') + 1))
          .findFirst().orElseThrow();
      VolumeMount mount = streamer.getVolumeMounts().stream()
          .filter(m -> cacheDir.equals(m.getMountPath()) || cacheDir.startsWith(m.getMountPath() + "/"))
          .findFirst().orElseThrow(() -> new AssertionError(cacheDir + " is not on a mounted volume"));
      assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE);
      Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
          .orElseThrow();
      assertThat(volume.getEmptyDir()).as("%s: %s", deployment.getMetadata().getName(), cacheDir).isNotNull();
      assertThat(volume.getEmptyDir().getSizeLimit()).as("bounded, so a runaway cache cannot fill the node")
          .isNotNull();
    }
  }

  /** The operator's own pod, as every install flavour in k8s/ renders it. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"k8s/operator", "k8s/overlays/dev",
      "k8s/overlays/production", "k8s/overlays/namespaced"})
  void theOperatorsOwnPodMeetsTheRestrictedStandard(String kustomization) throws Exception {
    Process kubectl = new ProcessBuilder("kubectl", "kustomize", kustomization)
        .directory(java.nio.file.Path.of("..").toFile()).redirectErrorStream(true).start();
    String rendered = new String(kubectl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(kubectl.waitFor()).as(rendered).isZero();
    int deployments = 0;
    try (var parser = new com.fasterxml.jackson.dataformat.yaml.YAMLFactory().createParser(rendered)) {
      var documents = new com.fasterxml.jackson.databind.ObjectMapper().readValues(parser,
          com.fasterxml.jackson.databind.JsonNode.class);
      while (documents.hasNext()) {
        var document = documents.next();
        if ("Deployment".equals(document.path("kind").asText())) {
          Deployment deployment = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
              .convertValue(document, Deployment.class);
          assertThat(RestrictedPodSecurity.violations(deployment.getSpec().getTemplate().getSpec()))
              .as("%s %s", kustomization, deployment.getMetadata().getName()).isEmpty();
          deployments++;
        }
      }
    }
    assertThat(deployments).isPositive();
  }

  /** The checker itself: each control it claims to enforce is caught. */
  @Test
  void theCheckerCatchesEachViolation() {
    PodSpec good = generatedDeployments().get(1).getSpec().getTemplate().getSpec();
    assertThat(RestrictedPodSecurity.violations(good)).isEmpty();

    PodSpec pod = copy(good);
    pod.getContainers().get(0).getSecurityContext().setPrivileged(true);
    pod.getContainers().get(0).getSecurityContext().setAllowPrivilegeEscalation(null);
    assertThat(RestrictedPodSecurity.violations(pod)).anyMatch(v -> v.startsWith("privileged"))
        .anyMatch(v -> v.startsWith("allowPrivilegeEscalation"));

    pod = copy(good);
    pod.getContainers().get(0).getSecurityContext().setRunAsNonRoot(null);
    pod.getSecurityContext().setRunAsNonRoot(null);
    assertThat(RestrictedPodSecurity.violations(pod)).anyMatch(v -> v.startsWith("runAsNonRoot"));

    pod = copy(good);
    pod.getContainers().get(0).getSecurityContext().getCapabilities().setDrop(List.of("NET_RAW"));
    pod.getContainers().get(0).getSecurityContext().getCapabilities().setAdd(List.of("SYS_ADMIN"));
    assertThat(RestrictedPodSecurity.violations(pod)).filteredOn(v -> v.startsWith("capabilities")).hasSize(2);

    pod = copy(good);
    pod.getContainers().get(0).getSecurityContext().setSeccompProfile(null);
    pod.getSecurityContext().setSeccompProfile(null);
    pod.getContainers().get(0).getSecurityContext().setReadOnlyRootFilesystem(false);
    assertThat(RestrictedPodSecurity.violations(pod)).anyMatch(v -> v.startsWith("seccompProfile"))
        .anyMatch(v -> v.startsWith("readOnlyRootFilesystem"));

    pod = copy(good);
    pod.setHostNetwork(true);
    pod.getVolumes().add(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName("dev")
        .withNewHostPath().withPath("/dev/video0").endHostPath().build());
    assertThat(RestrictedPodSecurity.violations(pod)).anyMatch(v -> v.startsWith("hostNamespaces"))
        .anyMatch(v -> v.equals("volumeTypes: dev is hostPath"));
  }

  private static PodSpec copy(PodSpec pod) {
    return io.fabric8.kubernetes.client.utils.Serialization.clone(pod);
  }
}
