package io.camstream.operator.api.reading;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.camstream.operator.api.status.CameraStreamStatus;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a CameraStream's status without ever failing. The operator is the status's only writer and recomputes it
 * on every reconcile: fields a newer operator version wrote are left out, and a status this version cannot read
 * at all (after a downgrade) is treated as absent and replaced by the next write.
 */
public final class LenientStatusDeserializer extends StdDeserializer<CameraStreamStatus> {
  private static final Logger log = LoggerFactory.getLogger(LenientStatusDeserializer.class);

  public LenientStatusDeserializer() {
    super(CameraStreamStatus.class);
  }

  @Override
  public CameraStreamStatus deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    JsonNode json = context.readTree(parser);
    LenientRead<CameraStreamStatus> read = LenientRead.of(context, json, CameraStreamStatus.class, "status");
    if (read.unreadable() != null) {
      log.debug("status treated as absent: {}", read.unreadable().message());
    }
    return read.value();
  }
}
