package io.camstream.operator.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * charts/camstream rendered by Helm's own library (helm-java: the Helm Go library through JNA, no helm binary), as
 * {@code helm template camstream charts/camstream -n camstream-system -f VALUES} does, CRDs included.
 */
final class HelmCharts {
  static final String CHART = "charts/camstream";
  static final String RELEASE = "camstream";
  static final String NAMESPACE = "camstream-system";
  /** The oldest Kubernetes the chart supports (Chart.yaml kubeVersion): no template may need a newer one. */
  static final String KUBE_VERSION = "1.25.0";
  static final String ARGOCD_APPLICATION = "k8s/argocd/application-helm.yaml";

  /** Names of the chart's renderings in {@link RenderedManifests}. */
  static final String DEFAULTS = CHART;
  static final String NAMESPACED = CHART + ":namespaced";
  static final String MONITORING = CHART + ":monitoring";
  static final String EVERYTHING = CHART + ":everything";
  static final String ARGOCD = CHART + ":argocd";

  /** Each rendering and its values files: the defaults, the chart's ci/ files and the Argo CD example's values. */
  static final Map<String, Supplier<List<Path>>> RENDERINGS = renderings();

  private HelmCharts() {
  }

  private static Map<String, Supplier<List<Path>>> renderings() {
    Map<String, Supplier<List<Path>>> renderings = new LinkedHashMap<>();
    renderings.put(DEFAULTS, List::of);
    renderings.put(NAMESPACED, () -> List.of(RepoFiles.path(CHART + "/ci/namespaced-values.yaml")));
    renderings.put(MONITORING, () -> List.of(RepoFiles.path(CHART + "/ci/monitoring-values.yaml")));
    renderings.put(EVERYTHING, () -> List.of(RepoFiles.path(CHART + "/ci/everything-values.yaml")));
    renderings.put(ARGOCD, () -> List.of(argoCdValues()));
    return renderings;
  }

  static Helm chart() {
    return new Helm(RepoFiles.path(CHART));
  }

  static String render(List<Path> valuesFiles) {
    return render(valuesFiles, Map.of());
  }

  /** Renders with the chart's defaults, then each values file, then each {@code --set}. */
  static String render(List<Path> valuesFiles, Map<String, Object> sets) {
    TemplateCommand template = chart().template().withName(RELEASE).withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION);
    valuesFiles.forEach(template::withValuesFile);
    sets.forEach(template::set);
    return template.call();
  }

  /** The Argo CD Application's spec.source.helm.valuesObject, as a values file. */
  static Path argoCdValues() {
    JsonNode application = RepoFiles.yamlDocuments(RepoFiles.read(ARGOCD_APPLICATION)).get(0);
    try {
      Path file = Files.createTempFile("camstream-argocd-values", ".yaml");
      file.toFile().deleteOnExit();
      Files.writeString(file, RepoFiles.YAML.writeValueAsString(application.at("/spec/source/helm/valuesObject")));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
