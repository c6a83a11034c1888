package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' RBAC authorizer over the Roles, ClusterRoles and their bindings this test server stores
 * ({@code plugin/pkg/auth/authorizer/rbac/rbac.go}): a ClusterRoleBinding grants its ClusterRole's rules in every
 * namespace and for cluster-scoped resources; a RoleBinding grants its Role's or ClusterRole's rules in its own
 * namespace only. A rule matches when its apiGroups, resources and verbs contain the request's (or {@code *}) and,
 * when it names resourceNames, the request names one of them (a request for a whole collection never matches such a
 * rule). Subjects are Users, Groups and ServiceAccounts ({@code system:serviceaccount:NS:NAME}, groups
 * {@code system:serviceaccounts} and {@code system:serviceaccounts:NS}). Aggregated ClusterRoles are read as stored.
 */
final class RbacAuthorizer {
  /** What a review asks. {@code namespace} empty for a cluster-scoped request, {@code name} empty for a collection. */
  record Attributes(String user, List<String> groups, String verb, String group, String resource,
      String subresource, String namespace, String name) {
  }

  /** @param reason Kubernetes' wording, e.g. {@code RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "u"} */
  record Decision(boolean allowed, String reason) {
  }

  private final Collection<JsonNode> objects;

  /** @param objects everything stored; only RBAC kinds are read */
  RbacAuthorizer(Collection<JsonNode> objects) {
    this.objects = objects;
  }

  Decision authorize(Attributes request) {
    for (JsonNode binding : ofKind("ClusterRoleBinding")) {
      Optional<String> subject = matchingSubject(binding, request);
      if (subject.isPresent() && grants(role(binding, null), request)) {
        return allowed("ClusterRoleBinding", binding, subject.get());
      }
    }
    if (!request.namespace().isEmpty()) {
      for (JsonNode binding : ofKind("RoleBinding")) {
        if (!request.namespace().equals(binding.at("/metadata/namespace").asText())) {
          continue;
        }
        Optional<String> subject = matchingSubject(binding, request);
        if (subject.isPresent() && grants(role(binding, request.namespace()), request)) {
          return allowed("RoleBinding", binding, subject.get());
        }
      }
    }
    return new Decision(false, "");
  }

  private static Decision allowed(String kind, JsonNode binding, String subject) {
    String name = "RoleBinding".equals(kind)
        ? binding.at("/metadata/name").asText() + "/" + binding.at("/metadata/namespace").asText()
        : binding.at("/metadata/name").asText();
    return new Decision(true, "RBAC: allowed by " + kind + " \"" + name + "\" of " + binding.at("/roleRef/kind")
        .asText() + " \"" + binding.at("/roleRef/name").asText() + "\" to " + subject);
  }

  private List<JsonNode> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  /** The role a binding refers to: a ClusterRole, or a Role in the binding's namespace. */
  private Optional<JsonNode> role(JsonNode binding, String namespace) {
    String kind = binding.at("/roleRef/kind").asText();
    String name = binding.at("/roleRef/name").asText();
    if ("Role".equals(kind) && namespace == null) {
      return Optional.empty();
    }
    return ofKind(kind).stream()
        .filter(role -> name.equals(role.at("/metadata/name").asText()))
        .filter(role -> !"Role".equals(kind) || namespace.equals(role.at("/metadata/namespace").asText()))
        .findFirst();
  }

  private static Optional<String> matchingSubject(JsonNode binding, Attributes request) {
    for (JsonNode subject : binding.path("subjects")) {
      String kind = subject.path("kind").asText();
      String name = subject.path("name").asText();
      switch (kind) {
        case "User" -> {
          if (name.equals(request.user())) {
            return Optional.of("User \"" + name + "\"");
          }
        }
        case "Group" -> {
          if (request.groups().contains(name)) {
            return Optional.of("Group \"" + name + "\"");
          }
        }
        case "ServiceAccount" -> {
          String namespace = subject.path("namespace").asText(binding.at("/metadata/namespace").asText());
          if (("system:serviceaccount:" + namespace + ":" + name).equals(request.user())) {
            return Optional.of("ServiceAccount \"" + name + "/" + namespace + "\"");
          }
        }
        default -> {
          // not a subject kind RBAC knows
        }
      }
    }
    return Optional.empty();
  }

  private static boolean grants(Optional<JsonNode> role, Attributes request) {
    if (role.isEmpty()) {
      return false;
    }
    String resource = request.subresource().isEmpty() ? request.resource()
        : request.resource() + "/" + request.subresource();
    for (JsonNode rule : role.get().path("rules")) {
      if (contains(rule.path("apiGroups"), request.group()) && contains(rule.path("resources"), resource)
          && contains(rule.path("verbs"), request.verb()) && namesMatch(rule.path("resourceNames"), request.name())) {
        return true;
      }
    }
    return false;
  }

  private static boolean namesMatch(JsonNode resourceNames, String name) {
    if (resourceNames.isMissingNode() || resourceNames.isEmpty()) {
      return true;
    }
    return !name.isEmpty() && contains(resourceNames, name);
  }

  private static boolean contains(JsonNode values, String wanted) {
    for (JsonNode value : values) {
      if ("*".equals(value.asText()) || wanted.equals(value.asText())) {
        return true;
      }
    }
    return false;
  }
}
