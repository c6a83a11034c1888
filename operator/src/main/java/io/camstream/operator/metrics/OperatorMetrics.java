package io.camstream.operator.metrics;

import io.camstream.operator.api.CameraStream;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.Supplier;

/**
 * The operator's {@code /metrics}: one Prometheus registry for JVM and process meters, JOSDK's reconciliation
 * metrics, push health, Events (their components register into {@link #registry()}), and the per-CameraStream
 * gauges, refreshed from the CameraStream cache at every {@link #scrape()}.
 */
public final class OperatorMetrics {
  private final PrometheusMeterRegistry registry;
  private final CameraStreamMetrics cameraStreams;

  private OperatorMetrics(PrometheusMeterRegistry registry, CameraStreamMetrics cameraStreams) {
    this.registry = registry;
    this.cameraStreams = cameraStreams;
  }

  /** @param watched the CameraStreams the operator watches, read at every scrape */
  public static OperatorMetrics create(Supplier<List<CameraStream>> watched) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return new OperatorMetrics(registry, new CameraStreamMetrics(registry, watched));
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition, the per-CameraStream gauges as of now. */
  public String scrape() {
    cameraStreams.refresh();
    return registry.scrape();
  }
}
