package io.camstream.operator.testing.apiserver;

/**
 * Who may do what, as an API server's authorizer (RBAC) answers an admission plugin's question. Requests are told
 * apart by their User-Agent, the only identity the test API server sees.
 */
@FunctionalInterface
public interface Authorizer {
  /**
   * @param resource the resource as RBAC names it, with its subresource: {@code persistentvolumeclaims},
   *     {@code camerastreams/finalizers}
   */
  boolean allows(String userAgent, String verb, String group, String resource, String namespace);

  /** Everyone may do everything (an API server's admin; the default). */
  static Authorizer allowAll() {
    return (userAgent, verb, group, resource, namespace) -> true;
  }
}
