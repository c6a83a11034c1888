package io.camstream.operator.api.reading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camstream.operator.security.Redaction;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A value of a stored resource that this operator version cannot read, described for a person: which field, what
 * it holds and what was expected, e.g. {@code spec.cameras[0].mode: "teleport" is not one of auto, transcode,
 * passthrough}. The value is shown as stored, except that URL user-info and fields named like secrets are masked.
 */
public record UnreadableField(String path, String value, String expected) {
  private static final int MAX_VALUE_LENGTH = 120;
  /** Enum names as JSON writes them (their {@code @JsonProperty} names), without the client's extra modules. */
  private static final ObjectMapper PLAIN = new ObjectMapper();

  public String message() {
    return "cannot read " + path + ": " + value + (expected == null ? " is not valid here" : " is not " + expected);
  }

  /**
   * @param root the JSON the failed read started from
   * @param rootPath its path in the resource, e.g. {@code spec}
   */
  static UnreadableField of(JsonProcessingException failure, JsonNode root, String rootPath) {
    List<JsonMappingException.Reference> references = failure instanceof JsonMappingException mapping
        ? mapping.getPath() : List.of();
    JsonNode value = JsonPaths.find(root, references);
    String expected = failure instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
        ? describe(mismatch.getTargetType()) : null;
    return new UnreadableField(JsonPaths.format(rootPath, references), render(value, JsonPaths.lastName(references)),
        expected);
  }

  static UnreadableField unexpected(String rootPath, JsonNode root) {
    return new UnreadableField(rootPath, render(root, null), null);
  }

  private static String describe(Class<?> type) {
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(UnreadableField::jsonName)
          .collect(Collectors.joining(", "));
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class
        || type == Short.class || type == short.class || type == BigInteger.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class || type == Float.class || type == float.class
        || type == BigDecimal.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || !type.isPrimitive() && !type.getName().startsWith("java.")) {
      return "an object";
    }
    return null;
  }

  private static String jsonName(Object constant) {
    try {
      return PLAIN.writeValueAsString(constant).replace("\"", "");
    } catch (JsonProcessingException e) {
      return String.valueOf(constant);
    }
  }

  private static String render(JsonNode value, String fieldName) {
    if (value == null || value.isMissingNode()) {
      return "(missing)";
    }
    if (Secrets.named(fieldName)) {
      return Redaction.MASK;
    }
    String text = Redaction.url(masked(value).toString());
    return text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH) + "..." : text;
  }

  /** A copy in which every field named like a secret holds the mask instead of its value. */
  private static JsonNode masked(JsonNode value) {
    if (!value.isContainerNode()) {
      return value;
    }
    JsonNode copy = value.deepCopy();
    maskInPlace(copy);
    return copy;
  }

  private static void maskInPlace(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (Secrets.named(field.getKey())) {
          field.setValue(object.textNode(Redaction.MASK));
        } else {
          maskInPlace(field.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(UnreadableField::maskInPlace);
    }
  }

  /** Field names whose values are secrets by name: a password, passphrase, token or secret (not a reference to one). */
  private static final class Secrets {
    private static final List<String> SUFFIXES = List.of("password", "passphrase", "token", "secret");

    static boolean named(String fieldName) {
      if (fieldName == null) {
        return false;
      }
      String lower = fieldName.toLowerCase(Locale.ROOT);
      return SUFFIXES.stream().anyMatch(lower::endsWith);
    }
  }
}
