package io.camstream.operator.bench;

import io.camstream.operator.OperatorClient;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.desired.Labels;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.apiserver.FakeApiServer;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Operator scale benchmark (issues 8 and 22): 1,000 CameraStreams × 10 cameras (about 11,000 Deployments, 2,000
 * Services, 2,000 Secrets, 1,000 NetworkPolicies, every one carrying managedFields as on a cluster), from nothing
 * to every resource created and {@code Ready}, then the steady state — with a leader and a standby replica. Not a
 * test: run it with {@code bench/run.sh operator} (or {@code bench/operator-bench.sh}).
 *
 * <p>The operator under test is the real {@code camstream-operator.jar}, twice, each in its own JVM with the
 * image's JVM flags and its Deployment's memory limit ({@link #imageJvmArgs}), configured by environment as in production with leader election on: the
 * first to start leads, the second stands by (JOSDK starts its informers too, so it holds the same caches). This
 * JVM plays everything around them: the Kubernetes API (the server-shaped {@link FakeApiServer}: managedFields,
 * paged lists, concurrent serving; requests counted per client and verb), the Deployment controller (as
 * {@code kube-controller-manager}: the revision annotation and an available status through {@code /status}, once
 * per Deployment generation; in-process on the server's store, {@link DeploymentController}), and every
 * CameraStream's MediaMTX control API (one of the test suite's {@code FakeMediaMtxApi} per CameraStream behind one
 * router, {@link PerCameraStreamApiRouter}, every camera online and its bytes growing).
 *
 * <p>On a cluster none of that runs on the operator's cores; here it shares two cores with the operator. So what
 * it plays is played as cheaply as it can be without changing what the operator sees: the Deployment controller
 * writes through the server's store (the same objects and watch events as its {@code PUT}s over HTTP, without an
 * informer and a round trip per Deployment in this JVM), and the MediaMTX APIs answer on the router's connection.
 * What is left is the API server's own work for the operator's requests and watches, and the bench's creates and
 * Ready count (a CameraStream and a Secret informer).
 *
 * <p>System properties: {@code camstream.bench.streams} (1000), {@code camstream.bench.cameras} (10),
 * {@code camstream.bench.steadyMinutes} (2), {@code camstream.bench.pollSeconds} (10, the operator's MediaMTX poll
 * period), {@code camstream.bench.standby} (true), {@code camstream.bench.operatorJar},
 * {@code camstream.bench.operatorJvmArgs}, {@code camstream.bench.convergeMinutes} (15), {@code camstream.bench.out}
 * (a directory for results and logs), {@code camstream.bench.quick} (10 × 10 and 1 steady minute).
 */
public final class OperatorScaleBenchmark {
  /** The image's JVM flags and the Deployment's memory limit, read from where they ship. */
  private static final Path DOCKERFILE = repositoryRoot().resolve("operator/Dockerfile");
  private static final Path DEPLOYMENT = repositoryRoot().resolve("k8s/operator/deployment.yaml");
  /** How often Prometheus scrapes the operator: the ServiceMonitor's interval. */
  private static final Path SERVICE_MONITOR = repositoryRoot().resolve("k8s/monitoring/servicemonitor-operator.yaml");
  /** The mock server logs every request through java.util.logging; kept referenced so the level sticks. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final int streams;
  private final int cameras;
  private final double steadyMinutes;
  private final int pollSeconds;
  private final boolean standby;
  private final Duration convergeTimeout;
  private final Path operatorJar;
  private final List<String> operatorJvmArgs;
  private final Path out;
  private final int namespaces;
  private final Duration scrapeInterval = scrapeInterval();

  private OperatorScaleBenchmark() {
    boolean quick = Boolean.getBoolean("camstream.bench.quick");
    streams = Integer.getInteger("camstream.bench.streams", quick ? 10 : 1000);
    cameras = Integer.getInteger("camstream.bench.cameras", 10);
    steadyMinutes = Double.parseDouble(System.getProperty("camstream.bench.steadyMinutes", quick ? "1" : "2"));
    pollSeconds = Integer.getInteger("camstream.bench.pollSeconds", 10);
    standby = Boolean.parseBoolean(System.getProperty("camstream.bench.standby", "true"));
    convergeTimeout = Duration.ofMinutes(Integer.getInteger("camstream.bench.convergeMinutes", 15));
    operatorJar = Path.of(System.getProperty("camstream.bench.operatorJar", "target/camstream-operator.jar"))
        .toAbsolutePath();
    String jvm = System.getProperty("camstream.bench.operatorJvmArgs", imageJvmArgs()).trim();
    operatorJvmArgs = jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+"));
    out = Path.of(System.getProperty("camstream.bench.out", "target/operator-bench")).toAbsolutePath();
    namespaces = Math.max(1, streams / 10);
  }

  /**
   * The JVM flags of operator/Dockerfile's ENTRYPOINT, with {@code -XX:MaxRAM} set to the memory limit of
   * k8s/operator/deployment.yaml standing in for the container's cgroup limit, from which the JVM sizes its heap.
   */
  static String imageJvmArgs() {
    try {
      String dockerfile = Files.readString(DOCKERFILE);
      java.util.regex.Matcher entrypoint = java.util.regex.Pattern.compile("ENTRYPOINT \\[(.*?)\\]",
          java.util.regex.Pattern.DOTALL).matcher(dockerfile);
      java.util.regex.Matcher limit = java.util.regex.Pattern.compile(
          "limits:\\s*(?:#[^\\n]*\\s*)*memory:\\s*(\\d+)(Mi|Gi)").matcher(Files.readString(DEPLOYMENT));
      if (!entrypoint.find() || !limit.find()) {
        throw new IllegalStateException("no ENTRYPOINT in " + DOCKERFILE + " or memory limit in " + DEPLOYMENT);
      }
      List<String> flags = new ArrayList<>();
      java.util.regex.Matcher flag = java.util.regex.Pattern.compile("\"(-X[^\"]*)\"").matcher(entrypoint.group(1));
      while (flag.find()) {
        flags.add(flag.group(1));
      }
      flags.add("-XX:MaxRAM=" + Integer.parseInt(limit.group(1)) * (limit.group(2).equals("Gi") ? 1024 : 1) + "m");
      return String.join(" ", flags);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Duration scrapeInterval() {
    try {
      java.util.regex.Matcher interval = java.util.regex.Pattern.compile("interval:\\s*(\\d+)s")
          .matcher(Files.readString(SERVICE_MONITOR));
      return Duration.ofSeconds(interval.find() ? Long.parseLong(interval.group(1)) : 30);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The directory holding {@code .ci}, from wherever Maven runs this. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(".ci"))) {
        return dir;
      }
    }
    throw new IllegalStateException("not inside the camstream repository (no .ci directory above "
        + Path.of("").toAbsolutePath() + ")");
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
    allowLeaderElection(server);
    ExecutorService controller = Executors.newFixedThreadPool(4);
    ExecutorService creators = Executors.newFixedThreadPool(8);
    OperatorProcess leader = null;
    OperatorProcess follower = null;
    DeploymentController deploymentController = new DeploymentController(server, controller);
    try (KubernetesClient client = benchClient(server, ApiRequestCounter.BENCH_USER_AGENT);
         PerCameraStreamApiRouter mediamtx = new PerCameraStreamApiRouter(
             java.util.stream.IntStream.range(0, cameras).mapToObj(OperatorScaleBenchmark::cameraName).toList())) {
      OperatorTestHarness.installCrd(client);
      deploymentController.start();
      acceptApiUsers(client, mediamtx);
      SharedIndexInformer<CameraStream> cameraStreams = client.resources(CameraStream.class).inAnyNamespace()
          .inform();

      Map<String, String> environment = new HashMap<>();
      environment.put("KUBECONFIG", writeKubeconfig(server.url("/")).toString());
      environment.put("CAMSTREAM_LEADER_ELECTION", Boolean.toString(standby));
      environment.put("CAMSTREAM_MEDIAMTX_API_URL", mediamtx.urlTemplate());
      environment.put("CAMSTREAM_HEALTH_POLL_SECONDS", Integer.toString(pollSeconds));
      long launched = System.nanoTime();
      leader = OperatorProcess.start("leader", operatorJar, operatorJvmArgs, environment, out);
      leader.awaitReady(Duration.ofSeconds(120));
      double startupSeconds = (System.nanoTime() - launched) / 1e9;
      log("leader ready after %.2f s (pid %d)", startupSeconds, leader.pid());
      if (standby) {
        awaitLease(client);
        follower = OperatorProcess.start("standby", operatorJar, operatorJvmArgs, environment, out);
        follower.awaitReady(Duration.ofSeconds(120));
        log("standby ready (pid %d)", follower.pid());
      }

      Map<String, Long> beforeCreate = counter.operatorSnapshot();
      double mockSecondsBefore = counter.serviceSeconds();
      double mockCpuBefore = counter.cpuSeconds();
      double leaderCpuBefore = leader.cpuSeconds();
      double hostCpuBefore = cpuSecondsOfThisJvm();
      long mockServedBefore = counter.served();
      double reconcilesBefore = leader.metric("operator_sdk_reconciliations_started_total");
      double loadAtStart = loadAverage();
      long t0 = System.nanoTime();
      List<Future<?>> creates = new ArrayList<>();
      for (int s = 0; s < streams; s++) {
        int stream = s;
        creates.add(creators.submit(() -> client.resource(cameraStream(stream)).create()));
      }
      for (Future<?> create : creates) {
        create.get();
      }
      double createSeconds = (System.nanoTime() - t0) / 1e9;
      log("created %d CameraStreams x %d cameras in %.2f s", streams, cameras, createSeconds);

      double convergedSeconds = -1;
      long deadline = t0 + convergeTimeout.toNanos();
      int ready = 0;
      Map<String, Object> exits = new LinkedHashMap<>();
      while (System.nanoTime() < deadline) {
        for (OperatorProcess replica : follower == null ? List.of(leader) : List.of(leader, follower)) {
          replica.sampleHeap(scrapeInterval);
          if (!replica.isAlive() && !exits.containsKey(replica.name())) {
            exits.put(replica.name(), Map.of("exitStatus", replica.exitValue(),
                "secondsAfterFirstCreate", round((System.nanoTime() - t0) / 1e9)));
            log("%s exited (%d); see its log", replica.name(), replica.exitValue());
          }
        }
        if (!leader.isAlive() && (follower == null || !follower.isAlive())) {
          break;
        }
        ready = countReady(cameraStreams);
        if (ready == streams && allResourcesExist(client)) {
          convergedSeconds = (System.nanoTime() - t0) / 1e9;
          break;
        }
        Thread.sleep(1000);
      }
      Map<String, Long> converge = ApiRequestCounter.difference(counter.operatorSnapshot(), beforeCreate);
      double mockSeconds = counter.serviceSeconds() - mockSecondsBefore;
      double mockCpu = counter.cpuSeconds() - mockCpuBefore;
      double leaderCpu = leader.cpuSeconds() - leaderCpuBefore;
      double hostCpu = cpuSecondsOfThisJvm() - hostCpuBefore;
      long mockServed = counter.served() - mockServedBefore;
      double reconciles = leader.isAlive()
          ? leader.metric("operator_sdk_reconciliations_started_total") - reconcilesBefore : -1;
      int mediamtxAtConverge = mediamtx.requests();
      double loadAtConverge = loadAverage();
      long requests = ApiRequestCounter.totalWithoutLeases(converge);
      if (convergedSeconds < 0) {
        log("NOT converged within %s: %d/%d Ready", convergeTimeout, ready, streams);
      } else {
        log("all %d CameraStreams Ready with all resources after %.2f s; %d operator API requests (%.1f per"
            + " CameraStream), %.1f reconciles per CameraStream", streams, convergedSeconds, requests,
            (double) requests / streams, reconciles / streams);
      }

      // Steady state: nothing changes; the leader polls MediaMTX and should write nothing.
      Thread.sleep(Math.max(2, pollSeconds) * 1000L);
      Map<String, Long> steadyStart = counter.operatorSnapshot();
      double reconcilesSteadyStart = leader.metric("operator_sdk_reconciliations_started_total");
      int mediamtxSteadyStart = mediamtx.requests();
      long steadyNanos = (long) (steadyMinutes * 60e9);
      long s0 = System.nanoTime();
      while (System.nanoTime() - s0 < steadyNanos) {
        leader.sampleHeap(scrapeInterval);
        if (follower != null) {
          follower.sampleHeap(scrapeInterval);
        }
        Thread.sleep(1000);
      }
      double minutes = (System.nanoTime() - s0) / 60e9;
      Map<String, Long> steady = ApiRequestCounter.difference(counter.operatorSnapshot(), steadyStart);
      double steadyReconciles = leader.metric("operator_sdk_reconciliations_started_total") - reconcilesSteadyStart;
      int steadyMediamtx = mediamtx.requests() - mediamtxSteadyStart;

      Map<String, Object> standbyMemory = follower == null ? null : memory(follower);
      Map<String, Object> leaderMemory = memory(leader);
      // A replica starting when everything exists (a restarted pod, a new standby): every informer lists it all.
      Map<String, Object> restarted = null;
      if (follower != null) {
        follower.close();
        Map<String, Long> beforeRestart = counter.operatorSnapshot();
        long restart = System.nanoTime();
        OperatorProcess fresh = OperatorProcess.start("restarted-standby", operatorJar, operatorJvmArgs,
            environment, out);
        try {
          fresh.awaitReady(Duration.ofMinutes(5));
          double syncSeconds = (System.nanoTime() - restart) / 1e9;
          log("a standby started with everything in place was ready (caches filled) after %.2f s", syncSeconds);
          fresh.sampleHeap(scrapeInterval);
          restarted = memory(fresh);
          restarted.put("secondsToReady", round(syncSeconds));
          // Its lists and watches (the leader lists and watches nothing in the steady state).
          Map<String, Long> reads = new java.util.TreeMap<>(ApiRequestCounter.difference(
              counter.operatorSnapshot(), beforeRestart));
          reads.keySet().removeIf(key -> !(key.startsWith("GET ") || key.startsWith("WATCH "))
              || key.endsWith(" leases"));
          restarted.put("listsAndWatchesToReady", reads);
        } finally {
          fresh.close();
        }
      }

      Map<String, Object> result = new LinkedHashMap<>();
      result.put("cameraStreams", streams);
      result.put("camerasPerStream", cameras);
      result.put("namespaces", namespaces);
      result.put("standby", standby);
      result.put("operatorJvmArgs", String.join(" ", operatorJvmArgs));
      result.put("operatorStartupSeconds", round(startupSeconds));
      result.put("createSeconds", round(createSeconds));
      result.put("convergedSeconds", round(convergedSeconds));
      result.put("readyAtEnd", ready);
      result.put("replicaExits", exits);
      result.put("machineLoadAverage1mAtStart", round(loadAtStart));
      result.put("machineLoadAverage1mAtConverge", round(loadAtConverge));
      result.put("reconcilesPerCameraStream", round(reconciles / streams));
      result.put("operatorApiRequestsToConverge", requests);
      result.put("operatorApiRequestsPerCameraStream", round((double) requests / streams));
      result.put("operatorApiWritesToConverge", ApiRequestCounter.writes(converge));
      result.put("operatorEventWritesToConverge", converge.entrySet().stream()
          .filter(e -> e.getKey().endsWith(" events")).mapToLong(Map.Entry::getValue).sum());
      result.put("operatorApiRequestsToConvergeByVerb", converge);
      result.put("mediamtxApiRequestsToConverge", mediamtxAtConverge);
      result.put("operatorCpuSecondsToConverge", round(leaderCpu));
      result.put("mockAndBenchCpuSecondsToConverge", round(hostCpu));
      result.put("mockApiBusySecondsToConverge", round(mockSeconds));
      result.put("mockApiRequestsServedToConverge", mockServed);
      result.put("mockApiMillisPerRequest", round(1000 * mockSeconds / Math.max(1, mockServed)));
      result.put("mockApiCpuMillisPerRequest", round(1000 * mockCpu / Math.max(1, mockServed)));
      result.put("steadyMinutes", round(minutes));
      result.put("steadyApiRequestsPerMinutePerCameraStream",
          round(ApiRequestCounter.totalWithoutLeases(steady) / minutes / streams));
      result.put("steadyApiWritesPerMinutePerCameraStream",
          round(ApiRequestCounter.writes(steady) / minutes / streams));
      result.put("steadyCameraStreamWritesPerMinutePerCameraStream",
          round(ApiRequestCounter.cameraStreamWrites(steady) / minutes / streams));
      result.put("steadyReconcilesPerMinutePerCameraStream", round(steadyReconciles / minutes / streams));
      result.put("steadyMediamtxApiRequestsPerMinutePerCameraStream", round(steadyMediamtx / minutes / streams));
      result.put("steadyOperatorRequestsByVerb", steady);
      result.put("benchRequestsByVerb", counter.benchSnapshot());
      result.put("deploymentControllerStatusWritesInProcess", deploymentController.statusWrites());
      result.put("leader", leaderMemory);
      if (standbyMemory != null) {
        result.put("standbyReplica", standbyMemory);
      }
      if (restarted != null) {
        result.put("restartedStandby", restarted);
      }
      result.put("machineLoadAverage1mAtEnd", round(loadAverage()));
      String json = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(result);
      Files.writeString(out.resolve("operator-results.json"), json);
      System.out.println(json);
      return convergedSeconds < 0 ? 1 : 0;
    } finally {
      for (OperatorProcess operator : new OperatorProcess[] {follower, leader}) {
        if (operator != null) {
          operator.close();
        }
      }
      creators.shutdownNow();
      controller.shutdownNow();
      server.destroy();
    }
  }

  private Map<String, Object> memory(OperatorProcess operator) throws IOException {
    GcSummary gc = GcSummary.parse(operator.gcLog());
    Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("peakHeapUsedMbFromGcLog", round(gc.peakHeapUsedMb()));
    memory.put("peakHeapAfterGcMbFromGcLog", round(gc.peakHeapAfterGcMb()));
    memory.put("maxHeapCommittedMbFromGcLog", round(gc.maxHeapCommittedMb()));
    memory.put("gcPauses", gc.pauses());
    memory.put("peakHeapUsedMbSampled", round(operator.peakHeapSampledMb()));
    memory.put("liveHeapMbAfterFullGc", round(operator.liveHeapMb()));
    memory.put("peakRssMb", round(operator.peakRssKb() / 1024.0));
    memory.put("cpuSeconds", round(operator.cpuSeconds()));
    return memory;
  }

  private CameraStream cameraStream(int stream) {
    CameraSpec[] specs = new CameraSpec[cameras];
    for (int c = 0; c < cameras; c++) {
      specs[c] = CameraStreams.camera(cameraName(c), "rtsp://10.0.0." + (c + 1) + ":554/stream1");
    }
    return CameraStreams.of(namespace(stream), "site-" + stream, specs);
  }

  /** The bench's clients: managedFields are not read (nor kept in their informers), as the operator does. */
  private static KubernetesClient benchClient(FakeApiServer server, String userAgent) {
    Config config = new ConfigBuilder(server.config()).withUserAgent(userAgent).withRequestTimeout(60_000).build();
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
        .withKubernetesSerialization(OperatorClient.serialization()).build();
  }

  /** JOSDK checks the Lease permissions with a SelfSubjectRulesReview: answered as for the operator's account. */
  private static void allowLeaderElection(FakeApiServer server) {
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewMetadata().endMetadata()
            .withNewStatus().withIncomplete(false).addNewResourceRule().withApiGroups("coordination.k8s.io")
            .withResources("leases").withVerbs("get", "create", "update").endResourceRule().endStatus().build())
        .always();
  }

  /** The first replica holds the Lease before the second starts, so the roles are known. */
  private static void awaitLease(KubernetesClient client) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      var leases = client.leases().inAnyNamespace().list().getItems();
      if (leases.stream().anyMatch(l -> l.getSpec() != null && l.getSpec().getHolderIdentity() != null)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the leader took no Lease within 60 s");
  }

  /** Every CameraStream's MediaMTX accepts the API credentials the operator generated for it. */
  private static void acceptApiUsers(KubernetesClient client, PerCameraStreamApiRouter mediamtx) {
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

  private static int countReady(SharedIndexInformer<CameraStream> cameraStreams) {
    int ready = 0;
    for (CameraStream cs : cameraStreams.getStore().list()) {
      if (cs.getStatus() != null && cs.getStatus().getConditions() != null
          && cs.getStatus().getConditions().stream()
          .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))) {
        ready++;
      }
    }
    return ready;
  }

  /** Counted without reading the lists: a one-item page says how many items are left. */
  private boolean allResourcesExist(KubernetesClient client) {
    long deployments = count(client.apps().deployments().inAnyNamespace().list(onlyCount()));
    long services = count(client.services().inAnyNamespace().list(onlyCount()));
    long secrets = count(client.secrets().inAnyNamespace().list(onlyCount()));
    // Per CameraStream: <name>-mediamtx-credentials and <name>-mediamtx-config.
    return deployments == (long) streams * (cameras + 1) && services >= streams && secrets >= 2L * streams;
  }

  private static io.fabric8.kubernetes.api.model.ListOptions onlyCount() {
    return new ListOptionsBuilder().withLimit(1L).build();
  }

  private static long count(io.fabric8.kubernetes.api.model.KubernetesResourceList<?> page) {
    Long remaining = page.getMetadata().getRemainingItemCount();
    return page.getItems().size() + (remaining == null ? 0 : remaining);
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

  private static double cpuSecondsOfThisJvm() throws IOException {
    return OperatorProcess.cpuSeconds(ProcessHandle.current().pid());
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void log(String format, Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = java.time.LocalTime.now();
    System.arraycopy(args, 0, all, 1, args.length);
    System.out.printf(Locale.ROOT, "%tT " + format + "%n", all);
  }
}
