package io.camstream.operator.security;

import static io.camstream.operator.testing.CameraStreams.rtspCameraWithSecret;
import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, measured: every request the real operator sends to the API server across a CameraStream's
 * life (create, update, blocked by bad input, delete) is turned into the RBAC verb and resource it needs, and must
 * be granted by the ClusterRole in k8s/operator. The test's own actions go through a separate client, told apart
 * by its User-Agent.
 */
class RbacUsageTest {
  private static final String TEST_USER_AGENT = "camstream-rbac-test";
  /** /api/v1/... or /apis/group/version/..., optionally namespaced, then resource[/name[/subresource]]. */
  private static final Pattern RESOURCE_PATH = Pattern.compile(
      "^/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/[^/]+)?/([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?(?:\\?(.*))?$");

  private static OperatorTestHarness harness;
  private static KubernetesClient user;

  @BeforeAll
  static void start() {
    harness = OperatorTestHarness.start();
    user = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory())
        .withConfig(new ConfigBuilder(harness.client().getConfiguration()).withUserAgent(TEST_USER_AGENT).build())
        .build();
  }

  @AfterAll
  static void stop() {
    user.close();
    harness.close();
  }

  @Test
  void everyRequestTheOperatorMakesIsGrantedByItsClusterRole() throws Exception {
    String ns = harness.newNamespace();
    user.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("gate-cam").endMetadata()
        .withStringData(Map.of("username", "u", "password", "p")).build()).create();
    CameraStream site = CameraStreams.of(ns, "site", testPattern("lobby"),
        rtspCameraWithSecret("gate", "rtsp://10.0.0.5/s", "gate-cam"),
        CameraStreams.pulledWithSecret("porch", "rtsp://10.0.0.6/s", "gate-cam"));
    site.getSpec().setRecording(CameraStreams.recording("1Gi", ReclaimPolicy.RETAIN));
    user.resource(site).create();
    for (String name : List.of("site-mediamtx", "site-lobby", "site-gate")) {
      awaitDeployment(ns, name);
      markReady(ns, name);
    }
    edit(ns, cs -> {
      cs.getSpec().getCameras().remove(0);
      cs.getSpec().getCameras().add(testPattern("yard"));
      MediaMtxSpec mediamtx = new MediaMtxSpec();
      mediamtx.setReaders(ReaderAccess.AUTHENTICATED);
      cs.getSpec().setMediamtx(mediamtx);
      cs.getSpec().getRecording().getStorage().setSize("2Gi");
      cs.getSpec().getRecording().getStorage().setReclaimPolicy(ReclaimPolicy.DELETE);
    });
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> {
      var claim = user.persistentVolumeClaims().inNamespace(ns).withName("site-recordings").get();
      return claim != null && claim.getMetadata().getOwnerReferences() != null
          && !claim.getMetadata().getOwnerReferences().isEmpty();
    });
    awaitDeployment(ns, "site-yard");
    await().atMost(OperatorTestHarness.TIMEOUT).until(() ->
        user.apps().deployments().inNamespace(ns).withName("site-lobby").get() == null);
    edit(ns, cs -> cs.getSpec().getCameras().add(rtspCameraWithSecret("door", "rtsp://10.0.0.7/s", "missing")));
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> {
      CameraStream current = user.resources(CameraStream.class).inNamespace(ns).withName("site").get();
      return current.getStatus() != null && current.getStatus().getConditions().stream()
          .anyMatch(c -> "SecretNotFound".equals(c.getReason()));
    });
    user.resources(CameraStream.class).inNamespace(ns).withName("site").delete();
    await().atMost(OperatorTestHarness.TIMEOUT).until(() ->
        user.resources(CameraStream.class).inNamespace(ns).withName("site").get() == null);

    Map<String, Set<String>> used = operatorRequests();
    assertThat(used).as("the operator's requests were recorded").containsKeys("apps/deployments",
        "/configmaps", "/secrets", "/services", "networking.k8s.io/networkpolicies", "camstream.io/camerastreams",
        "/persistentvolumeclaims");
    assertThat(used.get("/persistentvolumeclaims")).contains("create", "update");
    Map<String, Set<String>> granted = clusterRoleRules();
    for (Map.Entry<String, Set<String>> entry : used.entrySet()) {
      assertThat(granted.getOrDefault(entry.getKey(), Set.of()))
          .as("ClusterRole verbs on %s (the operator used %s)", entry.getKey(), entry.getValue())
          .containsAll(entry.getValue());
    }
    System.out.println("RBAC: used " + used + "; granted " + granted);
  }

  /** "group/resource[/subresource]" to the verbs the operator's requests needed. */
  private static Map<String, Set<String>> operatorRequests() throws InterruptedException {
    Map<String, Set<String>> used = new TreeMap<>();
    for (var request = harness.server().takeRequest(1, TimeUnit.MILLISECONDS); request != null;
        request = harness.server().takeRequest(1, TimeUnit.MILLISECONDS)) {
      String agent = request.getHeader("User-Agent");
      if (agent != null && agent.contains(TEST_USER_AGENT)) {
        continue;
      }
      Matcher path = RESOURCE_PATH.matcher(request.getPath());
      if (!path.matches()) {
        continue; // discovery (/api, /apis, /version): granted to every authenticated user
      }
      String group = path.group(1) == null ? "" : path.group(1);
      String resource = group + "/" + path.group(2) + (path.group(4) == null ? "" : "/" + path.group(4));
      boolean named = path.group(3) != null;
      String query = path.group(5) == null ? "" : path.group(5);
      String verb = switch (request.getMethod()) {
        case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
        case "POST" -> "create";
        case "PUT" -> "update";
        case "PATCH" -> "patch";
        case "DELETE" -> named ? "delete" : "deletecollection";
        default -> request.getMethod();
      };
      used.computeIfAbsent(resource, k -> new TreeSet<>()).add(verb);
    }
    used.remove("apiextensions.k8s.io/customresourcedefinitions"); // the harness installing the CRD
    return used;
  }

  private static Map<String, Set<String>> clusterRoleRules() throws Exception {
    Process kubectl = new ProcessBuilder("kubectl", "kustomize", "k8s/operator").directory(Path.of("..").toFile())
        .redirectErrorStream(true).start();
    String rendered = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kubectl.waitFor()).as(rendered).isZero();
    Map<String, Set<String>> granted = new TreeMap<>();
    try (var parser = new YAMLFactory().createParser(rendered)) {
      var documents = new ObjectMapper().readValues(parser, JsonNode.class);
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (!"ClusterRole".equals(document.path("kind").asText())) {
          continue;
        }
        for (JsonNode rule : document.path("rules")) {
          for (JsonNode group : rule.path("apiGroups")) {
            for (JsonNode resource : rule.path("resources")) {
              Set<String> verbs = granted.computeIfAbsent(group.asText() + "/" + resource.asText(),
                  k -> new TreeSet<>());
              rule.path("verbs").forEach(v -> verbs.add(v.asText()));
            }
          }
        }
      }
    }
    return granted;
  }

  private static void awaitDeployment(String ns, String name) {
    await().atMost(OperatorTestHarness.TIMEOUT).until(() ->
        user.apps().deployments().inNamespace(ns).withName(name).get() != null);
  }

  private static void markReady(String ns, String name) {
    user.apps().deployments().inNamespace(ns).withName(name).editStatus(d -> {
      d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
          .withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).withUpdatedReplicas(1)
          .withConditions(new DeploymentConditionBuilder().withType("Available").withStatus("True").build())
          .build());
      return d;
    });
  }

  private static void edit(String ns, java.util.function.Consumer<CameraStream> change) {
    await().atMost(OperatorTestHarness.TIMEOUT).ignoreExceptions().until(() -> {
      CameraStream current = user.resources(CameraStream.class).inNamespace(ns).withName("site").get();
      change.accept(current);
      user.resource(current).update();
      return true;
    });
  }
}
