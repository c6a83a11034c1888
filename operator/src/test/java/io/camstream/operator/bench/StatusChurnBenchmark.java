package io.camstream.operator.bench;

import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.health.LiveTraffic;
import io.camstream.operator.health.source.ApiCredentialsSecret;
import io.camstream.operator.health.source.MediaMtxHealthSource;
import io.camstream.operator.mediamtx.api.ApiCredentials;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.mediamtx.api.MediaMtxConfigClient;
import io.camstream.operator.mediamtx.sync.MediaMtxConfigSync;
import io.camstream.operator.status.ConditionTypes;
import io.camstream.operator.status.Conditions;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.apiserver.RequestLog;
import io.fabric8.kubernetes.api.model.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Status churn (issue 22, item 8): how often a fleet in steady state rewrites its CameraStreams' status while every
 * camera's bitrate (variable-bitrate cameras, ±50 %) and readers (viewers coming and going, 0–8) change between any
 * two polls, and no camera changes state. Target: at most one status write per camera-hour.
 *
 * <p>What is counted is requests, not time, so the operator runs in this JVM ({@link OperatorTestHarness} on the
 * server-shaped test API server, which logs every request), with its production push health polling one
 * {@code FakeMediaMtxApi} per CameraStream at the production period. Run it with {@code bench/run.sh status-churn}.
 *
 * <p>System properties: {@code camstream.bench.streams} (20), {@code camstream.bench.cameras} (10),
 * {@code camstream.bench.steadyMinutes} (5), {@code camstream.bench.pollSeconds} (10), {@code camstream.bench.out},
 * {@code camstream.bench.quick} (5 × 10, 1 steady minute, 2 s polls).
 */
public final class StatusChurnBenchmark {
  private static final Duration CONVERGE_TIMEOUT = Duration.ofMinutes(5);

  private StatusChurnBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
    boolean quick = Boolean.getBoolean("camstream.bench.quick");
    int streams = Integer.getInteger("camstream.bench.streams", quick ? 5 : 20);
    int cameras = Integer.getInteger("camstream.bench.cameras", 10);
    double steadyMinutes = Double.parseDouble(System.getProperty("camstream.bench.steadyMinutes", quick ? "1" : "5"));
    Duration poll = Duration.ofSeconds(Integer.getInteger("camstream.bench.pollSeconds", quick ? 2 : 10));
    Path out = Path.of(System.getProperty("camstream.bench.out", "target/status-churn-bench")).toAbsolutePath();
    Files.createDirectories(out);
    List<String> cameraNames = IntStream.range(0, cameras).mapToObj(c -> "cam-" + c).toList();

    Random random = new Random(22);
    ScheduledExecutorService churn = Executors.newSingleThreadScheduledExecutor();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (PerCameraStreamApiRouter mediamtx = new PerCameraStreamApiRouter(cameraNames)) {
      MediaMtxHealthSource pushHealth = new MediaMtxHealthSource(mediamtx.urlTemplate(), poll,
          new MediaMtxApiClient(), Clock.systemUTC(), registry);
      try (OperatorTestHarness harness = OperatorTestHarness.builder().pushHealth(pushHealth)
          .configSync(new MediaMtxConfigSync(new MediaMtxConfigClient(), mediamtx.urlTemplate(), poll,
              poll.multipliedBy(2), Clock.systemUTC()))
          .meterRegistry(registry).start()) {
        String ns = harness.newNamespace();
        for (int s = 0; s < streams; s++) {
          harness.create(CameraStreams.of(ns, "site-" + s, cameraNames.stream()
              .map(c -> CameraStreams.camera(c, "rtsp://10.0.0.1:554/" + c)).toArray(CameraSpec[]::new)));
        }
        for (int s = 0; s < streams; s++) {
          serve(harness, mediamtx, ns, "site-" + s);
        }
        await().atMost(CONVERGE_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> IntStream.range(0, streams)
            .allMatch(s -> ready(harness, ns, "site-" + s)));
        log("%d CameraStreams x %d cameras Ready; steady state with churn for %.1f min, polls every %d s", streams,
            cameras, steadyMinutes, poll.toSeconds());

        // every camera's numbers change twice per poll period, so no two polls see the same
        churn.scheduleAtFixedRate(() -> mediamtx.churn(random), 0, poll.toMillis() / 2, TimeUnit.MILLISECONDS);
        Thread.sleep(poll.toMillis() * 2);
        long mark = harness.server().requests().mark();
        long pollsBefore = pushHealth.poller().polls();
        double reconcilesBefore = counter(registry, "operator.sdk.reconciliations.started");
        long started = System.nanoTime();
        Thread.sleep((long) (steadyMinutes * 60_000));
        double hours = (System.nanoTime() - started) / 3.6e12;
        RequestLog.Requests steady = harness.operatorRequestsSince(mark);
        long statusWrites = steady.to("camerastreams/status").writes().count();
        long polls = pushHealth.poller().polls() - pollsBefore;
        double reconciles = counter(registry, "operator.sdk.reconciliations.started") - reconcilesBefore;
        churn.shutdownNow();
        int live = liveCameras(pushHealth.traffic(), ns, streams, cameraNames);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cameraStreams", streams);
        result.put("camerasPerStream", cameras);
        result.put("pollSeconds", poll.toSeconds());
        result.put("steadyMinutes", round(hours * 60));
        result.put("pollsPerCameraStream", round((double) polls / streams));
        result.put("statusWrites", statusWrites);
        result.put("statusWritesPerCameraHour", round(statusWrites / hours / (streams * cameras)));
        result.put("operatorApiWrites", steady.writes().count());
        result.put("reconcilesPerCameraStreamHour", round(reconciles / hours / streams));
        result.put("camerasWithLiveReadersAndBitrate", live);
        result.put("machineLoadAverage1m", round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage()));
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
            .writeValueAsString(result);
        Files.writeString(out.resolve("status-churn-results.json"), json);
        System.out.println(json);
      }
    } finally {
      churn.shutdownNow();
    }
    System.exit(0);
  }

  /** Plays the cluster for one CameraStream: its MediaMTX accepts the API user and its Deployment is available. */
  private static void serve(OperatorTestHarness harness, PerCameraStreamApiRouter mediamtx, String ns, String name) {
    await().atMost(CONVERGE_TIMEOUT).until(() -> credentials(harness, ns, name) != null);
    ApiCredentials user = ApiCredentialsSecret.read(credentials(harness, ns, name)).orElseThrow();
    mediamtx.acceptCredentials(ns, name, user.username(), user.password());
    harness.awaitDeployment(ns, name + "-mediamtx");
    harness.markDeploymentReady(ns, name + "-mediamtx");
  }

  private static Secret credentials(OperatorTestHarness harness, String ns, String name) {
    return harness.client().secrets().inNamespace(ns).withName(name + "-mediamtx-credentials").get();
  }

  private static boolean ready(OperatorTestHarness harness, String ns, String name) {
    var cs = harness.get(ns, name);
    return cs != null && cs.getStatus() != null && Conditions.isTrue(cs.getStatus().getConditions(),
        ConditionTypes.READY);
  }

  /** Cameras whose readers and bitrate the operator knows from its last poll: what the wall and gauges show. */
  private static int liveCameras(LiveTraffic traffic, String ns, int streams, List<String> cameras) {
    int live = 0;
    for (int s = 0; s < streams; s++) {
      var measured = traffic.of(ns, "site-" + s);
      for (String camera : cameras) {
        var known = measured.get(camera);
        if (known != null && known.readers() != null && known.inboundBitsPerSecond() != null) {
          live++;
        }
      }
    }
    return live;
  }

  private static double counter(SimpleMeterRegistry registry, String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void log(String format, Object... args) {
    System.out.println(java.time.LocalTime.now() + " " + String.format(Locale.ROOT, format, args));
  }
}
