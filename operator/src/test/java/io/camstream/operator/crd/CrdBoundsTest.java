package io.camstream.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camstream.operator.api.CameraStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every user-written string, list and map in the spec has an upper bound: the API server estimates the cost of
 * CEL rules from these bounds (an unbounded string makes a rule too expensive to install), and no field can carry
 * megabytes into a pod spec or mediamtx.yml.
 */
class CrdBoundsTest {
  /** Kubernetes' own ResourceRequirements: quantities are checked by the reconciler, no CEL rule reads them. */
  private static final String FOREIGN_TYPE = "resources";

  @Test
  void everySpecStringListAndMapIsBounded() throws IOException {
    JsonNode crd = CrdValidator.readYaml(Files.readString(CrdFiles.GENERATED));
    JsonNode spec = null;
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (CameraStream.VERSION.equals(version.path("name").asText())) {
        spec = version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
      }
    }
    assertThat(spec).isNotNull();
    List<String> unbounded = new ArrayList<>();
    collectUnbounded(spec, "spec", unbounded);
    assertThat(unbounded).as("fields without maxLength/enum, maxItems or maxProperties").isEmpty();
  }

  private static void collectUnbounded(JsonNode schema, String path, List<String> unbounded) {
    switch (schema.path("type").asText()) {
      case "string" -> {
        if (!schema.has("maxLength") && !schema.has("enum")) {
          unbounded.add(path);
        }
      }
      case "array" -> {
        if (!schema.has("maxItems")) {
          unbounded.add(path);
        }
        collectUnbounded(schema.path("items"), path + "[]", unbounded);
      }
      case "object" -> {
        if (schema.has("additionalProperties")) {
          if (!schema.has("maxProperties")) {
            unbounded.add(path);
          }
          collectUnbounded(schema.get("additionalProperties"), path + "{}", unbounded);
        }
        schema.path("properties").fields().forEachRemaining(p -> {
          if (!p.getKey().equals(FOREIGN_TYPE)) {
            collectUnbounded(p.getValue(), path + "." + p.getKey(), unbounded);
          }
        });
      }
      default -> {
      }
    }
  }
}
