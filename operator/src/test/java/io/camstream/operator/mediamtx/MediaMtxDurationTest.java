package io.camstream.operator.mediamtx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Durations read as MediaMTX v1.20.1 reads them (internal/conf/duration.go: days, then Go's time.ParseDuration);
 * expected values worked out from Go's semantics.
 */
class MediaMtxDurationTest {

  @ParameterizedTest
  @CsvSource({"72h,PT72H", "3d,PT72H", "1d12h,PT36H", "90m,PT90M", "1h30m,PT1H30M", "1.5h,PT1H30M", "30s,PT30S",
      "250ms,PT0.25S", "0s,PT0S", "1d0s,PT24H", "2h45m30s,PT2H45M30S", "1h1h,PT2H", "0.5s,PT0.5S"})
  void readsWhatMediaMtxReads(String text, String expected) {
    assertThat(MediaMtxDuration.parse(text)).contains(Duration.parse(expected));
  }

  /**
   * Outside the accepted form: what MediaMTX refuses ({@code 1}, {@code h}, {@code 1w}, {@code 1H}, spaces) and what
   * it would read in surprising ways ({@code 1d-2h} is 22h, {@code -1h} negative): neither reaches mediamtx.yml.
   */
  @ParameterizedTest
  @ValueSource(strings = {"", "1", "h", "1w", "1H", " 1h", "1h ", "-1h", "+1h", "1d-2h", "1e3s", "1.h", ".5h",
      "1ns", "1us", "d", "1dd", "1h\n", "9999999999h", "99999d99999d"})
  void refusesEverythingElse(String text) {
    assertThat(MediaMtxDuration.parse(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void refusesWhatOverflowsGosDuration() {
    // int64 nanoseconds end near 106751 days; 99999d fits, 999999999h (about 114 thousand years) does not.
    assertThat(MediaMtxDuration.parse("99999d")).contains(Duration.ofDays(99999));
    assertThat(MediaMtxDuration.parse("999999999h")).isEmpty();
  }
}
