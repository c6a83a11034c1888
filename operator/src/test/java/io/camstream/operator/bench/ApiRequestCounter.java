package io.camstream.operator.bench;

import io.camstream.operator.testing.apiserver.FakeApiServerDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The test API server's dispatcher (server-shaped: defaults, 409s on stale writes), counting every request by
 * client, verb and resource before serving it.
 * Requests whose User-Agent contains {@link #BENCH_USER_AGENT} are the benchmark's own (creating CameraStreams,
 * watching Secrets and CameraStreams, counting objects) and are counted apart from the operator's; the Deployment
 * controller's status writes go through the store without a request ({@link DeploymentController#statusWrites}).
 */
final class ApiRequestCounter extends FakeApiServerDispatcher {
  static final String BENCH_USER_AGENT = "camstream-bench";

  private final Map<String, LongAdder> operatorRequests = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> benchRequests = new ConcurrentHashMap<>();
  private final LongAdder serviceNanos = new LongAdder();
  private final LongAdder served = new LongAdder();
  private final LongAdder cpuNanos = new LongAdder();
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String agent = request.getHeader("User-Agent");
    Map<String, LongAdder> counts = agent != null && agent.contains(BENCH_USER_AGENT) ? benchRequests
        : operatorRequests;
    String key = key(request.getMethod(), request.getPath());
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    if (key.startsWith("WATCH ")) {
      return super.dispatch(request);
    }
    long start = System.nanoTime();
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    try {
      return super.dispatch(request);
    } finally {
      serviceNanos.add(System.nanoTime() - start);
      cpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpuStart);
      served.increment();
    }
  }

  /** Seconds of request handling, summed over the requests (served concurrently: can exceed the wall time). */
  double serviceSeconds() {
    return serviceNanos.sum() / 1e9;
  }

  /** CPU seconds the server's threads spent handling requests: what they cost whatever the machine's load. */
  double cpuSeconds() {
    return cpuNanos.sum() / 1e9;
  }

  long served() {
    return served.sum();
  }

  /** "VERB resource[/status]" or "WATCH resource", e.g. "PATCH camerastreams/status", "GET deployments". */
  static String key(String method, String pathAndQuery) {
    String path = pathAndQuery;
    String query = "";
    int q = pathAndQuery.indexOf('?');
    if (q >= 0) {
      path = pathAndQuery.substring(0, q);
      query = pathAndQuery.substring(q + 1);
    }
    String[] parts = path.split("/");
    // /api/v1/... has the resource at index 3, /apis/group/version/... at index 4; namespaced paths add two.
    int base = parts.length > 1 && parts[1].equals("api") ? 3 : 4;
    if (parts.length > base + 1 && parts[base].equals("namespaces")) {
      base += 2;
    }
    String resource = parts.length > base ? parts[base] : path;
    if (path.endsWith("/status") && parts.length > base + 2) {
      resource += "/status";
    }
    String verb = query.contains("watch=true") ? "WATCH" : method;
    return verb + " " + resource;
  }

  /** A snapshot of the operator's requests so far. */
  Map<String, Long> operatorSnapshot() {
    return snapshot(operatorRequests);
  }

  Map<String, Long> benchSnapshot() {
    return snapshot(benchRequests);
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Requests but the leader election's (a constant few per replica and retry period, whatever the number of
   * CameraStreams).
   */
  static long totalWithoutLeases(Map<String, Long> counts) {
    return counts.entrySet().stream().filter(e -> !e.getKey().endsWith(" leases")).mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Writes: POST, PUT, PATCH and DELETE, but the leader election's. */
  static long writes(Map<String, Long> counts) {
    return counts.entrySet().stream().filter(e -> !e.getKey().endsWith(" leases"))
        .filter(e -> e.getKey().startsWith("POST ") || e.getKey().startsWith("PUT ")
            || e.getKey().startsWith("PATCH ") || e.getKey().startsWith("DELETE "))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** Writes to the CameraStream itself, status or not (status patches, finalizers). */
  static long cameraStreamWrites(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().matches("(PUT|PATCH|POST) camerastreams(/status)?"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  static Map<String, Long> difference(Map<String, Long> later, Map<String, Long> earlier) {
    Map<String, Long> diff = new TreeMap<>();
    later.forEach((k, v) -> {
      long d = v - earlier.getOrDefault(k, 0L);
      if (d != 0) {
        diff.put(k, d);
      }
    });
    return diff;
  }
}
