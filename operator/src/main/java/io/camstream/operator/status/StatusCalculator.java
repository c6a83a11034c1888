package io.camstream.operator.status;

import static io.camstream.operator.status.ConditionTypes.CAMERAS_PUBLISHING;
import static io.camstream.operator.status.ConditionTypes.EXTERNAL_ADDRESS_ASSIGNED;
import static io.camstream.operator.status.ConditionTypes.MEDIA_SERVER_AVAILABLE;
import static io.camstream.operator.status.ConditionTypes.READY;
import static io.camstream.operator.status.ConditionTypes.RECORDING;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.health.CameraHealth;
import io.camstream.operator.health.CameraPushState;
import io.camstream.operator.health.ConditionVerdict;
import io.camstream.operator.health.HealthTimes;
import io.camstream.operator.health.PushHealth;
import io.camstream.operator.health.PushHealthVerdicts;
import io.camstream.operator.validation.SpecProblem;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place a CameraStream's status is decided: from what was observed (or the problem that blocked
 * reconciliation) and the previous status, whose transition times are kept unless a condition flips.
 */
public final class StatusCalculator {
  private StatusCalculator() {
  }

  /**
   * Status after a completed reconcile: the media server's Deployment and what MediaMTX says about each camera.
   * {@code health} is the push health of the current spec; a camera it does not list counts as not known yet.
   */
  public static CameraStreamStatus observed(CameraStream cameraStream, MediaServerAvailability server,
      PushHealth health, Instant now) {
    return observed(cameraStream, server, health, ViewerEndpoints.inCluster(cameraStream), Optional.empty(), now);
  }

  /**
   * Status after a completed reconcile.
   *
   * @param endpoints       where viewers reach MediaMTX: the base of every camera's URLs
   * @param externalAddress the ExternalAddressAssigned verdict; empty for a CameraStream not exposed outside
   */
  public static CameraStreamStatus observed(CameraStream cameraStream, MediaServerAvailability server,
      PushHealth health, ViewerEndpoints endpoints, Optional<ConditionVerdict> externalAddress, Instant now) {
    Long generation = cameraStream.getMetadata().getGeneration();
    List<Condition> previous = previousConditions(cameraStream);

    List<CameraHealth> cameraHealth = new ArrayList<>();
    List<CameraStatus> cameras = new ArrayList<>();
    for (CameraSpec camera : cameraStream.getSpec().getCameras()) {
      CameraHealth known = health.camera(camera.getName()).orElseGet(() -> notKnownYet(camera.getName(), now));
      cameraHealth.add(known);
      CameraStatus entry = cameraStatus(endpoints, known);
      PlaybackUrl.of(cameraStream, camera).ifPresent(url -> entry.getUrls().setPlayback(url));
      cameras.add(entry);
    }
    PushHealth forSpec = new PushHealth(health.api(), health.apiDetail(), cameraHealth);
    Optional<ConditionVerdict> apiProblem = PushHealthVerdicts.apiProblem(forSpec);
    ConditionVerdict publishing = PushHealthVerdicts.camerasPublishing(forSpec);
    if (ConditionVerdict.UNKNOWN.equals(publishing.status()) && !server.available()) {
      // blind and no server to ask: the cameras cannot be publishing, which is known, not unknown
      publishing = new ConditionVerdict(ConditionVerdict.FALSE, ConditionTypes.REASON_MEDIA_SERVER_UNAVAILABLE,
          server.message());
    }

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
    Condition camerasCondition = Conditions.next(previous, CAMERAS_PUBLISHING, publishing.status(),
        publishing.reason(), publishing.message(), generation, now);

    Condition ready;
    if (!server.available()) {
      ready = Conditions.next(previous, READY, false, ConditionTypes.REASON_MEDIA_SERVER_UNAVAILABLE,
          server.message(), generation, now);
    } else if (apiProblem.isPresent()) {
      ready = Conditions.next(previous, READY, false, apiProblem.get().reason(), apiProblem.get().message(),
          generation, now);
    } else if (!publishing.isTrue()) {
      ready = Conditions.next(previous, READY, false, publishing.reason(), publishing.message(), generation, now);
    } else {
      ready = Conditions.next(previous, READY, true, ConditionTypes.REASON_READY,
          "MediaMTX is available and all " + cameras.size() + " cameras are publishing", generation, now);
    }

    CameraStreamStatus status = new CameraStreamStatus();
    status.setObservedGeneration(generation);
    status.setReadyCameras(forSpec.readyCameras());
    List<Condition> conditions = Conditions.list(ready, serverCondition, camerasCondition);
    externalAddress.ifPresent(verdict -> conditions.add(Conditions.next(previous, EXTERNAL_ADDRESS_ASSIGNED,
        verdict.status(), verdict.reason(), verdict.message(), generation, now)));
    status.setConditions(conditions);
    status.setCameras(cameras);
    return status;
  }

  /** {@code status.cameras[]}: what MediaMTX says about one camera, and where to watch it. */
  private static CameraStatus cameraStatus(ViewerEndpoints endpoints, CameraHealth camera) {
    CameraStatus status = new CameraStatus();
    status.setName(camera.name());
    status.setPublishing(camera.publishingFlag());
    status.setPublishingSince(camera.publishing() ? HealthTimes.format(camera.publishingSince()) : null);
    status.setCodec(camera.codec());
    status.setWidth(camera.width());
    status.setHeight(camera.height());
    status.setMessage(camera.message());
    status.setUrls(endpoints.urls(camera.name()));
    return status;
  }

  private static CameraHealth notKnownYet(String camera, Instant now) {
    return new CameraHealth(camera, CameraPushState.UNKNOWN, now, null, null, null, null, "no push health yet");
  }

  /**
   * The observed status with a problem of the media server found outside push health (its configuration):
   * {@code MediaServerAvailable} and {@code Ready} turn False with its reason, unless the server is already reported
   * unavailable for a more basic one.
   */
  public static CameraStreamStatus withMediaServerProblem(CameraStream cameraStream, CameraStreamStatus observed,
      ConditionVerdict problem, Instant now) {
    List<Condition> previous = previousConditions(cameraStream);
    Long generation = cameraStream.getMetadata().getGeneration();
    if (!Conditions.isTrue(observed.getConditions(), MEDIA_SERVER_AVAILABLE)) {
      return observed;
    }
    List<Condition> conditions = new ArrayList<>();
    for (Condition condition : observed.getConditions()) {
      if (MEDIA_SERVER_AVAILABLE.equals(condition.getType()) || READY.equals(condition.getType())) {
        conditions.add(Conditions.next(previous, condition.getType(), false, problem.reason(), problem.message(),
            generation, now));
      } else {
        conditions.add(condition);
      }
    }
    observed.setConditions(conditions);
    return observed;
  }

  /**
   * The observed status with the {@code Recording} condition (with {@code spec.recording} only): recording runs, or
   * why not. While it does not, {@code Ready} turns False with its reason, unless it is False already for a more
   * basic one (the server, the cameras).
   *
   * @param recording the condition's verdict ({@link RecordingAvailability}); empty leaves the status as it is
   */
  public static CameraStreamStatus withRecording(CameraStream cameraStream, CameraStreamStatus observed,
      Optional<ConditionVerdict> recording, Instant now) {
    if (recording.isEmpty()) {
      return observed;
    }
    List<Condition> previous = previousConditions(cameraStream);
    Long generation = cameraStream.getMetadata().getGeneration();
    ConditionVerdict verdict = recording.get();
    List<Condition> conditions = new ArrayList<>();
    for (Condition condition : observed.getConditions()) {
      if (READY.equals(condition.getType()) && ConditionTypes.TRUE.equals(condition.getStatus())
          && !verdict.isTrue()) {
        conditions.add(Conditions.next(previous, READY, false, verdict.reason(), verdict.message(), generation, now));
      } else {
        conditions.add(condition);
      }
    }
    conditions.add(Conditions.next(previous, RECORDING, verdict.status(), verdict.reason(), verdict.message(),
        generation, now));
    observed.setConditions(conditions);
    return observed;
  }

  /** The observed status with the cameras held by a problem of their own (see {@link #withHeld}). */
  public static CameraStreamStatus withHeldCameras(CameraStream cameraStream, CameraStreamStatus observed,
      Map<String, SpecProblem> problems, Instant now) {
    return withHeld(cameraStream, observed, problems, Optional.empty(), now);
  }

  /**
   * The observed status with what is held by a problem only the user can fix, while everything else reconciled: the
   * cameras held by a problem of their own (their Secret, resources the API server refuses) — each one's entry says
   * why — and the recordings' claim (it cannot grow, shrink, change its class or its owner). {@code Ready} turns False
   * with the first one's reason (SecretNotFound, SecretNotLabelled, SecretKeyNotFound, InvalidSpec, ApiRejected,
   * StorageCannotGrow, ...). Everything else observed (the server, the other cameras) stays as it was computed.
   *
   * @param cameras by camera name, in spec order
   * @param recordings the problem holding the recordings' claim
   */
  public static CameraStreamStatus withHeld(CameraStream cameraStream, CameraStreamStatus observed,
      Map<String, SpecProblem> cameras, Optional<SpecProblem> recordings, Instant now) {
    if (cameras.isEmpty() && recordings.isEmpty()) {
      return observed;
    }
    for (CameraStatus camera : observed.getCameras()) {
      SpecProblem problem = cameras.get(camera.getName());
      if (problem != null) {
        camera.setMessage(problem.reason() + ": " + problem.message());
      }
    }
    String reason;
    StringBuilder message = new StringBuilder();
    if (!cameras.isEmpty()) {
      Map.Entry<String, SpecProblem> first = cameras.entrySet().iterator().next();
      reason = first.getValue().reason();
      message.append("camera ").append(first.getKey()).append(": ").append(first.getValue().message());
      if (cameras.size() > 1) {
        message.append(" (and ").append(cameras.size() - 1).append(" more camera(s) held: ")
            .append(String.join(", ", cameras.keySet().stream().skip(1).limit(10).toList()))
            .append(cameras.size() > 11 ? ", ..." : "").append(")");
      }
      recordings.ifPresent(problem -> message.append("; ").append(problem.reason()).append(": ")
          .append(problem.message()));
    } else {
      reason = recordings.get().reason();
      message.append(recordings.get().message());
    }
    List<Condition> previous = previousConditions(cameraStream);
    Condition ready = Conditions.next(previous, READY, false, reason, message.toString(),
        cameraStream.getMetadata().getGeneration(), now);
    List<Condition> conditions = new ArrayList<>();
    for (Condition condition : observed.getConditions()) {
      conditions.add(READY.equals(condition.getType()) ? ready : condition);
    }
    observed.setConditions(conditions);
    return observed;
  }

  /** Problems listed in Ready's message; the rest are counted. */
  static final int MAX_LISTED_PROBLEMS = 10;

  /**
   * Status when reconciliation cannot proceed until the user acts (InvalidSpec, SecretNotFound, NameConflict)
   * or failed (ReconcileError): Ready turns False with that reason; what was last observed of the server and
   * cameras is kept, because nothing on the cluster was changed.
   */
  public static CameraStreamStatus blocked(CameraStream cameraStream, SpecProblem problem, Instant now) {
    return blocked(cameraStream, List.of(problem), now);
  }

  /**
   * Status when several problems stop reconciliation: Ready turns False with the first one's reason, and its message
   * lists them all (the first {@value #MAX_LISTED_PROBLEMS}, then how many more), so one look shows every mistake.
   *
   * @param problems at least one
   */
  public static CameraStreamStatus blocked(CameraStream cameraStream, List<SpecProblem> problems, Instant now) {
    SpecProblem problem = new SpecProblem(problems.get(0).reason(), message(problems));
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
    List<Condition> conditions = Conditions.list(ready, server, cameras);
    // Nothing was changed on the cluster: what was known of the external address and recording still holds.
    Conditions.find(previous, EXTERNAL_ADDRESS_ASSIGNED).ifPresent(conditions::add);
    Conditions.find(previous, RECORDING).ifPresent(conditions::add);
    status.setConditions(conditions);
    status.setCameras(previousStatus != null && previousStatus.getCameras() != null
        ? new ArrayList<>(previousStatus.getCameras()) : new ArrayList<>());
    return status;
  }

  /**
   * The first problem's message; with more, each one's after it, named by its reason where that differs from the
   * first's, then how many were left out.
   */
  static String message(List<SpecProblem> problems) {
    SpecProblem first = problems.get(0);
    if (problems.size() == 1) {
      return first.message();
    }
    StringBuilder message = new StringBuilder(problems.size() + " problems: " + first.message());
    for (SpecProblem next : problems.subList(1, Math.min(problems.size(), MAX_LISTED_PROBLEMS))) {
      message.append("; ").append(next.reason().equals(first.reason()) ? "" : next.reason() + ": ")
          .append(next.message());
    }
    if (problems.size() > MAX_LISTED_PROBLEMS) {
      message.append("; and ").append(problems.size() - MAX_LISTED_PROBLEMS).append(" more");
    }
    return message.toString();
  }

  private static int cameraCount(CameraStream cameraStream) {
    var spec = cameraStream.getSpec();
    return spec == null || spec.getCameras() == null ? 0 : spec.getCameras().size();
  }

  private static List<Condition> previousConditions(CameraStream cameraStream) {
    return cameraStream.getStatus() == null || cameraStream.getStatus().getConditions() == null ? List.of()
        : cameraStream.getStatus().getConditions();
  }
}
