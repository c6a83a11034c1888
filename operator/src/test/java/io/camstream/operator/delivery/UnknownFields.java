package io.camstream.operator.delivery;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Fields of built-in kinds that the Kubernetes API does not know (a typo such as `readinesProbe`), which a real
 * API server rejects under `kubectl apply --validate=strict` and the JSON schemas of kubernetes-models let pass.
 * Fabric8's typed model, generated from the Kubernetes OpenAPI, parks such fields in `additionalProperties`.
 */
final class UnknownFields {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  private UnknownFields() {
  }

  /** Unknown field paths of one YAML object; custom resources (no typed model here) are not checked. */
  static List<String> of(String yaml) {
    Object object = SERIALIZATION.unmarshal(yaml);
    List<String> unknown = new ArrayList<>();
    if (!(object instanceof GenericKubernetesResource)) {
      collect(object, "", unknown);
    }
    return unknown;
  }

  static boolean isTypedKind(String yaml) {
    return !(SERIALIZATION.unmarshal(yaml) instanceof GenericKubernetesResource);
  }

  private static void collect(Object node, String path, List<String> unknown) {
    if (node == null || node instanceof Quantity || node instanceof IntOrString) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collect(item, path + "/" + i++, unknown);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> collect(value, path + "/" + key, unknown));
      return;
    }
    if (!node.getClass().getName().startsWith(MODEL_PACKAGE)) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
          || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add((path.isEmpty() ? "/" : path) + ": unknown field(s) " + extra.keySet());
        }
        continue;
      }
      String property = getter.getName().substring(3);
      collect(value, path + "/" + Character.toLowerCase(property.charAt(0)) + property.substring(1), unknown);
    }
  }
}
