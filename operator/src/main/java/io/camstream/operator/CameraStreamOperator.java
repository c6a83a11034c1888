package io.camstream.operator;

import io.camstream.operator.access.MissingPermissions;
import io.camstream.operator.access.PermissionRecheck;
import io.camstream.operator.access.SelfSubjectAccessReviews;
import io.camstream.operator.access.WatchPlan;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.mediamtx.api.MediaMtxConfigClient;
import io.camstream.operator.mediamtx.sync.MediaMtxConfigSync;
import io.camstream.operator.reconciler.CameraStreamReconciler;
import io.camstream.operator.events.EventRecorder;
import io.camstream.operator.health.PushHealthSource;
import io.camstream.operator.probe.ReconcileWatchdog;
import io.camstream.operator.ui.WatchedCameraStreams;
import io.camstream.operator.webrtc.NodeAddressEventSource;
import io.camstream.operator.webrtc.NodeAddresses;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.EventSourceManager;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the JOSDK {@link Operator} exactly as production runs it; tests start the same assembly against
 * the mock API server. Server-Side Apply is off for the primary's status patch and for dependent matching, so
 * the operator behaves the same on any API server (the test mock has no SSA).
 */
public final class CameraStreamOperator {
  /** Transient API errors are retried forever, but never more often than this ladder allows. */
  static final GenericRetry RETRY = new GenericRetry()
      .setInitialInterval(Duration.ofSeconds(2))
      .setIntervalMultiplier(2)
      .setMaxInterval(Duration.ofMinutes(5).toMillis())
      .withoutMaxAttempts();

  private static final Logger log = LoggerFactory.getLogger(CameraStreamOperator.class);

  private CameraStreamOperator() {
  }

  /**
   * Losing the Lease while running means another replica may already reconcile: exit at once so two leaders never
   * write the same objects. Giving it up because the operator is being stopped is not a loss (JOSDK's own
   * exit-on-stop would also fire then, from inside a graceful shutdown).
   */
  static LeaderCallbacks exitOnLostLeadership(AtomicBoolean stopping) {
    return new LeaderCallbacks(
        () -> log.info("became the leader; reconciling"),
        () -> {
          if (!stopping.get()) {
            log.error("lost the leader Lease; exiting so that only one replica reconciles");
            System.exit(1);
          }
        },
        leader -> log.info("current leader: {}", leader));
  }

  /**
   * The JOSDK operator with camstream's reconciler registered for what its ServiceAccount may watch
   * ({@link WatchPlan}). A watched namespace it may not watch yet, and Nodes it may not read yet, are asked about
   * again every {@code CAMSTREAM_PERMISSION_RECHECK_SECONDS} and join once granted; while it may watch nothing at all, the
   * reconciler is not registered and the operator not started (not ready, still live), until it may. Marks the
   * operator as stopping before JOSDK releases the Lease, so that is not taken for a lost leadership.
   */
  private static final class CamstreamOperator extends Operator {
    private final AtomicBoolean stopping;
    private final CameraStreamReconciler reconciler;
    private final PermissionRecheck recheck;
    private volatile boolean registered;

    CamstreamOperator(AtomicBoolean stopping, Consumer<ConfigurationServiceOverrider> overrider,
        CameraStreamReconciler reconciler, PermissionRecheck recheck) {
      super(overrider);
      this.stopping = stopping;
      this.reconciler = reconciler;
      this.recheck = recheck;
      if (recheck.plan().canWatch()) {
        register(recheck.plan());
      }
    }

    @Override
    public synchronized void start() {
      if (registered) {
        super.start();
      }
      recheck.start(this::watch);
    }

    /** A namespace that may be watched now joins; the first one starts the operator. */
    private synchronized void watch(WatchPlan plan) {
      if (stopping.get() || !plan.canWatch()) {
        return;
      }
      if (!registered) {
        if (plan.nodesReadable()) {
          reconciler.nodesGranted();
        }
        register(plan);
        super.start();
        return;
      }
      getRegisteredController(CameraStreamReconciler.NAME).ifPresent(registered -> {
        if (!plan.allNamespaces()) {
          registered.changeNamespaces(plan.watched());
        }
        if (plan.nodesReadable() && registered instanceof Controller<?> controller && reconciler.nodesGranted()) {
          @SuppressWarnings("unchecked")
          EventSourceManager<CameraStream> sources =
              ((Controller<CameraStream>) controller).getEventSourceManager();
          sources.dynamicallyRegisterEventSource(
              NodeAddressEventSource.create(sources.eventSourceContextForDynamicRegistration()));
        }
      });
    }

    private void register(WatchPlan plan) {
      register(reconciler, configuration -> {
        configuration.withRetry(RETRY);
        configuration.withInformerListLimit(OperatorClient.LIST_PAGE_SIZE);
        if (plan.allNamespaces()) {
          configuration.watchingAllNamespaces();
        } else {
          configuration.settingNamespaces(plan.watched());
        }
      });
      registered = true;
    }

    @Override
    public void stop() {
      stopping.set(true);
      recheck.close();
      super.stop();
    }
  }

  /**
   * Path and user changes through each MediaMTX's control API, compared with what it runs every health poll; a
   * difference older than two polls is drift to repair.
   */
  public static MediaMtxConfigSync configSync(OperatorSettings settings) {
    return new MediaMtxConfigSync(new MediaMtxConfigClient(), settings.mediaMtxApiUrlTemplate(),
        settings.healthPollInterval(), settings.healthPollInterval().multipliedBy(2), Clock.systemUTC());
  }

  /**
   * @param meterRegistry receives JOSDK's reconciliation metrics; null for none
   * @param events        where the operator's Kubernetes Events go; the caller closes it after stopping the operator
   */
  public static Operator create(KubernetesClient client, OperatorSettings settings, MeterRegistry meterRegistry,
      PushHealthSource pushHealth, EventRecorder events) {
    return create(client, settings, meterRegistry, pushHealth, events, overrider -> { });
  }

  /**
   * @param extraConfiguration applied last, e.g. a test's shorter timeouts
   */
  public static Operator create(KubernetesClient client, OperatorSettings settings, MeterRegistry meterRegistry,
      PushHealthSource pushHealth, EventRecorder events, Consumer<ConfigurationServiceOverrider> extraConfiguration) {
    return create(client, settings, meterRegistry, pushHealth, events, extraConfiguration, new WatchedCameraStreams());
  }

  /**
   * @param watched is given the controller's primary cache, for the camera wall
   */
  public static Operator create(KubernetesClient client, OperatorSettings settings, MeterRegistry meterRegistry,
      PushHealthSource pushHealth, EventRecorder events, Consumer<ConfigurationServiceOverrider> extraConfiguration,
      WatchedCameraStreams watched) {
    return create(client, settings, meterRegistry, pushHealth, configSync(settings), events, extraConfiguration,
        watched);
  }

  /**
   * @param configSync sets each MediaMTX's paths and users through its control API
   * @param watched is given the controller's primary cache, for the camera wall
   */
  public static Operator create(KubernetesClient client, OperatorSettings settings, MeterRegistry meterRegistry,
      PushHealthSource pushHealth, MediaMtxConfigSync configSync, EventRecorder events,
      Consumer<ConfigurationServiceOverrider> extraConfiguration, WatchedCameraStreams watched) {
    AtomicBoolean stopping = new AtomicBoolean();
    PermissionRecheck recheck = PermissionRecheck.check(new SelfSubjectAccessReviews(client), settings, meterRegistry);
    watched.attachTraffic(pushHealth.traffic());
    CameraStreamReconciler reconciler = new CameraStreamReconciler(settings.defaults(), pushHealth,
        configSync, events, PasswordGenerator.secureRandom(), Clock.systemUTC(), watched,
        MissingPermissions.nodesUnreadable(recheck.plan(), settings.serviceAccount())
            .or(() -> settings.readNodes() ? Optional.empty() : Optional.of(NodeAddresses.NOT_READ)),
        settings.readStorageClasses());
    return new CamstreamOperator(stopping, overrider -> {
      overrider.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withReconciliationTerminationTimeout(Duration.ofSeconds(20));
      // the watchdog sees every reconcile start and end for liveness, and forwards them to Micrometer
      overrider.withMetrics(new ReconcileWatchdog(meterRegistry == null ? Metrics.NOOP
          : MicrometerMetrics.withoutPerResourceMetrics(meterRegistry), Clock.systemUTC(),
          ReconcileWatchdog.DEFAULT_BOUND));
      if (settings.leaderElection()) {
        overrider.withLeaderElectionConfiguration(new LeaderElectionConfiguration(settings.leaseName(),
            settings.leaseNamespace().orElse(null), LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
            LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
            LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, null, exitOnLostLeadership(stopping), false));
      }
      extraConfiguration.accept(overrider);
    }, reconciler, recheck);
  }
}
