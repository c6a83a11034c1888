package io.camstream.operator.access;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the operator watches, decided from what its ServiceAccount may do: the configured namespaces whose informers
 * can start, those that cannot and what they lack, and whether it can read Nodes. A namespace without its
 * RoleBinding, or a missing ClusterRoleBinding for Nodes, takes out that namespace or that feature, never the whole
 * operator. Pure: the answers come from {@code allowed}.
 *
 * @param allNamespaces the operator is configured to watch every namespace
 * @param watched the configured namespaces it may watch (empty when it watches all of them)
 * @param missing what each unavailable namespace lacks, by namespace; {@link #ALL_NAMESPACES} when the operator
 *     configured for every namespace may not watch them
 * @param readNodes the operator is configured to read Nodes ({@code CAMSTREAM_READ_NODES})
 * @param nodesMissing what reading Nodes lacks; empty when it may (or is not configured to)
 */
public record WatchPlan(boolean allNamespaces, Set<String> watched, Map<String, List<Permission>> missing,
    boolean readNodes, List<Permission> nodesMissing) {
  /** The key of {@link #missing} for an operator configured to watch every namespace. */
  public static final String ALL_NAMESPACES = "*";

  public WatchPlan {
    watched = Collections.unmodifiableSet(new LinkedHashSet<>(watched));
    missing = Collections.unmodifiableMap(new LinkedHashMap<>(missing));
    nodesMissing = List.copyOf(nodesMissing);
  }

  /**
   * @param configured the namespaces to watch; empty for all of them
   * @param allowed whether the ServiceAccount may do it (a {@code SelfSubjectAccessReview})
   */
  public static WatchPlan of(Set<String> configured, boolean readNodes, Predicate<Permission> allowed) {
    boolean all = configured.isEmpty();
    Set<String> watched = new LinkedHashSet<>();
    Map<String, List<Permission>> missing = new LinkedHashMap<>();
    for (String namespace : all ? Set.of(ALL_NAMESPACES) : configured) {
      List<Permission> lacking = lacking(RequiredPermissions.inNamespace(all ? null : namespace), allowed);
      if (!lacking.isEmpty()) {
        missing.put(namespace, lacking);
      } else if (!all) {
        watched.add(namespace);
      }
    }
    List<Permission> nodesMissing = readNodes ? lacking(RequiredPermissions.nodes(), allowed) : List.of();
    return new WatchPlan(all, watched, missing, readNodes, nodesMissing);
  }

  /**
   * Asks again about what was missing only; what was available stays so (an informer already running reports a
   * permission taken away itself).
   */
  public WatchPlan recheck(Predicate<Permission> allowed) {
    Set<String> nowWatched = new LinkedHashSet<>(watched);
    Map<String, List<Permission>> stillMissing = new LinkedHashMap<>();
    missing.forEach((namespace, lacked) -> {
      List<Permission> lacking = lacking(RequiredPermissions.inNamespace(allNamespaces ? null : namespace), allowed);
      if (!lacking.isEmpty()) {
        stillMissing.put(namespace, lacking);
      } else if (!allNamespaces) {
        nowWatched.add(namespace);
      }
    });
    List<Permission> nodesStillMissing = nodesMissing.isEmpty() ? nodesMissing
        : lacking(RequiredPermissions.nodes(), allowed);
    return new WatchPlan(allNamespaces, nowWatched, stillMissing, readNodes, nodesStillMissing);
  }

  /** Whether anything is missing that may be granted later. */
  public boolean lacksAnything() {
    return !missing.isEmpty() || !nodesMissing.isEmpty();
  }

  /** Whether there is anything to watch: at least one namespace, or every namespace. */
  public boolean canWatch() {
    return allNamespaces ? missing.isEmpty() : !watched.isEmpty();
  }

  /** Whether the operator reads Nodes. */
  public boolean nodesReadable() {
    return readNodes && nodesMissing.isEmpty();
  }

  private static List<Permission> lacking(List<Permission> needed, Predicate<Permission> allowed) {
    return needed.stream().filter(permission -> !allowed.test(permission)).toList();
  }
}
