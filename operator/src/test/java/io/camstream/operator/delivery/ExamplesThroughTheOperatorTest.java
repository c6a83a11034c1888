package io.camstream.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.validation.SpecValidator;
import io.camstream.operator.webrtc.IceServers;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every CameraStream a user is shown (k8s/examples, the dev overlay's demo) goes through the operator's own spec
 * validation and desired-state builders; what they generate validates against the Kubernetes schemas, and the
 * monitoring objects and image defaults in k8s/ agree with it.
 */
class ExamplesThroughTheOperatorTest {
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @TempDir
  static Path dir;

  static Map<String, CameraStream> cameraStreams;
  static Map<String, DesiredState> desired;

  @BeforeAll
  static void buildEverything() {
    ExampleCameraStreams examples = ExampleCameraStreams.load();
    cameraStreams = examples.cameraStreams();
    desired = new LinkedHashMap<>();
    cameraStreams.forEach((name, cameraStream) -> desired.put(name, examples.desired(cameraStream)));
  }

  static List<HasMetadata> generated(DesiredState state) {
    List<HasMetadata> objects = new ArrayList<>(List.of(state.credentialsSecret(), state.configSecret(),
        state.mediaMtxDeployment(), state.service(), state.internalService(), state.networkPolicy()));
    state.recordings().ifPresent(objects::add);
    objects.addAll(state.streamers().values());
    return objects;
  }

  @Test
  void theOperatorAcceptsEveryExample() {
    assertThat(cameraStreams).hasSizeGreaterThanOrEqualTo(6);
    cameraStreams.forEach((name, cameraStream) -> assertThat(SpecValidator.validate(cameraStream)).as(name).isEmpty());
  }

  /** Copying an example must work: every Secret an example's camera references is opted in with the label. */
  @Test
  void everyExampleCameraSecretIsOptedIn() throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    for (String file : ManifestValidationTest.userFacingYamlFiles()) {
      if (file.startsWith("k8s/examples/")) {
        docs.addAll(RepoFiles.yamlDocuments(RepoFiles.read(file)));
      }
    }
    Map<String, JsonNode> secrets = new LinkedHashMap<>();
    docs.stream().filter(d -> "Secret".equals(d.path("kind").asText()))
        .forEach(d -> secrets.put(d.at("/metadata/name").asText(), d));
    int referenced = 0;
    for (CameraStream cameraStream : cameraStreams.values()) {
      for (var camera : cameraStream.getSpec().getCameras()) {
        var ref = camera.getSource().getCredentialsSecretRef();
        if (ref != null) {
          referenced++;
          assertThat(secrets).as("example Secret %s", ref.getName()).containsKey(ref.getName());
          assertThat(secrets.get(ref.getName()).at("/metadata/labels/camstream.io~1camera-credentials").asText())
              .as("label of example Secret %s", ref.getName()).isEqualTo("true");
        }
      }
    }
    for (CameraStream cameraStream : cameraStreams.values()) {
      for (String name : IceServers.secretNames(cameraStream)) {
        referenced++;
        assertThat(secrets).as("example TURN Secret %s", name).containsKey(name);
        assertThat(secrets.get(name).at("/metadata/labels/camstream.io~1camera-credentials").asText())
            .as("label of example TURN Secret %s", name).isEqualTo("true");
      }
    }
    assertThat(referenced).isPositive();
  }

  @Test
  void thereIsAnExampleOfPullAndOneOfRecording() {
    assertThat(desired.get("parking").streamers()).as("pulled cameras run no streamer").containsOnlyKeys("ramp");
    assertThat(String.valueOf(desired.get("parking").paths().get("entry").get("source")))
        .startsWith("rtsp://viewer:change-me@192.168.20.11:554/");
    assertThat(desired.get("shop").recordings()).hasValueSatisfying(claim -> {
      assertThat(claim.getMetadata().getName()).isEqualTo("shop-recordings");
      assertThat(claim.getMetadata().getOwnerReferences()).as("Retain").isNullOrEmpty();
    });
    assertThat(desired.get("shop").paths().get("stockroom")).containsEntry("record", false);
    assertThat(desired.get("shop").paths().get("till")).containsEntry("record", true);
  }

  @Test
  void everyGeneratedObjectValidatesAgainstTheKubernetesSchemas() throws IOException {
    StringBuilder yaml = new StringBuilder();
    List<String> unknown = new ArrayList<>();
    int count = 0;
    for (DesiredState state : desired.values()) {
      for (HasMetadata object : generated(state)) {
        String text = SERIALIZATION.asYaml(object);
        yaml.append(text.startsWith("---") ? "" : "---\n").append(text).append('\n');
        UnknownFields.of(text).forEach(p -> unknown.add(object.getKind() + " " + object.getMetadata().getName() + p));
        count++;
      }
    }
    assertThat(unknown).isEmpty();
    Path file = dir.resolve("generated.yaml");
    Files.writeString(file, yaml);
    RepoFiles.ProcessResult result = RepoFiles.run(List.of("node", "k8s/test/validate.mjs", file.toString()));
    JsonNode report = RepoFiles.JSON.readTree(result.stdout());
    List<String> errors = new ArrayList<>();
    report.path("documents").forEach(d -> d.path("errors").forEach(e -> errors.add(
        d.path("kind").asText() + " " + d.path("name").asText() + ": " + e.asText())));
    assertThat(errors).isEmpty();
    assertThat(report.path("documents")).hasSize(count);
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void podMonitorsSelectTheGeneratedPodsOnPortsTheyExpose() {
    List<JsonNode> monitoring = RenderedManifests.objects("k8s/monitoring");
    JsonNode streamers = RenderedManifests.get(monitoring, "PodMonitor", "camstream-streamers");
    JsonNode mediamtx = RenderedManifests.get(monitoring, "PodMonitor", "camstream-mediamtx");
    for (DesiredState state : desired.values()) {
      assertSelects(mediamtx, state.mediaMtxDeployment());
      state.streamers().values().forEach(streamer -> assertSelects(streamers, streamer));
    }
  }

  static void assertSelects(JsonNode podMonitor, Deployment deployment) {
    PodTemplateSpec template = deployment.getSpec().getTemplate();
    Map<String, String> labels = template.getMetadata().getLabels();
    podMonitor.at("/spec/selector/matchLabels").fields()
        .forEachRemaining(e -> assertThat(labels).containsEntry(e.getKey(), e.getValue().asText()));
    // every pod label a relabeling copies into the series is one the pod carries
    List<String> copied = new ArrayList<>();
    podMonitor.at("/spec/podMetricsEndpoints/0/relabelings").forEach(r -> r.path("sourceLabels")
        .forEach(l -> copied.add(l.asText())));
    assertThat(copied).isNotEmpty().allSatisfy(source -> assertThat(labels.keySet().stream()
        .map(k -> "__meta_kubernetes_pod_label_" + k.replaceAll("[^a-zA-Z0-9_]", "_"))).contains(source));
    String port = podMonitor.at("/spec/podMetricsEndpoints/0/port").asText();
    assertThat(template.getSpec().getContainers().stream().map(Container::getPorts).flatMap(List::stream)
        .map(p -> p.getName())).as("%s exposes port %s", deployment.getMetadata().getName(), port).contains(port);
  }

  @Test
  void theOperatorsImageDefaultsAreTheOnesInImagesEnv() {
    Map<String, String> images = OperatorManifestTest.imagesEnv();
    assertThat(OperatorDefaults.STREAMER_IMAGE).isEqualTo(images.get("CAMSTREAM_STREAMER_IMAGE"));
    assertThat(OperatorDefaults.MEDIAMTX_IMAGE).isEqualTo(images.get("CAMSTREAM_MEDIAMTX_IMAGE"));
  }
}
