package io.camstream.operator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak heap from the JVM's own GC log ({@code -Xlog:gc}): every pause line reads {@code BEFORE->AFTER(COMMITTED)},
 * so the largest BEFORE is the most heap that was ever in use, which sampling a metric every so often can miss, and
 * the largest AFTER the most that was still reachable (or not yet collected) after a collection.
 */
record GcSummary(double peakHeapUsedMb, double peakHeapAfterGcMb, double maxHeapCommittedMb, int pauses) {
  private static final Pattern PAUSE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  static GcSummary parse(Path gcLog) throws IOException {
    double peak = 0;
    double afterGc = 0;
    double committed = 0;
    int pauses = 0;
    if (!Files.exists(gcLog)) {
      return new GcSummary(0, 0, 0, 0);
    }
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        pauses++;
        peak = Math.max(peak, mb(m.group(1), m.group(2)));
        afterGc = Math.max(afterGc, mb(m.group(3), m.group(4)));
        committed = Math.max(committed, mb(m.group(5), m.group(6)));
      }
    }
    return new GcSummary(peak, afterGc, committed, pauses);
  }

  private static double mb(String value, String unit) {
    double v = Double.parseDouble(value);
    return switch (unit) {
      case "K" -> v / 1024;
      case "G" -> v * 1024;
      default -> v;
    };
  }
}
