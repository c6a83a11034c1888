package io.camstream.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignificantChangeTest {

  private static PushHealth publishingAt(Long kbps) {
    return new PushHealth(ApiReachability.ANSWERING, null, List.of(new CameraHealth("lobby",
        CameraPushState.PUBLISHING, null, null, kbps, 0, "H264", 1280, 720, "publishing since x")));
  }

  @Test
  void bitrateWithinTenPercentIsNoise() {
    assertThat(SignificantChange.bitrateChanged(2000L, 2200L)).isFalse();
    assertThat(SignificantChange.bitrateChanged(2000L, 1800L)).isFalse();
    assertThat(SignificantChange.bitrateChanged(2000L, 2201L)).isTrue();
    assertThat(SignificantChange.bitrateChanged(2000L, 1799L)).isTrue();
    assertThat(SignificantChange.bitrateChanged(0L, 1L)).isTrue();
    assertThat(SignificantChange.bitrateChanged(null, 1L)).isTrue();
    assertThat(SignificantChange.bitrateChanged(null, null)).isFalse();
    assertThat(SignificantChange.bitrateChanged(0L, 0L)).as("still nothing flowing").isFalse();
    assertThat(SignificantChange.bitrateChanged(2000L, null)).as("a bitrate no longer known").isTrue();
    assertThat(SignificantChange.bitrateChanged(2000L, 0L)).isTrue();
  }

  @Test
  void stabilizeKeepsTheReportedBitrateUntilItReallyMoves() {
    PushHealth reported = publishingAt(2000L);

    assertThat(SignificantChange.stabilize(reported, publishingAt(2150L))).isEqualTo(reported);
    assertThat(SignificantChange.isSignificant(reported, publishingAt(1850L))).isFalse();
    assertThat(SignificantChange.stabilize(reported, publishingAt(2500L))).isEqualTo(publishingAt(2500L));
    assertThat(SignificantChange.isSignificant(reported, publishingAt(2500L))).isTrue();
  }

  @Test
  void anythingElseAUserSeesIsSignificant() {
    PushHealth reported = publishingAt(2000L);
    PushHealth moreReaders = new PushHealth(ApiReachability.ANSWERING, null, List.of(new CameraHealth("lobby",
        CameraPushState.PUBLISHING, null, null, 2000L, 3, "H264", 1280, 720, "publishing since x")));

    assertThat(SignificantChange.isSignificant(reported, moreReaders)).isTrue();
    assertThat(SignificantChange.isSignificant(null, reported)).isTrue();
  }
}
