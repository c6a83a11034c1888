package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code OwnerReferencesPermissionEnforcement} admission plugin ({@code plugin/pkg/admission/gc/gc_admission.go}),
 * off by default on Kubernetes, on by default on OpenShift:
 * <ul>
 *   <li>an update that changes an object's {@code ownerReferences} (adds, removes or alters any) needs {@code delete}
 *       on that object; a create may set them freely ("you logically had the power to never create it");</li>
 *   <li>a reference that newly sets {@code blockOwnerDeletion: true} needs {@code update} on the owner's
 *       {@code finalizers} subresource, on create as on update.</li>
 * </ul>
 * Refusals are 403 Forbidden, worded as the plugin words them.
 */
final class OwnerReferencesPermissionEnforcement {
  private final Authorizer authorizer;

  OwnerReferencesPermissionEnforcement(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  /**
   * @param current the stored object, null on create
   * @return why the write is forbidden, or null
   */
  String forbidden(String userAgent, ApiPath path, JsonNode current, JsonNode next) {
    if ("pods".equals(path.plural()) && path.isStatus()) {
      return null;
    }
    JsonNode oldReferences = current == null ? null : current.path("metadata").path("ownerReferences");
    JsonNode newReferences = next.path("metadata").path("ownerReferences");
    if (!isChanging(oldReferences, newReferences)) {
      return null;
    }
    if (current != null && !authorizer.allows(userAgent, "delete", path.group(), path.resource(),
        path.namespace())) {
      return "cannot set an ownerRef on a resource you can't delete: , <nil>";
    }
    for (JsonNode reference : newlyBlocking(oldReferences, newReferences)) {
      String apiVersion = reference.path("apiVersion").asText();
      String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
      String resource = reference.path("kind").asText().toLowerCase() + "s/finalizers";
      if (!authorizer.allows(userAgent, "update", group, resource, path.namespace())) {
        return "cannot set blockOwnerDeletion if an ownerReference refers to a resource you can't set finalizers on:"
            + " , <nil>";
      }
    }
    return null;
  }

  /** {@code isChangingOwnerReference}: on create, any reference; on update, any difference, in order. */
  private static boolean isChanging(JsonNode oldReferences, JsonNode newReferences) {
    if (oldReferences == null) {
      return newReferences.size() > 0;
    }
    if (oldReferences.size() != newReferences.size()) {
      return true;
    }
    for (int i = 0; i < oldReferences.size(); i++) {
      if (!oldReferences.get(i).equals(newReferences.get(i))) {
        return true;
      }
    }
    return false;
  }

  /** {@code newBlockingOwnerDeletionRefs}: blocking references that are new, or were not blocking before. */
  private static List<JsonNode> newlyBlocking(JsonNode oldReferences, JsonNode newReferences) {
    Map<String, JsonNode> oldByUid = new HashMap<>();
    if (oldReferences != null) {
      oldReferences.forEach(reference -> oldByUid.put(reference.path("uid").asText(), reference));
    }
    List<JsonNode> blocking = new ArrayList<>();
    for (JsonNode reference : newReferences) {
      if (!reference.path("blockOwnerDeletion").asBoolean(false)) {
        continue;
      }
      JsonNode before = oldByUid.get(reference.path("uid").asText());
      if (before == null || !before.path("blockOwnerDeletion").asBoolean(false)) {
        blocking.add(reference);
      }
    }
    return blocking;
  }
}
