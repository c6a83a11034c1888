package io.camstream.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * charts/camstream, rendered and linted by Helm's own library (helm-java), installs what the kustomizations install:
 * with default values the objects of k8s/crds + k8s/operator, with ci/namespaced-values.yaml those of
 * k8s/overlays/namespaced, with ci/monitoring-values.yaml those of k8s/monitoring. Every value is documented in the
 * chart's README and values.schema.json, and the schema refuses what the templates cannot render. Schema validation,
 * least privilege and pod security of every rendering: ManifestValidationTest, OperatorManifestTest, OperatorRbacTest
 * (RenderedManifests holds the chart's renderings beside the kustomizations').
 */
class HelmChartTest {
  /** What Helm adds to every object's metadata.labels and kustomize does not. */
  static final Set<String> HELM_LABELS = Set.of("helm.sh/chart", "app.kubernetes.io/managed-by",
      "app.kubernetes.io/instance");
  /** kustomize's configMapGenerator and the chart both name the images ConfigMap after its content. */
  static final Pattern CONTENT_HASH = Pattern.compile("(camstream-operator-images)-[a-z0-9]{10}");
  static final JsonMapper SORTED = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(SerializationFeature.INDENT_OUTPUT).build();

  @Test
  void theChartLintsCleanly() {
    LintResult lint = HelmCharts.chart().lint().strict().call();
    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void defaultValuesInstallWhatKustomizeInstalls() {
    assertSameObjects(RenderedManifests.objects(HelmCharts.DEFAULTS), RenderedManifests.objects("k8s/operator"),
        installedByTemplates());
  }

  @Test
  void namespacedValuesInstallWhatTheNamespacedOverlayInstalls() {
    assertSameObjects(RenderedManifests.objects(HelmCharts.NAMESPACED),
        RenderedManifests.objects("k8s/overlays/namespaced"), installedByTemplates());
  }

  @Test
  void monitoringValuesInstallWhatK8sMonitoringInstalls() {
    Predicate<JsonNode> monitoring = o -> o.path("apiVersion").asText().startsWith("monitoring.coreos.com/")
        || MonitoringTest.DASHBOARD_CONFIGMAP.equals(o.at("/metadata/name").asText());
    List<JsonNode> chart = RenderedManifests.objects(HelmCharts.MONITORING);
    assertThat(chart.stream().filter(monitoring)).hasSize(5);
    assertSameObjects(chart, RenderedManifests.objects("k8s/monitoring"), monitoring);
  }

  @Test
  void theChartsDashboardIsK8sMonitorings() {
    assertThat(RepoFiles.read(HelmCharts.CHART + "/dashboards/camstream-fleet.json"))
        .as("charts/camstream/dashboards/camstream-fleet.json is a copy of %s", ExportedMetricsTest.DASHBOARD)
        .isEqualTo(RepoFiles.read(ExportedMetricsTest.DASHBOARD));
    JsonNode elsewhere = RenderedManifests.get(RenderedManifests.objects(HelmCharts.EVERYTHING), "ConfigMap",
        MonitoringTest.DASHBOARD_CONFIGMAP);
    assertThat(elsewhere.at("/metadata/namespace").asText()).isEqualTo("monitoring");
    assertThat(elsewhere.at("/metadata/annotations/grafana_folder").asText()).isEqualTo("Cameras");
  }

  /**
   * What the chart's templates install: no Namespace (Helm installs into the release namespace; the README says how
   * to label it) and no CRD (Helm installs crds/ itself, outside templating: theChartsCrdIsTheGeneratedOne).
   */
  static Predicate<JsonNode> installedByTemplates() {
    return o -> !Set.of("Namespace", "CustomResourceDefinition").contains(o.path("kind").asText());
  }

  static void assertSameObjects(List<JsonNode> chart, List<JsonNode> kustomize, Predicate<JsonNode> compared) {
    Map<String, String> fromChart = canonical(chart, compared);
    Map<String, String> fromKustomize = canonical(kustomize, compared);
    assertThat(fromChart.keySet()).as("objects the chart renders").isEqualTo(fromKustomize.keySet());
    fromKustomize.forEach((key, object) -> assertThat(fromChart.get(key)).as(key).isEqualTo(object));
  }

  /** kind/namespace/name -> the object as sorted JSON, without what only says who rendered it. */
  static Map<String, String> canonical(List<JsonNode> objects, Predicate<JsonNode> compared) {
    Map<String, String> byKey = new TreeMap<>();
    for (JsonNode original : objects) {
      if (!compared.test(original)) {
        continue;
      }
      try {
        JsonNode object = RepoFiles.JSON.readTree(CONTENT_HASH.matcher(original.toString()).replaceAll("$1"));
        JsonNode labels = object.at("/metadata/labels");
        if (labels instanceof ObjectNode labelMap) {
          HELM_LABELS.forEach(labelMap::remove);
        }
        normalize(object);
        String key = object.path("kind").asText() + "/" + object.at("/metadata/namespace").asText() + "/"
            + object.at("/metadata/name").asText();
        byKey.put(key, SORTED.writeValueAsString(SORTED.treeToValue(object, Object.class)));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    return byKey;
  }

  /**
   * Numbers by value (kustomize writes 50000.0 as 50000) and env by name: kustomize's strategic merge puts the
   * variables an overlay sets first, and order matters only to $(VAR) references, which camstream does not use.
   */
  static void normalize(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode value = field.getValue();
        if (value.isFloatingPointNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0) {
          field.setValue(RepoFiles.JSON.getNodeFactory().numberNode(value.longValue()));
        } else if ("env".equals(field.getKey()) && value instanceof ArrayNode env) {
          List<JsonNode> sorted = StreamSupport.stream(env.spliterator(), false)
              .sorted(Comparator.comparing(e -> e.path("name").asText())).toList();
          env.removeAll();
          env.addAll(sorted);
        }
        normalize(field.getValue());
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(HelmChartTest::normalize);
    }
  }

  @Test
  void theComparisonSeesADifference() {
    List<JsonNode> kustomize = RenderedManifests.objects("k8s/operator");
    List<JsonNode> changed = new ArrayList<>();
    for (JsonNode object : kustomize) {
      JsonNode copy = object.deepCopy();
      if ("Deployment".equals(copy.path("kind").asText())) {
        ((ObjectNode) copy.at("/spec/template/spec/containers/0/securityContext")).put("readOnlyRootFilesystem",
            false);
      }
      changed.add(copy);
    }
    assertThat(canonical(changed, o -> true)).isNotEqualTo(canonical(kustomize, o -> true));
    assertThat(canonical(kustomize, o -> true)).isEqualTo(canonical(kustomize, o -> true));
  }

  @Test
  void theChartsCrdIsTheGeneratedOne() {
    assertThat(RepoFiles.read(HelmCharts.CHART + "/crds/camerastreams.camstream.io-v1.yml"))
        .as("charts/camstream/crds is refreshed with crds/ by: mvn -B -ntp -pl operator -Pupdate-crds process-classes")
        .isEqualTo(RepoFiles.read("crds/camerastreams.camstream.io-v1.yml"));
  }

  @Test
  void theAlertRulesAreK8sMonitoringsOwn() {
    JsonNode chart = RenderedManifests.get(RenderedManifests.objects(HelmCharts.MONITORING), "PrometheusRule",
        "camstream");
    assertThat(chart.path("spec"))
        .as("charts/camstream/files/prometheusrule-spec.yaml is the spec of k8s/monitoring/prometheusrule.yaml")
        .isEqualTo(AlertRulesTest.shippedRule().path("spec"));
  }

  static JsonNode values() {
    return RepoFiles.yamlDocuments(RepoFiles.read(HelmCharts.CHART + "/values.yaml")).get(0);
  }

  static JsonNode schema() throws IOException {
    return RepoFiles.JSON.readTree(RepoFiles.read(HelmCharts.CHART + "/values.schema.json"));
  }

  /** Every value of values.yaml, as the dotted path the README and --set name it by. */
  static Set<String> valuePaths() throws IOException {
    Set<String> paths = new TreeSet<>();
    valuePaths(values(), schema(), "", paths);
    return paths;
  }

  @Test
  void everyValueIsDocumentedInTheReadmeAndTheSchema() throws IOException {
    Set<String> paths = valuePaths();
    JsonNode schema = schema();
    assertThat(paths).hasSizeGreaterThan(30).contains("rbac.scope", "cameraWall.ingress.host", "watchNamespaces");

    Set<String> documented = readmeValues();
    assertThat(documented).as("rows of the values table in charts/camstream/README.md").isEqualTo(paths);
    Set<String> described = new TreeSet<>();
    schemaLeaves(schema, "", described);
    assertThat(described).as("values described in values.schema.json").isEqualTo(paths);
  }

  /** Leaves of values.yaml; a map is a leaf where the schema gives it no properties (resources, nodeSelector…). */
  static void valuePaths(JsonNode values, JsonNode schema, String prefix, Set<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String path = prefix + field.getKey();
      JsonNode fieldSchema = schema.path("properties").path(field.getKey());
      assertThat(fieldSchema.isMissingNode()).as("%s is in values.schema.json", path).isFalse();
      if (field.getValue().isObject() && fieldSchema.has("properties")) {
        valuePaths(field.getValue(), fieldSchema, path + ".", out);
      } else {
        out.add(path);
      }
    }
  }

  static void schemaLeaves(JsonNode schema, String prefix, Set<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode property = field.getValue();
      String path = prefix + field.getKey();
      assertThat(property.path("description").asText()).as("description of %s in values.schema.json", path)
          .isNotBlank();
      if (property.has("properties")) {
        assertThat(property.path("additionalProperties").asBoolean(true)).as("%s refuses unknown keys", path)
            .isFalse();
        schemaLeaves(property, path + ".", out);
      } else {
        out.add(path);
      }
    }
  }

  static Set<String> readmeValues() {
    return readmeDefaults().keySet();
  }

  /** The README's default column says what values.yaml says, for every value that fits in a cell. */
  @Test
  void theReadmeStatesEachDefault() throws IOException {
    JsonNode values = values();
    Map<String, String> defaults = readmeDefaults();
    int checked = 0;
    for (String path : valuePaths()) {
      JsonNode value = values.at("/" + path.replace('.', '/'));
      if (value.isContainerNode() && !value.isEmpty() && !isListOfScalars(value)) {
        continue;
      }
      assertThat(defaults.get(path)).as("README default of %s", path).isEqualTo("`" + cell(value) + "`");
      checked++;
    }
    assertThat(checked).isGreaterThan(30);
  }

  static boolean isListOfScalars(JsonNode value) {
    return value.isArray() && StreamSupport.stream(value.spliterator(), false).allMatch(JsonNode::isValueNode);
  }

  /** A value as the README writes it: YAML flow style, strings quoted only where YAML would not read a string. */
  static String cell(JsonNode value) {
    if (value.isTextual()) {
      String text = value.asText();
      return text.isEmpty() || text.matches("[0-9.]+|true|false") ? "\"" + text + "\"" : text;
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(cell(item)));
      return "[" + String.join(", ", items) + "]";
    }
    return value.isObject() ? "{}" : value.asText();
  }

  static Map<String, String> readmeDefaults() {
    Matcher row = Pattern.compile("(?m)^\\| `([a-zA-Z0-9.]+)` \\| ([^|]*) \\|").matcher(
        RepoFiles.read(HelmCharts.CHART + "/README.md"));
    Map<String, String> defaults = new TreeMap<>();
    while (row.find()) {
      defaults.put(row.group(1), row.group(2).trim());
    }
    return defaults;
  }

  @Test
  void theSchemaAndTheTemplatesRefuseWhatCannotWork() {
    assertThatThrownBy(() -> HelmCharts.render(List.of(), Map.of("rbac.scope", "everywhere")))
        .hasMessageContaining("/rbac/scope");
    assertThatThrownBy(() -> HelmCharts.render(List.of(), Map.of("rbac.scope", "namespaced")))
        .hasMessageContaining("watchNamespaces");
    assertThatThrownBy(() -> HelmCharts.render(List.of(), Map.of("cameraWal.enabled", "false")))
        .hasMessageContaining("cameraWal");
    assertThatThrownBy(() -> HelmCharts.render(List.of(), Map.of("watchNamespaces[0]", "Not_A_Namespace")))
        .hasMessageContaining("/watchNamespaces/0");
  }

  @Test
  void theCameraWallCanBeTurnedOffAndPutBehindAnIngress() {
    List<JsonNode> off = RepoFiles.yamlDocuments(HelmCharts.render(List.of(),
        Map.of("cameraWall.enabled", "false", "cameraWall.ingress.enabled", "true")));
    JsonNode container = RenderedManifests.operatorContainer(off);
    assertThat(RenderedManifests.env(container, "CAMSTREAM_UI_PORT")).contains("0");
    assertThat(container.path("ports")).extracting(p -> p.path("name").asText()).containsExactly("http");
    assertThat(RenderedManifests.find(off, "Service", "camstream-ui")).isEmpty();
    assertThat(RenderedManifests.find(off, "Ingress", "camstream-ui")).isEmpty();

    List<JsonNode> everything = RenderedManifests.objects(HelmCharts.EVERYTHING);
    JsonNode ingress = RenderedManifests.get(everything, "Ingress", "camstream-ui");
    JsonNode service = RenderedManifests.get(everything, "Service", "camstream-ui");
    assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText())
        .isEqualTo(service.at("/metadata/name").asText());
    assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/port/name").asText())
        .isEqualTo(service.at("/spec/ports/0/name").asText());
    assertThat(ingress.at("/spec/tls/0/secretName").asText()).isNotBlank();
    assertThat(ingress.at("/metadata/namespace").asText()).isEqualTo(HelmCharts.NAMESPACE);
  }

  @Test
  void theArgoCdApplicationInstallsThisChart() {
    JsonNode application = RepoFiles.yamlDocuments(RepoFiles.read(HelmCharts.ARGOCD_APPLICATION)).get(0);
    assertThat(application.at("/spec/source/path").asText()).isEqualTo(HelmCharts.CHART);
    assertThat(application.at("/spec/destination/namespace").asText()).isEqualTo(HelmCharts.NAMESPACE);
    assertThat(application.at("/spec/source/helm/releaseName").asText()).isEqualTo(HelmCharts.RELEASE);
    // its values render (the schema accepts them) into a leader-elected, confined install
    List<JsonNode> objects = RenderedManifests.objects(HelmCharts.ARGOCD);
    JsonNode container = RenderedManifests.operatorContainer(objects);
    assertThat(RenderedManifests.env(container, "CAMSTREAM_WATCH_NAMESPACES")).contains("cameras");
    assertThat(RenderedManifests.find(objects, "PrometheusRule", "camstream")).isPresent();
    assertThat(application.at("/spec/syncPolicy/managedNamespaceMetadata/labels")
        .path("pod-security.kubernetes.io/enforce").asText()).isEqualTo("restricted");
  }

  @Test
  void artifactHubMetadataNamesTheShippedImagesAndAValidExample() {
    JsonNode chart = RepoFiles.yamlDocuments(RepoFiles.read(HelmCharts.CHART + "/Chart.yaml")).get(0);
    Map<String, String> images = OperatorManifestTest.imagesEnv();
    assertThat(chart.path("appVersion").asText()).as("appVersion is the images' tag")
        .isEqualTo(images.get("CAMSTREAM_OPERATOR_IMAGE").replaceAll(".*:", ""));
    List<String> annotated = new ArrayList<>();
    RepoFiles.yamlDocuments(chart.at("/annotations/artifacthub.io~1images").asText()).get(0)
        .forEach(i -> annotated.add(i.path("image").asText()));
    assertThat(annotated).containsExactlyInAnyOrderElementsOf(images.values());
    JsonNode crds = RepoFiles.yamlDocuments(chart.at("/annotations/artifacthub.io~1crds").asText()).get(0);
    JsonNode crd = RepoFiles.yamlDocuments(RepoFiles.read("crds/camerastreams.camstream.io-v1.yml")).get(0);
    assertThat(crds.at("/0/name").asText()).isEqualTo(crd.at("/metadata/name").asText());
    assertThat(crds.at("/0/kind").asText()).isEqualTo(crd.at("/spec/names/kind").asText());
    assertThat(crds.at("/0/version").asText()).isEqualTo(crd.at("/spec/versions/0/name").asText());
  }
}
