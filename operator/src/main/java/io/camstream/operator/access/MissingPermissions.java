package io.camstream.operator.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What to tell an administrator about a {@link WatchPlan}: one line per unavailable namespace or feature, naming
 * what the ServiceAccount lacks and the {@code kubectl} command that grants it with the ClusterRoles camstream ships
 * ({@code k8s/operator}), and the sentence a CameraStream's status shows for Nodes. Pure.
 */
public final class MissingPermissions {
  static final String CLUSTER_ROLE = "camstream-operator";
  static final String NODES_CLUSTER_ROLE = "camstream-operator-nodes";

  private MissingPermissions() {
  }

  /**
   * @param serviceAccount {@code namespace:name} of the operator's ServiceAccount
   * @return one line per unavailable namespace, then one for Nodes
   */
  public static List<String> describe(WatchPlan plan, String serviceAccount, Duration recheck) {
    List<String> lines = new ArrayList<>();
    plan.missing().forEach((namespace, lacking) -> lines.add(WatchPlan.ALL_NAMESPACES.equals(namespace)
        ? "no namespace is watched: the operator's ServiceAccount " + serviceAccount + " may not "
            + summary(lacking) + " across all namespaces; grant it with: kubectl create clusterrolebinding "
            + CLUSTER_ROLE + " --clusterrole=" + CLUSTER_ROLE + " --serviceaccount=" + serviceAccount
            + " (checked again every " + recheck.toSeconds() + " s)"
        : "namespace " + namespace + " is not watched: the operator's ServiceAccount " + serviceAccount
            + " may not " + summary(lacking) + " there; its CameraStreams are left alone until it may. Grant it with:"
            + " kubectl create rolebinding " + CLUSTER_ROLE + " --namespace=" + namespace + " --clusterrole="
            + CLUSTER_ROLE + " --serviceaccount=" + serviceAccount + " (checked again every " + recheck.toSeconds()
            + " s)"));
    nodesUnreadable(plan, serviceAccount).ifPresent(why -> lines.add("webrtcAnnounceNodeAddresses is unavailable: "
        + why + "; grant it with: kubectl create clusterrolebinding " + NODES_CLUSTER_ROLE + " --clusterrole="
        + NODES_CLUSTER_ROLE + " --serviceaccount=" + serviceAccount + " (checked again every " + recheck.toSeconds()
        + " s), or set CAMSTREAM_READ_NODES=false"));
    return lines;
  }

  /** Why Nodes are not read although configured to be, for a CameraStream's status; empty when they are read. */
  public static Optional<String> nodesUnreadable(WatchPlan plan, String serviceAccount) {
    if (!plan.readNodes() || plan.nodesMissing().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("the operator's ServiceAccount " + serviceAccount + " may not " + summary(plan.nodesMissing())
        + " (ClusterRole " + NODES_CLUSTER_ROLE + " is not bound to it)");
  }

  /** "list and watch deployments.apps, services; watch secrets": resources grouped by the verbs they lack. */
  static String summary(List<Permission> lacking) {
    Map<String, List<String>> verbsByResource = new LinkedHashMap<>();
    lacking.forEach(permission -> verbsByResource.computeIfAbsent(permission.qualifiedResource(),
        resource -> new ArrayList<>()).add(permission.verb()));
    Map<String, List<String>> resourcesByVerbs = new LinkedHashMap<>();
    verbsByResource.forEach((resource, verbs) -> resourcesByVerbs.computeIfAbsent(String.join(" and ", verbs),
        key -> new ArrayList<>()).add(resource));
    return resourcesByVerbs.entrySet().stream().map(e -> e.getKey() + " " + String.join(", ", e.getValue()))
        .collect(Collectors.joining("; "));
  }
}
