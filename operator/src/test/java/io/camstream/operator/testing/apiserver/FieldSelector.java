package io.camstream.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code fieldSelector} query parameter: comma-separated {@code field=value}, {@code field==value} or
 * {@code field!=value}, on the fields the API server supports for the resource ({@code metadata.name} and
 * {@code metadata.namespace} everywhere, a few more per kind, as their registries' {@code GetAttrs} declare).
 * Any other field is refused as the API server refuses it: 400, "field label not supported".
 */
final class FieldSelector {
  static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  private static final Map<String, Set<String>> FIELDS_PER_RESOURCE = Map.of(
      "events", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
          "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
          "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"),
      "secrets", Set.of("type"),
      "pods", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
          "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"),
      "nodes", Set.of("spec.unschedulable"),
      "namespaces", Set.of("status.phase"),
      "replicasets", Set.of("status.replicas"));

  private record Requirement(String field, boolean equal, String value) {
  }

  private final List<Requirement> requirements;

  private FieldSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  /** @throws IllegalArgumentException for a 400 answer: unparsable, or a field the resource does not support */
  static FieldSelector parse(String selector, String plural) {
    if (selector == null || selector.isBlank()) {
      return EVERYTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    for (String part : selector.split(",")) {
      String requirement = part.trim();
      int at;
      boolean equal;
      int width;
      if ((at = requirement.indexOf("!=")) > 0) {
        equal = false;
        width = 2;
      } else if ((at = requirement.indexOf("==")) > 0) {
        equal = true;
        width = 2;
      } else if ((at = requirement.indexOf('=')) > 0) {
        equal = true;
        width = 1;
      } else {
        throw new IllegalArgumentException("invalid selector: '" + selector + "'; can't understand '" + requirement
            + "'");
      }
      String field = requirement.substring(0, at).trim();
      if (!field.equals("metadata.name") && !field.equals("metadata.namespace")
          && !FIELDS_PER_RESOURCE.getOrDefault(plural, Set.of()).contains(field)) {
        throw new IllegalArgumentException("field label not supported: " + field);
      }
      requirements.add(new Requirement(field, equal, requirement.substring(at + width).trim()));
    }
    return new FieldSelector(List.copyOf(requirements));
  }

  boolean isEmpty() {
    return requirements.isEmpty();
  }

  /** The one name an equality on {@code metadata.name} pins, or null. */
  String name() {
    return requirements.stream().filter(r -> r.equal() && r.field().equals("metadata.name")).map(Requirement::value)
        .findFirst().orElse(null);
  }

  boolean matches(StoredObject stored) {
    JsonNode object = null;
    for (Requirement requirement : requirements) {
      String actual;
      if (requirement.field().equals("metadata.name")) {
        actual = stored.name();
      } else if (requirement.field().equals("metadata.namespace")) {
        actual = stored.namespace() == null ? "" : stored.namespace();
      } else {
        if (object == null) {
          object = WatchStream.parse(stored.json());
        }
        actual = text(object, requirement.field());
      }
      if (actual.equals(requirement.value()) != requirement.equal()) {
        return false;
      }
    }
    return true;
  }

  private static String text(JsonNode object, String field) {
    JsonNode node = object;
    for (String step : field.split("\\.")) {
      node = node.path(step);
    }
    return node.isMissingNode() || node.isNull() ? "" : node.asText();
  }
}
