package io.camstream.operator.status;

import static io.camstream.operator.status.ConditionTypes.CAMERAS_PUBLISHING;
import static io.camstream.operator.status.ConditionTypes.MEDIA_SERVER_AVAILABLE;
import static io.camstream.operator.status.ConditionTypes.READY;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.health.ConditionVerdict;
import io.camstream.operator.validation.SpecProblem;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one place a CameraStream's status is decided: from what was observed (or the problem that blocked
 * reconciliation) and the previous status, whose transition times are kept unless a condition flips.
 */
public final class StatusCalculator {
  /** Long lists of failing cameras are cut in the message; per-camera detail lives in status.cameras. */
  static final int MAX_NAMES_IN_MESSAGE = 10;

  private StatusCalculator() {
  }

  /** Status after a completed reconcile, CamerasPublishing derived from the per-camera health alone. */
  public static CameraStreamStatus observed(CameraStream cameraStream, MediaServerAvailability server,
      Map<String, CameraHealth> health, Consumer<CameraStatus> enrich, Instant now) {
    return observed(cameraStream, server, health, enrich, Optional.empty(), Optional.empty(), now);
  }

  /**
   * Status after a completed reconcile.
   *
   * @param publishingVerdict the health source's own CamerasPublishing verdict (Unknown while blind, Stalled, ...)
   * @param apiProblem        why the media server's API does not answer: MediaServerAvailable is then False
   */
  public static CameraStreamStatus observed(CameraStream cameraStream, MediaServerAvailability server,
      Map<String, CameraHealth> health, Consumer<CameraStatus> enrich, Optional<ConditionVerdict> publishingVerdict,
      Optional<ConditionVerdict> apiProblem, Instant now) {
    Long generation = cameraStream.getMetadata().getGeneration();
    List<Condition> previous = previousConditions(cameraStream);

    List<CameraStatus> cameras = new ArrayList<>();
    List<String> notPublishing = new ArrayList<>();
    for (CameraSpec camera : cameraStream.getSpec().getCameras()) {
      CameraHealth cameraHealth = health.getOrDefault(camera.getName(),
          CameraHealth.notPublishing("no health information yet"));
      CameraStatus status = new CameraStatus();
      status.setName(camera.getName());
      status.setPublishing(cameraHealth.publishing());
      status.setMessage(cameraHealth.message());
      status.setUrls(CameraUrlsFactory.of(cameraStream, camera.getName()));
      enrich.accept(status);
      cameras.add(status);
      if (!Boolean.TRUE.equals(status.getPublishing())) {
        notPublishing.add(camera.getName() + " (" + status.getMessage() + ")");
      }
    }
    int total = cameras.size();
    int publishing = total - notPublishing.size();

    Condition serverCondition;
    if (!server.available()) {
      serverCondition = Conditions.next(previous, MEDIA_SERVER_AVAILABLE, false,
          ConditionTypes.REASON_MEDIA_SERVER_UNAVAILABLE, server.message(), generation, now);
    } else if (apiProblem.isPresent()) {
      serverCondition = Conditions.next(previous, MEDIA_SERVER_AVAILABLE, false, apiProblem.get().reason(),
          apiProblem.get().message(), generation, now);
    } else {
      serverCondition = Conditions.next(previous, MEDIA_SERVER_AVAILABLE, true,
          ConditionTypes.REASON_DEPLOYMENT_AVAILABLE, server.message(), generation, now);
    }
    boolean allPublishing = notPublishing.isEmpty();
    String publishingMessage = publishing + "/" + total + " cameras publishing"
        + (allPublishing ? "" : "; not publishing: " + names(notPublishing));
    ConditionVerdict camerasVerdict = publishingVerdict
        // blind and no server to ask: the cameras cannot be publishing, which is known, not unknown
        .map(verdict -> ConditionVerdict.UNKNOWN.equals(verdict.status()) && !server.available()
            ? new ConditionVerdict(ConditionVerdict.FALSE, ConditionTypes.REASON_MEDIA_SERVER_UNAVAILABLE,
                server.message())
            : verdict)
        .orElseGet(() -> allPublishing
            ? new ConditionVerdict(ConditionVerdict.TRUE, ConditionTypes.REASON_ALL_CAMERAS_PUBLISHING,
                publishingMessage)
            : new ConditionVerdict(ConditionVerdict.FALSE, ConditionTypes.REASON_CAMERAS_NOT_PUBLISHING,
                publishingMessage));
    Condition camerasCondition = Conditions.next(previous, CAMERAS_PUBLISHING, camerasVerdict.status(),
        camerasVerdict.reason(), camerasVerdict.message(), generation, now);

    Condition ready;
    if (!server.available()) {
      ready = Conditions.next(previous, READY, false, ConditionTypes.REASON_MEDIA_SERVER_UNAVAILABLE,
          server.message(), generation, now);
    } else if (apiProblem.isPresent()) {
      ready = Conditions.next(previous, READY, false, apiProblem.get().reason(), apiProblem.get().message(),
          generation, now);
    } else if (!camerasVerdict.isTrue()) {
      ready = Conditions.next(previous, READY, false, camerasVerdict.reason(), camerasVerdict.message(),
          generation, now);
    } else {
      ready = Conditions.next(previous, READY, true, ConditionTypes.REASON_READY,
          "MediaMTX is available and all " + total + " cameras are publishing", generation, now);
    }

    CameraStreamStatus status = new CameraStreamStatus();
    status.setObservedGeneration(generation);
    status.setReadyCameras(publishing + "/" + total);
    status.setConditions(Conditions.list(ready, serverCondition, camerasCondition));
    status.setCameras(cameras);
    return status;
  }

  /**
   * The observed status with the cameras held by a problem with their Secret: each one's entry says why, and
   * {@code Ready} turns False with the first one's reason (SecretNotFound, SecretNotLabelled, SecretKeyNotFound), since
   * only the user can fix it. Everything else observed (the server, the other cameras) stays as it was computed.
   *
   * @param problems by camera name, in spec order; empty leaves the status as it is
   */
  public static CameraStreamStatus withHeldCameras(CameraStream cameraStream, CameraStreamStatus observed,
      Map<String, SpecProblem> problems, Instant now) {
    if (problems.isEmpty()) {
      return observed;
    }
    for (CameraStatus camera : observed.getCameras()) {
      SpecProblem problem = problems.get(camera.getName());
      if (problem != null) {
        camera.setMessage(problem.reason() + ": " + problem.message());
      }
    }
    Map.Entry<String, SpecProblem> first = problems.entrySet().iterator().next();
    String message = "camera " + first.getKey() + ": " + first.getValue().message()
        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more camera(s) held by their Secrets: "
            + names(new ArrayList<>(problems.keySet()).subList(1, problems.size())) + ")" : "");
    List<Condition> previous = previousConditions(cameraStream);
    Condition ready = Conditions.next(previous, READY, false, first.getValue().reason(), message,
        cameraStream.getMetadata().getGeneration(), now);
    List<Condition> conditions = new ArrayList<>();
    for (Condition condition : observed.getConditions()) {
      conditions.add(READY.equals(condition.getType()) ? ready : condition);
    }
    observed.setConditions(conditions);
    return observed;
  }

  /**
   * Status when reconciliation cannot proceed until the user acts (InvalidSpec, SecretNotFound, NameConflict)
   * or failed (ReconcileError): Ready turns False with that reason; what was last observed of the server and
   * cameras is kept, because nothing on the cluster was changed.
   */
  public static CameraStreamStatus blocked(CameraStream cameraStream, SpecProblem problem, Instant now) {
    Long generation = cameraStream.getMetadata().getGeneration();
    CameraStreamStatus previousStatus = cameraStream.getStatus();
    List<Condition> previous = previousConditions(cameraStream);

    Condition ready = Conditions.next(previous, READY, false, problem.reason(), problem.message(), generation,
        now);
    Condition server = Conditions.find(previous, MEDIA_SERVER_AVAILABLE)
        .orElseGet(() -> Conditions.next(previous, MEDIA_SERVER_AVAILABLE, ConditionTypes.UNKNOWN,
            ConditionTypes.REASON_BLOCKED, "not reconciled: " + problem.reason(), generation, now));
    Condition cameras = Conditions.find(previous, CAMERAS_PUBLISHING)
        .orElseGet(() -> Conditions.next(previous, CAMERAS_PUBLISHING, ConditionTypes.UNKNOWN,
            ConditionTypes.REASON_BLOCKED, "not reconciled: " + problem.reason(), generation, now));

    CameraStreamStatus status = new CameraStreamStatus();
    status.setObservedGeneration(generation);
    status.setReadyCameras(previousStatus != null && previousStatus.getReadyCameras() != null
        ? previousStatus.getReadyCameras() : "0/" + cameraCount(cameraStream));
    status.setConditions(Conditions.list(ready, server, cameras));
    status.setCameras(previousStatus != null && previousStatus.getCameras() != null
        ? new ArrayList<>(previousStatus.getCameras()) : new ArrayList<>());
    return status;
  }

  private static int cameraCount(CameraStream cameraStream) {
    var spec = cameraStream.getSpec();
    return spec == null || spec.getCameras() == null ? 0 : spec.getCameras().size();
  }

  private static List<Condition> previousConditions(CameraStream cameraStream) {
    return cameraStream.getStatus() == null || cameraStream.getStatus().getConditions() == null ? List.of()
        : cameraStream.getStatus().getConditions();
  }

  private static String names(List<String> names) {
    if (names.size() <= MAX_NAMES_IN_MESSAGE) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, MAX_NAMES_IN_MESSAGE)) + " and "
        + (names.size() - MAX_NAMES_IN_MESSAGE) + " more";
  }
}
