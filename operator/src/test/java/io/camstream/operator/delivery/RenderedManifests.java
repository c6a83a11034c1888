package io.camstream.operator.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a user installs, each rendered once per test JVM: the kustomizations under k8s/ with `kubectl kustomize`, and
 * charts/camstream with Helm's library for each of its values files ({@link HelmCharts#RENDERINGS}).
 */
final class RenderedManifests {
  static final List<String> KUSTOMIZATIONS = List.of("k8s/crds", "k8s/operator", "k8s/overlays/dev",
      "k8s/overlays/production", "k8s/overlays/namespaced", "k8s/monitoring");
  /** Every rendering: the kustomizations, then the chart's. */
  static final List<String> ALL = Stream.concat(KUSTOMIZATIONS.stream(),
      HelmCharts.RENDERINGS.keySet().stream()).toList();

  private static Map<String, String> rendered;

  private RenderedManifests() {
  }

  static synchronized Map<String, String> all() {
    if (rendered == null) {
      Map<String, String> texts = new LinkedHashMap<>();
      for (String kustomization : KUSTOMIZATIONS) {
        texts.put(kustomization, RepoFiles.runOk(List.of("kubectl", "kustomize", kustomization)));
      }
      HelmCharts.RENDERINGS.forEach((name, values) -> texts.put(name, HelmCharts.render(values.get())));
      rendered = texts;
    }
    return rendered;
  }

  static List<JsonNode> objects(String kustomization) {
    String text = all().get(kustomization);
    if (text == null) {
      throw new IllegalArgumentException("not a rendering: " + kustomization);
    }
    return RepoFiles.yamlDocuments(text);
  }

  static Optional<JsonNode> find(List<JsonNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.path("kind").asText()) && name.equals(o.path("metadata").path("name").asText()))
        .findFirst();
  }

  static JsonNode get(List<JsonNode> objects, String kind, String name) {
    return find(objects, kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  static JsonNode operatorContainer(List<JsonNode> objects) {
    for (JsonNode container : get(objects, "Deployment", "camstream-operator").at("/spec/template/spec/containers")) {
      if ("operator".equals(container.path("name").asText())) {
        return container;
      }
    }
    throw new AssertionError("no container named operator in Deployment camstream-operator");
  }

  static Optional<String> env(JsonNode container, String name) {
    for (JsonNode env : container.path("env")) {
      if (name.equals(env.path("name").asText())) {
        return Optional.of(env.path("value").asText());
      }
    }
    return Optional.empty();
  }
}
