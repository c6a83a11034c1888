package io.camstream.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates CameraStream objects the way the API server does, from the CRD alone: the structural
 * {@code openAPIV3Schema} through a JSON-schema validator (regular expressions evaluated by RE2/J, the same engine
 * family as the API server's Go regexp) and every {@code x-kubernetes-validations} rule through Google's CEL
 * implementation with {@code self} bound to the value at the rule's schema location.
 *
 * <p>Unknown fields are rejected, as {@code kubectl apply} does with its default strict field validation.
 */
final class CrdValidator {
  /**
   * One reason the API server would refuse the object: a schema keyword or a CEL rule, at an instance location
   * written as a JSON pointer ("" is the object itself).
   */
  record Violation(String path, String rule, String message) {
    static Violation schema(String path, String keyword) {
      return new Violation(path, keyword, null);
    }

    static Violation cel(String path, String rule) {
      return new Violation(path, rule, null);
    }

    /** Equality without the human message, so tests can state the exact expected outcome. */
    Violation withoutMessage() {
      return new Violation(path, rule, null);
    }
  }

  private record CelRule(String expression, String message, String reason, CelRuntime.Program program) {
  }

  private static final ObjectMapper YAML = new YAMLMapper();

  private final JsonSchema jsonSchema;
  private final JsonNode structuralSchema;
  private final Map<JsonNode, List<CelRule>> rulesBySchemaNode = new java.util.IdentityHashMap<>();

  private CrdValidator(JsonNode structuralSchema) {
    this.structuralSchema = structuralSchema;
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
        .regularExpressionFactory(regex -> {
          com.google.re2j.Pattern pattern = com.google.re2j.Pattern.compile(regex);
          return value -> pattern.matcher(value).find();
        })
        .build();
    this.jsonSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(toDraftSchema(structuralSchema, true), config);
    compileRules(structuralSchema);
  }

  /** The validator for the CRD in {@code crdYaml}, version {@code version}. */
  static CrdValidator forCrd(Path crdYaml, String version) {
    try {
      JsonNode crd = YAML.readTree(Files.readString(crdYaml));
      for (JsonNode v : crd.path("spec").path("versions")) {
        if (version.equals(v.path("name").asText())) {
          return new CrdValidator(v.path("schema").path("openAPIV3Schema"));
        }
      }
      throw new IllegalArgumentException("CRD " + crdYaml + " has no version " + version);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode readYaml(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every reason the object would be rejected; empty when the API server would accept it. */
  List<Violation> validate(JsonNode object) {
    List<Violation> violations = new ArrayList<>();
    for (ValidationMessage message : jsonSchema.validate(object)) {
      violations.add(new Violation(message.getInstanceLocation().toString(), message.getType(), message.getMessage()));
    }
    evaluateRules(structuralSchema, object, "", violations);
    return violations;
  }

  List<Violation> validate(String yaml) {
    return validate(readYaml(yaml));
  }

  // --- structural schema -> JSON Schema 2020-12 -------------------------------------------------------------

  private static JsonNode toDraftSchema(JsonNode structural, boolean root) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = structural.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      switch (key) {
        case "properties" -> {
          ObjectNode properties = out.putObject("properties");
          value.fields().forEachRemaining(p -> properties.set(p.getKey(), toDraftSchema(p.getValue(), false)));
        }
        case "items", "additionalProperties", "not" -> out.set(key,
            value.isObject() ? toDraftSchema(value, false) : value);
        case "anyOf", "allOf", "oneOf" -> {
          ArrayNode array = out.putArray(key);
          value.forEach(v -> array.add(toDraftSchema(v, false)));
        }
        case "nullable", "description", "default", "example", "format" -> {
          // nullable handled below; the rest are annotations (k8s formats are not JSON Schema formats)
        }
        default -> {
          if (!key.startsWith("x-kubernetes-")) {
            out.set(key, value);
          }
        }
      }
    }
    if (structural.path("nullable").asBoolean(false) && out.has("type")) {
      ArrayNode types = JsonNodeFactory.instance.arrayNode().add(out.get("type")).add("null");
      out.set("type", types);
    }
    boolean preserveUnknown = structural.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    if ("object".equals(structural.path("type").asText()) && structural.has("properties") && !preserveUnknown
        && !structural.has("additionalProperties")) {
      if (root) {
        ObjectNode properties = (ObjectNode) out.get("properties");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        properties.putObject("metadata").put("type", "object");
      }
      out.put("additionalProperties", false);
    }
    return out;
  }

  // --- x-kubernetes-validations through CEL ------------------------------------------------------------------

  private void compileRules(JsonNode schema) {
    CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addVar("self", SimpleType.DYN)
        .build();
    CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    walkSchema(schema, node -> {
      List<CelRule> rules = new ArrayList<>();
      for (JsonNode rule : node.path("x-kubernetes-validations")) {
        String expression = rule.path("rule").asText();
        try {
          CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
          rules.add(new CelRule(expression, rule.path("message").asText(), rule.path("reason").asText(),
              runtime.createProgram(ast)));
        } catch (CelValidationException | CelEvaluationException e) {
          throw new IllegalStateException("CEL rule does not compile: " + expression + ": " + e.getMessage(), e);
        }
      }
      if (!rules.isEmpty()) {
        rulesBySchemaNode.put(node, rules);
      }
    });
  }

  private static void walkSchema(JsonNode schema, java.util.function.Consumer<JsonNode> visitor) {
    visitor.accept(schema);
    schema.path("properties").forEach(child -> walkSchema(child, visitor));
    if (schema.path("items").isObject()) {
      walkSchema(schema.get("items"), visitor);
    }
    if (schema.path("additionalProperties").isObject()) {
      walkSchema(schema.get("additionalProperties"), visitor);
    }
  }

  private void evaluateRules(JsonNode schema, JsonNode value, String path, List<Violation> violations) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return;
    }
    for (CelRule rule : rulesBySchemaNode.getOrDefault(schema, List.of())) {
      Object result;
      try {
        result = rule.program().eval(Map.of("self", toCelValue(value)));
      } catch (CelEvaluationException e) {
        result = e;
      }
      if (!Boolean.TRUE.equals(result)) {
        violations.add(new Violation(path, rule.expression(), rule.message()
            + (result instanceof Exception e ? " (evaluation error: " + e.getMessage() + ")" : "")));
      }
    }
    if (value.isObject()) {
      value.fields().forEachRemaining(field -> {
        JsonNode childSchema = schema.path("properties").get(field.getKey());
        if (childSchema == null && schema.path("additionalProperties").isObject()) {
          childSchema = schema.get("additionalProperties");
        }
        if (childSchema != null) {
          evaluateRules(childSchema, field.getValue(), path + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), violations);
        }
      });
    } else if (value.isArray() && schema.path("items").isObject()) {
      for (int i = 0; i < value.size(); i++) {
        evaluateRules(schema.get("items"), value.get(i), path + "/" + i, violations);
      }
    }
  }

  /** JSON as CEL sees it: maps, lists, int64, double, string, bool. */
  private static Object toCelValue(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(f -> {
        if (!f.getValue().isNull()) {
          map.put(f.getKey(), toCelValue(f.getValue()));
        }
      });
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(toCelValue(n)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }
}
