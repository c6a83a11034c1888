package io.camstream.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The operator's own namespace is closed by a NetworkPolicy in every install flavour: the camera wall's port only
 * from the Ingress controller's namespace, the probe and metrics port only from monitoring, nothing else — checked on
 * the rendered manifests, and an overlay can name other namespaces.
 */
class OperatorNetworkPolicyTest {
  static final String POLICY = "camstream-operator";

  @Test
  void everyInstallAdmitsTheWallOnlyFromTheIngressNamespaceAndMetricsOnlyFromMonitoring() {
    for (String kustomization : List.of("k8s/operator", "k8s/overlays/dev", "k8s/overlays/production",
        "k8s/overlays/namespaced")) {
      List<JsonNode> objects = RenderedManifests.objects(kustomization);
      JsonNode policy = RenderedManifests.get(objects, "NetworkPolicy", POLICY);
      JsonNode deployment = RenderedManifests.get(objects, "Deployment", "camstream-operator");
      assertThat(policy.at("/metadata/namespace").asText()).as(kustomization)
          .isEqualTo(deployment.at("/metadata/namespace").asText());
      JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
      policy.at("/spec/podSelector/matchLabels").fields().forEachRemaining(label -> assertThat(
          podLabels.path(label.getKey()).asText()).as(kustomization + ": the policy selects the operator's pods")
          .isEqualTo(label.getValue().asText()));
      assertThat(policy.at("/spec/policyTypes")).extracting(JsonNode::asText).as(kustomization)
          .contains("Ingress");
      assertThat(admitted(policy, deployment)).as(kustomization)
          .isEqualTo(Map.of(8081, List.of("ingress-nginx"), 8080, List.of("monitoring")));
    }
  }

  @Test
  void theOperatorMayReachMediaMtxForTheWallsVideoAndSignalling() {
    JsonNode policy = RenderedManifests.get(RenderedManifests.objects("k8s/operator"), "NetworkPolicy", POLICY);
    List<Integer> ports = new ArrayList<>();
    for (JsonNode rule : policy.at("/spec/egress")) {
      if ("mediamtx".equals(rule.at("/to/0/podSelector/matchLabels/app.kubernetes.io~1component").asText())) {
        rule.path("ports").forEach(port -> ports.add(port.path("port").asInt()));
      }
    }
    assertThat(ports).as("control API, HLS (the wall's proxy), WebRTC (the wall's WHEP signalling)")
        .contains(9997, 8888, 8889);
  }

  @Test
  void anOverlayNamesItsOwnIngressAndMonitoringNamespaces() throws Exception {
    Path overlay = RepoFiles.path("operator/target/networkpolicy-overlay");
    Files.createDirectories(overlay);
    Files.writeString(overlay.resolve("kustomization.yaml"), """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - ../../../k8s/operator
        patches:
          - path: policy.yaml
        """);
    Files.writeString(overlay.resolve("policy.yaml"), """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: camstream-operator
          namespace: camstream-system
        spec:
          ingress:
            - ports: [{port: ui, protocol: TCP}]
              from:
                - namespaceSelector:
                    matchExpressions:
                      - {key: kubernetes.io/metadata.name, operator: In, values: [traefik]}
            - ports: [{port: http, protocol: TCP}]
              from:
                - namespaceSelector:
                    matchExpressions:
                      - {key: kubernetes.io/metadata.name, operator: In, values: [observability]}
        """);
    List<JsonNode> objects = RepoFiles.yamlDocuments(RepoFiles.runOk(List.of("kubectl", "kustomize",
        "operator/target/networkpolicy-overlay")));
    assertThat(admitted(RenderedManifests.get(objects, "NetworkPolicy", POLICY),
        RenderedManifests.get(objects, "Deployment", "camstream-operator")))
        .isEqualTo(Map.of(8081, List.of("traefik"), 8080, List.of("observability")));
  }

  /** Container port number → the namespaces (by their immutable name label) admitted to it; nothing else admitted. */
  private static Map<Integer, List<String>> admitted(JsonNode policy, JsonNode deployment) {
    Map<String, Integer> ports = new TreeMap<>();
    for (JsonNode container : deployment.at("/spec/template/spec/containers")) {
      container.path("ports").forEach(port -> ports.put(port.path("name").asText(),
          port.path("containerPort").asInt()));
    }
    Map<Integer, List<String>> admitted = new TreeMap<>();
    for (JsonNode rule : policy.at("/spec/ingress")) {
      assertThat(rule.path("from")).as("every rule names its sources").isNotEmpty();
      List<String> namespaces = new ArrayList<>();
      for (JsonNode from : rule.path("from")) {
        assertThat(from.has("ipBlock")).as("no address blocks").isFalse();
        assertThat(from.has("podSelector")).as("namespaces, not pods of this namespace").isFalse();
        JsonNode expressions = from.at("/namespaceSelector/matchExpressions");
        assertThat(expressions).hasSize(1);
        assertThat(expressions.at("/0/key").asText()).isEqualTo("kubernetes.io/metadata.name");
        assertThat(expressions.at("/0/operator").asText()).isEqualTo("In");
        expressions.at("/0/values").forEach(value -> namespaces.add(value.asText()));
      }
      assertThat(rule.path("ports")).as("every rule names its ports").isNotEmpty();
      for (JsonNode port : rule.path("ports")) {
        assertThat(port.path("protocol").asText()).isEqualTo("TCP");
        JsonNode number = port.path("port");
        Integer resolved = number.isInt() ? Integer.valueOf(number.asInt()) : ports.get(number.asText());
        assertThat(resolved).as("port %s is a port of the operator's container", number).isNotNull();
        admitted.put(resolved, namespaces);
      }
    }
    return admitted;
  }
}
