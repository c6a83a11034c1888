package io.camstream.operator.bench;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.apiserver.FakeApiServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Operator scale benchmark (issue 8): 100 CameraStreams × 10 cameras, from nothing to every resource created and
 * {@code Ready}, then the steady state. Not a test: run it with {@code bench/run.sh operator} (or
 * {@code bench/operator-bench.sh}).
 *
 * <p>The operator under test is the real {@code camstream-operator.jar} in its own JVM, configured by environment
 * as in production, so its heap and RSS are its own. This JVM plays everything around it: the Kubernetes API (the
 * server-shaped {@link FakeApiServer}, counting requests per client and verb), the Deployment controller (marks each
 * Deployment available, as kube-controller-manager would once its pod is ready), and every CameraStream's MediaMTX
 * control API (one of the test suite's {@code FakeMediaMtxApi} per CameraStream, every camera online and its bytes
 * growing).
 *
 * <p>System properties: {@code camstream.bench.streams} (100), {@code camstream.bench.cameras} (10),
 * {@code camstream.bench.steadyMinutes} (3), {@code camstream.bench.pollSeconds} (10, the operator's MediaMTX poll
 * period), {@code camstream.bench.operatorJar}, {@code camstream.bench.operatorJvmArgs}, {@code camstream.bench.out}
 * (a directory for results and logs), {@code camstream.bench.quick} (10 × 10 and 1 steady minute).
 */
public final class OperatorScaleBenchmark {
  private static final Duration CONVERGE_TIMEOUT = Duration.ofMinutes(5);
  /** The mock server logs every request through java.util.logging; kept referenced so the level sticks. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
  private static final Pattern NUMBER_LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

  private final int streams;
  private final int cameras;
  private final double steadyMinutes;
  private final int pollSeconds;
  private final Path operatorJar;
  private final List<String> operatorJvmArgs;
  private final Path out;
  private final int namespaces;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private OperatorScaleBenchmark() {
    boolean quick = Boolean.getBoolean("camstream.bench.quick");
    streams = Integer.getInteger("camstream.bench.streams", quick ? 10 : 100);
    cameras = Integer.getInteger("camstream.bench.cameras", 10);
    steadyMinutes = Double.parseDouble(System.getProperty("camstream.bench.steadyMinutes", quick ? "1" : "3"));
    pollSeconds = Integer.getInteger("camstream.bench.pollSeconds", 10);
    operatorJar = Path.of(System.getProperty("camstream.bench.operatorJar", "target/camstream-operator.jar"))
        .toAbsolutePath();
    // The image's JVM flags (operator/Dockerfile) with the Deployment's memory limit (512Mi) standing in for the
    // container's cgroup limit, from which the JVM sizes its heap.
    String jvm = System.getProperty("camstream.bench.operatorJvmArgs",
        "-XX:+UseSerialGC -XX:MaxRAMPercentage=25 -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -XX:MaxRAM=512m").trim();
    operatorJvmArgs = jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+"));
    out = Path.of(System.getProperty("camstream.bench.out", "target/operator-bench")).toAbsolutePath();
    namespaces = Math.max(1, streams / 10);
  }

  public static void main(String[] args) throws Exception {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    int status = new OperatorScaleBenchmark().run();
    System.exit(status);
  }

  private int run() throws Exception {
    Files.createDirectories(out);
    if (!Files.isRegularFile(operatorJar)) {
      System.err.println(operatorJar + " not found: build first (mvn -B -ntp package -DskipTests)");
      return 2;
    }
    ApiRequestCounter counter = new ApiRequestCounter();
    FakeApiServer server = new FakeApiServer(counter);
    server.init();
    Config config = new ConfigBuilder().withMasterUrl(server.url("/")).withTrustCerts(true)
        .withUserAgent(ApiRequestCounter.BENCH_USER_AGENT).withRequestTimeout(30_000).build();
    ExecutorService controller = Executors.newFixedThreadPool(2);
    Process operator = null;
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory()).build();
         PerCameraStreamApiRouter mediamtx = new PerCameraStreamApiRouter(
             java.util.stream.IntStream.range(0, cameras).mapToObj(OperatorScaleBenchmark::cameraName).toList())) {
      OperatorTestHarness.installCrd(client);
      playControllers(client, mediamtx, controller);

      int healthPort = freePort();
      Path kubeconfig = writeKubeconfig(server.url("/"));
      Path gcLog = out.resolve("operator-gc.log");
      List<String> command = new ArrayList<>(List.of("java", "-Xlog:gc:file=" + gcLog));
      command.addAll(operatorJvmArgs);
      command.addAll(List.of("-jar", operatorJar.toString()));
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(out.resolve("operator.log").toFile());
      pb.environment().put("KUBECONFIG", kubeconfig.toString());
      pb.environment().put("CAMSTREAM_LEADER_ELECTION", "false");
      pb.environment().put("CAMSTREAM_HEALTH_PORT", Integer.toString(healthPort));
      pb.environment().put("CAMSTREAM_MEDIAMTX_API_URL", mediamtx.urlTemplate());
      pb.environment().put("CAMSTREAM_HEALTH_POLL_SECONDS", Integer.toString(pollSeconds));
      long launched = System.nanoTime();
      operator = pb.start();
      URI metrics = URI.create("http://127.0.0.1:" + healthPort + "/metrics");
      awaitReady(URI.create("http://127.0.0.1:" + healthPort + "/readyz"), operator);
      double startupSeconds = (System.nanoTime() - launched) / 1e9;
      log("operator ready after %.2f s (pid %d)", startupSeconds, operator.pid());

      Map<String, Long> beforeCreate = counter.operatorSnapshot();
      double mockSecondsBefore = counter.serviceSeconds();
      double operatorCpuBefore = cpuSeconds(operator.pid());
      double hostCpuBefore = cpuSeconds(ProcessHandle.current().pid());
      long mockServedBefore = counter.served();
      double reconcilesBefore = metric(metrics, "operator_sdk_reconciliations_started_total");
      double loadAtStart = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      long t0 = System.nanoTime();
      for (int s = 0; s < streams; s++) {
        CameraSpec[] specs = new CameraSpec[cameras];
        for (int c = 0; c < cameras; c++) {
          specs[c] = CameraStreams.camera(cameraName(c), "rtsp://10.0.0." + (c + 1) + ":554/stream1");
        }
        client.resource(CameraStreams.of(namespace(s), "site-" + s, specs)).create();
      }
      double createSeconds = (System.nanoTime() - t0) / 1e9;
      log("created %d CameraStreams x %d cameras in %.2f s", streams, cameras, createSeconds);

      double peakHeapSampled = 0;
      double convergedSeconds = -1;
      long deadline = t0 + CONVERGE_TIMEOUT.toNanos();
      int ready = 0;
      while (System.nanoTime() < deadline) {
        peakHeapSampled = Math.max(peakHeapSampled, heapUsed(metrics));
        ready = countReady(client);
        if (ready == streams && allResourcesExist(client)) {
          convergedSeconds = (System.nanoTime() - t0) / 1e9;
          break;
        }
        if (!operator.isAlive()) {
          throw new IllegalStateException("operator exited; see " + out.resolve("operator.log"));
        }
        Thread.sleep(1000);
      }
      Map<String, Long> converge = ApiRequestCounter.difference(counter.operatorSnapshot(), beforeCreate);
      double mockSeconds = counter.serviceSeconds() - mockSecondsBefore;
      double operatorCpu = cpuSeconds(operator.pid()) - operatorCpuBefore;
      double hostCpu = cpuSeconds(ProcessHandle.current().pid()) - hostCpuBefore;
      long mockServed = counter.served() - mockServedBefore;
      double reconciles = metric(metrics, "operator_sdk_reconciliations_started_total") - reconcilesBefore;
      int mediamtxAtConverge = mediamtx.requests();
      if (convergedSeconds < 0) {
        log("NOT converged within %s: %d/%d Ready", CONVERGE_TIMEOUT, ready, streams);
      } else {
        log("all %d CameraStreams Ready with all resources after %.2f s; %d operator API requests, %.1f reconciles"
            + " per CameraStream", streams, convergedSeconds, ApiRequestCounter.total(converge), reconciles / streams);
      }

      // Steady state: nothing changes; the operator polls MediaMTX and should write nothing.
      Thread.sleep(Math.max(2, pollSeconds) * 1000L);
      Map<String, Long> steadyStart = counter.operatorSnapshot();
      double reconcilesSteadyStart = metric(metrics, "operator_sdk_reconciliations_started_total");
      int mediamtxSteadyStart = mediamtx.requests();
      long steadyNanos = (long) (steadyMinutes * 60e9);
      long s0 = System.nanoTime();
      while (System.nanoTime() - s0 < steadyNanos) {
        peakHeapSampled = Math.max(peakHeapSampled, heapUsed(metrics));
        Thread.sleep(1000);
      }
      double minutes = (System.nanoTime() - s0) / 60e9;
      Map<String, Long> steady = ApiRequestCounter.difference(counter.operatorSnapshot(), steadyStart);
      double steadyReconciles = metric(metrics, "operator_sdk_reconciliations_started_total") - reconcilesSteadyStart;
      int steadyMediamtx = mediamtx.requests() - mediamtxSteadyStart;
      long peakRssKb = peakRssKb(operator.pid());
      double heapAfterGc = heapUsed(metrics);

      GcSummary gc = GcSummary.parse(gcLog);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("cameraStreams", streams);
      result.put("camerasPerStream", cameras);
      result.put("namespaces", namespaces);
      result.put("operatorJvmArgs", String.join(" ", operatorJvmArgs));
      result.put("operatorStartupSeconds", round(startupSeconds));
      result.put("createSeconds", round(createSeconds));
      result.put("convergedSeconds", round(convergedSeconds));
      result.put("readyAtEnd", ready);
      result.put("reconcilesPerCameraStream", round(reconciles / streams));
      result.put("operatorApiRequestsToConverge", ApiRequestCounter.total(converge));
      result.put("operatorApiWritesToConverge", ApiRequestCounter.writes(converge));
      result.put("operatorEventWritesToConverge", converge.entrySet().stream()
          .filter(e -> e.getKey().endsWith(" events")).mapToLong(Map.Entry::getValue).sum());
      result.put("operatorApiRequestsToConvergeByVerb", converge);
      result.put("mediamtxApiRequestsToConverge", mediamtxAtConverge);
      result.put("operatorCpuSecondsToConverge", round(operatorCpu));
      result.put("mockAndBenchCpuSecondsToConverge", round(hostCpu));
      result.put("machineLoadAverage1mAtStart", round(loadAtStart));
      result.put("machineLoadAverage1mAtEnd", round(java.lang.management.ManagementFactory
          .getOperatingSystemMXBean().getSystemLoadAverage()));
      result.put("mockApiBusySecondsToConverge", round(mockSeconds));
      result.put("mockApiRequestsServedToConverge", mockServed);
      result.put("mockApiMillisPerRequest", round(1000 * mockSeconds / Math.max(1, mockServed)));
      result.put("liveHeapMbAfterFullGc", round(liveHeapMb(operator.pid(), gcLog)));
      result.put("peakHeapUsedMbFromGcLog", round(gc.peakHeapUsedMb()));
      result.put("maxHeapCommittedMbFromGcLog", round(gc.maxHeapCommittedMb()));
      result.put("gcPauses", gc.pauses());
      result.put("peakHeapUsedMbSampled", round(peakHeapSampled / 1048576));
      result.put("heapUsedMbAtEnd", round(heapAfterGc / 1048576));
      result.put("peakRssMb", round(peakRssKb / 1024.0));
      result.put("steadyMinutes", round(minutes));
      result.put("steadyApiRequestsPerMinutePerCameraStream",
          round(ApiRequestCounter.total(steady) / minutes / streams));
      result.put("steadyApiWritesPerMinutePerCameraStream",
          round(ApiRequestCounter.writes(steady) / minutes / streams));
      result.put("steadyCameraStreamWritesPerMinutePerCameraStream",
          round(ApiRequestCounter.cameraStreamWrites(steady) / minutes / streams));
      result.put("steadyReconcilesPerMinutePerCameraStream", round(steadyReconciles / minutes / streams));
      result.put("steadyMediamtxApiRequestsPerMinutePerCameraStream", round(steadyMediamtx / minutes / streams));
      result.put("steadyOperatorRequestsByVerb", steady);
      result.put("benchRequestsByVerb", counter.benchSnapshot());
      String json = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(result);
      Files.writeString(out.resolve("operator-results.json"), json);
      System.out.println(json);
      return convergedSeconds < 0 ? 1 : 0;
    } finally {
      if (operator != null) {
        operator.destroy();
        operator.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        operator.destroyForcibly();
      }
      controller.shutdownNow();
      server.destroy();
    }
  }

  /**
   * The kube-controller-manager's part: every Deployment the operator creates becomes available. And every
   * CameraStream's MediaMTX accepts the API credentials the operator generated for it.
   */
  private void playControllers(KubernetesClient client, PerCameraStreamApiRouter mediamtx, ExecutorService executor) {
    client.apps().deployments().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Deployment deployment) {
        executor.submit(() -> markAvailable(client, deployment));
      }

      @Override
      public void onUpdate(Deployment old, Deployment deployment) {
        Long observed = deployment.getStatus() == null ? null : deployment.getStatus().getObservedGeneration();
        if (observed == null || !observed.equals(deployment.getMetadata().getGeneration())) {
          executor.submit(() -> markAvailable(client, deployment));
        }
      }

      @Override
      public void onDelete(Deployment deployment, boolean unknown) {
      }
    });
    client.secrets().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Secret secret) {
        acceptApiUser(mediamtx, secret);
      }

      @Override
      public void onUpdate(Secret old, Secret secret) {
        acceptApiUser(mediamtx, secret);
      }

      @Override
      public void onDelete(Secret secret, boolean unknown) {
      }
    });
  }

  private static void acceptApiUser(PerCameraStreamApiRouter mediamtx, Secret secret) {
    Map<String, String> data = secret.getData();
    Map<String, String> labels = secret.getMetadata().getLabels();
    if (data != null && data.containsKey("api-username") && data.containsKey("api-password") && labels != null
        && labels.containsKey(Labels.CAMERA_STREAM)) {
      mediamtx.acceptCredentials(secret.getMetadata().getNamespace(), labels.get(Labels.CAMERA_STREAM),
          decode(data.get("api-username")), decode(data.get("api-password")));
    }
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  private static void markAvailable(KubernetesClient client, Deployment deployment) {
    try {
      Deployment d = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(deployment).build();
      d.setStatus(new DeploymentStatusBuilder()
          .withObservedGeneration(d.getMetadata().getGeneration())
          .withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(1).withAvailableReplicas(1)
          .withConditions(new DeploymentConditionBuilder().withType("Available").withStatus("True")
              .withReason("MinimumReplicasAvailable").withMessage("Deployment has minimum availability.")
              .build())
          .build());
      client.resource(d).patchStatus();
    } catch (RuntimeException e) {
      log("marking %s available failed: %s", deployment.getMetadata().getName(), e.getMessage());
    }
  }

  private int countReady(KubernetesClient client) {
    int ready = 0;
    for (CameraStream cs : client.resources(CameraStream.class).inAnyNamespace().list().getItems()) {
      if (cs.getStatus() != null && cs.getStatus().getConditions() != null
          && cs.getStatus().getConditions().stream()
          .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))) {
        ready++;
      }
    }
    return ready;
  }

  private boolean allResourcesExist(KubernetesClient client) {
    int deployments = client.apps().deployments().inAnyNamespace().list().getItems().size();
    int services = client.services().inAnyNamespace().list().getItems().size();
    int secrets = client.secrets().inAnyNamespace().list().getItems().size();
    // Per CameraStream: <name>-mediamtx-credentials and <name>-mediamtx-config.
    return deployments == streams * (cameras + 1) && services >= streams && secrets >= 2 * streams;
  }

  private String namespace(int stream) {
    return "bench-" + (stream % namespaces);
  }

  private static String cameraName(int c) {
    return "cam-" + c;
  }

  private Path writeKubeconfig(String url) throws IOException {
    String yaml = "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: " + url
        + "\n    insecure-skip-tls-verify: true\ncontexts:\n- name: mock\n  context:\n    cluster: mock\n"
        + "    user: bench\n    namespace: default\ncurrent-context: mock\nusers:\n- name: bench\n  user:\n"
        + "    token: bench\n";
    Path path = out.resolve("kubeconfig");
    Files.writeString(path, yaml);
    return path;
  }

  private void awaitReady(URI readyz, Process operator) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!operator.isAlive()) {
        throw new IllegalStateException("operator exited; see " + out.resolve("operator.log"));
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("operator not ready within 60 s; see " + out.resolve("operator.log"));
  }

  private String scrape(URI metrics) {
    try {
      return http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** The sum of every series of a metric. */
  private double metric(URI metrics, String name) {
    double sum = 0;
    for (String line : scrape(metrics).split("\n")) {
      Matcher m = NUMBER_LINE.matcher(line);
      if (m.find() && m.group(1).equals(name)) {
        sum += Double.parseDouble(m.group(3));
      }
    }
    return sum;
  }

  private double heapUsed(URI metrics) {
    double sum = 0;
    for (String line : scrape(metrics).split("\n")) {
      Matcher m = NUMBER_LINE.matcher(line);
      if (m.find() && m.group(1).equals("jvm_memory_used_bytes") && m.group(2) != null
          && m.group(2).contains("area=\"heap\"")) {
        sum += Double.parseDouble(m.group(3));
      }
    }
    return sum;
  }

  /** utime + stime of a process, all threads. */
  private static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long peakRssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return -1;
  }

  /** Forces a full GC in the operator (jcmd) and reads the heap in use afterwards: its live set. */
  /**
   * The heap still used after a full collection the bench asks for, from the GC log's line for it: the same for
   * every collector (GC.heap_info prints per-generation figures that differ between collectors).
   */
  private static double liveHeapMb(long pid, Path gcLog) {
    try {
      run("jcmd", Long.toString(pid), "GC.run");
      Matcher m = Pattern.compile("Pause Full \\(Diagnostic Command\\) \\d+M->(\\d+)M")
          .matcher(Files.readString(gcLog));
      double live = -1;
      while (m.find()) {
        live = Double.parseDouble(m.group(1));
      }
      return live;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return text;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "%tT " + format + "%n",
        prepend(java.time.LocalTime.now(), args));
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
