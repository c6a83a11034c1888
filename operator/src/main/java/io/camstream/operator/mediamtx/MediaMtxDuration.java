package io.camstream.operator.mediamtx;

import io.camstream.operator.api.spec.RecordingSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration the way MediaMTX v1.20.1 does ({@code internal/conf/duration.go}: a leading number of days
 * {@code Nd}, then Go's {@code time.ParseDuration} of the rest), restricted to the form camstream's API accepts
 * ({@link RecordingSpec#DURATION_PATTERN}: no sign, units h, m, s, ms), so the operator can check ranges MediaMTX
 * itself enforces on load.
 */
public final class MediaMtxDuration {
  private static final Pattern FORM = Pattern.compile(RecordingSpec.DURATION_PATTERN);
  private static final Pattern DAYS = Pattern.compile("^([0-9]+)d");
  private static final Pattern TERM = Pattern.compile("([0-9]+(?:[.][0-9]+)?)(h|ms|m|s)");
  private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000L);
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private MediaMtxDuration() {
  }

  /** The duration, or empty when the text is not in the accepted form. */
  public static Optional<Duration> parse(String text) {
    if (text == null || text.length() > RecordingSpec.DURATION_MAX_LENGTH || !FORM.matcher(text).matches()) {
      return Optional.empty();
    }
    BigDecimal nanos = BigDecimal.ZERO;
    String rest = text;
    Matcher days = DAYS.matcher(rest);
    if (days.find()) {
      nanos = nanos.add(new BigDecimal(days.group(1)).multiply(BigDecimal.valueOf(86_400L)).multiply(NANOS_PER_SECOND));
      rest = rest.substring(days.end());
    }
    Matcher term = TERM.matcher(rest);
    while (term.find()) {
      BigDecimal value = new BigDecimal(term.group(1));
      BigDecimal unit = switch (term.group(2)) {
        case "h" -> NANOS_PER_SECOND.multiply(BigDecimal.valueOf(3600L));
        case "m" -> NANOS_PER_SECOND.multiply(BigDecimal.valueOf(60L));
        case "s" -> NANOS_PER_SECOND;
        default -> NANOS_PER_MILLI;
      };
      nanos = nanos.add(value.multiply(unit));
    }
    // Go's time.Duration is an int64 of nanoseconds; beyond it MediaMTX fails to load.
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(nanos.longValue()));
  }
}
