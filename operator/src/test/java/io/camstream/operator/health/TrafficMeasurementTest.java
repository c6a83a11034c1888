package io.camstream.operator.health;

import static io.camstream.operator.health.Observations.ONLINE;
import static io.camstream.operator.health.Observations.answered;
import static io.camstream.operator.health.Observations.at;
import static io.camstream.operator.health.Observations.offlineButAvailable;
import static io.camstream.operator.health.Observations.online;
import static io.camstream.operator.health.Observations.unreachable;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficMeasurementTest {
  private static final List<String> CAMS = List.of("lobby");

  private static CameraTraffic only(List<CameraTraffic> traffic) {
    assertThat(traffic).hasSize(1);
    return traffic.get(0);
  }

  @Test
  void theBitrateIsTheByteGrowthOfOneSessionBetweenTwoPolls() {
    MediaMtxObservation first = answered(at(0), online("lobby", 1_000_000));
    MediaMtxObservation second = answered(at(10), online("lobby", 3_500_000));

    CameraTraffic lobby = only(TrafficMeasurement.of(CAMS, second, first));

    assertThat(lobby).isEqualTo(new CameraTraffic("lobby", 2_000_000L, 1)); // 2.5 MB in 10 s
    assertThat(lobby.inboundKbps()).isEqualTo(2000L);
  }

  @Test
  void aFrozenSessionReceivesNothing() {
    MediaMtxObservation first = answered(at(0), online("lobby", 1_000_000));
    MediaMtxObservation second = answered(at(10), online("lobby", 1_000_000));

    assertThat(only(TrafficMeasurement.of(CAMS, second, first)).inboundBitsPerSecond()).isZero();
  }

  @Test
  void aNewSessionHasNoBitrateUntilItsSecondPoll() {
    MediaMtxObservation first = answered(at(0), online("lobby", 5_000));
    MediaMtxObservation reconnected = answered(at(10), online("lobby", 9_000, ONLINE.plusSeconds(65)));
    MediaMtxObservation restarted = answered(at(20), online("lobby", 100, ONLINE.plusSeconds(65)));

    assertThat(only(TrafficMeasurement.of(CAMS, first, null))).isEqualTo(new CameraTraffic("lobby", null, 1));
    assertThat(only(TrafficMeasurement.of(CAMS, reconnected, first)).inboundBitsPerSecond()).isNull();
    assertThat(only(TrafficMeasurement.of(CAMS, restarted, reconnected)).inboundBitsPerSecond())
        .as("bytes went backwards: not one session").isNull();
  }

  @Test
  void aPathWithoutAPublisherReceivesNothingAndKeepsItsReaders() {
    MediaMtxObservation now = answered(at(10), offlineButAvailable("dock"));

    assertThat(TrafficMeasurement.of(List.of("lobby", "dock"), now, null)).containsExactly(
        new CameraTraffic("lobby", 0L, 0), new CameraTraffic("dock", 0L, 0));
    assertThat(new CameraTraffic("dock", 0L, 0).inboundKbps()).isZero();
  }

  @Test
  void anApiThatDidNotAnswerMeasuresNothing() {
    MediaMtxObservation first = answered(at(0), online("lobby", 1_000));

    assertThat(only(TrafficMeasurement.of(CAMS, unreachable(at(10)), first)))
        .isEqualTo(CameraTraffic.unknown("lobby"));
    assertThat(CameraTraffic.unknown("lobby").inboundKbps()).isNull();
    assertThat(CameraTraffic.unknown("lobby").readers()).isNull();
  }

  @Test
  void afterAnOutageTheDeltaSpansTheWholeGap() {
    MediaMtxObservation before = answered(at(0), online("lobby", 0));
    MediaMtxObservation after = answered(at(40), online("lobby", 10_000_000));

    assertThat(only(TrafficMeasurement.of(CAMS, after, before)).inboundBitsPerSecond()).isEqualTo(2_000_000L);
  }

  @Test
  void bitsPerSecondRoundAndAnEmptyIntervalCountsAsOneMillisecond() {
    assertThat(TrafficMeasurement.bitsPerSecond(125_000, Duration.ofSeconds(1))).isEqualTo(1_000_000L);
    assertThat(TrafficMeasurement.bitsPerSecond(1, Duration.ofMillis(3))).isEqualTo(2667L);
    assertThat(TrafficMeasurement.bitsPerSecond(1, Duration.ZERO)).isEqualTo(8000L);
    assertThat(new CameraTraffic("lobby", 1_499L, 0).inboundKbps()).isEqualTo(1L);
    assertThat(new CameraTraffic("lobby", 1_500L, 0).inboundKbps()).isEqualTo(2L);
  }
}
