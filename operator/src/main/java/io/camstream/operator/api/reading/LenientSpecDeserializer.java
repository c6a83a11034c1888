package io.camstream.operator.api.reading;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.camstream.operator.api.spec.CameraStreamSpec;
import io.camstream.operator.api.spec.UnreadableSpec;
import java.io.IOException;

/**
 * Reads a CameraStream's spec without ever failing: a spec this operator version cannot read becomes an
 * {@link UnreadableSpec} (reconciled to {@code Ready=False}, reason {@code InvalidSpec}), and unknown fields are
 * left out and listed in {@link CameraStreamSpec#getIgnoredFields()}.
 */
public final class LenientSpecDeserializer extends StdDeserializer<CameraStreamSpec> {
  public LenientSpecDeserializer() {
    super(CameraStreamSpec.class);
  }

  @Override
  public CameraStreamSpec deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    JsonNode json = context.readTree(parser);
    LenientRead<CameraStreamSpec> read = LenientRead.of(context, json, CameraStreamSpec.class, "spec");
    if (read.unreadable() != null) {
      return new UnreadableSpec(json, read.unreadable().message());
    }
    CameraStreamSpec spec = read.value();
    if (spec != null) {
      spec.setIgnoredFields(read.ignoredFields());
    }
    return spec;
  }
}
