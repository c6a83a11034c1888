package io.camstream.operator.health;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as users read them in status and messages: RFC 3339, UTC, whole seconds. */
public final class HealthTimes {
  private HealthTimes() {
  }

  public static String format(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
