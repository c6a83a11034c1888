package io.camstream.operator.status;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.testing.CameraStreams;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The writer skips a write only when the status is the same as stored: every real change must still be written. */
class StatusDiffTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void equalContentIsTheSameEvenAsDistinctObjects() {
    assertThat(StatusDiff.same(observed(), observed())).isTrue();
    assertThat(StatusDiff.same(null, null)).as("nothing stored, nothing to write").isTrue();
  }

  @Test
  void anyChangeIsAChange() {
    CameraStreamStatus stored = observed();

    CameraStreamStatus generation = observed();
    generation.setObservedGeneration(2L);
    assertThat(StatusDiff.same(stored, generation)).as("observedGeneration").isFalse();

    CameraStreamStatus readyCameras = observed();
    readyCameras.setReadyCameras("0/2");
    assertThat(StatusDiff.same(stored, readyCameras)).as("readyCameras").isFalse();

    CameraStreamStatus cameraMessage = observed();
    cameraMessage.getCameras().get(1).setMessage("stalled");
    assertThat(StatusDiff.same(stored, cameraMessage)).as("a camera's entry").isFalse();

    CameraStreamStatus reason = observed();
    reason.getConditions().get(0).setReason("CamerasNotPublishing");
    assertThat(StatusDiff.same(stored, reason)).as("a condition's reason").isFalse();
  }

  @Test
  void aFirstStatusOrARemovedOneIsAChange() {
    assertThat(StatusDiff.same(null, observed())).isFalse();
    assertThat(StatusDiff.same(observed(), null)).isFalse();
  }

  private static CameraStreamStatus observed() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"), testPattern("garage"));
    site.getMetadata().setGeneration(1L);
    return StatusCalculator.observed(site, new MediaServerAvailability(true, "MediaMTX is available"),
        StatusCalculatorTest.answering(StatusCalculatorTest.publishing("lobby"), StatusCalculatorTest.publishing("garage")),
        T0);
  }
}
