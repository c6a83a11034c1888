package io.camstream.operator.bench;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One replica of the operator: the real jar in its own JVM, configured by environment as in production, its GC
 * logged to a file, its health and metrics on a free port.
 */
final class OperatorProcess implements AutoCloseable {
  private static final Pattern NUMBER_LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path gcLog;
  private final Path log;
  private final URI metrics;
  private final URI readyz;
  private double peakHeapSampled;
  private double lastCpuSeconds;
  private long lastScrape = System.nanoTime() - Duration.ofHours(1).toNanos();

  private OperatorProcess(String name, Process process, Path gcLog, Path log, int port) {
    this.name = name;
    this.process = process;
    this.gcLog = gcLog;
    this.log = log;
    this.metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
    this.readyz = URI.create("http://127.0.0.1:" + port + "/readyz");
  }

  /** @param environment the operator's CAMSTREAM_* variables and KUBECONFIG */
  static OperatorProcess start(String name, Path jar, List<String> jvmArgs, Map<String, String> environment,
      Path out) throws IOException {
    int port = freePort();
    Path gcLog = out.resolve(name + "-gc.log");
    Path log = out.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of("java", "-Xlog:gc:file=" + gcLog));
    command.addAll(jvmArgs);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("CAMSTREAM_HEALTH_PORT", Integer.toString(port));
    builder.environment().put("CAMSTREAM_UI_PORT", "0");
    return new OperatorProcess(name, builder.start(), gcLog, log, port);
  }

  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      checkAlive();
      try {
        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
  }

  void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited (" + process.exitValue() + "); see " + log);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The exit status, once it exited. */
  Integer exitValue() {
    return process.isAlive() ? null : process.exitValue();
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  Path gcLog() {
    return gcLog;
  }

  /**
   * Scrapes /metrics as Prometheus would, at most once per {@code scrapeInterval} (a scrape is work for the operator:
   * its per-CameraStream series are rebuilt), and keeps the highest heap in use it saw (Micrometer's
   * jvm_memory_used_bytes, area heap). The GC log has the true peak; this is the load.
   */
  double sampleHeap(Duration scrapeInterval) {
    if (!process.isAlive() || System.nanoTime() - lastScrape < scrapeInterval.toNanos()) {
      return peakHeapSampled;
    }
    lastScrape = System.nanoTime();
    peakHeapSampled = Math.max(peakHeapSampled, heapUsed());
    return peakHeapSampled;
  }

  double peakHeapSampledMb() {
    return peakHeapSampled / 1048576;
  }

  double heapUsed() {
    double sum = 0;
    for (String line : scrape().split("\n")) {
      Matcher m = NUMBER_LINE.matcher(line);
      if (m.find() && m.group(1).equals("jvm_memory_used_bytes") && m.group(2) != null
          && m.group(2).contains("area=\"heap\"")) {
        sum += Double.parseDouble(m.group(3));
      }
    }
    return sum;
  }

  /** The sum of every series of a metric. */
  double metric(String metric) {
    double sum = 0;
    for (String line : scrape().split("\n")) {
      Matcher m = NUMBER_LINE.matcher(line);
      if (m.find() && m.group(1).equals(metric)) {
        sum += Double.parseDouble(m.group(3));
      }
    }
    return sum;
  }

  private String scrape() {
    try {
      return HTTP.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** utime + stime of the process, all threads. */
  double cpuSeconds() {
    if (!process.isAlive()) {
      return lastCpuSeconds;
    }
    try {
      lastCpuSeconds = cpuSeconds(pid());
      return lastCpuSeconds;
    } catch (IOException e) {
      return lastCpuSeconds;
    }
  }

  /** utime + stime of any process, all threads, from {@code /proc/PID/stat}. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  long peakRssKb() {
    if (!process.isAlive()) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return -1;
  }

  /**
   * The heap still used after a full collection the bench asks for (jcmd GC.run), from the GC log's line for it:
   * the live set, the same for every collector.
   */
  double liveHeapMb() {
    if (!process.isAlive()) {
      return -1;
    }
    try {
      Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid()), "GC.run").redirectErrorStream(true).start();
      jcmd.getInputStream().readAllBytes();
      jcmd.waitFor(60, TimeUnit.SECONDS);
      Thread.sleep(500);
      Matcher m = Pattern.compile("Pause Full \\(Diagnostic Command\\) \\d+M->(\\d+)M")
          .matcher(Files.readString(gcLog, StandardCharsets.UTF_8));
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

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
