package io.camstream.operator.testing.apiserver;

import java.util.Set;

/**
 * One request the test API server answered.
 *
 * @param verb as RBAC names it: get, list, watch, create, update, patch, delete
 * @param name the object's name: from the path, or for a create from the object created; null for collections
 * @param userAgent the client's User-Agent header, e.g. to tell the operator's requests from a test's own
 */
public record ApiRequest(long sequence, String verb, ApiPath path, String name, int code, String userAgent) {
  private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete");

  public boolean isWrite() {
    return WRITES.contains(verb);
  }

  /** E.g. {@code deployments}, {@code camerastreams/status}, {@code events}. */
  public String resource() {
    return path.resource();
  }

  @Override
  public String toString() {
    return verb + " " + path.resource() + (path.namespace() == null ? "" : " " + path.namespace())
        + (name == null ? "" : "/" + name) + " -> " + code;
  }
}
