package io.camstream.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camstream.operator.health.PushHealthReasons;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.validation.SpecProblem;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The docs a newcomer follows stay true to what ships: fields, reasons, links, and the README's quickstart. */
class DocumentationTest {
  static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  static final Pattern TERMINAL_LUA = Pattern.compile("local terminal = \\{([^}]*)\\}");

  @Test
  void userGuideDocumentsEverySpecField() {
    JsonNode crd = RepoFiles.yamlDocuments(RepoFiles.read(ManifestValidationTest.GENERATED_CRD)).get(0);
    JsonNode spec = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
    List<String> fields = new ArrayList<>();
    collectFields(spec, "spec", fields);
    assertThat(fields).hasSizeGreaterThan(15);
    fields.remove("spec");
    String guide = RepoFiles.read("docs/user-guide.md");
    assertThat(fields.stream().filter(field -> !guide.contains("| `" + field + "` |")))
        .as("fields without a row in docs/user-guide.md").isEmpty();
  }

  /** Field paths as users write them (spec.cameras[].source.url); standard Kubernetes types are one field. */
  static void collectFields(JsonNode schema, String path, List<String> out) {
    out.add(path);
    if (path.endsWith(".resources")) {
      return;
    }
    JsonNode properties = schema.has("items") ? schema.path("items").path("properties") : schema.path("properties");
    String prefix = schema.has("items") ? path + "[]." : path + ".";
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      collectFields(field.getValue(), prefix + field.getKey(), out);
    }
  }

  @Test
  void everyConditionReasonTheOperatorSetsIsDocumented() throws IllegalAccessException {
    Set<String> reasons = new TreeSet<>();
    reasons.addAll(stringConstants(ConditionTypes.class, "REASON_"));
    reasons.addAll(stringConstants(PushHealthReasons.class, ""));
    reasons.addAll(stringConstants(SpecProblem.class, ""));
    assertThat(reasons).contains("Ready", "InvalidSpec", "SecretNotFound", "Stalled");
    assertThat(reasons).isSubsetOf(documentedReasons().keySet());
  }

  static Set<String> stringConstants(Class<?> type, String prefix) throws IllegalAccessException {
    Set<String> values = new TreeSet<>();
    for (Field field : type.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
          && field.getName().startsWith(prefix)) {
        values.add((String) field.get(null));
      }
    }
    return values;
  }

  /** reason -> its "condition" cell, from the reasons table of docs/user-guide.md. */
  static Map<String, String> documentedReasons() {
    Map<String, String> reasons = new java.util.TreeMap<>();
    for (String line : RepoFiles.read("docs/user-guide.md").lines().toList()) {
      Matcher row = Pattern.compile("^\\| `(\\w+)` \\|([^|]*)\\|").matcher(line);
      if (row.find() && row.group(2).matches(".*`(Ready|MediaServerAvailable|CamerasPublishing|ExternalAddressAssigned|Recording)`.*")) {
        reasons.put(row.group(1), row.group(2));
      }
    }
    return reasons;
  }

  @Test
  void everyTerminalReasonOfTheArgoCdCheckIsDocumentedAsTerminal() {
    Matcher terminal = TERMINAL_LUA.matcher(RepoFiles.read(ArgoCdHealthCheckTest.SCRIPT));
    assertThat(terminal.find()).isTrue();
    Set<String> luaReasons = new TreeSet<>();
    Matcher reason = Pattern.compile("(\\w+) = true").matcher(terminal.group(1));
    while (reason.find()) {
      luaReasons.add(reason.group(1));
    }
    assertThat(luaReasons).isEqualTo(new TreeSet<>(ArgoCdHealthCheckTest.TERMINAL_REASONS));

    Set<String> documentedTerminal = new TreeSet<>();
    documentedReasons().forEach((name, condition) -> {
      if (condition.contains("(terminal)")) {
        documentedTerminal.add(name);
      }
    });
    assertThat(documentedTerminal).isEqualTo(luaReasons);
  }

  @Test
  void everyRelativeLinkInTheDocsResolves() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(RepoFiles.path("README.md"), RepoFiles.path("k8s/README.md"),
        RepoFiles.path("k8s/argocd/README.md")));
    try (Stream<Path> files = Files.list(RepoFiles.path("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).forEach(docs::add);
    }
    List<String> broken = new ArrayList<>();
    for (Path doc : docs) {
      Matcher link = LINK.matcher(Files.readString(doc));
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("^[a-z]+:.*")) {
          continue;
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(RepoFiles.root().relativize(doc) + ": " + target);
        } else if (anchor != null && Files.isRegularFile(resolved)
            && !headingAnchors(Files.readString(resolved)).contains(anchor)) {
          broken.add(RepoFiles.root().relativize(doc) + ": " + target + " (no such heading)");
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
  static Set<String> headingAnchors(String markdown) {
    Set<String> anchors = new TreeSet<>();
    for (String line : markdown.lines().toList()) {
      if (line.startsWith("#")) {
        String text = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
        anchors.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }

  @Test
  void readmeQuickstartMatchesTheDevOverlay() {
    String readme = RepoFiles.read("README.md");
    List<JsonNode> dev = RenderedManifests.objects("k8s/overlays/dev");
    JsonNode demo = dev.stream().filter(o -> "CameraStream".equals(o.path("kind").asText())).findFirst().orElseThrow();
    String namespace = demo.at("/metadata/namespace").asText();
    String name = demo.at("/metadata/name").asText();
    String camera = demo.at("/spec/cameras/0/name").asText();

    assertThat(readme).contains("kubectl apply -k k8s/crds", "kubectl apply -k k8s/overlays/dev",
        "hack/build-images.sh kind", "kubectl -n " + namespace + " get cams",
        "kubectl -n " + namespace + " port-forward svc/" + name + "-mediamtx 8889:8889",
        "http://localhost:8889/" + camera, "rtsp://localhost:8554/" + camera, "http://localhost:8888/" + camera);
    assertThat(RepoFiles.read("hack/build-images.sh")).contains("kind)", "k3d)");
    // The port-forward carries exactly the MediaMTX ports a viewer uses.
    Matcher forward = Pattern.compile("port-forward svc/\\S+ ((?:\\d+:\\d+ ?)+)").matcher(readme);
    assertThat(forward.find()).isTrue();
    assertThat(forward.group(1).trim().split(" ")).contains("8889:8889", "8888:8888", "8554:8554", "8189:8189");
  }
}
