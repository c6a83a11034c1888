package io.camstream.operator.access;

/**
 * One thing the operator's ServiceAccount must be allowed to do, as RBAC names it.
 *
 * @param group empty for the core group
 * @param namespace null at the cluster scope (a cluster-scoped resource, or every namespace)
 */
public record Permission(String verb, String group, String resource, String namespace) {

  /** E.g. {@code list deployments.apps}, {@code watch nodes}. */
  public String describe() {
    return verb + " " + qualifiedResource();
  }

  /** {@code deployments.apps}, {@code nodes}: the resource as {@code kubectl} names it. */
  public String qualifiedResource() {
    return group.isEmpty() ? resource : resource + "." + group;
  }
}
