package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What changed between two states of an object, path by path, as structured-merge-diff's {@code typed.Compare}
 * finds it: fields added, modified and removed. Leaves are scalars and atomic maps, structs and lists (compared
 * whole); other maps and structs are walked field by field, associative lists item by item (by their keys), sets
 * member by member. A node absent on the left is itself added (so it shows with {@code "."} in fieldsV1); one
 * present but null or empty, as Go's zero value writes a struct's non-pointer fields, is not. What the API server
 * sets itself ({@code apiVersion}, {@code kind}, the name, uid, resourceVersion, generation...) is left out, as
 * its {@code stripMeta} field manager does.
 */
final class FieldComparison {
  private static final Set<String> STRIPPED_TOP = Set.of("apiVersion", "kind");
  private static final Set<String> STRIPPED_METADATA = Set.of("name", "namespace", "creationTimestamp", "selfLink",
      "uid", "clusterName", "generation", "managedFields", "resourceVersion");

  /** Maps, structs and lists Kubernetes' types mark atomic ({@code +mapType}, {@code +structType}...). */
  private static final Set<String> ATOMIC_OBJECTS = Set.of("selector", "podSelector", "namespaceSelector",
      "nodeSelector", "labelSelector", "involvedObject", "secretKeyRef", "configMapKeyRef", "fieldRef",
      "resourceFieldRef", "roleRef", "dataSource", "dataSourceRef", "scaleTargetRef", "claimRef");
  private static final Map<String, List<String>> LIST_KEYS = Map.ofEntries(
      Map.entry("containers", List.of("name")), Map.entry("initContainers", List.of("name")),
      Map.entry("ephemeralContainers", List.of("name")), Map.entry("env", List.of("name")),
      Map.entry("volumeMounts", List.of("mountPath")), Map.entry("volumes", List.of("name")),
      Map.entry("imagePullSecrets", List.of("name")), Map.entry("conditions", List.of("type")),
      Map.entry("ownerReferences", List.of("uid")), Map.entry("hostAliases", List.of("ip")),
      Map.entry("topologySpreadConstraints", List.of("topologyKey", "whenUnsatisfiable")),
      Map.entry("volumeDevices", List.of("devicePath")), Map.entry("resourceClaims", List.of("name")),
      Map.entry("taints", List.of("effect", "key")));
  /** Items compared whole although their list is associative. */
  private static final Set<String> ATOMIC_ITEMS = Set.of("ownerReferences");
  private static final Set<String> SETS = Set.of("finalizers");

  /**
   * Which top-level fields a write may own: a kind with a status subresource resets {@code status} on writes to
   * the object (its strategy's reset fields); a write to {@code /status} changes only what its strategy lets it.
   */
  enum Scope { EVERYTHING, ALL_BUT_STATUS }

  final FieldSet added = new FieldSet();
  final FieldSet modified = new FieldSet();
  final FieldSet removed = new FieldSet();
  private final boolean customResource;
  private final Scope scope;

  private FieldComparison(boolean customResource, Scope scope) {
    this.customResource = customResource;
    this.scope = scope;
  }

  /**
   * @param before the stored object, or for a create the empty object of its kind ({@link #zeroValue})
   * @param customResource lists of custom resources are atomic (camstream's CRD declares no list types)
   */
  static FieldComparison of(JsonNode before, JsonNode after, boolean customResource, Scope scope) {
    FieldComparison comparison = new FieldComparison(customResource, scope);
    comparison.walkObject(before, after, new ArrayList<>(), "");
    return comparison;
  }

  boolean isSame() {
    return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
  }

  /**
   * What an empty object of a kind holds, as the fieldmanager sees a create's "live" object: Go's zero value, whose
   * non-pointer structs are present (empty) and whose fields without omitempty are null.
   */
  static JsonNode zeroValue(String kind, boolean customResource) {
    ObjectNode zero = JsonNodeFactory.instance.objectNode();
    if (customResource) {
      return zero;
    }
    zero.putObject("metadata").putNull("creationTimestamp");
    switch (kind) {
      case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet" -> {
        ObjectNode spec = zero.putObject("spec");
        spec.putNull("selector");
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putNull("creationTimestamp");
        template.putObject("spec").putNull("containers");
        if (!kind.equals("ReplicaSet")) {
          spec.putObject(kind.equals("Deployment") ? "strategy" : "updateStrategy");
        }
        zero.putObject("status");
      }
      case "Pod" -> {
        zero.putObject("spec").putNull("containers");
        zero.putObject("status");
      }
      case "Service" -> {
        zero.putObject("spec");
        zero.putObject("status").putObject("loadBalancer");
      }
      case "NetworkPolicy" -> zero.putObject("spec").putObject("podSelector");
      case "PersistentVolumeClaim" -> {
        zero.putObject("spec").putObject("resources");
        zero.putObject("status");
      }
      case "Event" -> {
        zero.putObject("involvedObject");
        zero.putObject("source");
        zero.putNull("firstTimestamp");
        zero.putNull("lastTimestamp");
        zero.putNull("eventTime");
        zero.put("reportingComponent", "");
        zero.put("reportingInstance", "");
      }
      case "Lease", "Namespace", "Node" -> zero.putObject("spec");
      default -> {
      }
    }
    return zero;
  }

  private void walkObject(JsonNode before, JsonNode after, List<String> path, String name) {
    Set<String> fields = new LinkedHashSet<>();
    if (before != null) {
      before.fieldNames().forEachRemaining(fields::add);
    }
    if (after != null) {
      after.fieldNames().forEachRemaining(fields::add);
    }
    boolean top = path.isEmpty();
    boolean metadata = path.size() == 1 && path.get(0).equals("f:metadata");
    for (String field : fields) {
      if ((top && (STRIPPED_TOP.contains(field) || outOfScope(field)))
          || (metadata && STRIPPED_METADATA.contains(field))) {
        continue;
      }
      path.add("f:" + field);
      compare(child(before, field), child(after, field), path, field);
      path.remove(path.size() - 1);
    }
  }

  private boolean outOfScope(String field) {
    return switch (scope) {
      case EVERYTHING -> false;
      case ALL_BUT_STATUS -> field.equals("status");
    };
  }

  private void compare(JsonNode before, JsonNode after, List<String> path, String name) {
    if (before == null && after == null) {
      return;
    }
    if (before != null && before.equals(after)) {
      // Nothing in an equal subtree is added, modified or removed: one comparison instead of walking it (a status
      // write leaves the whole spec equal).
      return;
    }
    JsonNode shape = after != null && !after.isNull() ? after : before;
    boolean atomic = shape.isValueNode() || (shape.isObject() && (!customResource && ATOMIC_OBJECTS.contains(name)))
        || (shape.isArray() && (customResource || (!LIST_KEYS.containsKey(name) && !SETS.contains(name)
        && !name.equals("ports"))));
    boolean bothEmpty = isEmpty(before) && isEmpty(after);
    if (atomic || bothEmpty) {
      leaf(before, after, path);
      return;
    }
    if (shape.isObject()) {
      walkObject(before, after, path, name);
    } else {
      walkList(before, after, path, name);
    }
    // The metadata node itself is stripped; any other node absent on one side is itself added or removed.
    if (!(path.size() == 1 && path.get(0).equals("f:metadata"))) {
      if (before == null) {
        added.insert(path);
      } else if (after == null) {
        removed.insert(path);
      }
    }
  }

  private void walkList(JsonNode before, JsonNode after, List<String> path, String name) {
    Map<String, JsonNode> left = items(before, name);
    Map<String, JsonNode> right = items(after, name);
    Set<String> elements = new LinkedHashSet<>(left.keySet());
    elements.addAll(right.keySet());
    boolean atomicItems = ATOMIC_ITEMS.contains(name) || SETS.contains(name);
    for (String element : elements) {
      path.add(element);
      if (atomicItems) {
        leaf(left.get(element), right.get(element), path);
      } else {
        JsonNode l = left.get(element);
        JsonNode r = right.get(element);
        walkObject(l, r, path, name);
        if (l == null) {
          added.insert(path);
        } else if (r == null) {
          removed.insert(path);
        }
      }
      path.remove(path.size() - 1);
    }
  }

  private void leaf(JsonNode before, JsonNode after, List<String> path) {
    if (path.size() == 1 && path.get(0).equals("f:metadata")) {
      return;
    }
    if (before == null) {
      added.insert(path);
    } else if (after == null) {
      removed.insert(path);
    } else if (!before.equals(after)) {
      modified.insert(path);
    }
  }

  /** The list's items by path element: {@code k:{"key":value,...}} (keys sorted) or {@code v:value}. */
  private static Map<String, JsonNode> items(JsonNode list, String name) {
    Map<String, JsonNode> items = new LinkedHashMap<>();
    if (list == null || !list.isArray()) {
      return items;
    }
    for (JsonNode item : list) {
      if (SETS.contains(name)) {
        items.put("v:" + item, item);
        continue;
      }
      List<String> keys = LIST_KEYS.getOrDefault(name, item.has("containerPort")
          ? List.of("containerPort", "protocol") : List.of("port", "protocol"));
      TreeMap<String, JsonNode> key = new TreeMap<>();
      for (String field : keys) {
        if (item.has(field)) {
          key.put(field, item.get(field));
        }
      }
      ObjectNode encoded = JsonNodeFactory.instance.objectNode();
      key.forEach(encoded::set);
      items.putIfAbsent("k:" + encoded, item);
    }
    return items;
  }

  private static JsonNode child(JsonNode parent, String field) {
    return parent == null || !parent.isObject() ? null : parent.get(field);
  }

  private static boolean isEmpty(JsonNode node) {
    return node == null || node.isNull() || ((node.isObject() || node.isArray()) && node.isEmpty());
  }
}
