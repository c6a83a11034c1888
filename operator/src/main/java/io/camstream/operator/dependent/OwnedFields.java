package io.camstream.operator.dependent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What camstream writes when a dependent object's desired state changed: camstream's fields from the desired object,
 * everything others own from the stored one. A pure function of (stored, desired).
 *
 * <p>camstream owns every field but {@code metadata} and {@code status} (spec, data, type...), which it replaces, so
 * removals in its desired state are applied. It keeps what the API server, controllers and users own:
 * <ul>
 *   <li>metadata: resourceVersion (the write is optimistic), finalizers, other owners' references, and every label
 *       and annotation it does not set itself, on the object and on a Deployment's pod template (e.g.
 *       {@code kubectl.kubernetes.io/restartedAt} from {@code kubectl rollout restart}, which would otherwise start
 *       a second rollout). Keys under {@value #OWN_KEY_PREFIX} are camstream's alone: dropped when no longer desired;</li>
 *   <li>Service: the allocated {@code clusterIP}/{@code clusterIPs}, {@code ipFamilies}/{@code ipFamilyPolicy},
 *       node ports (by port name), {@code healthCheckNodePort}, {@code loadBalancerClass};</li>
 *   <li>Secret: {@code type} (immutable);</li>
 *   <li>PersistentVolumeClaim: the whole spec but the storage request (the rest is immutable, and admission fills in
 *       the storage class);</li>
 *   <li>status, always (it is written through its own subresource).</li>
 * </ul>
 */
public final class OwnedFields {
  public static final String OWN_KEY_PREFIX = "camstream.io/";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Set<String> NOT_OWNED_TOP_LEVEL = Set.of("apiVersion", "kind", "metadata", "status");

  private OwnedFields() {
  }

  /** The object to write: desired's fields, with what others own taken from actual. */
  @SuppressWarnings("unchecked")
  public static <R extends HasMetadata> R keepingOthers(R actual, R desired) {
    ObjectNode stored = SERIALIZATION.convertValue(actual, ObjectNode.class);
    ObjectNode wanted = SERIALIZATION.convertValue(desired, ObjectNode.class);
    ObjectNode result = stored.deepCopy();
    List<String> storedFields = new ArrayList<>();
    result.fieldNames().forEachRemaining(storedFields::add);
    storedFields.stream().filter(f -> !NOT_OWNED_TOP_LEVEL.contains(f)).forEach(result::remove);
    wanted.fields().forEachRemaining(field -> {
      if (!NOT_OWNED_TOP_LEVEL.contains(field.getKey())) {
        result.set(field.getKey(), field.getValue().deepCopy());
      }
    });
    mergeMetadata(object(result, "metadata"), wanted.path("metadata"));
    switch (stored.path("kind").asText()) {
      case "Deployment" -> keepPodTemplateMetadata(result, stored);
      case "Service" -> keepServiceAllocations(object(result, "spec"), stored.path("spec"));
      case "Secret" -> copyIfPresent(result, stored, "type");
      case "PersistentVolumeClaim" -> keepClaimSpec(result, stored);
      default -> {
      }
    }
    return (R) SERIALIZATION.convertValue(result, desired.getClass());
  }

  private static void mergeMetadata(ObjectNode metadata, JsonNode wanted) {
    for (String map : List.of("labels", "annotations")) {
      metadata.set(map, mergeKeys(metadata.path(map), wanted.path(map)));
    }
  }

  /** Others' keys kept, camstream's set, camstream's own-prefix keys it no longer wants dropped. */
  private static ObjectNode mergeKeys(JsonNode stored, JsonNode wanted) {
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    stored.fields().forEachRemaining(entry -> {
      if (!entry.getKey().startsWith(OWN_KEY_PREFIX) || wanted.has(entry.getKey())) {
        merged.set(entry.getKey(), entry.getValue());
      }
    });
    wanted.fields().forEachRemaining(entry -> merged.set(entry.getKey(), entry.getValue()));
    return merged;
  }

  private static void keepPodTemplateMetadata(ObjectNode result, ObjectNode stored) {
    JsonNode storedTemplateMetadata = stored.path("spec").path("template").path("metadata");
    if (!(result.path("spec").path("template") instanceof ObjectNode template)) {
      return;
    }
    ObjectNode metadata = object(template, "metadata");
    ObjectNode wanted = metadata.deepCopy();
    metadata.set("labels", storedTemplateMetadata.path("labels").isObject()
        ? storedTemplateMetadata.get("labels").deepCopy() : JsonNodeFactory.instance.objectNode());
    metadata.set("annotations", storedTemplateMetadata.path("annotations").isObject()
        ? storedTemplateMetadata.get("annotations").deepCopy()
        : JsonNodeFactory.instance.objectNode());
    mergeMetadata(metadata, wanted);
  }

  private static void keepServiceAllocations(ObjectNode spec, JsonNode stored) {
    for (String allocated : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy", "loadBalancerClass",
        "healthCheckNodePort")) {
      if (isAbsent(spec.get(allocated))) {
        copyIfPresent(spec, stored, allocated);
      }
    }
    Map<String, JsonNode> nodePorts = new HashMap<>();
    stored.path("ports").forEach(port -> {
      if (port.hasNonNull("nodePort")) {
        nodePorts.put(port.path("name").asText(), port.get("nodePort"));
      }
    });
    String type = spec.path("type").asText("ClusterIP");
    if (("NodePort".equals(type) || "LoadBalancer".equals(type)) && spec.get("ports") instanceof ArrayNode ports) {
      ports.forEach(port -> {
        JsonNode kept = nodePorts.get(port.path("name").asText());
        if (port instanceof ObjectNode p && isAbsent(p.get("nodePort")) && kept != null) {
          p.set("nodePort", kept);
        }
      });
    }
    if (!"LoadBalancer".equals(type)) {
      spec.remove("loadBalancerClass");
      spec.remove("healthCheckNodePort");
    }
  }

  private static void keepClaimSpec(ObjectNode result, ObjectNode stored) {
    JsonNode wantedRequests = result.path("spec").path("resources").path("requests");
    ObjectNode spec = stored.path("spec").deepCopy();
    if (wantedRequests.isObject()) {
      object(spec, "resources").set("requests", wantedRequests.deepCopy());
    }
    result.set("spec", spec);
  }

  private static boolean isAbsent(JsonNode value) {
    return value == null || value.isNull() || (value.isNumber() && value.asLong() == 0)
        || (value.isTextual() && value.asText().isEmpty()) || (value.isArray() && value.isEmpty());
  }

  private static void copyIfPresent(ObjectNode target, JsonNode source, String field) {
    JsonNode value = source.get(field);
    if (value != null && !value.isNull()) {
      target.set(field, value.deepCopy());
    }
  }

  private static ObjectNode object(ObjectNode parent, String field) {
    if (parent.get(field) instanceof ObjectNode existing) {
      return existing;
    }
    return parent.putObject(field);
  }
}
