package io.camstream.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushHealthVerdictsTest {
  private static final Instant SINCE = Instant.parse("2026-11-25T04:10:00Z");

  private static CameraHealth camera(String name, CameraPushState state) {
    String message = switch (state) {
      case PUBLISHING -> "publishing since 2026-11-25T04:00:00Z";
      case STALLED -> "stalled since 2026-11-25T04:10:00Z: online but no media";
      default -> "not publishing since 2026-11-25T04:10:00Z: no publisher";
    };
    return new CameraHealth(name, state, SINCE, null, null, null, null, message);
  }

  private static PushHealth answering(CameraHealth... cameras) {
    return new PushHealth(ApiReachability.ANSWERING, null, List.of(cameras));
  }

  @Test
  void allPublishingIsTrue() {
    ConditionVerdict verdict = PushHealthVerdicts.camerasPublishing(answering(
        camera("a", CameraPushState.PUBLISHING), camera("b", CameraPushState.PUBLISHING)));

    assertThat(verdict).isEqualTo(new ConditionVerdict("True", "AllCamerasPublishing",
        "all 2 cameras are publishing"));
  }

  @Test
  void onlyStalledCamerasGiveReasonStalledNamingThemAndSince() {
    ConditionVerdict verdict = PushHealthVerdicts.camerasPublishing(answering(
        camera("a", CameraPushState.PUBLISHING), camera("gate", CameraPushState.STALLED)));

    assertThat(verdict.status()).isEqualTo("False");
    assertThat(verdict.reason()).isEqualTo("Stalled");
    assertThat(verdict.message()).isEqualTo(
        "1/2 cameras publishing; not publishing: gate (stalled since 2026-11-25T04:10:00Z: online but no media)");
  }

  @Test
  void offlineCamerasGiveCamerasNotPublishing() {
    ConditionVerdict verdict = PushHealthVerdicts.camerasPublishing(answering(
        camera("gate", CameraPushState.STALLED), camera("dock", CameraPushState.OFFLINE)));

    assertThat(verdict.reason()).isEqualTo("CamerasNotPublishing");
    assertThat(verdict.message()).contains("gate (stalled since", "dock (not publishing since 2026-11-25T04:10:00Z");
  }

  @Test
  void manyFailingCamerasAreSummarised() {
    List<CameraHealth> cameras = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      cameras.add(camera("cam-" + i, CameraPushState.OFFLINE));
    }
    ConditionVerdict verdict = PushHealthVerdicts.camerasPublishing(
        new PushHealth(ApiReachability.ANSWERING, null, cameras));

    assertThat(verdict.message()).startsWith("0/25 cameras publishing").endsWith("; and 15 more")
        .doesNotContain("cam-10 (");
  }

  @Test
  void exactlyTenFailingCamerasAreAllNamed() {
    List<CameraHealth> cameras = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      cameras.add(camera("cam-" + i, CameraPushState.OFFLINE));
    }
    ConditionVerdict verdict = PushHealthVerdicts.camerasPublishing(answering(cameras.toArray(CameraHealth[]::new)));

    assertThat(verdict.message()).startsWith("0/10 cameras publishing; not publishing: cam-0 (")
        .contains("cam-9 (not publishing since").doesNotContain("more");
  }

  @Test
  void oneCameraIsTheCamera() {
    assertThat(PushHealthVerdicts.camerasPublishing(answering(camera("lobby", CameraPushState.PUBLISHING))))
        .isEqualTo(new ConditionVerdict("True", "AllCamerasPublishing", "the camera is publishing"));
  }

  @Test
  void blindApiIsUnknownWithASpecificReason() {
    PushHealth unreachable = new PushHealth(ApiReachability.UNREACHABLE, "connection to x:9997 refused",
        List.of(camera("a", CameraPushState.UNKNOWN)));
    PushHealth unauthorized = new PushHealth(ApiReachability.UNAUTHORIZED, "GET /v3/paths/list answered 401",
        List.of(camera("a", CameraPushState.UNKNOWN)));
    PushHealth failing = new PushHealth(ApiReachability.FAILING, "GET /v3/paths/list answered 500",
        List.of(camera("a", CameraPushState.UNKNOWN)));

    assertThat(PushHealthVerdicts.camerasPublishing(unreachable)).isEqualTo(new ConditionVerdict("Unknown",
        "MediaServerApiUnreachable", "push health unknown: MediaMTX control API unreachable: connection to x:9997 "
            + "refused"));
    assertThat(PushHealthVerdicts.camerasPublishing(unauthorized).reason()).isEqualTo("MediaServerApiUnauthorized");
    assertThat(PushHealthVerdicts.camerasPublishing(unauthorized).status()).isEqualTo("Unknown");
    assertThat(PushHealthVerdicts.camerasPublishing(failing).reason()).isEqualTo("MediaServerApiError");
    assertThat(PushHealthVerdicts.apiProblem(unauthorized).orElseThrow().message())
        .contains("api-username/api-password");
    assertThat(PushHealthVerdicts.apiProblem(answering(camera("a", CameraPushState.PUBLISHING)))).isEmpty();
  }
}
