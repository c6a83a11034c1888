package io.camstream.operator;

import io.camstream.operator.events.EventRecorder;
import io.camstream.operator.health.source.MediaMtxHealthSource;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.metrics.OperatorMetrics;
import io.camstream.operator.probe.HealthServer;
import io.camstream.operator.probe.OperatorLiveness;
import io.fabric8.kubernetes.client.Config;
import io.camstream.operator.ui.CameraWallServer;
import io.camstream.operator.ui.CameraWallSettings;
import io.camstream.operator.ui.WatchedCameraStreams;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar camstream-operator.jar}: settings from the environment, kubeconfig or in-cluster config. */
public final class OperatorMain {
  private static final Logger log = LoggerFactory.getLogger(OperatorMain.class);

  private OperatorMain() {
  }

  public static void main(String[] args) throws IOException {
    OperatorSettings settings;
    try {
      settings = OperatorSettings.fromEnvironment();
    } catch (IllegalArgumentException e) {
      System.err.println("camstream-operator: " + e.getMessage());
      System.exit(2);
      return;
    }
    Config config;
    ClusterConnection cluster;
    try {
      cluster = ClusterConnection.find(System.getenv(), ClusterConnection.home(System.getenv()),
          ClusterConnection.SERVICE_ACCOUNT);
      config = kubeconfig(cluster);
      cluster.check(config);
    } catch (ClusterConnection.Unavailable e) {
      System.err.println("camstream-operator: " + e.getMessage());
      System.exit(1);
      return;
    }
    log.info("starting camstream operator with {}; Kubernetes API server {} (from {})", settings,
        config.getMasterUrl(), cluster.source());

    WatchedCameraStreams watched = new WatchedCameraStreams();
    OperatorMetrics metrics = OperatorMetrics.create(watched::all);
    MeterRegistry registry = metrics.registry();

    KubernetesClient client = OperatorClient.build(config);
    EventRecorder events = EventRecorder.start(client, Clock.systemUTC(), registry);
    Operator operator = CameraStreamOperator.create(client, settings, registry,
        new MediaMtxHealthSource(settings.mediaMtxApiUrlTemplate(), settings.healthPollInterval(),
            new MediaMtxApiClient(), Clock.systemUTC(), registry), events, overrider -> { }, watched);
    OperatorLiveness liveness = new OperatorLiveness(operator, OperatorLiveness.DEFAULT_GRACE, Clock.systemUTC());
    HealthServer health = listening(OperatorSettings.HEALTH_PORT, settings.healthPort(),
        () -> HealthServer.start(settings.healthPort(), liveness::problems,
            () -> operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy(),
            metrics::scrape));
    Optional<CameraWallServer> wall = listening(CameraWallSettings.UI_PORT, settings.cameraWall().port(),
        () -> CameraWallServer.startIfEnabled(settings.cameraWall(), watched, client));

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("shutting down: finishing running reconciliations");
      wall.ifPresent(CameraWallServer::close);
      operator.stop();
      events.close();
      health.close();
      client.close();
    }, "camstream-shutdown"));

    try {
      operator.start();
    } catch (RuntimeException e) {
      // No API server, no RBAC, or no CRD: say so and exit, so the pod restarts visibly instead of hanging.
      log.error("camstream operator could not start: {}", rootCause(e));
      log.debug("start-up failure", e);
      System.exit(1);
    }
    log.info("camstream operator started; health and metrics on port {}, {}", health.port(),
        wall.map(w -> "camera wall on port " + w.port()).orElse("camera wall off (CAMSTREAM_UI_PORT=0)"));
  }

  /**
   * Starts an HTTP listener, or exits with one line naming the port and its variable: a port already taken must not
   * leave a process that serves nothing while the client's threads keep it alive.
   */
  private static <T> T listening(String variable, int port, Listener<T> listener) {
    try {
      return listener.start();
    } catch (IOException e) {
      System.err.println("camstream-operator: cannot listen on port " + port + " (" + variable + "): "
          + rootCause(e));
      System.exit(1);
      throw new IllegalStateException("unreachable: the JVM is exiting", e);
    }
  }

  @FunctionalInterface
  private interface Listener<T> {
    T start() throws IOException;
  }

  /** The client configuration from what {@code cluster} found; a kubeconfig that cannot be read is a clear stop. */
  private static Config kubeconfig(ClusterConnection cluster) throws ClusterConnection.Unavailable {
    try {
      return Config.autoConfigure(null);
    } catch (RuntimeException e) {
      throw new ClusterConnection.Unavailable("cannot read the Kubernetes client configuration from "
          + cluster.source() + ": " + rootCause(e));
    }
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }
}
