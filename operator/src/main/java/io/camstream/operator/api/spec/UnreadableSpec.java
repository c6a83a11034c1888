package io.camstream.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A stored spec this operator version cannot read (a value from a newer CRD, a wrong type, an object stored before
 * a validation rule existed). It has no cameras, so nothing is built from it; the reconciler reports
 * {@link #problem()} as {@code Ready=False}/{@code InvalidSpec}. Written back (e.g. with a status update) it is the
 * stored JSON, unchanged.
 */
public final class UnreadableSpec extends CameraStreamSpec {
  private final JsonNode stored;
  private final String problem;

  public UnreadableSpec(JsonNode stored, String problem) {
    this.stored = stored.deepCopy();
    this.problem = problem;
    setCameras(List.of());
  }

  /** What cannot be read, naming the field and its value (secrets masked). */
  @JsonIgnore
  public String problem() {
    return problem;
  }

  @JsonValue
  JsonNode stored() {
    return stored.deepCopy();
  }
}
