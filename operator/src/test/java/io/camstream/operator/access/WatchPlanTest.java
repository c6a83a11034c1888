package io.camstream.operator.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class WatchPlanTest {
  private static final String SA = "camstream-system:camstream-operator";
  private static final Predicate<Permission> EVERYTHING = permission -> true;

  private static Predicate<Permission> notIn(String namespace) {
    return permission -> !namespace.equals(permission.namespace());
  }

  private static Set<String> namespaces(String... names) {
    return new LinkedHashSet<>(List.of(names));
  }

  @Test
  void everythingAllowedWatchesEveryConfiguredNamespaceAndReadsNodes() {
    WatchPlan plan = WatchPlan.of(namespaces("cameras", "lobby"), true, EVERYTHING);

    assertThat(plan.watched()).containsExactly("cameras", "lobby");
    assertThat(plan.missing()).isEmpty();
    assertThat(plan.canWatch()).isTrue();
    assertThat(plan.nodesReadable()).isTrue();
    assertThat(MissingPermissions.describe(plan, SA, Duration.ofMinutes(1))).isEmpty();
    assertThat(MissingPermissions.nodesUnreadable(plan, SA)).isEmpty();
  }

  @Test
  void aNamespaceWithoutItsRoleBindingIsLeftOutWithEverythingItLacks() {
    WatchPlan plan = WatchPlan.of(namespaces("cameras", "lobby"), false, notIn("lobby"));

    assertThat(plan.watched()).containsExactly("cameras");
    assertThat(plan.missing()).containsOnlyKeys("lobby");
    assertThat(plan.missing().get("lobby")).hasSize(14).allSatisfy(p -> assertThat(p.namespace()).isEqualTo("lobby"))
        .extracting(Permission::describe).contains("list camerastreams.camstream.io", "watch deployments.apps",
            "list services", "watch secrets", "list configmaps", "watch persistentvolumeclaims",
            "list networkpolicies.networking.k8s.io");
    assertThat(plan.canWatch()).isTrue();
    assertThat(plan.nodesReadable()).as("not configured").isFalse();
    assertThat(plan.nodesMissing()).isEmpty();
  }

  @Test
  void aPartlyBoundNamespaceListsOnlyWhatItLacks() {
    WatchPlan plan = WatchPlan.of(namespaces("lobby"), false,
        p -> !(p.resource().equals("networkpolicies") || (p.resource().equals("secrets") && p.verb().equals("watch"))));

    assertThat(plan.missing().get("lobby")).extracting(Permission::describe).containsExactly(
        "watch secrets", "list networkpolicies.networking.k8s.io", "watch networkpolicies.networking.k8s.io");
    assertThat(MissingPermissions.summary(plan.missing().get("lobby")))
        .isEqualTo("watch secrets; list and watch networkpolicies.networking.k8s.io");
    assertThat(plan.canWatch()).isFalse();
  }

  @Test
  void allNamespacesAreAskedAtTheClusterScope() {
    WatchPlan allowed = WatchPlan.of(Set.of(), false, p -> p.namespace() == null);
    assertThat(allowed.allNamespaces()).isTrue();
    assertThat(allowed.watched()).isEmpty();
    assertThat(allowed.canWatch()).isTrue();

    WatchPlan refused = WatchPlan.of(Set.of(), false, p -> p.namespace() != null);
    assertThat(refused.canWatch()).isFalse();
    assertThat(refused.missing()).containsOnlyKeys(WatchPlan.ALL_NAMESPACES);
    assertThat(refused.missing().get(WatchPlan.ALL_NAMESPACES)).hasSize(14)
        .allSatisfy(p -> assertThat(p.namespace()).isNull());
    assertThat(MissingPermissions.describe(refused, SA, Duration.ofSeconds(60))).containsExactly(
        "no namespace is watched: the operator's ServiceAccount " + SA + " may not list and watch"
            + " camerastreams.camstream.io, deployments.apps, services, secrets, configmaps, persistentvolumeclaims,"
            + " networkpolicies.networking.k8s.io across all namespaces; grant it with: kubectl create"
            + " clusterrolebinding camstream-operator --clusterrole=camstream-operator --serviceaccount=" + SA
            + " (checked again every 60 s)");

    WatchPlan granted = refused.recheck(EVERYTHING);
    assertThat(granted.canWatch()).isTrue();
    assertThat(granted.missing()).isEmpty();
    assertThat(granted.watched()).as("all, not a list").isEmpty();
  }

  @Test
  void nodesWithoutTheirBindingAreUnreadableAndSaySo() {
    WatchPlan plan = WatchPlan.of(namespaces("cameras"), true, p -> !p.resource().equals("nodes"));

    assertThat(plan.nodesReadable()).isFalse();
    assertThat(plan.nodesMissing()).extracting(Permission::describe).containsExactly("list nodes", "watch nodes");
    assertThat(plan.canWatch()).isTrue();
    assertThat(MissingPermissions.nodesUnreadable(plan, SA)).contains("the operator's ServiceAccount " + SA
        + " may not list and watch nodes (ClusterRole camstream-operator-nodes is not bound to it)");
    assertThat(MissingPermissions.describe(plan, SA, Duration.ofSeconds(60))).singleElement().asString()
        .startsWith("webrtcAnnounceNodeAddresses is unavailable: ")
        .contains("kubectl create clusterrolebinding camstream-operator-nodes --clusterrole=camstream-operator-nodes"
            + " --serviceaccount=" + SA)
        .endsWith("or set CAMSTREAM_READ_NODES=false");
    assertThat(WatchPlan.of(namespaces("cameras"), false, p -> false).nodesMissing())
        .as("not configured: not asked").isEmpty();
  }

  @Test
  void aRecheckAsksOnlyAboutWhatWasMissingAndAddsWhatIsGranted() {
    WatchPlan plan = WatchPlan.of(namespaces("cameras", "lobby", "gate"), true,
        p -> p.namespace() != null && p.namespace().equals("cameras"));
    assertThat(plan.watched()).containsExactly("cameras");
    List<String> asked = new java.util.ArrayList<>();

    WatchPlan later = plan.recheck(p -> {
      asked.add(p.namespace());
      return !"gate".equals(p.namespace()) && !"nodes".equals(p.resource());
    });

    assertThat(asked).as("the missing namespaces and Nodes (cluster scope)").doesNotContain("cameras")
        .contains("lobby", "gate", null);
    assertThat(later.watched()).containsExactly("cameras", "lobby");
    assertThat(later.missing()).containsOnlyKeys("gate");
    assertThat(later.nodesMissing()).as("asked again too").hasSize(2);
    assertThat(later.lacksAnything()).isTrue();
    WatchPlan all = later.recheck(p -> true);
    assertThat(all.nodesMissing()).isEmpty();
    assertThat(all.nodesReadable()).isTrue();
    assertThat(all.lacksAnything()).isFalse();
    assertThat(WatchPlan.of(namespaces("a"), true, p -> !"nodes".equals(p.resource())).lacksAnything()).isTrue();
    assertThat(MissingPermissions.describe(later, SA, Duration.ofSeconds(5))).hasSize(2).first().asString()
        .isEqualTo("namespace gate is not watched: the operator's ServiceAccount " + SA + " may not list and watch"
            + " camerastreams.camstream.io, deployments.apps, services, secrets, configmaps, persistentvolumeclaims,"
            + " networkpolicies.networking.k8s.io there; its CameraStreams are left alone until it may. Grant it"
            + " with: kubectl create rolebinding camstream-operator --namespace=gate --clusterrole=camstream-operator"
            + " --serviceaccount=" + SA + " (checked again every 5 s)");
  }

  @Test
  void aPermissionNamesItsResourceAsKubectlDoes() {
    assertThat(new Permission("list", "", "nodes", null).describe()).isEqualTo("list nodes");
    assertThat(new Permission("watch", "apps", "deployments", "x").qualifiedResource()).isEqualTo("deployments.apps");
    assertThat(RequiredPermissions.nodes()).containsExactly(new Permission("list", "", "nodes", null),
        new Permission("watch", "", "nodes", null));
  }
}
