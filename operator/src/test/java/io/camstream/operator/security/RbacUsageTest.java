package io.camstream.operator.security;

import static io.camstream.operator.testing.CameraStreams.rtspCameraWithSecret;
import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.camstream.operator.OperatorSettings;
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
import java.util.ArrayList;
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

  /** The all-namespaces install (k8s/operator): one operator for every test namespace. */
  private static OperatorTestHarness harness;
  private static KubernetesClient user;

  @BeforeAll
  static void start() {
    harness = OperatorTestHarness.start();
    user = userOf(harness);
  }

  @AfterAll
  static void stop() {
    user.close();
    harness.close();
  }

  @Test
  void everyRequestTheOperatorMakesIsGrantedByItsClusterRole() throws Exception {
    String ns = harness.newNamespace();
    lifecycle(user, ns);

    Map<String, Set<String>> used = operatorRequests(harness, request -> true);
    assertThat(used).as("the operator's requests were recorded").containsKeys("apps/deployments",
        "/configmaps", "/secrets", "/services", "networking.k8s.io/networkpolicies", "camstream.io/camerastreams",
        "/persistentvolumeclaims");
    assertThat(used.get("/persistentvolumeclaims")).contains("create", "update");
    assertGranted(used, rules("k8s/operator", "ClusterRole"), "ClusterRole");
  }

  /**
   * The namespaced install (k8s/overlays/namespaced): an operator watching one namespace sends no request outside it
   * (no cluster-wide list or watch of Secrets, or of anything else) and every request is granted by the Role there.
   */
  @Test
  void inTheNamespacedInstallEveryRequestStaysInTheWatchedNamespaceAndIsGrantedByItsRole() throws Exception {
    String ns = "cameras-rbac";
    try (OperatorTestHarness namespaced = OperatorTestHarness.builder()
        .env(OperatorSettings.WATCH_NAMESPACES, ns).env(OperatorSettings.READ_NODES, "false")
        .env(OperatorSettings.READ_STORAGE_CLASSES, "false").start();
        KubernetesClient namespacedUser = userOf(namespaced)) {
      lifecycle(namespacedUser, ns);

      List<String> outside = new ArrayList<>();
      Map<String, Set<String>> used = operatorRequests(namespaced, path -> {
        if (!path.contains("/namespaces/" + ns + "/")) {
          outside.add(path);
          return false;
        }
        return true;
      });
      assertThat(outside).as("requests outside the watched namespace").isEmpty();
      assertThat(used).containsKeys("/secrets", "apps/deployments", "camstream.io/camerastreams");
      assertGranted(used, rules("k8s/overlays/namespaced", "Role"), "Role in " + ns);
    }
  }

  /** Create with a camera Secret, update, block on a missing Secret, delete: what a CameraStream goes through. */
  private static void lifecycle(KubernetesClient user, String ns) {
    user.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("gate-cam")
        .addToLabels("camstream.io/camera-credentials", "true").endMetadata()
        .withStringData(Map.of("username", "u", "password", "p")).build()).create();
    CameraStream site = CameraStreams.of(ns, "site", testPattern("lobby"),
        rtspCameraWithSecret("gate", "rtsp://10.0.0.5/s", "gate-cam"),
        CameraStreams.pulledWithSecret("porch", "rtsp://10.0.0.6/s", "gate-cam"));
    site.getSpec().setRecording(CameraStreams.recording("1Gi", ReclaimPolicy.RETAIN));
    user.resource(site).create();
    for (String name : List.of("site-mediamtx", "site-lobby", "site-gate")) {
      awaitDeployment(user, ns, name);
      markReady(user, ns, name);
    }
    edit(user, ns, cs -> {
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
    awaitDeployment(user, ns, "site-yard");
    await().atMost(OperatorTestHarness.TIMEOUT).until(() ->
        user.apps().deployments().inNamespace(ns).withName("site-lobby").get() == null);
    edit(user, ns, cs -> cs.getSpec().getCameras().add(rtspCameraWithSecret("door", "rtsp://10.0.0.7/s", "missing")));
    await().atMost(OperatorTestHarness.TIMEOUT).until(() -> {
      CameraStream current = user.resources(CameraStream.class).inNamespace(ns).withName("site").get();
      return current.getStatus() != null && current.getStatus().getConditions().stream()
          .anyMatch(c -> "SecretNotFound".equals(c.getReason()));
    });
    user.resources(CameraStream.class).inNamespace(ns).withName("site").delete();
    await().atMost(OperatorTestHarness.TIMEOUT).until(() ->
        user.resources(CameraStream.class).inNamespace(ns).withName("site").get() == null);
  }

  private static void assertGranted(Map<String, Set<String>> used, Map<String, Set<String>> granted, String role) {
    for (Map.Entry<String, Set<String>> entry : used.entrySet()) {
      assertThat(granted.getOrDefault(entry.getKey(), Set.of()))
          .as("%s verbs on %s (the operator used %s)", role, entry.getKey(), entry.getValue())
          .containsAll(entry.getValue());
    }
    System.out.println("RBAC (" + role + "): used " + used + "; granted " + granted);
  }

  /** A client for the test's own actions, told apart from the operator's by its User-Agent. */
  private static KubernetesClient userOf(OperatorTestHarness harness) {
    return new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory())
        .withConfig(new ConfigBuilder(harness.client().getConfiguration()).withUserAgent(TEST_USER_AGENT).build())
        .build();
  }

  /**
   * "group/resource[/subresource]" to the verbs the operator's requests needed.
   *
   * @param keep sees the path of each of the operator's resource requests; false leaves it out
   */
  private static Map<String, Set<String>> operatorRequests(OperatorTestHarness harness,
      java.util.function.Predicate<String> keep) throws InterruptedException {
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
      if ("apiextensions.k8s.io/customresourcedefinitions".equals(resource)
          || "authorization.k8s.io/selfsubjectrulesreviews".equals(resource)
          || "authorization.k8s.io/selfsubjectaccessreviews".equals(resource)) {
        continue; // the harness installing the CRD; JOSDK's and camstream's own permission checks (allowed to
        // every authenticated user by the system:basic-user ClusterRole)
      }
      if (!keep.test(request.getPath())) {
        continue;
      }
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
    return used;
  }

  /** The rules of every object of this kind a kustomization renders (each ClusterRole, or each Role). */
  private static Map<String, Set<String>> rules(String kustomization, String kind) throws Exception {
    Process kubectl = new ProcessBuilder("kubectl", "kustomize", kustomization).directory(Path.of("..").toFile())
        .redirectErrorStream(true).start();
    String rendered = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kubectl.waitFor()).as(rendered).isZero();
    Map<String, Set<String>> granted = new TreeMap<>();
    try (var parser = new YAMLFactory().createParser(rendered)) {
      var documents = new ObjectMapper().readValues(parser, JsonNode.class);
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (!kind.equals(document.path("kind").asText())) {
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

  private static void awaitDeployment(KubernetesClient user, String ns, String name) {
    await().atMost(OperatorTestHarness.TIMEOUT).until(() ->
        user.apps().deployments().inNamespace(ns).withName(name).get() != null);
  }

  private static void markReady(KubernetesClient user, String ns, String name) {
    user.apps().deployments().inNamespace(ns).withName(name).editStatus(d -> {
      d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
          .withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).withUpdatedReplicas(1)
          .withConditions(new DeploymentConditionBuilder().withType("Available").withStatus("True").build())
          .build());
      return d;
    });
  }

  private static void edit(KubernetesClient user, String ns, java.util.function.Consumer<CameraStream> change) {
    await().atMost(OperatorTestHarness.TIMEOUT).ignoreExceptions().until(() -> {
      CameraStream current = user.resources(CameraStream.class).inNamespace(ns).withName("site").get();
      change.accept(current);
      user.resource(current).update();
      return true;
    });
  }
}
