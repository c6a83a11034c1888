package io.camstream.operator.access;

import io.camstream.operator.OperatorSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's {@link WatchPlan}: asked once before it starts (each missing permission logged once, with the
 * {@code kubectl} command that grants it), then, while a watched namespace or Nodes are still unavailable, asked
 * again every {@code CAMSTREAM_PERMISSION_RECHECK_SECONDS}; what may be watched now is handed over to be watched.
 * Exports {@code camstream_operator_unwatched_namespaces}: the configured namespaces (1 for "all") the operator may
 * not watch.
 */
public final class PermissionRecheck implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PermissionRecheck.class);

  private final Predicate<Permission> allowed;
  private final OperatorSettings settings;
  private volatile WatchPlan plan;
  private ScheduledExecutorService executor;

  private PermissionRecheck(Predicate<Permission> allowed, OperatorSettings settings, WatchPlan plan) {
    this.allowed = allowed;
    this.settings = settings;
    this.plan = plan;
  }

  /** @param registry where the gauge goes; null for none */
  public static PermissionRecheck check(Predicate<Permission> allowed, OperatorSettings settings,
      MeterRegistry registry) {
    WatchPlan plan = WatchPlan.of(settings.watchNamespaces(), settings.readNodes(), allowed);
    MissingPermissions.describe(plan, settings.serviceAccount(), settings.permissionRecheck()).forEach(log::warn);
    PermissionRecheck recheck = new PermissionRecheck(allowed, settings, plan);
    if (registry != null) {
      Gauge.builder("camstream.operator.unwatched.namespaces", recheck, r -> r.plan().missing().size())
          .description("Watched namespaces the operator's ServiceAccount may not watch (1 for all namespaces)")
          .register(registry);
    }
    return recheck;
  }

  public WatchPlan plan() {
    return plan;
  }

  /** Asks again about what is unavailable until nothing is left; {@code watch} gets each plan that adds something. */
  public synchronized void start(Consumer<WatchPlan> watch) {
    if (executor != null || !plan.lacksAnything()) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "camstream-permission-recheck");
      thread.setDaemon(true);
      return thread;
    });
    long period = settings.permissionRecheck().toMillis();
    executor.scheduleWithFixedDelay(() -> recheck(watch), period, period, TimeUnit.MILLISECONDS);
  }

  private void recheck(Consumer<WatchPlan> watch) {
    try {
      WatchPlan before = plan;
      WatchPlan now = before.recheck(allowed);
      Set<String> granted = before.missing().keySet().stream()
          .filter(namespace -> !now.missing().containsKey(namespace)).collect(java.util.stream.Collectors.toSet());
      boolean nodesGranted = !before.nodesMissing().isEmpty() && now.nodesMissing().isEmpty();
      if (granted.isEmpty() && !nodesGranted) {
        return;
      }
      plan = now;
      if (!granted.isEmpty()) {
        log.info("may watch {} now; watching {}", granted.contains(WatchPlan.ALL_NAMESPACES) ? "all namespaces"
            : "namespace(s) " + String.join(", ", new java.util.TreeSet<>(granted)),
            now.allNamespaces() ? "all namespaces" : String.join(", ", now.watched()));
      }
      if (nodesGranted) {
        log.info("may list and watch nodes now; webrtcAnnounceNodeAddresses is available");
      }
      watch.accept(now);
      if (!now.lacksAnything()) {
        close();
      }
    } catch (RuntimeException e) {
      log.warn("checking the operator's permissions again failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
