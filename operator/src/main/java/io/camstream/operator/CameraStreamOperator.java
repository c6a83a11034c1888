package io.camstream.operator;

import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.reconciler.CameraStreamReconciler;
import io.camstream.operator.status.CameraHealthSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

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

  private CameraStreamOperator() {
  }

  /**
   * @param meterRegistry receives JOSDK's reconciliation metrics; null for none
   */
  public static Operator create(KubernetesClient client, OperatorSettings settings, MeterRegistry meterRegistry,
      CameraHealthSource cameraHealth) {
    return create(client, settings, meterRegistry, cameraHealth, overrider -> { });
  }

  /**
   * @param extraConfiguration applied last, e.g. a test's shorter timeouts
   */
  public static Operator create(KubernetesClient client, OperatorSettings settings, MeterRegistry meterRegistry,
      CameraHealthSource cameraHealth, Consumer<ConfigurationServiceOverrider> extraConfiguration) {
    Operator operator = new Operator(overrider -> {
      overrider.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withReconciliationTerminationTimeout(Duration.ofSeconds(20));
      if (meterRegistry != null) {
        overrider.withMetrics(MicrometerMetrics.withoutPerResourceMetrics(meterRegistry));
      }
      if (settings.leaderElection()) {
        overrider.withLeaderElectionConfiguration(settings.leaseNamespace()
            .map(namespace -> new LeaderElectionConfiguration(settings.leaseName(), namespace))
            .orElseGet(() -> new LeaderElectionConfiguration(settings.leaseName())));
      }
      extraConfiguration.accept(overrider);
    });
    CameraStreamReconciler reconciler = new CameraStreamReconciler(settings.defaults(), cameraHealth,
        PasswordGenerator.secureRandom(), Clock.systemUTC());
    operator.register(reconciler, configuration -> {
      configuration.withRetry(RETRY);
      if (settings.watchesAllNamespaces()) {
        configuration.watchingAllNamespaces();
      } else {
        configuration.settingNamespaces(settings.watchNamespaces());
      }
    });
    return operator;
  }
}
