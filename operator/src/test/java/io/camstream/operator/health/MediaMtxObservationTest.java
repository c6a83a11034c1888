package io.camstream.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.mediamtx.api.Path;
import io.camstream.operator.mediamtx.api.PathReader;
import io.camstream.operator.mediamtx.api.PathSource;
import io.camstream.operator.mediamtx.api.PathTrack;
import io.camstream.operator.mediamtx.api.PathTrackCodecProps;
import io.camstream.operator.mediamtx.api.PathsListResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One poll of MediaMTX's path list, as push health reads it. */
class MediaMtxObservationTest {
  private static final Instant POLLED = Instant.parse("2026-11-25T04:00:00Z");

  @Test
  void anAnswerListsEveryPathByName() {
    Path lobby = new Path("lobby", "lobby", true, true, "2026-11-25T03:59:00.123456789Z",
        new PathSource("rtspSession", "1"), 5_000L,
        List.of(new PathReader("webRTCSession", "1"), new PathReader("hlsMuxer", "2")),
        List.of(new PathTrack("Opus", null), new PathTrack("H264", new PathTrackCodecProps(1280, 720))));
    Path dock = new Path("dock", "dock", true, false, null, null, null, null, null);

    MediaMtxObservation observation = MediaMtxObservation.of(new PathsListResult.Listed(List.of(lobby, dock)), POLLED);

    assertThat(observation.answered()).isTrue();
    assertThat(observation.api()).isEqualTo(ApiReachability.ANSWERING);
    assertThat(observation.polledAt()).isEqualTo(POLLED);
    assertThat(observation.detail()).isNull();
    assertThat(observation.paths()).containsOnlyKeys("lobby", "dock");
    assertThat(observation.paths().get("lobby")).as("the video track describes the camera, not the first one")
        .isEqualTo(new PathSample("lobby", true, true, false, Instant.parse("2026-11-25T03:59:00.123456789Z"), 5_000L, 2,
            "H264", 1280, 720));
    assertThat(observation.paths().get("dock"))
        .isEqualTo(new PathSample("dock", false, true, false, null, 0L, 0, null, null, null));
  }

  @Test
  void withoutAVideoTrackTheFirstTrackIsDescribed() {
    Path audioOnly = new Path("intercom", "intercom", true, true, "not a time", null, 10L, null,
        List.of(new PathTrack("Opus", null), new PathTrack("G711", null)));
    PathSample sample = PathSample.of(audioOnly);
    assertThat(sample.codec()).isEqualTo("Opus");
    assertThat(sample.width()).isNull();
    assertThat(sample.onlineTime()).as("an unreadable time is unknown, never fatal").isNull();
    assertThat(PathSample.parseTime(" ")).isNull();
  }

  @Test
  void aPulledCameraMediaMtxCannotReachIsOnlineWithoutAStreamAndNeverConnected() {
    // /v3/paths/get of a pulled camera whose source is down, as MediaMTX v1.20.1 answers it
    Path door = new Path("door", "door", false, true, "0001-01-01T00:00:00Z", new PathSource("rtspSource", ""), 0L,
        List.of(), List.of());
    PathSample sample = PathSample.of(door);
    assertThat(sample.online()).isTrue();
    assertThat(sample.available()).isFalse();
    assertThat(sample.pulled()).isTrue();
    assertThat(sample.onlineTime()).as("Go's zero time: never connected").isNull();
    assertThat(PathSample.of(new Path("gate", "gate", true, true, null, new PathSource("rtspSession", "1"), 1L,
        null, null)).pulled()).as("a publisher's session").isFalse();
    assertThat(PathSample.of(new Path("gate", "gate", false, false, null, null, 0L, null, null)).pulled())
        .as("no source").isFalse();
    assertThat(new PathSource(null, "1").pulledByMediaMtx()).as("a source without a type").isFalse();
    assertThat(new PathSource("hlsSource", "").pulledByMediaMtx()).isTrue();
  }

  @Test
  void eachFailureIsReportedWithItsReachabilityAndNoPaths() {
    assertFailed(new PathsListResult.Unauthorized("401 from site-mediamtx-internal:9997"),
        ApiReachability.UNAUTHORIZED, "401 from site-mediamtx-internal:9997");
    assertFailed(new PathsListResult.Unreachable("connection refused"), ApiReachability.UNREACHABLE,
        "connection refused");
    assertFailed(new PathsListResult.NotFound("404 /v3/paths/list"), ApiReachability.FAILING, "404 /v3/paths/list");
    assertFailed(new PathsListResult.ServerError(500, "500 internal"), ApiReachability.FAILING, "500 internal");
    assertFailed(new PathsListResult.UnexpectedResponse(200, "not JSON"), ApiReachability.FAILING, "not JSON");
  }

  private static void assertFailed(PathsListResult result, ApiReachability reachability, String detail) {
    MediaMtxObservation observation = MediaMtxObservation.of(result, POLLED);
    assertThat(observation.api()).as(result.toString()).isEqualTo(reachability);
    assertThat(observation.answered()).isFalse();
    assertThat(observation.paths()).isEmpty();
    assertThat(observation.polledAt()).isEqualTo(POLLED);
    assertThat(observation.detail()).isEqualTo(detail);
  }
}
