package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * One object as the store keeps it: its serialized form (what every read answers, so reads never serialize) and
 * what lists and watches filter on without parsing it.
 *
 * @param namespace null for cluster-scoped kinds
 * @param labels never null
 */
record StoredObject(String namespace, String name, long resourceVersion, Map<String, String> labels, String json) {

  static StoredObject of(JsonNode object, long resourceVersion, String json) {
    JsonNode metadata = object.path("metadata");
    Map<String, String> labels = new HashMap<>();
    metadata.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    String namespace = metadata.path("namespace").asText("");
    return new StoredObject(namespace.isEmpty() ? null : namespace, metadata.path("name").asText(),
        resourceVersion, Map.copyOf(labels), json);
  }

  /** The store's key: {@code namespace/name}, or the name of a cluster-scoped object (etcd's key order). */
  String key() {
    return key(namespace, name);
  }

  static String key(String namespace, String name) {
    return namespace == null ? name : namespace + "/" + name;
  }
}
