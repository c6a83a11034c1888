package io.camstream.operator.health;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Pure: push health → the {@code CamerasPublishing} condition, and the API's share of {@code MediaServerAvailable}. */
public final class PushHealthVerdicts {
  /** Messages name at most this many cameras, so 256 stalled cameras still give a readable line. */
  static final int MAX_NAMED_CAMERAS = 10;

  private PushHealthVerdicts() {
  }

  /** {@code CamerasPublishing}: True only on an answering API with every camera publishing; Unknown when blind. */
  public static ConditionVerdict camerasPublishing(PushHealth health) {
    Optional<ConditionVerdict> blind = apiProblem(health);
    if (blind.isPresent()) {
      ConditionVerdict problem = blind.get();
      return new ConditionVerdict(ConditionVerdict.UNKNOWN, problem.reason(),
          "push health unknown: " + problem.message());
    }
    List<CameraHealth> notPublishing = health.cameras().stream().filter(c -> !c.publishing()).toList();
    if (notPublishing.isEmpty()) {
      return new ConditionVerdict(ConditionVerdict.TRUE, PushHealthReasons.ALL_CAMERAS_PUBLISHING,
          health.cameras().size() == 1 ? "the camera is publishing"
              : "all " + health.cameras().size() + " cameras are publishing");
    }
    boolean allStalled = notPublishing.stream().allMatch(c -> c.state() == CameraPushState.STALLED);
    String named = notPublishing.stream().limit(MAX_NAMED_CAMERAS)
        .map(c -> c.name() + " (" + c.message() + ")")
        .collect(Collectors.joining("; "));
    if (notPublishing.size() > MAX_NAMED_CAMERAS) {
      named += "; and " + (notPublishing.size() - MAX_NAMED_CAMERAS) + " more";
    }
    return new ConditionVerdict(ConditionVerdict.FALSE,
        allStalled ? PushHealthReasons.STALLED : PushHealthReasons.CAMERAS_NOT_PUBLISHING,
        health.readyCameras() + " cameras publishing; not publishing: " + named);
  }

  /**
   * Why the API gave no usable answer, as a reason and message for {@code MediaServerAvailable} (False) or empty when
   * it answered. The message carries the URL and status, never credentials.
   */
  public static Optional<ConditionVerdict> apiProblem(PushHealth health) {
    String detail = health.apiDetail() == null ? "" : ": " + health.apiDetail();
    return switch (health.api()) {
      case ANSWERING -> Optional.empty();
      case UNREACHABLE -> Optional.of(new ConditionVerdict(ConditionVerdict.FALSE,
          PushHealthReasons.MEDIA_SERVER_API_UNREACHABLE, "MediaMTX control API unreachable" + detail));
      case UNAUTHORIZED -> Optional.of(new ConditionVerdict(ConditionVerdict.FALSE,
          PushHealthReasons.MEDIA_SERVER_API_UNAUTHORIZED,
          "MediaMTX control API rejected the operator's API credentials (Secret key api-username/api-password)"
              + detail));
      case FAILING -> Optional.of(new ConditionVerdict(ConditionVerdict.FALSE,
          PushHealthReasons.MEDIA_SERVER_API_ERROR, "MediaMTX control API failed" + detail));
    };
  }
}
