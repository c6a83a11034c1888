package io.camstream.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camstream.operator.api.CameraStream;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator's ClusterRole grants exactly what it needs: full control of the kinds it generates, read/patch of its
 * own resource, events, and nothing else (no pods, no wildcards, no cluster-scoped kinds); Nodes, cluster-scoped,
 * only listed and watched, in a ClusterRole of their own.
 */
class OperatorRbacTest {
  static final Set<String> MANAGE = Set.of("get", "list", "watch", "create", "update", "patch", "delete");
  static final String NODES_ROLE = "camstream-operator-nodes";
  static final String STORAGE_CLASSES_ROLE = "camstream-operator-storageclasses";

  /** The kinds a CameraStream becomes (DEVELOPERS.md "Generated objects"), checked against the dependents too. */
  static final Set<String> GENERATED_KINDS = Set.of("apps/deployments", "/services", "/secrets",
      "networking.k8s.io/networkpolicies");
  /**
   * Kinds the operator only cleans up after older versions: the ConfigMap that held mediamtx.yml is watched (its
   * own label selector) and deleted, never created or changed.
   */
  static final Map<String, Set<String>> CLEANED_UP_KINDS = Map.of("/configmaps", Set.of("list", "watch", "delete"));
  /**
   * The recordings' claim: created, grown and relabelled, read by name to find a claim camstream does not own, never
   * deleted (data outlives the operator's decisions; with reclaimPolicy Delete garbage collection deletes it).
   */
  static final Map<String, Set<String>> KEPT_KINDS = Map.of("/persistentvolumeclaims",
      Set.of("get", "list", "watch", "create", "update"));

  static Map<String, Set<String>> clusterRoleRules() {
    return clusterRoleRules("camstream-operator");
  }

  static Map<String, Set<String>> clusterRoleRules(String name) {
    JsonNode role = RenderedManifests.get(RenderedManifests.objects("k8s/operator"), "ClusterRole", name);
    Map<String, Set<String>> verbsByResource = new TreeMap<>();
    for (JsonNode rule : role.path("rules")) {
      assertThat(rule.has("resourceNames")).isFalse();
      assertThat(rule.has("nonResourceURLs")).isFalse();
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          Set<String> verbs = verbsByResource.computeIfAbsent(group.asText() + "/" + resource.asText(),
              k -> new TreeSet<>());
          rule.path("verbs").forEach(v -> verbs.add(v.asText()));
        }
      }
    }
    return verbsByResource;
  }

  @Test
  void clusterRoleCoversExactlyTheManagedKinds() {
    Map<String, Set<String>> rules = clusterRoleRules();
    assertThat(rules.keySet()).noneMatch(r -> r.contains("*"));
    rules.values().forEach(verbs -> assertThat(verbs).doesNotContain("*", "escalate", "bind", "impersonate"));

    String primary = CameraStream.GROUP + "/" + new CameraStream().getPlural();
    Map<String, Set<String>> expected = new TreeMap<>();
    GENERATED_KINDS.forEach(kind -> expected.put(kind, MANAGE));
    expected.putAll(CLEANED_UP_KINDS);
    expected.putAll(KEPT_KINDS);
    expected.put(primary, Set.of("get", "list", "watch"));
    expected.put(primary + "/status", Set.of("update"));
    expected.put("/events", Set.of("create", "get", "update"));
    expected.put("authorization.k8s.io/localsubjectaccessreviews", Set.of("create"));
    assertThat(rules).isEqualTo(expected);
  }

  /** The nodes' addresses only: an informer lists and watches, nothing reads a Node by name or writes one. */
  @Test
  void theNodesRoleOnlyListsAndWatchesNodes() {
    assertThat(clusterRoleRules(NODES_ROLE)).isEqualTo(Map.of("/nodes", Set.of("list", "watch")));
    JsonNode binding = RenderedManifests.get(RenderedManifests.objects("k8s/operator"), "ClusterRoleBinding",
        NODES_ROLE);
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo(NODES_ROLE);
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("camstream-operator");
    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo("camstream-system");
  }

  @Test
  void generatedKindsMatchTheOperatorsDependentResources() throws Exception {
    Set<String> kinds = new java.util.TreeSet<>(GENERATED_KINDS);
    kinds.addAll(CLEANED_UP_KINDS.keySet());
    kinds.addAll(KEPT_KINDS.keySet());
    assertThat(dependentResourceKinds()).isEqualTo(kinds);
  }

  @Test
  void theOperatorNeedsNoFinalizerPermission() throws Exception {
    // Without a Cleaner JOSDK adds no finalizer, and owner references without blockOwnerDeletion need no update on
    // camerastreams/finalizers: the reasons the ClusterRole grants neither.
    Class<?> reconciler = Class.forName("io.camstream.operator.reconciler.CameraStreamReconciler");
    assertThat(io.javaoperatorsdk.operator.api.reconciler.Cleaner.class.isAssignableFrom(reconciler)).isFalse();
    String ownerReferences = RepoFiles.read(
        "operator/src/main/java/io/camstream/operator/dependent/OwnedDependentResource.java");
    assertThat(ownerReferences).doesNotContain("BlockOwnerDeletion(true)");
  }

  @Test
  void leaseAccessIsOnlyInTheOperatorsNamespace() {
    List<JsonNode> objects = RenderedManifests.objects("k8s/operator");
    JsonNode role = RenderedManifests.get(objects, "Role", "camstream-operator-leader-election");
    assertThat(role.at("/metadata/namespace").asText()).isEqualTo("camstream-system");
    assertThat(role.path("rules")).hasSize(1);
    assertThat(role.at("/rules/0/apiGroups/0").asText()).isEqualTo("coordination.k8s.io");
    assertThat(role.at("/rules/0/resources")).extracting(JsonNode::asText).containsExactly("leases");
    assertThat(role.at("/rules/0/verbs")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("get", "create", "update");
    JsonNode binding = RenderedManifests.get(objects, "RoleBinding", "camstream-operator-leader-election");
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo("camstream-operator-leader-election");
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("camstream-operator");
  }

  /** "group/plural" of the resource type of every concrete KubernetesDependentResource in the operator. */
  static Set<String> dependentResourceKinds() throws IOException, ClassNotFoundException {
    Path classes = RepoFiles.path("operator/target/classes");
    Set<String> kinds = new LinkedHashSet<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> type = Class.forName(name, false, OperatorRbacTest.class.getClassLoader());
        if (KubernetesDependentResource.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
          Class<? extends HasMetadata> resource = resourceType(type);
          kinds.add(HasMetadata.getGroup(resource) + "/" + HasMetadata.getPlural(resource));
        }
      }
    }
    return kinds;
  }

  @SuppressWarnings("unchecked")
  static Class<? extends HasMetadata> resourceType(Class<?> dependent) {
    for (Class<?> c = dependent; c != null; c = c.getSuperclass()) {
      Type superType = c.getGenericSuperclass();
      if (superType instanceof ParameterizedType parameterized
          && parameterized.getActualTypeArguments()[0] instanceof Class<?> first
          && HasMetadata.class.isAssignableFrom(first)) {
        return (Class<? extends HasMetadata>) first;
      }
    }
    throw new AssertionError("cannot tell the resource type of " + dependent.getName());
  }
}
