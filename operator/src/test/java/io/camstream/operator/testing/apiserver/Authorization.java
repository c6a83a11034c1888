package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the API server's RBAC authorizer lets the operator's ServiceAccount do. By default everything, as with its
 * ClusterRoles bound everywhere; a test takes away what a missing binding takes away:
 * <ul>
 *   <li>{@link #forbid(String, String)}: one resource everywhere, as without the ClusterRoleBinding that grants it
 *       (Nodes without {@code camstream-operator-nodes});</li>
 *   <li>{@link #forbidNamespace(String)}: everything namespaced in that namespace, as when the operator's rights
 *       come from one RoleBinding per watched namespace and this one has none; a request across all namespaces
 *       for a namespaced resource is then refused as well (no ClusterRoleBinding grants it).</li>
 * </ul>
 * A refused request is answered 403 {@code Forbidden} with the message the real authorizer writes
 * ({@code staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go}), and
 * {@code SelfSubjectAccessReview} answers by the same rules, as {@code kubectl auth can-i} would. Clients whose
 * User-Agent contains an {@link #exempt} part (the test's own, a cluster admin) are never refused.
 */
public final class Authorization {
  public static final String OPERATOR_USER = "system:serviceaccount:camstream-system:camstream-operator";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Set<String> forbiddenResources = ConcurrentHashMap.newKeySet();
  private final Set<String> forbiddenNamespaces = ConcurrentHashMap.newKeySet();
  private final List<String> exempt = new CopyOnWriteArrayList<>();

  /** @param group empty for the core group */
  public Authorization forbid(String group, String resource) {
    forbiddenResources.add(key(group, resource));
    return this;
  }

  /** The binding was created: the resource is allowed again. */
  public Authorization allow(String group, String resource) {
    forbiddenResources.remove(key(group, resource));
    return this;
  }

  public Authorization forbidNamespace(String namespace) {
    forbiddenNamespaces.add(namespace);
    return this;
  }

  /** The namespace's RoleBinding was created. */
  public Authorization allowNamespace(String namespace) {
    forbiddenNamespaces.remove(namespace);
    return this;
  }

  /** Requests whose User-Agent contains this are never refused. */
  public Authorization exempt(String userAgentPart) {
    exempt.add(userAgentPart);
    return this;
  }

  /**
   * @param namespace null for a cluster-scoped resource or a request across all namespaces
   * @param namespaced whether the resource lives in namespaces
   */
  public boolean allows(String verb, String group, String resource, String namespace, boolean namespaced) {
    String plural = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
    if (forbiddenResources.contains(key(group, plural)) || forbiddenResources.contains(key(group, resource))) {
      return false;
    }
    if (!namespaced) {
      return true;
    }
    return namespace == null ? forbiddenNamespaces.isEmpty() : !forbiddenNamespaces.contains(namespace);
  }

  /** The 403 for a request this authorizer refuses; empty when it is allowed. */
  Optional<MockResponse> refuse(String userAgent, String verb, ApiPath path) {
    if (path.group().equals("authorization.k8s.io") || path.plural().isEmpty() || isExempt(userAgent)) {
      return Optional.empty();
    }
    boolean namespaced = path.namespace() != null || NAMESPACED.contains(path.plural());
    if (allows(verb, path.group(), path.resource(), path.namespace(), namespaced)) {
      return Optional.empty();
    }
    String qualified = path.group().isEmpty() ? path.resource() : path.plural() + "." + path.group()
        + (path.subresource() == null ? "" : "/" + path.subresource());
    String message = qualified + (path.name() == null ? "" : " \"" + path.name() + "\"") + " is forbidden: User \""
        + OPERATOR_USER + "\" cannot " + verb + " resource \"" + path.resource() + "\" in API group \""
        + path.group() + "\"" + (path.namespace() == null ? " at the cluster scope"
        : " in the namespace \"" + path.namespace() + "\"");
    return Optional.of(FakeApiServerDispatcher.failure(403, "Forbidden", message, path, path.name()));
  }

  /** {@code POST .../selfsubjectaccessreviews}: the review with its answer, never stored. */
  MockResponse review(String userAgent, String body) {
    try {
      ObjectNode review = (ObjectNode) JSON.readTree(body);
      JsonNode attributes = review.path("spec").path("resourceAttributes");
      String resource = attributes.path("resource").asText()
          + (attributes.path("subresource").asText().isEmpty() ? "" : "/" + attributes.path("subresource").asText());
      String namespace = attributes.path("namespace").asText();
      boolean allowed = isExempt(userAgent) || allows(attributes.path("verb").asText(),
          attributes.path("group").asText(), resource, namespace.isEmpty() ? null : namespace,
          !namespace.isEmpty() || NAMESPACED.contains(attributes.path("resource").asText()));
      ObjectNode status = review.putObject("status").put("allowed", allowed);
      if (allowed) {
        status.put("reason", "RBAC: allowed by ClusterRoleBinding \"camstream-operator\"");
      }
      review.putObject("metadata");
      return new MockResponse().setResponseCode(201).setBody(review.toString())
          .setHeader("Content-Type", "application/json");
    } catch (java.io.IOException | ClassCastException e) {
      return FakeApiServerDispatcher.failure(400, "BadRequest", "the request body is not a review: " + e.getMessage(),
          ApiPath.parse("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"), null);
    }
  }

  private boolean isExempt(String userAgent) {
    return userAgent != null && exempt.stream().anyMatch(userAgent::contains);
  }

  private static String key(String group, String resource) {
    return group + "/" + resource;
  }

  /** Resources camstream touches that live in namespaces (a request across all namespaces has no namespace part). */
  private static final Set<String> NAMESPACED = Set.of("camerastreams", "deployments", "services", "secrets",
      "configmaps", "persistentvolumeclaims", "networkpolicies", "events", "pods", "leases", "replicasets");
}
