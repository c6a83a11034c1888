package io.camstream.operator.api.reading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one part of a stored resource (its spec or status) the way the client's mapper would, but never fails the
 * whole resource: fields this version does not know (written under a newer CRD) are left out and listed, and a
 * value it cannot read is described instead of thrown. An informer's list or watch therefore never breaks on one
 * resource, so the operator keeps reconciling all the others.
 *
 * @param value         what was read; null when {@code unreadable} is set
 * @param ignoredFields paths of fields left out, e.g. {@code spec.cameras[0].zoom}
 * @param unreadable    the first value that could not be read, or null
 */
record LenientRead<T>(T value, List<String> ignoredFields, UnreadableField unreadable) {
  /** More unknown fields than this and the part is not read at all (each one costs a re-read). */
  static final int MAX_IGNORED_FIELDS = 32;

  static <T> LenientRead<T> of(DeserializationContext context, JsonNode json, Class<T> type, String rootPath) {
    JsonNode remaining = json.deepCopy();
    List<String> ignored = new ArrayList<>();
    while (true) {
      try {
        return new LenientRead<>(context.readTreeAsValue(remaining, type), List.copyOf(ignored), null);
      } catch (UnrecognizedPropertyException unknown) {
        if (ignored.size() >= MAX_IGNORED_FIELDS || !remove(remaining, unknown.getPath())) {
          return new LenientRead<>(null, List.copyOf(ignored), UnreadableField.of(unknown, remaining, rootPath));
        }
        ignored.add(JsonPaths.format(rootPath, unknown.getPath()));
      } catch (JsonProcessingException unreadable) {
        return new LenientRead<>(null, List.copyOf(ignored), UnreadableField.of(unreadable, remaining, rootPath));
      } catch (IOException | RuntimeException unexpected) {
        return new LenientRead<>(null, List.copyOf(ignored), UnreadableField.unexpected(rootPath, remaining));
      }
    }
  }

  private static boolean remove(JsonNode root, List<Reference> path) {
    if (path.isEmpty() || path.get(path.size() - 1).getFieldName() == null) {
      return false;
    }
    JsonNode parent = JsonPaths.find(root, path.subList(0, path.size() - 1));
    if (!(parent instanceof ObjectNode object) || !object.has(path.get(path.size() - 1).getFieldName())) {
      return false;
    }
    object.remove(path.get(path.size() - 1).getFieldName());
    return true;
  }
}
