package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;
import java.util.Map;

/**
 * The API server's answers about itself: {@code /version}, the root paths, and the API groups and resources
 * (custom resources from their CRDs); and the kind of each resource, which names its lists.
 */
final class ApiDiscovery {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> BUILT_IN_KINDS = Map.ofEntries(
      Map.entry("deployments", "Deployment"), Map.entry("replicasets", "ReplicaSet"),
      Map.entry("statefulsets", "StatefulSet"), Map.entry("daemonsets", "DaemonSet"), Map.entry("pods", "Pod"),
      Map.entry("services", "Service"), Map.entry("secrets", "Secret"), Map.entry("configmaps", "ConfigMap"),
      Map.entry("events", "Event"), Map.entry("namespaces", "Namespace"), Map.entry("nodes", "Node"),
      Map.entry("endpoints", "Endpoints"), Map.entry("serviceaccounts", "ServiceAccount"),
      Map.entry("persistentvolumeclaims", "PersistentVolumeClaim"),
      Map.entry("persistentvolumes", "PersistentVolume"), Map.entry("networkpolicies", "NetworkPolicy"),
      Map.entry("leases", "Lease"), Map.entry("storageclasses", "StorageClass"), Map.entry("jobs", "Job"),
      Map.entry("customresourcedefinitions", "CustomResourceDefinition"));
  /** Built-in groups and versions a 1.30 server serves (those a camstream test can meet). */
  private static final Map<String, String> BUILT_IN_GROUPS = Map.of("apps", "v1", "networking.k8s.io", "v1",
      "coordination.k8s.io", "v1", "apiextensions.k8s.io", "v1", "authorization.k8s.io", "v1",
      "storage.k8s.io", "v1", "batch", "v1", "events.k8s.io", "v1", "rbac.authorization.k8s.io", "v1");

  private final StructuralSchemas schemas;

  ApiDiscovery(StructuralSchemas schemas) {
    this.schemas = schemas;
  }

  /** The kind of a resource's objects: from a stored one, the CRD, or the built-in table; {@code ""} if unknown. */
  String kind(ApiPath path, List<StoredObject> items) {
    JsonNode crd = schemas.definition(path.group(), path.plural());
    if (crd != null) {
      return crd.path("spec").path("names").path("kind").asText();
    }
    String kind = BUILT_IN_KINDS.get(path.plural());
    if (kind != null) {
      return kind;
    }
    return items.isEmpty() ? "" : WatchStream.parse(items.get(0).json()).path("kind").asText();
  }

  MockResponse answer(String rawPath) {
    String path = rawPath.split("\\?", 2)[0].replaceAll("/+$", "");
    if (path.equals("/version")) {
      return FakeApiServerDispatcher.json(200, JSON.createObjectNode().put("major", "1").put("minor", "30")
          .put("gitVersion", "v1.30.0").put("platform", "linux/amd64").toString());
    }
    if (path.isEmpty()) {
      ObjectNode root = JSON.createObjectNode();
      ArrayNode paths = root.putArray("paths").add("/api").add("/api/v1").add("/apis").add("/version");
      BUILT_IN_GROUPS.forEach((group, version) -> paths.add("/apis/" + group).add("/apis/" + group + "/" + version));
      return FakeApiServerDispatcher.json(200, root.toString());
    }
    if (path.equals("/api")) {
      ObjectNode versions = JSON.createObjectNode().put("kind", "APIVersions");
      versions.putArray("versions").add("v1");
      return FakeApiServerDispatcher.json(200, versions.toString());
    }
    if (path.equals("/apis")) {
      ObjectNode list = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
      ArrayNode groups = list.putArray("groups");
      BUILT_IN_GROUPS.forEach((group, version) -> group(groups, group, version));
      schemas.definitions().forEach(crd -> crd.path("spec").path("versions").forEach(version ->
          group(groups, crd.path("spec").path("group").asText(), version.path("name").asText())));
      return FakeApiServerDispatcher.json(200, list.toString());
    }
    ApiPath api = ApiPath.parse(rawPath);
    if (!api.version().isEmpty() && api.plural().isEmpty()) {
      return FakeApiServerDispatcher.json(200, resources(api.group(), api.version()).toString());
    }
    return FakeApiServerDispatcher.failure(404, "NotFound", "the server could not find the requested resource",
        api, null);
  }

  private static void group(ArrayNode groups, String name, String version) {
    String groupVersion = name + "/" + version;
    ObjectNode group = groups.addObject().put("name", name);
    group.putArray("versions").addObject().put("groupVersion", groupVersion).put("version", version);
    group.putObject("preferredVersion").put("groupVersion", groupVersion).put("version", version);
  }

  private ObjectNode resources(String group, String version) {
    ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = list.putArray("resources");
    for (JsonNode crd : schemas.definitions()) {
      if (!crd.path("spec").path("group").asText().equals(group)) {
        continue;
      }
      for (JsonNode served : crd.path("spec").path("versions")) {
        if (!served.path("name").asText().equals(version)) {
          continue;
        }
        JsonNode names = crd.path("spec").path("names");
        String plural = names.path("plural").asText();
        boolean namespaced = "Namespaced".equals(crd.path("spec").path("scope").asText("Namespaced"));
        ObjectNode resource = resources.addObject().put("name", plural)
            .put("singularName", names.path("singular").asText()).put("namespaced", namespaced)
            .put("kind", names.path("kind").asText());
        resource.putArray("verbs").add("delete").add("deletecollection").add("get").add("list").add("patch")
            .add("create").add("update").add("watch");
        if (names.has("shortNames")) {
          resource.set("shortNames", names.get("shortNames"));
        }
        if (served.path("subresources").has("status")) {
          resources.addObject().put("name", plural + "/status").put("singularName", "").put("namespaced", namespaced)
              .put("kind", names.path("kind").asText()).putArray("verbs").add("get").add("patch").add("update");
        }
      }
    }
    return list;
  }
}
