package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Custom resources as the apiextensions-apiserver stores them: unknown fields pruned and {@code default}s applied
 * from the CRD's structural schema ({@code staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning}
 * and {@code .../schema/defaulting}); a {@code null} for a field that is not {@code nullable} is dropped first, so
 * its default applies. {@code x-kubernetes-preserve-unknown-fields} and {@code x-kubernetes-int-or-string} subtrees
 * are kept as sent.
 */
final class StructuralSchemas {
  private final Map<String, JsonNode> schemas = new ConcurrentHashMap<>();
  private final Map<String, Boolean> statusSubresources = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> definitions = new ConcurrentHashMap<>();

  /** Learns the schemas of every served version of a CRD, its names and subresources. */
  void register(JsonNode crd) {
    String group = crd.path("spec").path("group").asText();
    String plural = crd.path("spec").path("names").path("plural").asText();
    definitions.put(group + "/" + plural, crd);
    for (JsonNode version : crd.path("spec").path("versions")) {
      String key = key(group, version.path("name").asText(), plural);
      statusSubresources.put(key, version.path("subresources").has("status"));
      JsonNode schema = version.path("schema").path("openAPIV3Schema");
      if (!schema.isMissingNode()) {
        schemas.put(key, schema);
      }
    }
  }

  boolean hasStatusSubresource(String group, String version, String plural) {
    return statusSubresources.getOrDefault(key(group, version, plural), false);
  }

  /** The CRD of a custom resource, for its kind and discovery; null when none defines it. */
  JsonNode definition(String group, String plural) {
    return definitions.get(group + "/" + plural);
  }

  java.util.Collection<JsonNode> definitions() {
    return definitions.values();
  }

  boolean isCustomResource(String group, String version, String plural) {
    return schemas.containsKey(key(group, version, plural));
  }

  /** Prunes and defaults everything but {@code apiVersion}, {@code kind} and {@code metadata}, in place. */
  void pruneAndDefault(String group, String version, String plural, ObjectNode object) {
    JsonNode schema = schemas.get(key(group, version, plural));
    if (schema == null) {
      return;
    }
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (name.equals("apiVersion") || name.equals("kind") || name.equals("metadata")) {
        continue;
      }
      JsonNode property = schema.path("properties").get(name);
      if (property == null) {
        object.remove(name);
      } else {
        object.set(name, apply(property, object.get(name)));
        if (object.get(name) == null) {
          object.remove(name);
        }
      }
    }
  }

  /** @return the pruned and defaulted value; null when it is to be dropped */
  private static JsonNode apply(JsonNode schema, JsonNode value) {
    if (value == null || value.isNull()) {
      return schema.path("nullable").asBoolean(false) ? value : null;
    }
    if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
        || schema.path("x-kubernetes-int-or-string").asBoolean(false) || !hasSchemaType(schema, value)) {
      return value;
    }
    if (value instanceof ObjectNode object) {
      JsonNode properties = schema.get("properties");
      JsonNode additional = schema.get("additionalProperties");
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode property = properties == null ? null : properties.get(name);
        if (property == null && additional != null && additional.isObject()) {
          property = additional;
        }
        if (property == null) {
          if (additional == null || !additional.asBoolean(false)) {
            object.remove(name);
          }
          continue;
        }
        JsonNode applied = apply(property, object.get(name));
        if (applied == null) {
          object.remove(name);
        } else {
          object.set(name, applied);
        }
      }
      if (properties != null) {
        properties.fields().forEachRemaining(entry -> {
          if (!object.has(entry.getKey()) && entry.getValue().has("default")) {
            JsonNode defaulted = apply(entry.getValue(), entry.getValue().get("default").deepCopy());
            if (defaulted != null) {
              object.set(entry.getKey(), defaulted);
            }
          }
        });
      }
      return object;
    }
    if (value instanceof ArrayNode array && schema.has("items")) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode applied = apply(schema.get("items"), array.get(i));
        if (applied != null) {
          array.set(i, applied);
        }
      }
      return array;
    }
    return value;
  }

  /**
   * Schema validation is not modelled: a value of another JSON type than its schema says (a real server answers 422)
   * is stored as sent, which is how tests model an object stored under another version of the CRD.
   */
  private static boolean hasSchemaType(JsonNode schema, JsonNode value) {
    return switch (schema.path("type").asText("")) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      default -> true;
    };
  }

  private static String key(String group, String version, String plural) {
    return group + "/" + version + "/" + plural;
  }
}
