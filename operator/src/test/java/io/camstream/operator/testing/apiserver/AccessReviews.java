package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code SubjectAccessReview} and {@code LocalSubjectAccessReview} as the API server answers them: never stored, the
 * request echoed with {@code status.allowed} and RBAC's reason, 201 Created
 * ({@code pkg/registry/authorization/{subjectaccessreview,localsubjectaccessreview}/rest.go} and their validation).
 */
final class AccessReviews {
  static final String GROUP = "authorization.k8s.io";

  private AccessReviews() {
  }

  static boolean isReview(ApiPath path) {
    return GROUP.equals(path.group()) && path.name() == null
        && ("subjectaccessreviews".equals(path.plural()) || "localsubjectaccessreviews".equals(path.plural()));
  }

  static MockResponse answer(ApiPath path, ObjectNode review, Collection<JsonNode> stored) {
    boolean local = "localsubjectaccessreviews".equals(path.plural());
    JsonNode spec = review.path("spec");
    String user = spec.path("user").asText("");
    List<String> groups = new ArrayList<>();
    spec.path("groups").forEach(group -> groups.add(group.asText()));
    String kind = local ? "LocalSubjectAccessReview" : "SubjectAccessReview";
    if (user.isEmpty() && groups.isEmpty()) {
      return FakeApiServerDispatcher.failure(422, "Invalid", kind + ".authorization.k8s.io \"\" is invalid: "
          + "spec.user: Invalid value: \"\": at least one of user or group must be specified", path, null);
    }
    JsonNode resource = spec.path("resourceAttributes");
    if (resource.isMissingNode() == spec.path("nonResourceAttributes").isMissingNode()) {
      return FakeApiServerDispatcher.failure(422, "Invalid", kind + ".authorization.k8s.io \"\" is invalid: "
          + "spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or "
          + "resourceAttributes must be specified", path, null);
    }
    String namespace = resource.path("namespace").asText("");
    if (local) {
      String declared = review.path("metadata").path("namespace").asText("");
      if (!namespace.equals(declared)) {
        return FakeApiServerDispatcher.failure(422, "Invalid", kind + ".authorization.k8s.io \"\" is invalid: "
            + "spec.resourceAttributes.namespace: Invalid value: \"" + namespace + "\": must match "
            + "metadata.namespace", path, null);
      }
      if (!declared.equals(path.namespace())) {
        return FakeApiServerDispatcher.failure(400, "BadRequest",
            "spec.resourceAttributes.namespace must match namespace: " + path.namespace(), path, null);
      }
    }
    RbacAuthorizer.Decision decision = resource.isMissingNode()
        ? new RbacAuthorizer.Decision(false, "")
        : new RbacAuthorizer(stored).authorize(new RbacAuthorizer.Attributes(user, groups,
            resource.path("verb").asText(""), resource.path("group").asText(""), resource.path("resource").asText(""),
            resource.path("subresource").asText(""), namespace, resource.path("name").asText("")));
    ObjectNode answer = review.deepCopy();
    answer.put("kind", kind).put("apiVersion", GROUP + "/v1");
    ObjectNode status = answer.putObject("status");
    status.put("allowed", decision.allowed());
    if (!decision.reason().isEmpty()) {
      status.put("reason", decision.reason());
    }
    return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
        .setBody(answer.toString());
  }
}
