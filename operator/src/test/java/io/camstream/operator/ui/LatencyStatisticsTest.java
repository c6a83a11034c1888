package io.camstream.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyStatisticsTest {
  @Test
  void nearestRankPercentilesOfUnsortedSamples() {
    List<Double> samples = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      samples.add((double) i);
    }
    Collections.shuffle(samples);
    assertThat(LatencyStatistics.of(samples)).containsEntry("count", 100).containsEntry("p50", 50L)
        .containsEntry("p90", 90L).containsEntry("p99", 99L).containsEntry("min", 1L).containsEntry("max", 100L)
        .containsEntry("mean", 51L);
    assertThat(LatencyStatistics.percentile(List.of(7.0), 99)).isEqualTo(7.0);
    assertThat(LatencyStatistics.percentile(List.of(1.0, 2.0, 3.0), 50)).isEqualTo(2.0);
  }

  @Test
  void noSamplesIsAnError() {
    assertThatThrownBy(() -> LatencyStatistics.of(List.of())).hasMessageContaining("no frame");
  }
}
