package io.camstream.operator.delivery;

import static io.camstream.operator.delivery.RenderedManifests.env;
import static io.camstream.operator.delivery.RenderedManifests.get;
import static io.camstream.operator.delivery.RenderedManifests.operatorContainer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camstream.operator.OperatorSettings;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.ui.CameraWallSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * What the operator's own Deployment promises in every install flavour, kustomize's and the Helm chart's: probes,
 * limits, restricted pods, images.
 */
class OperatorManifestTest {
  static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
      "CustomResourceDefinition");

  @ParameterizedTest
  @ValueSource(strings = {"k8s/operator", "k8s/overlays/dev", "k8s/overlays/production", "k8s/overlays/namespaced",
      "charts/camstream", "charts/camstream:namespaced", "charts/camstream:everything", "charts/camstream:argocd"})
  void probesHitTheHealthPort(String kustomization) {
    JsonNode container = operatorContainer(RenderedManifests.objects(kustomization));
    assertThat(env(container, "CAMSTREAM_HEALTH_PORT")).contains("8080");
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    String portName = container.at("/ports/0/name").asText();
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/healthz");
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      assertThat(container.path(probe).at("/httpGet/port").asText()).as(probe).isIn(portName, "8080");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s/operator", "k8s/overlays/dev", "k8s/overlays/production", "k8s/overlays/namespaced",
      "charts/camstream", "charts/camstream:namespaced", "charts/camstream:everything", "charts/camstream:argocd"})
  void cameraWallIsAClusterIpServiceOnItsOwnPort(String kustomization) {
    List<JsonNode> objects = RenderedManifests.objects(kustomization);
    JsonNode container = operatorContainer(objects);
    assertThat(env(container, "CAMSTREAM_UI_PORT")).contains("8081");
    JsonNode uiPort = null;
    for (JsonNode port : container.path("ports")) {
      if ("ui".equals(port.path("name").asText())) {
        uiPort = port;
      }
    }
    assertThat(uiPort).as("container port named ui").isNotNull();
    assertThat(uiPort.path("containerPort").asInt()).isEqualTo(8081).isNotEqualTo(8080);

    JsonNode service = get(objects, "Service", "camstream-ui");
    JsonNode deployment = get(objects, "Deployment", "camstream-operator");
    assertThat(service.at("/metadata/namespace").asText()).isEqualTo(deployment.at("/metadata/namespace").asText());
    assertThat(service.at("/spec/type").asText("ClusterIP")).isEqualTo("ClusterIP");
    assertThat(service.at("/spec/ports")).hasSize(1);
    assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8081);
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("ui");
    Map<String, Object> podLabels = RepoFiles.JSON.convertValue(deployment.at("/spec/template/metadata/labels"),
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
    Map<String, Object> selector = RepoFiles.JSON.convertValue(service.at("/spec/selector"),
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
    assertThat(selector).isNotEmpty();
    assertThat(podLabels).containsAllEntriesOf(selector);
    // The metrics ServiceMonitor selects the operator's Services by name label: the wall is not one of them.
    assertThat(service.at("/metadata/labels/app.kubernetes.io~1name").asText()).isNotEqualTo("camstream-operator");
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s/operator", "k8s/overlays/dev", "k8s/overlays/production", "k8s/overlays/namespaced",
      "charts/camstream", "charts/camstream:namespaced", "charts/camstream:everything", "charts/camstream:argocd"})
  void podMeetsTheRestrictedPodSecurityStandard(String kustomization) {
    JsonNode pod = get(RenderedManifests.objects(kustomization), "Deployment", "camstream-operator")
        .at("/spec/template/spec");
    JsonNode container = operatorContainer(RenderedManifests.objects(kustomization));
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/runAsUser").asInt()).isGreaterThan(0);
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/capabilities/drop")).extracting(JsonNode::asText).containsExactly("ALL");
    assertThat(container.at("/securityContext/capabilities/add").isMissingNode()).isTrue();
    assertThat(pod.path("hostNetwork").asBoolean(false)).isFalse();
    for (JsonNode volume : pod.path("volumes")) {
      assertThat(volume.has("hostPath")).as("volume %s", volume.path("name").asText()).isFalse();
    }
    // With a read-only root filesystem the JVM still needs a writable /tmp.
    assertThat(container.path("volumeMounts")).anySatisfy(m -> assertThat(m.path("mountPath").asText()).isEqualTo("/tmp"));
    assertThat(container.at("/resources/requests/cpu").isMissingNode()).isFalse();
    assertThat(container.at("/resources/requests/memory").isMissingNode()).isFalse();
    assertThat(container.at("/resources/limits/memory").isMissingNode()).isFalse();
  }

  @Test
  void imagesComeFromImagesEnvAndMatchTheSharedContract() {
    Map<String, String> images = imagesEnv();
    assertThat(images).containsExactlyInAnyOrderEntriesOf(Map.of(
        "CAMSTREAM_OPERATOR_IMAGE", "ghcr.io/camstream/camstream-operator:0.1.0",
        "CAMSTREAM_STREAMER_IMAGE", "ghcr.io/camstream/camstream-streamer:0.1.0",
        "CAMSTREAM_MEDIAMTX_IMAGE", "bluenviron/mediamtx:1.20.1"));
    for (String kustomization : List.of("k8s/operator", "k8s/overlays/dev", "k8s/overlays/production",
        "k8s/overlays/namespaced", HelmCharts.DEFAULTS, HelmCharts.NAMESPACED, HelmCharts.ARGOCD)) {
      List<JsonNode> objects = RenderedManifests.objects(kustomization);
      JsonNode container = operatorContainer(objects);
      assertThat(container.path("image").asText()).as(kustomization).isEqualTo(images.get("CAMSTREAM_OPERATOR_IMAGE"));
      JsonNode imagesConfigMap = objects.stream()
          .filter(o -> "ConfigMap".equals(o.path("kind").asText())
              && o.at("/metadata/name").asText().startsWith("camstream-operator-images"))
          .findFirst().orElseThrow();
      for (String key : List.of("CAMSTREAM_STREAMER_IMAGE", "CAMSTREAM_MEDIAMTX_IMAGE")) {
        JsonNode envVar = findEnv(container, key);
        assertThat(envVar.at("/valueFrom/configMapKeyRef/name").asText()).as(key)
            .isEqualTo(imagesConfigMap.at("/metadata/name").asText());
        assertThat(imagesConfigMap.at("/data/" + key).asText()).isEqualTo(images.get(key));
      }
    }
  }

  @Test
  void devRunsInOneNamespaceWatchingOnlyIt() {
    List<JsonNode> objects = RenderedManifests.objects("k8s/overlays/dev");
    Set<String> namespaces = objects.stream().filter(o -> !CLUSTER_SCOPED.contains(o.path("kind").asText()))
        .map(o -> o.at("/metadata/namespace").asText()).collect(Collectors.toSet());
    assertThat(namespaces).containsExactly("camstream-dev");
    assertThat(objects.stream().filter(o -> "Namespace".equals(o.path("kind").asText()))
        .map(o -> o.at("/metadata/name").asText())).containsExactly("camstream-dev");
    JsonNode container = operatorContainer(objects);
    assertThat(env(container, "CAMSTREAM_WATCH_NAMESPACES")).contains("camstream-dev");
    assertThat(env(container, "CAMSTREAM_LEADER_ELECTION")).contains("false");
    assertThat(get(objects, "Deployment", "camstream-operator").at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(get(objects, "ClusterRoleBinding", "camstream-operator").at("/subjects/0/namespace").asText())
        .isEqualTo("camstream-dev");
    JsonNode demo = objects.stream().filter(o -> "CameraStream".equals(o.path("kind").asText())).findFirst()
        .orElseThrow();
    assertThat(demo.at("/spec/cameras/0/source/url").asText()).startsWith("testpattern");
  }

  @ParameterizedTest
  @ValueSource(strings = {"k8s/overlays/production", "charts/camstream:argocd"})
  void productionRunsTwoLeaderElectedReplicasWithABudgetAndNamespacedPermissions(String rendering) {
    List<JsonNode> objects = RenderedManifests.objects(rendering);
    JsonNode deployment = get(objects, "Deployment", "camstream-operator");
    JsonNode container = operatorContainer(objects);
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(env(container, "CAMSTREAM_LEADER_ELECTION")).contains("true");

    JsonNode budget = get(objects, "PodDisruptionBudget", "camstream-operator");
    assertThat(budget.at("/metadata/namespace").asText()).isEqualTo(deployment.at("/metadata/namespace").asText());
    assertThat(budget.at("/spec/minAvailable").asInt()).isBetween(1, 1);
    assertThat(RepoFiles.JSON.convertValue(budget.at("/spec/selector/matchLabels"), Map.class))
        .isEqualTo(RepoFiles.JSON.convertValue(deployment.at("/spec/selector/matchLabels"), Map.class));

    // Watching named namespaces: the ClusterRole is granted in exactly those, never cluster-wide.
    List<String> watched = Arrays.stream(env(container, "CAMSTREAM_WATCH_NAMESPACES").orElseThrow().split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    assertThat(watched).isNotEmpty();
    // Cluster-wide, only what is cluster-scoped anyway: the nodes' addresses (list/watch on Nodes) and the recordings
    // claims' StorageClasses (get), nothing else.
    assertThat(objects.stream().filter(o -> "ClusterRoleBinding".equals(o.path("kind").asText()))
        .map(o -> o.at("/roleRef/name").asText()))
        .containsExactlyInAnyOrder(OperatorRbacTest.NODES_ROLE, OperatorRbacTest.STORAGE_CLASSES_ROLE);
    List<String> boundNamespaces = new ArrayList<>();
    for (JsonNode o : objects) {
      if ("RoleBinding".equals(o.path("kind").asText()) && "ClusterRole".equals(o.at("/roleRef/kind").asText())
          && "camstream-operator".equals(o.at("/roleRef/name").asText())) {
        boundNamespaces.add(o.at("/metadata/namespace").asText());
        assertThat(o.at("/subjects/0/name").asText()).isEqualTo("camstream-operator");
        assertThat(o.at("/subjects/0/namespace").asText()).isEqualTo(deployment.at("/metadata/namespace").asText());
      }
    }
    assertThat(boundNamespaces).containsExactlyInAnyOrderElementsOf(watched);
  }

  /**
   * The namespaced install: no cluster-scoped permission of any kind (no ClusterRole, no ClusterRoleBinding, so no
   * Secret of any other namespace and no Nodes); in each watched namespace a Role with exactly k8s/operator's rules,
   * bound to the operator's ServiceAccount.
   */
  @ParameterizedTest
  @ValueSource(strings = {"k8s/overlays/namespaced", "charts/camstream:namespaced"})
  void namespacedInstallGrantsTheOperatorsRulesOnlyInTheWatchedNamespaces(String rendering) {
    List<JsonNode> objects = RenderedManifests.objects(rendering);
    JsonNode deployment = get(objects, "Deployment", "camstream-operator");
    JsonNode container = operatorContainer(objects);
    assertThat(objects).noneSatisfy(o -> assertThat(o.path("kind").asText()).isIn("ClusterRole",
        "ClusterRoleBinding"));
    assertThat(env(container, "CAMSTREAM_READ_NODES")).as("Nodes are cluster-scoped: not read").contains("false");
    List<String> watched = Arrays.stream(env(container, "CAMSTREAM_WATCH_NAMESPACES").orElseThrow().split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    assertThat(watched).isNotEmpty();

    JsonNode clusterRole = get(RenderedManifests.objects("k8s/operator"), "ClusterRole", "camstream-operator");
    List<String> roleNamespaces = new ArrayList<>();
    for (JsonNode o : objects) {
      if ("Role".equals(o.path("kind").asText()) && "camstream-operator".equals(o.at("/metadata/name").asText())) {
        roleNamespaces.add(o.at("/metadata/namespace").asText());
        assertThat(o.path("rules")).as("the Role's rules are the ClusterRole's").isEqualTo(clusterRole.path("rules"));
      }
    }
    assertThat(roleNamespaces).containsExactlyInAnyOrderElementsOf(watched);
    List<String> boundNamespaces = new ArrayList<>();
    for (JsonNode o : objects) {
      if ("RoleBinding".equals(o.path("kind").asText()) && "camstream-operator".equals(o.at("/roleRef/name").asText())) {
        assertThat(o.at("/roleRef/kind").asText()).isEqualTo("Role");
        assertThat(o.at("/subjects/0/name").asText()).isEqualTo("camstream-operator");
        assertThat(o.at("/subjects/0/namespace").asText()).isEqualTo(deployment.at("/metadata/namespace").asText());
        boundNamespaces.add(o.at("/metadata/namespace").asText());
      }
    }
    assertThat(boundNamespaces).containsExactlyInAnyOrderElementsOf(watched);
    // whatever else is granted (the leader-election Lease) is in the operator's namespace, and never Secrets
    for (JsonNode o : objects) {
      if ("Role".equals(o.path("kind").asText()) && !watched.contains(o.at("/metadata/namespace").asText())) {
        assertThat(o.at("/metadata/namespace").asText()).isEqualTo(deployment.at("/metadata/namespace").asText());
        o.path("rules").forEach(rule -> assertThat(rule.path("resources").toString()).doesNotContain("secrets"));
      }
    }
  }

  /**
   * The operator's NetworkPolicy lets in what reaches its container ports and lets out exactly what it talks to: DNS,
   * the API server, and each MediaMTX's control API, HLS and WebRTC server at the ports of its default URLs.
   */
  @ParameterizedTest
  @ValueSource(strings = {"k8s/operator", "k8s/overlays/namespaced", "k8s/overlays/production", "charts/camstream",
      "charts/camstream:everything"})
  void theNetworkPolicyAdmitsWhatTheOperatorNeedsAndNothingElse(String rendering) {
    List<JsonNode> objects = RenderedManifests.objects(rendering);
    JsonNode policy = get(objects, "NetworkPolicy", "camstream-operator");
    JsonNode deployment = get(objects, "Deployment", "camstream-operator");
    assertThat(policy.at("/metadata/namespace").asText()).isEqualTo(deployment.at("/metadata/namespace").asText());
    assertThat(RepoFiles.JSON.convertValue(policy.at("/spec/podSelector/matchLabels"), Map.class))
        .isEqualTo(RepoFiles.JSON.convertValue(deployment.at("/spec/selector/matchLabels"), Map.class));
    assertThat(policy.at("/spec/policyTypes")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("Ingress", "Egress");

    List<String> ingressPorts = new ArrayList<>();
    policy.at("/spec/ingress").forEach(rule -> rule.path("ports").forEach(p -> ingressPorts.add(p.path("port")
        .asText())));
    List<String> containerPorts = new ArrayList<>();
    operatorContainer(objects).path("ports").forEach(p -> containerPorts.add(p.path("name").asText()));
    assertThat(ingressPorts).containsExactlyInAnyOrderElementsOf(containerPorts);

    Set<String> anywhere = new java.util.TreeSet<>();
    Set<String> toMediaMtx = new java.util.TreeSet<>();
    for (JsonNode rule : policy.at("/spec/egress")) {
      Set<String> ports = new java.util.TreeSet<>();
      rule.path("ports").forEach(p -> ports.add(p.path("protocol").asText() + "/" + p.path("port").asText()));
      if (rule.path("to").isEmpty()) {
        anywhere.addAll(ports);
      } else {
        // every MediaMTX pod, in any namespace: the pods' own labels, not a CameraStream's
        assertThat(rule.path("to")).singleElement().satisfies(peer -> {
          assertThat(peer.path("namespaceSelector").isObject()).isTrue();
          assertThat(peer.path("namespaceSelector").isEmpty()).isTrue();
          assertThat(RepoFiles.JSON.convertValue(peer.at("/podSelector/matchLabels"), Map.class)).isEqualTo(Map.of(
              Labels.NAME, Labels.APP, Labels.COMPONENT, Labels.COMPONENT_MEDIAMTX));
        });
        toMediaMtx.addAll(ports);
      }
    }
    assertThat(anywhere).as("DNS and the API server").containsExactlyInAnyOrder("UDP/53", "TCP/53", "TCP/443",
        "TCP/6443");
    assertThat(toMediaMtx).as("MediaMTX's control API, HLS server and WebRTC server").containsExactlyInAnyOrder(
        "TCP/" + portOf(OperatorSettings.DEFAULT_MEDIAMTX_API_URL), "TCP/" + portOf(CameraWallSettings.DEFAULT_HLS_URL),
        "TCP/" + portOf(CameraWallSettings.DEFAULT_WEBRTC_URL));
  }

  static int portOf(String urlTemplate) {
    return java.net.URI.create(urlTemplate.replace("{name}", "n").replace("{namespace}", "ns")).getPort();
  }

  static JsonNode findEnv(JsonNode container, String name) {
    for (JsonNode envVar : container.path("env")) {
      if (name.equals(envVar.path("name").asText())) {
        return envVar;
      }
    }
    throw new AssertionError("no env " + name);
  }

  static Map<String, String> imagesEnv() {
    Map<String, String> images = new LinkedHashMap<>();
    for (String line : RepoFiles.read("k8s/operator/images.env").split("\n")) {
      String trimmed = line.trim();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        int eq = trimmed.indexOf('=');
        images.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
      }
    }
    return images;
  }
}
