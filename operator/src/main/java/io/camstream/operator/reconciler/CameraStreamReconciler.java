package io.camstream.operator.reconciler;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.StreamMode;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.dependent.CredentialsSecretDependentResource;
import io.camstream.operator.dependent.DesiredStates;
import io.camstream.operator.dependent.LegacyConfigMapDependentResource;
import io.camstream.operator.dependent.MediaMtxConfigSecretDependentResource;
import io.camstream.operator.dependent.MediaMtxDeploymentDependentResource;
import io.camstream.operator.dependent.MediaMtxInternalServiceDependentResource;
import io.camstream.operator.dependent.MediaMtxRuntime;
import io.camstream.operator.dependent.MediaMtxRuntimeConfigDependentResource;
import io.camstream.operator.mediamtx.sync.ConfigDrift;
import io.camstream.operator.mediamtx.sync.ConfigDriftEventSource;
import io.camstream.operator.mediamtx.sync.MediaMtxConfigSync;
import io.camstream.operator.mediamtx.sync.SyncResult;
import io.camstream.operator.dependent.MediaMtxNetworkPolicyDependentResource;
import io.camstream.operator.dependent.MediaMtxServiceDependentResource;
import io.camstream.operator.dependent.RecordingsVolumeDependentResource;
import io.camstream.operator.dependent.StreamerDeploymentsDependentResource;
import io.camstream.operator.desired.CredentialsResolver;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.MediaMtxPorts;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.desired.Recording;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.events.EventRecorder;
import io.camstream.operator.events.ReconcileChanges;
import io.camstream.operator.events.TransitionEvents;
import io.camstream.operator.health.ConditionVerdict;
import io.camstream.operator.health.PushHealth;
import io.camstream.operator.health.PushHealthSource;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.status.MediaServerAvailability;
import io.camstream.operator.status.StatusCalculator;
import io.camstream.operator.status.StatusWriter;
import io.camstream.operator.secrets.CameraSecretsEventSource;
import io.camstream.operator.ui.WatchedCameraStreams;
import io.camstream.operator.validation.CameraSecrets;
import io.camstream.operator.validation.CameraSecretsCheck;
import io.camstream.operator.validation.MediaMtxCredentialsCheck;
import io.camstream.operator.validation.NameConflict;
import io.camstream.operator.validation.NameConflictCheck;
import io.camstream.operator.validation.PulledCameraCredentials;
import io.camstream.operator.validation.RecordingsVolumeCheck;
import io.camstream.operator.validation.SpecProblem;
import io.camstream.operator.validation.SpecValidator;
import io.camstream.operator.validation.WebRtcNodePortCheck;
import io.camstream.operator.webrtc.ExternalAccess;
import io.camstream.operator.webrtc.IceServers;
import io.camstream.operator.webrtc.NodeAddressEventSource;
import io.camstream.operator.webrtc.NodeAddresses;
import io.camstream.operator.webrtc.ObservedNetwork;
import io.camstream.operator.webrtc.WebRtcSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a CameraStream: check what the schema cannot (spec, MediaMTX usernames, name conflicts with other
 * CameraStreams' objects) before writing anything, compute the desired state once, let the explicit workflow apply
 * it, then write the status once. A name taken by a foreign object shows when its create is refused; the change is
 * then taken back (see {@link NameConflictCheck}). A camera
 * whose Secret is missing, unlabelled or incomplete is held (its running streamer kept as it is) while the others
 * reconcile; a camera MediaMTX pulls itself cannot be (its credentials are part of the config), so its Secret's
 * problem stops the whole reconcile. Camera Secrets come from an informer cache of labelled Secrets and no object is
 * read before it is created, so a reconcile makes no API request beyond what changes.
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
  private final PasswordGenerator passwords;
  private final Clock clock;
  private final WatchedCameraStreams watched;
  private final boolean readNodes;
  private final IgnoredFieldsLog ignoredFields = new IgnoredFieldsLog();
  private final KnownNameConflicts knownConflicts = new KnownNameConflicts();

  /**
   * @param configSync sets each MediaMTX's paths and users through its control API
   * @param events where the Events go (the operator's recorder)
   * @param watched receives JOSDK's primary cache, which the camera wall reads instead of asking the API server
   * @param readNodes watch Nodes, whose addresses CameraStreams may announce (needs cluster-wide list/watch)
   */
  public CameraStreamReconciler(OperatorDefaults defaults, PushHealthSource pushHealth,
      MediaMtxConfigSync configSync, EventRecorder events, PasswordGenerator passwords, Clock clock,
      WatchedCameraStreams watched, boolean readNodes) {
    this.defaults = defaults;
    this.pushHealth = pushHealth;
    this.configSync = configSync;
    this.events = events;
    this.passwords = passwords;
    this.clock = clock;
    this.watched = watched;
    this.readNodes = readNodes;
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
    if (readNodes) {
      sources.add(NodeAddressEventSource.create(context));
    }
    return sources;
  }

  @Override
  public UpdateControl<CameraStream> reconcile(CameraStream cameraStream, Context<CameraStream> context) {
    events.attachTo(context);
    Instant now = clock.instant();
    // The reconciled copy is a clone made by serializing, which cannot carry what was left out when reading.
    ignoredFields.report(context.getPrimaryCache().get(ResourceID.fromResource(cameraStream)).orElse(cameraStream));
    Optional<SpecProblem> problem = SpecValidator.validate(cameraStream);
    if (problem.isPresent()) {
      return blocked(cameraStream, context, problem.get(), now);
    }

    // Only a CameraStream pinning a node port pays for scanning the others' Services and specs.
    problem = MediaMtxPorts.webrtcNodePort(cameraStream).isEmpty() ? Optional.empty()
        : WebRtcNodePortCheck.check(cameraStream, cachedServices(context), context.getPrimaryCache().list().toList());
    if (problem.isPresent()) {
      return blocked(cameraStream, context, problem.get(), now);
    }

    Secret storedCredentials = context.getSecondaryResourcesAsStream(Secret.class)
        .filter(secret -> ResourceNames.credentialsSecret(cameraStream).equals(secret.getMetadata().getName()))
        .findFirst().orElse(null);
    MediaMtxCredentials credentials = CredentialsResolver.resolve(cameraStream,
        MediaMtxCredentials.decode(storedCredentials), passwords);
    problem = MediaMtxCredentialsCheck.check(cameraStream, credentials);
    if (problem.isPresent()) {
      return blocked(cameraStream, context, problem.get(), now);
    }

    // TURN credentials go into MediaMTX's config: without them nothing is written, the config included.
    IceServers.Resolution iceServers = IceServers.resolve(cameraStream, labelledCameraSecrets(cameraStream, context),
        anySecret(cameraStream, context));
    if (iceServers.problem().isPresent()) {
      return blocked(cameraStream, context, iceServers.problem().get(), now);
    }
    CameraSecrets cameraSecrets = cameraSecrets(cameraStream, context);
    // A pulled camera's credentials are part of its MediaMTX path: writing that path without them would stop the
    // running camera, so the whole resource waits for its Secret.
    problem = cameraStream.getSpec().getCameras().stream()
        .filter(camera -> !StreamMode.of(camera).usesStreamer())
        .map(camera -> cameraSecrets.problems().get(camera.getName()))
        .filter(java.util.Objects::nonNull).findFirst()
        .or(() -> PulledCameraCredentials.resolve(cameraStream, labelledCameraSecrets(cameraStream, context))
            .problem());
    if (problem.isPresent()) {
      return blocked(cameraStream, context, problem.get(), now);
    }

    NodeAddresses nodes = NodeAddressEventSource.read(context);
    WebRtcSettings webrtc = WebRtcSettings.of(cameraStream, ObservedNetwork.of(liveService(cameraStream, context),
        nodes), iceServers.servers());
    DesiredState desired = DesiredState.of(cameraStream, defaults, credentials, webrtc, cameraSecrets.credentials(),
        heldStreamers(cameraStream, cameraSecrets, context));
    List<HasMetadata> notYetOwned = notYetOwned(desired, context);
    problem = RecordingsVolumeCheck.check(cameraStream, recordingsVolume(cameraStream, context))
        .or(() -> NameConflictCheck.check(cameraStream, notYetOwned, object -> cached(object, context)))
        .or(() -> knownConflicts.stillThere(cameraStream, notYetOwned, context.getClient()));
    if (problem.isPresent()) {
      return blocked(cameraStream, context, problem.get(), now);
    }

    DesiredStates.put(context, desired);
    MediaMtxRuntime.put(context, configSync);
    ReconcileChanges changes = ReconcileChanges.start(context);
    try {
      context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    } catch (RuntimeException e) {
      Optional<NameConflict> conflict = NameConflict.in(e);
      if (conflict.isEmpty()) {
        throw e;
      }
      changes.undone();
      knownConflicts.remember(cameraStream, conflict.get().wanted());
      undo(cameraStream, changes, context);
      return blocked(cameraStream, context, conflict.get().problem(), now);
    } finally {
      // what was done is announced even when another dependent failed
      changes.events().forEach(event -> events.record(cameraStream, event));
    }
    Optional<SyncResult> sync = MediaMtxRuntime.result(context);
    sync.ifPresent(result -> report(cameraStream, context, result));

    Deployment mediaServer = context.getSecondaryResourcesAsStream(Deployment.class)
        .filter(d -> ResourceNames.mediaMtx(cameraStream).equals(d.getMetadata().getName()))
        .findFirst().orElse(null);
    PushHealth health = pushHealth.observe(cameraStream, context);
    // The Service as the workflow left it: node ports allocated by a create or update made just now.
    ExternalAccess access = ExternalAccess.of(cameraStream,
        ObservedNetwork.of(liveService(cameraStream, context), nodes));
    MediaServerAvailability server = MediaServerAvailability.of(mediaServer);
    UpdateControl<CameraStream> control = withStatus(cameraStream, context, resource -> {
      CameraStreamStatus status = StatusCalculator.observed(resource, server, health, access.endpoints(),
          access.verdict(), now);
      if (sync.isPresent() && sync.get().stale()) {
        status = StatusCalculator.withMediaServerProblem(resource, status, staleConfig(sync.get()), now);
      }
      return StatusCalculator.withHeldCameras(resource, status, cameraSecrets.problems(), now);
    });
    Optional<Duration> recheck = Optional.empty();
    if (sync.isPresent() && sync.get().stale()) {
      // an unchanged drift triggers no new poll event: retry the repair on the bound's rhythm
      recheck = Optional.of(configSync.repairAfter());
    }
    if (!cameraSecrets.problems().isEmpty()) {
      // A labelled Secret that appears or changes reconciles at once; an unlabelled one is invisible to the
      // informer, so held cameras are also re-checked on the growing delay of blocked resources.
      SpecProblem first = cameraSecrets.problems().values().iterator().next();
      log.info("CameraStream {}/{}: cameras {} held by their Secrets ({})", cameraStream.getMetadata().getNamespace(),
          cameraStream.getMetadata().getName(), cameraSecrets.problems().keySet(), first.reason());
      Duration backoff = backoff(cameraStream, first, now);
      recheck = Optional.of(recheck.filter(d -> d.compareTo(backoff) < 0).orElse(backoff));
    }
    return recheck.map(control::rescheduleAfter).orElse(control);
  }

  /** Drift repaired: never silently (a Warning Event and a log line); changes made on request: a debug line. */
  private void report(CameraStream cameraStream, Context<CameraStream> context, SyncResult result) {
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
   * Camera Secrets from the informer cache of labelled Secrets; only one missing from it is read from the API
   * server, to tell an unlabelled Secret (SecretNotLabelled) from a missing one (SecretNotFound).
   */
  private static CameraSecrets cameraSecrets(CameraStream cameraStream, Context<CameraStream> context) {
    return CameraSecretsCheck.check(cameraStream, labelledCameraSecrets(cameraStream, context),
        anySecret(cameraStream, context));
  }

  /** A labelled Secret of the CameraStream's namespace by name, from the informer cache. */
  @SuppressWarnings("unchecked")
  private static Function<String, Optional<Secret>> labelledCameraSecrets(CameraStream cameraStream,
      Context<CameraStream> context) {
    InformerEventSource<Secret, CameraStream> cache = (InformerEventSource<Secret, CameraStream>) context
        .eventSourceRetriever().getEventSourceFor(Secret.class, CameraSecretsEventSource.NAME);
    return name -> CameraSecretsEventSource.cached(cache, cameraStream.getMetadata().getNamespace(), name);
  }

  /**
   * Only a Secret missing from the labelled cache is read from the API server, to tell an unlabelled Secret
   * (SecretNotLabelled) from a missing one (SecretNotFound).
   */
  private static Function<String, Optional<Secret>> anySecret(CameraStream cameraStream,
      Context<CameraStream> context) {
    String namespace = cameraStream.getMetadata().getNamespace();
    return name -> Optional.ofNullable(context.getClient().secrets().inNamespace(namespace).withName(name).get());
  }

  /** Each held camera with the streamer it runs now, if any: that one is kept exactly as it is. */
  private static Map<String, Optional<Deployment>> heldStreamers(CameraStream cameraStream,
      CameraSecrets cameraSecrets, Context<CameraStream> context) {
    Map<String, Deployment> running = context.getSecondaryResourcesAsStream(Deployment.class)
        .collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> d, (a, b) -> a));
    Map<String, Optional<Deployment>> held = new LinkedHashMap<>();
    for (String camera : cameraSecrets.problems().keySet()) {
      held.put(camera, Optional.ofNullable(running.get(ResourceNames.streamer(cameraStream, camera)))
          .filter(deployment -> NameConflictCheck.isOwnedBy(deployment, cameraStream)));
    }
    return held;
  }

  /**
   * The error policy ({@link ReconcileFailure}): a failure is retried quietly until it persists; only then is it
   * reported, as {@code Ready=False} with a specific reason and a message naming the failed request.
   */
  @Override
  public ErrorStatusUpdateControl<CameraStream> updateErrorStatus(CameraStream cameraStream,
      Context<CameraStream> context, Exception e) {
    events.attachTo(context);
    RetryInfo retry = context.getRetryInfo().orElse(null);
    ReconcileFailure failure = ReconcileFailure.of(e, retry);
    String namespace = cameraStream.getMetadata().getNamespace();
    String name = cameraStream.getMetadata().getName();
    if (context.isPrimaryResourceDeleted()) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    Optional<SpecProblem> refusedNodePort = WebRtcNodePortCheck.refusedByApiServer(cameraStream, e);
    if (refusedNodePort.isPresent()) {
      log.info("CameraStream {}/{} not reconciled: {}", namespace, name, refusedNodePort.get().reason());
      writeErrorStatus(cameraStream, context, refusedNodePort.get());
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    if (!ReconcileFailure.isPersistent(retry)) {
      log.info("reconciling CameraStream {}/{} failed, will retry: {}", namespace, name, failure.message());
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    log.warn("reconciling CameraStream {}/{} keeps failing ({}): {}", namespace, name, failure.reason(),
        failure.message());
    writeErrorStatus(cameraStream, context, new SpecProblem(failure.reason(), failure.message()));
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

  private UpdateControl<CameraStream> blocked(CameraStream cameraStream, Context<CameraStream> context,
      SpecProblem problem, Instant now) {
    log.info("CameraStream {}/{} not reconciled: {}", cameraStream.getMetadata().getNamespace(),
        cameraStream.getMetadata().getName(), problem.reason());
    Duration backoff = backoff(cameraStream, problem, now);
    UpdateControl<CameraStream> control = withStatus(cameraStream, context,
        resource -> StatusCalculator.blocked(resource, problem, now));
    // A spec change triggers a new reconcile by itself; foreign objects are not watched, so those problems are
    // re-checked on a growing delay instead of in a tight loop.
    return SpecProblem.INVALID_SPEC.equals(problem.reason()) ? control : control.rescheduleAfter(backoff);
  }

  private static UpdateControl<CameraStream> withStatus(CameraStream cameraStream, Context<CameraStream> context,
      Function<CameraStream, CameraStreamStatus> statusOf) {
    StatusWriter.write(cameraStream, context, statusOf);
    return UpdateControl.noUpdate();
  }

  /**
   * The live claim {@code <name>-recordings} while recording is configured: from the informer (camstream's labels),
   * else read once, since a claim of that name camstream does not own is not in the cache.
   */
  private static Optional<PersistentVolumeClaim> recordingsVolume(CameraStream cameraStream,
      Context<CameraStream> context) {
    if (!Recording.configured(cameraStream)) {
      return Optional.empty();
    }
    String name = ResourceNames.recordings(cameraStream);
    Optional<PersistentVolumeClaim> cached = context.getSecondaryResourcesAsStream(PersistentVolumeClaim.class)
        .filter(claim -> name.equals(claim.getMetadata().getName())).findFirst();
    return cached.isPresent() ? cached : Optional.ofNullable(context.getClient().persistentVolumeClaims()
        .inNamespace(cameraStream.getMetadata().getNamespace()).withName(name).get());
  }

  /** The viewer Service {@code <name>-mediamtx} from the informer cache; null before it exists. */
  private static Service liveService(CameraStream cameraStream, Context<CameraStream> context) {
    return context.getSecondaryResourcesAsStream(Service.class)
        .filter(service -> ResourceNames.mediaMtx(cameraStream).equals(service.getMetadata().getName()))
        .findFirst().orElse(null);
  }

  /** Every MediaMTX Service the operator caches, of all CameraStreams. */
  @SuppressWarnings("unchecked")
  private static List<Service> cachedServices(Context<CameraStream> context) {
    return context.eventSourceRetriever().getEventSourcesFor(Service.class).stream()
        .filter(source -> source instanceof InformerEventSource<?, ?>)
        .flatMap(source -> ((InformerEventSource<Service, CameraStream>) source).list(service -> true))
        .toList();
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

  /** Any object of that kind and name in the informer caches, whichever CameraStream (or nobody) owns it. */
  private static Optional<HasMetadata> cached(HasMetadata object, Context<CameraStream> context) {
    ResourceID id = ResourceID.fromResource(object);
    return context.eventSourceRetriever().getEventSourcesFor(object.getClass()).stream()
        .filter(source -> source instanceof InformerEventSource<?, ?>)
        .map(source -> ((InformerEventSource<?, ?>) source).get(id))
        .flatMap(Optional::stream)
        .map(HasMetadata.class::cast)
        .findFirst();
  }

  /** Objects of the desired state the informer caches do not show as ours: only these can conflict. */
  private static List<HasMetadata> notYetOwned(DesiredState desired, Context<CameraStream> context) {
    return desired.all().stream().filter(object -> {
      Set<String> owned = context.getSecondaryResourcesAsStream(object.getClass())
          .map(o -> ((HasMetadata) o).getMetadata().getName())
          .collect(Collectors.toSet());
      return !owned.contains(object.getMetadata().getName());
    }).toList();
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
