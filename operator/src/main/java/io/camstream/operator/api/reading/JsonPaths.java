package io.camstream.operator.api.reading;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;

/** Jackson's reference chains as the field paths users know ({@code spec.cameras[0].mode}), and lookups by them. */
final class JsonPaths {
  private JsonPaths() {
  }

  static String format(String rootPath, List<Reference> references) {
    StringBuilder path = new StringBuilder(rootPath);
    for (Reference reference : references) {
      if (reference.getFieldName() != null) {
        path.append('.').append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** The node the references lead to from {@code root}; a missing node when they leave the tree. */
  static JsonNode find(JsonNode root, List<Reference> references) {
    JsonNode node = root;
    for (Reference reference : references) {
      if (node == null) {
        return MissingNode.getInstance();
      }
      if (reference.getFieldName() != null) {
        node = node.get(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        node = node.get(reference.getIndex());
      }
    }
    return node == null ? MissingNode.getInstance() : node;
  }

  static String lastName(List<Reference> references) {
    for (int i = references.size() - 1; i >= 0; i--) {
      if (references.get(i).getFieldName() != null) {
        return references.get(i).getFieldName();
      }
    }
    return null;
  }
}
