package io.camstream.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything under k8s/ that a user applies is valid for a real API server: the rendered kustomizations and the
 * examples against the Kubernetes schemas, CameraStreams against the generated CRD's openAPIV3Schema and CEL rules.
 * One node process (k8s/test/validate.mjs) validates all files at once.
 */
class ManifestValidationTest {
  static final String GENERATED_CRD = "operator/target/classes/META-INF/fabric8/camerastreams.camstream.io-v1.yml";
  static final String INVALID_FIXTURES = "operator/src/test/resources/delivery/invalid-manifests.yaml";
  static final String EXPECTED_ERROR = "camstream.io/expected-error";
  static final String ARTIFACTHUB_EXAMPLES = "artifacthub-crds-examples.yaml";

  @TempDir
  static Path renderDir;

  static List<JsonNode> report;

  @BeforeAll
  static void validateEverything() throws IOException {
    assertThat(RepoFiles.path("k8s/test/node_modules/kubernetes-models"))
        .as("npm validators missing: run bash .ci/install-test-deps.sh").isDirectory();
    assertThat(RepoFiles.path(GENERATED_CRD)).as("the CRD is generated in process-classes").isRegularFile();
    List<String> command = new ArrayList<>(List.of("node", "k8s/test/validate.mjs", "--crd", GENERATED_CRD));
    for (Map.Entry<String, String> rendered : RenderedManifests.all().entrySet()) {
      Path file = renderDir.resolve(rendered.getKey().replace('/', '_') + ".yaml");
      Files.writeString(file, rendered.getValue());
      command.add(file.toString());
    }
    command.addAll(userFacingYamlFiles());
    Path artifactHubExamples = renderDir.resolve(ARTIFACTHUB_EXAMPLES);
    Files.writeString(artifactHubExamples, artifactHubCrdExamples());
    command.add(artifactHubExamples.toString());
    command.add(INVALID_FIXTURES);
    RepoFiles.ProcessResult result = RepoFiles.run(command);
    assertThat(result.exitCode()).as("validator exit code (1 = some document invalid); stderr:%n%s", result.stderr())
        .isEqualTo(1);
    report = new ArrayList<>();
    RepoFiles.JSON.readTree(result.stdout()).path("documents").forEach(report::add);
  }

  /** The CameraStreams ArtifactHub shows for the chart (Chart.yaml's artifacthub.io/crdsExamples), as YAML documents. */
  static String artifactHubCrdExamples() throws IOException {
    JsonNode chart = RepoFiles.yamlDocuments(RepoFiles.read(HelmCharts.CHART + "/Chart.yaml")).get(0);
    StringBuilder documents = new StringBuilder();
    for (JsonNode example : RepoFiles.yamlDocuments(chart.at("/annotations/artifacthub.io~1crdsExamples").asText())
        .get(0)) {
      documents.append("---\n").append(RepoFiles.YAML.writeValueAsString(example).replaceFirst("^---\n", ""));
    }
    return documents.toString();
  }

  /** k8s/examples and k8s/argocd: every YAML a user applies directly (kustomizations are rendered instead). */
  static List<String> userFacingYamlFiles() throws IOException {
    List<String> files = new ArrayList<>();
    for (String dir : List.of("k8s/examples", "k8s/argocd")) {
      try (Stream<Path> paths = Files.walk(RepoFiles.path(dir))) {
        paths.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
            .filter(p -> !p.getFileName().toString().startsWith("kustomization."))
            .map(p -> RepoFiles.root().relativize(p).toString())
            .sorted()
            .forEach(files::add);
      }
    }
    return files;
  }

  static List<JsonNode> documentsOf(String fileSuffix) {
    return report.stream().filter(d -> d.path("file").asText().endsWith(fileSuffix)).toList();
  }

  static String describe(JsonNode d) {
    return d.path("file").asText() + "#" + d.path("index").asInt() + " " + d.path("kind").asText() + " "
        + d.path("name").asText() + ": " + d.path("errors");
  }

  @Test
  void everyRenderedObjectAndExampleIsValid() throws IOException {
    List<JsonNode> shipped = report.stream().filter(d -> !d.path("file").asText().endsWith(INVALID_FIXTURES))
        .toList();
    assertThat(shipped.stream().filter(d -> !d.path("errors").isEmpty()).map(ManifestValidationTest::describe))
        .as("invalid manifests").isEmpty();
    // Nothing skipped: every rendered kustomization and every example file reached the validator.
    for (String kustomization : RenderedManifests.ALL) {
      assertThat(documentsOf(kustomization.replace('/', '_') + ".yaml"))
          .hasSize(RenderedManifests.objects(kustomization).size());
    }
    for (String file : userFacingYamlFiles()) {
      assertThat(documentsOf(file)).as(file).isNotEmpty();
    }
    assertThat(documentsOf(ARTIFACTHUB_EXAMPLES)).as("ArtifactHub's CameraStream examples")
        .isNotEmpty().allSatisfy(d -> assertThat(d.path("kind").asText()).isEqualTo("CameraStream"));
  }

  @Test
  void builtInObjectsHaveNoFieldKubernetesDoesNotKnow() throws IOException {
    List<String> texts = new ArrayList<>(RenderedManifests.all().values());
    for (String file : userFacingYamlFiles()) {
      texts.add(RepoFiles.read(file));
    }
    List<String> problems = new ArrayList<>();
    int typed = 0;
    for (String text : texts) {
      for (JsonNode doc : RepoFiles.yamlDocuments(text)) {
        String yaml = RepoFiles.YAML.writeValueAsString(doc);
        if (UnknownFields.isTypedKind(yaml)) {
          typed++;
          UnknownFields.of(yaml).forEach(p -> problems.add(doc.path("kind").asText() + " "
              + doc.at("/metadata/name").asText() + " " + p));
        }
      }
    }
    assertThat(typed).isGreaterThan(30);
    assertThat(problems).isEmpty();
  }

  @Test
  void unknownFieldCheckCatchesATypo() {
    String deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: typo}
        spec:
          selector: {matchLabels: {app: x}}
          template:
            metadata: {labels: {app: x}}
            spec:
              containers:
                - name: x
                  image: x:1
                  readinesProbe: {httpGet: {path: /readyz, port: 8080}}
        """;
    assertThat(UnknownFields.of(deployment))
        .containsExactly("/spec/template/spec/containers/0: unknown field(s) [readinesProbe]");
  }

  @Test
  void everyExampleHasACameraStreamCheckedAgainstTheCrd() throws IOException {
    List<String> examples = userFacingYamlFiles().stream().filter(f -> f.startsWith("k8s/examples/")).toList();
    assertThat(examples).hasSizeGreaterThanOrEqualTo(5);
    for (String example : examples) {
      assertThat(documentsOf(example)).as(example)
          .anySatisfy(d -> assertThat(d.path("kind").asText()).isEqualTo("CameraStream"));
    }
  }

  @Test
  void theValidatorRejectsEachBrokenFixtureForTheExpectedReason() {
    List<JsonNode> fixtures = RepoFiles.yamlDocuments(RepoFiles.read(INVALID_FIXTURES));
    List<JsonNode> results = documentsOf(INVALID_FIXTURES);
    assertThat(results).hasSameSizeAs(fixtures).hasSizeGreaterThanOrEqualTo(8);
    for (int i = 0; i < fixtures.size(); i++) {
      String expected = fixtures.get(i).at("/metadata/annotations").path(EXPECTED_ERROR).asText();
      assertThat(expected).as("fixture %d names its expected error", i).isNotBlank();
      List<String> errors = new ArrayList<>();
      results.get(i).path("errors").forEach(e -> errors.add(e.asText()));
      assertThat(errors).as(describe(results.get(i))).anySatisfy(e -> assertThat(e).contains(expected));
    }
  }

  @Test
  void theCrdKustomizationInstallsTheGeneratedCrd() {
    JsonNode generated = RepoFiles.yamlDocuments(RepoFiles.read(GENERATED_CRD)).get(0);
    for (String kustomization : List.of("k8s/crds", "k8s/overlays/dev", "k8s/overlays/production",
        "k8s/overlays/namespaced")) {
      List<JsonNode> crds = RenderedManifests.objects(kustomization).stream()
          .filter(o -> "CustomResourceDefinition".equals(o.path("kind").asText())).toList();
      assertThat(crds).as(kustomization).hasSize(1);
      assertThat(crds.get(0).equals(SAME_NUMBER_VALUE, generated))
          .as("%s installs the CRD generated from the Java classes (refresh crds/ from %s)", kustomization,
              GENERATED_CRD)
          .isTrue();
    }
  }

  /** kustomize writes 50000.0 as 50000: compare numbers by value, everything else exactly. */
  static final Comparator<JsonNode> SAME_NUMBER_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  @Test
  void everyRenderedKustomizationHasTheObjectsItIsFor() {
    Map<String, List<String>> expectedKinds = Map.of(
        "k8s/crds", List.of("CustomResourceDefinition"),
        "k8s/operator", List.of("Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role",
            "RoleBinding", "Deployment", "Service", "ConfigMap"),
        "k8s/overlays/dev", List.of("CustomResourceDefinition", "Namespace", "Deployment", "CameraStream"),
        "k8s/overlays/production", List.of("CustomResourceDefinition", "Namespace", "Deployment",
            "PodDisruptionBudget"),
        "k8s/overlays/namespaced", List.of("CustomResourceDefinition", "Namespace", "Deployment", "Role",
            "RoleBinding"),
        "k8s/monitoring", List.of("ServiceMonitor", "PodMonitor", "PrometheusRule"));
    expectedKinds.forEach((kustomization, kinds) -> assertThat(RenderedManifests.objects(kustomization).stream()
        .map(o -> o.path("kind").asText()).collect(Collectors.toSet())).as(kustomization).containsAll(kinds));
  }
}
