package io.camstream.operator.reconciler;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.dependent.CredentialsSecretDependentResource;
import io.camstream.operator.dependent.DesiredStates;
import io.camstream.operator.dependent.LegacyConfigMapDependentResource;
import io.camstream.operator.dependent.MediaMtxConfigSecretDependentResource;
import io.camstream.operator.dependent.MediaMtxDeploymentDependentResource;
import io.camstream.operator.dependent.MediaMtxInternalServiceDependentResource;
import io.camstream.operator.dependent.MediaMtxNetworkPolicyDependentResource;
import io.camstream.operator.dependent.MediaMtxRuntime;
import io.camstream.operator.dependent.MediaMtxRuntimeConfigDependentResource;
import io.camstream.operator.dependent.MediaMtxServiceDependentResource;
import io.camstream.operator.dependent.RecordingsVolumeDependentResource;
import io.camstream.operator.dependent.ApiRefusals;
import io.camstream.operator.dependent.StreamerDeploymentsDependentResource;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.DesiredStateInputs;
import io.camstream.operator.desired.DesiredStateMemo;
import io.camstream.operator.desired.LazyDesiredState;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.desired.RecordingsVolumeBuilder;
import io.camstream.operator.desired.RecordingsVolumeUse;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.events.EventRecorder;
import io.camstream.operator.events.ReconcileChanges;
import io.camstream.operator.events.TransitionEvents;
import io.camstream.operator.health.ConditionVerdict;
import io.camstream.operator.health.PushHealth;
import io.camstream.operator.health.PushHealthSource;
import io.camstream.operator.mediamtx.sync.ConfigDrift;
import io.camstream.operator.mediamtx.sync.ConfigDriftEventSource;
import io.camstream.operator.mediamtx.sync.MediaMtxConfigSync;
import io.camstream.operator.mediamtx.sync.SyncResult;
import io.camstream.operator.observation.Observation;
import io.camstream.operator.observation.Observer;
import io.camstream.operator.secrets.CameraSecretsEventSource;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.status.MediaServerAvailability;
import io.camstream.operator.status.RecordingAvailability;
import io.camstream.operator.status.StatusCalculator;
import io.camstream.operator.status.StatusWriter;
import io.camstream.operator.ui.WatchedCameraStreams;
import io.camstream.operator.validation.Admission;
import io.camstream.operator.validation.CameraSecrets;
import io.camstream.operator.validation.CameraSecretsCheck;
import io.camstream.operator.validation.NameConflict;
import io.camstream.operator.validation.NameConflictCheck;
import io.camstream.operator.validation.RecordingsVolumeCheck;
import io.camstream.operator.validation.SpecProblem;
import io.camstream.operator.validation.WebRtcNodePortCheck;
import io.camstream.operator.webrtc.ExternalAccess;
import io.camstream.operator.webrtc.IceServer;
import io.camstream.operator.webrtc.IceServers;
import io.camstream.operator.webrtc.NodeAddressEventSource;
import io.camstream.operator.webrtc.NodeAddresses;
import io.camstream.operator.webrtc.ObservedNetwork;
import io.camstream.operator.webrtc.WebRtcSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a CameraStream in five steps, each in its own place: observe (one {@link Observation}, read by
 * {@link Observer}), admit ({@link Admission}: every problem at once, nothing written while one stops the reconcile),
 * desire ({@link DesiredState}), apply (the explicit workflow below), report ({@link StatusCalculator}, the status
 * written once). A camera whose Secret is missing, unlabelled or incomplete is held (its running streamer kept as it
 * is) while the others reconcile; a camera MediaMTX pulls itself cannot be (its credentials are part of the config), so
 * its Secret's problem stops the whole reconcile. A name taken by a foreign object shows when its create is refused;
 * the change is then taken back (see {@link NameConflictCheck}).
 */
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = CameraStreamReconciler.CREDENTIALS, type = CredentialsSecretDependentResource.class),
    // After the Service: a node port the API server refuses must not leave MediaMTX listening on it.
    @Dependent(name = CameraStreamReconciler.CONFIG, type = MediaMtxConfigSecretDependentResource.class,
        dependsOn = {CameraStreamReconciler.CREDENTIALS, CameraStreamReconciler.SERVICE},
        useEventSourceWithName = CameraStreamReconciler.CREDENTIALS),
    @Dependent(name = CameraStreamReconciler.MEDIA_SERVER, type = MediaMtxDeploymentDependentResource.class,
        dependsOn = CameraStreamReconciler.CONFIG),
    // Deleted only once the media server mounts the Secret instead.
    @Dependent(name = CameraStreamReconciler.LEGACY_CONFIG_MAP, type = LegacyConfigMapDependentResource.class,
        reconcilePrecondition = LegacyConfigMapDependentResource.NeverWanted.class,
        dependsOn = CameraStreamReconciler.MEDIA_SERVER),
    // Not a dependency of the media server: its precondition would otherwise gate the Deployment. The pod waits
    // for the claim on its own.
    @Dependent(name = CameraStreamReconciler.RECORDINGS, type = RecordingsVolumeDependentResource.class,
        reconcilePrecondition = RecordingsVolumeDependentResource.RecordingConfigured.class),
    @Dependent(name = CameraStreamReconciler.SERVICE, type = MediaMtxServiceDependentResource.class),
    @Dependent(name = CameraStreamReconciler.INTERNAL_SERVICE, type = MediaMtxInternalServiceDependentResource.class,
        useEventSourceWithName = CameraStreamReconciler.SERVICE),
    @Dependent(name = CameraStreamReconciler.NETWORK_POLICY, type = MediaMtxNetworkPolicyDependentResource.class),
    // The running MediaMTX gets what the file now says at once, through its control API.
    @Dependent(name = CameraStreamReconciler.MEDIAMTX_RUNTIME, type = MediaMtxRuntimeConfigDependentResource.class,
        dependsOn = CameraStreamReconciler.CONFIG),
    // After both: a new camera's path exists and new MediaMTX credentials are accepted when a streamer (re)starts.
    @Dependent(name = CameraStreamReconciler.STREAMERS, type = StreamerDeploymentsDependentResource.class,
        dependsOn = CameraStreamReconciler.MEDIAMTX_RUNTIME)
})
@ControllerConfiguration(name = CameraStreamReconciler.NAME)
public class CameraStreamReconciler implements Reconciler<CameraStream> {
  public static final String NAME = "camerastream";
  static final String CREDENTIALS = "credentials-secret";
  static final String CONFIG = "mediamtx-config";
  static final String LEGACY_CONFIG_MAP = "legacy-mediamtx-config-map";
  static final String MEDIA_SERVER = "mediamtx-deployment";
  static final String RECORDINGS = "recordings-volume";
  static final String SERVICE = "mediamtx-service";
  static final String INTERNAL_SERVICE = "mediamtx-internal-service";
  static final String NETWORK_POLICY = "mediamtx-network-policy";
  static final String MEDIAMTX_RUNTIME = MediaMtxRuntimeConfigDependentResource.NAME;
  static final String STREAMERS = "streamer-deployments";
  public static final String REASON_CONFIG_REPAIRED = "MediaServerConfigRepaired";

  /** Blocked resources are re-checked with a delay that grows with how long they have been blocked. */
  static final Duration MIN_BACKOFF = Duration.ofSeconds(10);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(CameraStreamReconciler.class);

  private final OperatorDefaults defaults;
  private final PushHealthSource pushHealth;
  private final MediaMtxConfigSync configSync;
  private final EventRecorder events;
  private final Observer observer;
  private final Clock clock;
  private final WatchedCameraStreams watched;
  private volatile Optional<String> nodesUnreadable;
  private final IgnoredFieldsLog ignoredFields = new IgnoredFieldsLog();
  private final FailureLog failures = new FailureLog();
  private final DesiredStateMemo desiredStates;

  /**
   * @param configSync sets each MediaMTX's paths and users through its control API
   * @param events where the Events go (the operator's recorder)
   * @param watched receives JOSDK's primary cache, which the camera wall reads instead of asking the API server
   * @param nodesUnreadable why this operator does not watch Nodes, whose addresses CameraStreams may announce (it
   *     needs cluster-wide list and watch); empty when it does
   * @param readStorageClasses read the recordings claims' StorageClasses (needs cluster-wide get)
   */
  public CameraStreamReconciler(OperatorDefaults defaults, PushHealthSource pushHealth,
      MediaMtxConfigSync configSync, EventRecorder events, PasswordGenerator passwords, Clock clock,
      WatchedCameraStreams watched, Optional<String> nodesUnreadable, boolean readStorageClasses) {
    this.defaults = defaults;
    this.pushHealth = pushHealth;
    this.configSync = configSync;
    this.events = events;
    this.observer = new Observer(passwords, () -> this.nodesUnreadable, readStorageClasses);
    this.clock = clock;
    this.watched = watched;
    this.nodesUnreadable = nodesUnreadable;
    this.desiredStates = new DesiredStateMemo((namespace, name) -> watched.find(namespace, name).isPresent());
  }

  /**
   * Besides the workflow's informers: the labelled camera Secrets (so a changed or deleted one reconciles at once),
   * MediaMTX's configured paths (drift), whatever push health polls (MediaMTX's API), and the nodes' addresses.
   */
  @Override
  public List<EventSource<?, CameraStream>> prepareEventSources(EventSourceContext<CameraStream> context) {
    watched.attach(context.getPrimaryCache());
    List<EventSource<?, CameraStream>> sources = new ArrayList<>(pushHealth.eventSources(context,
        (cameraStream, transitions) ->
            TransitionEvents.of(transitions).forEach(event -> events.record(cameraStream, event))));
    sources.add(CameraSecretsEventSource.create(context));
    sources.add(new ConfigDriftEventSource(context, configSync));
    if (nodesUnreadable.isEmpty()) {
      sources.add(NodeAddressEventSource.create(context));
    }
    return sources;
  }

  /**
   * Nodes may be read now (their ClusterRoleBinding was created): reconciles read them from the Node informer, which
   * the caller adds to the running controller when this says they were not read before (its first list then
   * reconciles the CameraStreams that announce node addresses).
   *
   * @return whether Nodes were unreadable until now
   */
  public synchronized boolean nodesGranted() {
    boolean wereUnreadable = nodesUnreadable.isPresent();
    nodesUnreadable = Optional.empty();
    return wereUnreadable;
  }

  /**
   * Observe → admit → desire → apply → report: the world is read once, judged and turned into the desired state by
   * pure functions, the workflow applies it, and the status is written once.
   */
  @Override
  public UpdateControl<CameraStream> reconcile(CameraStream cameraStream, Context<CameraStream> context) {
    UpdateControl<CameraStream> control = reconcileSteps(cameraStream, context);
    failures.succeeded(cameraStream);
    return control;
  }

  private UpdateControl<CameraStream> reconcileSteps(CameraStream cameraStream, Context<CameraStream> context) {
    events.attachTo(context);
    Instant now = clock.instant();
    // The reconciled copy is a clone made by serializing, which cannot carry what was left out when reading.
    ignoredFields.report(context.getPrimaryCache().get(ResourceID.fromResource(cameraStream)).orElse(cameraStream));

    Observation observed = observer.observe(cameraStream, context);
    List<SpecProblem> problems = Admission.check(cameraStream, observed);
    if (Admission.blocks(problems)) {
      return blocked(cameraStream, context, problems, now);
    }
    Map<String, SpecProblem> held = new LinkedHashMap<>(Admission.heldCameras(problems));
    Optional<SpecProblem> heldRecordings = Admission.heldRecordings(problems);
    Optional<RecordingAvailability> recording = RecordingAvailability.of(cameraStream, observed.recordingsClaim(),
        observed.recordingsStorageClass());
    LazyDesiredState desired = desire(cameraStream, observed, held.keySet(), recordingsUse(observed, recording,
        heldRecordings));
    ApiRefusals refusals = ApiRefusals.start(context);
    Optional<NameConflict> conflict = apply(cameraStream, desired, context);
    if (conflict.isPresent()) {
      return blocked(cameraStream, context, List.of(conflict.get().problem()), now);
    }
    refusals.streamers().forEach((camera, answer) -> held.putIfAbsent(camera, refusal(camera, answer)));
    if (heldRecordings.isEmpty() && observed.recordingsClaim().isPresent()) {
      PersistentVolumeClaim claim = observed.recordingsClaim().get();
      heldRecordings = refusals.recordingsOwnership().map(answer -> RecordingsVolumeCheck.ownershipRefused(
          cameraStream, claim)).or(() -> refusals.recordingsGrowth().map(answer ->
          RecordingsVolumeCheck.growthRefused(cameraStream, claim, answer.getStatus() == null ? answer.getMessage()
              : answer.getStatus().getMessage())));
    }
    return report(cameraStream, context, observed.nodes(), held, heldRecordings, recording, now);
  }

  /** A camera whose streamer the API server rejected: held like one with a problem of its own, reported at once. */
  private static SpecProblem refusal(String camera, KubernetesClientException answer) {
    ReconcileFailure failure = ReconcileFailure.of(answer, null);
    return new SpecProblem(failure.reason(), failure.message()).holding(camera);
  }

  /**
   * Whether MediaMTX mounts the recordings' claim (not while it cannot bind), and the claim's own size kept while a
   * problem holds it (a size it cannot grow to is never asked for).
   */
  private static RecordingsVolumeUse recordingsUse(Observation observed, Optional<RecordingAvailability> recording,
      Optional<SpecProblem> heldRecordings) {
    return new RecordingsVolumeUse(recording.map(RecordingAvailability::mounted).orElse(true),
        heldRecordings.flatMap(problem -> observed.recordingsClaim()).map(RecordingsVolumeBuilder::requestedSize));
  }

  /**
   * The desired state of an admitted CameraStream. A held camera keeps the streamer it runs (none is created for
   * it), so the other cameras reconcile as usual.
   */
  private LazyDesiredState desire(CameraStream cameraStream, Observation observed, Set<String> heldCameras,
      RecordingsVolumeUse recordings) {
    List<IceServer> iceServers = IceServers.resolve(cameraStream, observed::labelledSecret, observed::anySecret)
        .servers();
    CameraSecrets cameraSecrets = CameraSecretsCheck.check(cameraStream, observed::labelledSecret,
        observed::anySecret);
    Map<String, Optional<Deployment>> heldStreamers = new LinkedHashMap<>();
    heldCameras.forEach(camera -> heldStreamers.put(camera,
        observed.ownDeployment(ResourceNames.streamer(cameraStream, camera), cameraStream)));
    return desiredStates.desire(cameraStream, DesiredStateInputs.of(cameraStream, defaults, observed.credentials(),
        WebRtcSettings.of(cameraStream, observed.network(), iceServers), cameraSecrets.credentials(), heldStreamers,
        recordings));
  }

  /**
   * Runs the workflow on the desired state. A create refused because a foreign object holds the name is taken back
   * with what this reconcile created (see {@link NameConflictCheck}); any other failure goes to the error policy.
   */
  private Optional<NameConflict> apply(CameraStream cameraStream, LazyDesiredState desired,
      Context<CameraStream> context) {
    DesiredStates.put(context, desired);
    MediaMtxRuntime.put(context, configSync);
    ReconcileChanges changes = ReconcileChanges.start(context);
    try {
      context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
      return Optional.empty();
    } catch (RuntimeException e) {
      Optional<NameConflict> conflict = NameConflict.in(e);
      if (conflict.isEmpty()) {
        throw e;
      }
      changes.undone();
      observer.nameTaken(cameraStream, conflict.get().wanted());
      undo(cameraStream, changes, context);
      return conflict;
    } finally {
      // what was done is announced even when another dependent failed
      changes.events().forEach(event -> events.record(cameraStream, event));
    }
  }

  /**
   * The status after the workflow: the media server and the Service as it left them (node ports allocated just now),
   * push health, a stale MediaMTX configuration, whether recording runs, and what is held (cameras, the recordings'
   * claim).
   */
  private UpdateControl<CameraStream> report(CameraStream cameraStream, Context<CameraStream> context,
      NodeAddresses nodes, Map<String, SpecProblem> held, Optional<SpecProblem> heldRecordings,
      Optional<RecordingAvailability> recording, Instant now) {
    Optional<SyncResult> sync = MediaMtxRuntime.result(context);
    sync.ifPresent(result -> announce(cameraStream, result));
    MediaServerAvailability server = MediaServerAvailability.of(
        observer.mediaServer(cameraStream, context).orElse(null));
    PushHealth health = pushHealth.observe(cameraStream, context);
    ExternalAccess access = ExternalAccess.of(cameraStream,
        ObservedNetwork.of(observer.service(cameraStream, context).orElse(null), nodes));
    UpdateControl<CameraStream> control = withStatus(cameraStream, context, resource -> {
      CameraStreamStatus status = StatusCalculator.observed(resource, server, health, access.endpoints(),
          access.verdict(), now);
      if (sync.isPresent() && sync.get().stale()) {
        status = StatusCalculator.withMediaServerProblem(resource, status, staleConfig(sync.get()), now);
      }
      status = StatusCalculator.withRecording(resource, status, recording.map(RecordingAvailability::condition),
          now);
      return StatusCalculator.withHeld(resource, status, held, heldRecordings, now);
    });
    Optional<Duration> recheck = Optional.empty();
    if (sync.isPresent() && sync.get().stale()) {
      // an unchanged drift triggers no new poll event: retry the repair on the bound's rhythm
      recheck = Optional.of(configSync.repairAfter());
    }
    if (!held.isEmpty() || heldRecordings.isPresent()) {
      // A labelled Secret that appears or changes reconciles at once; an unlabelled one, a StorageClass, a policy
      // webhook are invisible to the informers, so what is held is also re-checked on the growing delay of blocked
      // resources.
      SpecProblem first = held.isEmpty() ? heldRecordings.get() : held.values().iterator().next();
      log.info("CameraStream {}/{}: held: {}{} ({})", cameraStream.getMetadata().getNamespace(),
          cameraStream.getMetadata().getName(), held.isEmpty() ? "" : "cameras " + held.keySet(),
          heldRecordings.isPresent() ? (held.isEmpty() ? "" : ", ") + "the recordings' claim" : "", first.reason());
      Duration backoff = backoff(cameraStream, first, now);
      recheck = Optional.of(recheck.filter(d -> d.compareTo(backoff) < 0).orElse(backoff));
    }
    if (recording.isPresent() && !recording.get().condition().isTrue()) {
      // A StorageClass created, or made the default, is not watched: the claim is looked at again on the same
      // growing delay. A claim that binds or changes reconciles at once.
      Duration backoff = backoff(cameraStream, new SpecProblem(recording.get().condition().reason(), ""), now);
      recheck = Optional.of(recheck.filter(d -> d.compareTo(backoff) < 0).orElse(backoff));
    }
    return recheck.map(control::rescheduleAfter).orElse(control);
  }

  /** Drift repaired: never silently (a Warning Event and a log line); changes made on request: a debug line. */
  private void announce(CameraStream cameraStream, SyncResult result) {
    String id = cameraStream.getMetadata().getNamespace() + "/" + cameraStream.getMetadata().getName();
    result.repaired().ifPresent(drift -> {
      String message = "MediaMTX ran " + result.driftAge().toSeconds() + " s " + drift.describe()
          + ", a configuration older than the desired one; re-applied through its control API: "
          + String.join(", ", result.changes());
      log.warn("CameraStream {}: {}", id, message);
      events.warning(cameraStream, REASON_CONFIG_REPAIRED, message);
    });
    if (result.failure().isPresent()) {
      log.debug("CameraStream {}: MediaMTX control API: {}", id, result.failure().get());
    } else if (!result.changes().isEmpty() && result.repaired().isEmpty()) {
      log.debug("CameraStream {}: MediaMTX control API: {}", id, String.join(", ", result.changes()));
    }
  }

  private ConditionVerdict staleConfig(SyncResult result) {
    ConfigDrift drift = result.drift().orElseThrow();
    return new ConditionVerdict(ConditionVerdict.FALSE, ConditionTypes.REASON_MEDIA_SERVER_CONFIG_STALE,
        "MediaMTX has run for over " + configSync.repairAfter().toSeconds() + " s " + drift.describe()
            + " and re-applying the desired configuration through its control API failed ("
            + result.failure().orElse("") + "); it gets it on its next reload of the file or restart");
  }

  /**
   * The error policy ({@link ReconcileFailure}): a failure is retried quietly until it persists (a rejected object at
   * once); only then is it reported, as {@code Ready=False} with a specific reason and a message naming the failed
   * request, and logged with its stack trace once ({@link FailureLog}).
   */
  @Override
  public ErrorStatusUpdateControl<CameraStream> updateErrorStatus(CameraStream cameraStream,
      Context<CameraStream> context, Exception e) {
    events.attachTo(context);
    RetryInfo retry = context.getRetryInfo().orElse(null);
    if (context.isPrimaryResourceDeleted()) {
      failures.succeeded(cameraStream);
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    Optional<SpecProblem> refusedNodePort = WebRtcNodePortCheck.refusedByApiServer(cameraStream, e);
    if (refusedNodePort.isPresent()) {
      log.info("CameraStream {}/{} not reconciled: {}", cameraStream.getMetadata().getNamespace(),
          cameraStream.getMetadata().getName(), refusedNodePort.get().reason());
      writeErrorStatus(cameraStream, context, refusedNodePort.get());
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    failures.failed(cameraStream, e, retry);
    ReconcileFailure failure = ReconcileFailure.of(e, retry);
    if (failure.isPersistent(retry)) {
      writeErrorStatus(cameraStream, context, new SpecProblem(failure.reason(), failure.message()));
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  private void writeErrorStatus(CameraStream cameraStream, Context<CameraStream> context, SpecProblem problem) {
    try {
      StatusWriter.write(cameraStream, context,
          resource -> StatusCalculator.blocked(resource, problem, clock.instant()));
    } catch (RuntimeException statusFailure) {
      log.warn("could not write the status of CameraStream {}/{}: {}", cameraStream.getMetadata().getNamespace(),
          cameraStream.getMetadata().getName(), ReconcileFailure.of(statusFailure, null).message());
    }
  }

  /** @param problems those that stop the reconcile first: the first is Ready's reason and sets the re-check delay */
  private UpdateControl<CameraStream> blocked(CameraStream cameraStream, Context<CameraStream> context,
      List<SpecProblem> problems, Instant now) {
    SpecProblem first = problems.get(0);
    log.info("CameraStream {}/{} not reconciled: {}", cameraStream.getMetadata().getNamespace(),
        cameraStream.getMetadata().getName(), problems.stream().map(SpecProblem::reason).distinct().toList());
    Duration backoff = backoff(cameraStream, first, now);
    UpdateControl<CameraStream> control = withStatus(cameraStream, context,
        resource -> StatusCalculator.blocked(resource, problems, now));
    // A spec change triggers a new reconcile by itself; foreign objects are not watched, so those problems are
    // re-checked on a growing delay instead of in a tight loop.
    return SpecProblem.INVALID_SPEC.equals(first.reason()) ? control : control.rescheduleAfter(backoff);
  }

  private static UpdateControl<CameraStream> withStatus(CameraStream cameraStream, Context<CameraStream> context,
      Function<CameraStream, CameraStreamStatus> statusOf) {
    StatusWriter.write(cameraStream, context, statusOf);
    return UpdateControl.noUpdate();
  }

  /**
   * Takes back what a reconcile stopped by a name conflict created, so that a conflict leaves nothing half-made:
   * objects just created, owned by this CameraStream, that nothing else uses yet.
   */
  private static void undo(CameraStream cameraStream, ReconcileChanges changes, Context<CameraStream> context) {
    for (HasMetadata created : changes.createdObjects()) {
      try {
        context.getClient().resource(created).delete();
      } catch (RuntimeException e) {
        log.warn("CameraStream {}/{}: could not remove {} {} after a name conflict: {}",
            cameraStream.getMetadata().getNamespace(), cameraStream.getMetadata().getName(), created.getKind(),
            created.getMetadata().getName(), ReconcileFailure.of(e, null).message());
      }
    }
  }

  static Duration backoff(CameraStream cameraStream, SpecProblem problem, Instant now) {
    List<io.fabric8.kubernetes.api.model.Condition> conditions =
        cameraStream.getStatus() == null ? null : cameraStream.getStatus().getConditions();
    Duration blockedFor = Conditions.find(conditions, ConditionTypes.READY)
        .filter(c -> ConditionTypes.FALSE.equals(c.getStatus()) && problem.reason().equals(c.getReason()))
        .map(c -> Duration.between(Instant.parse(c.getLastTransitionTime()), now))
        .orElse(Duration.ZERO);
    if (blockedFor.compareTo(MIN_BACKOFF) < 0) {
      return MIN_BACKOFF;
    }
    return blockedFor.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : blockedFor;
  }
}
