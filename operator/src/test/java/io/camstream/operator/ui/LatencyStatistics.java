package io.camstream.operator.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Latency samples (ms) as the benchmark reports them: count, nearest-rank percentiles, extremes, whole ms. */
final class LatencyStatistics {
  private LatencyStatistics() {
  }

  static Map<String, Object> of(List<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalStateException("no frame carried a readable capture time");
    }
    List<Double> sorted = samples.stream().sorted().toList();
    Map<String, Object> statistics = new LinkedHashMap<>();
    statistics.put("count", sorted.size());
    statistics.put("p50", Math.round(percentile(sorted, 50)));
    statistics.put("p90", Math.round(percentile(sorted, 90)));
    statistics.put("p99", Math.round(percentile(sorted, 99)));
    statistics.put("min", Math.round(sorted.get(0)));
    statistics.put("max", Math.round(sorted.get(sorted.size() - 1)));
    statistics.put("mean", Math.round(sorted.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
    return statistics;
  }

  /** Nearest rank: the smallest sample with at least {@code percent} % of the samples at or below it. */
  static double percentile(List<Double> sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
