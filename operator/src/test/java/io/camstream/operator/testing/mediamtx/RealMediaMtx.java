package io.camstream.operator.testing.mediamtx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.MediaMtxConfigBuilder;
import io.camstream.operator.desired.MediaMtxConfigSecretBuilder;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.MediaMtxPorts;
import io.camstream.operator.desired.ResourceNames;
import io.camstream.operator.health.source.ApiCredentialsSecret;
import io.camstream.operator.mediamtx.api.ApiCredentials;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real MediaMTX v1.20.1 ({@link MediaMtxBinary}) as a child process of the test, started with the
 * configuration the operator's own code built for a CameraStream — {@link DesiredState#mediaMtxYaml()}, or the
 * {@code <name>-mediamtx-config} Secret the running operator wrote — with only its listen addresses moved to free
 * 127.0.0.1 ports and its recordings to a temporary directory ({@link LoopbackListeners}). Nothing else in the file
 * is written by a test.
 *
 * <pre>{@code
 * // one MediaMTX per test class; the log of a failed test is printed
 * @RegisterExtension static final RealMediaMtx mediaMtx = RealMediaMtx.onFreePorts();
 *
 * mediaMtx.start(desired);                          // DesiredState.of(...): its mediamtx.yml and API user
 * mediaMtx.start(client, namespace, "site");        // the Secrets the operator wrote into the test API server
 * mediaMtx.apiUrl();  mediaMtx.apiCredentials();    // what the operator's MediaMtxConfigSync / health poll use
 * mediaMtx.api("GET", "/v3/paths/list", null);      // a request with the operator's API user
 * mediaMtx.rtspUrl("gate");  mediaMtx.hlsUrl("gate");  mediaMtx.whepUrl("gate");  mediaMtx.playbackUrl();
 * mediaMtx.rewriteConfig(newYaml);                  // as the kubelet refreshes the mounted Secret: MediaMTX reloads
 * mediaMtx.restart();  mediaMtx.stop();  mediaMtx.log();
 * }</pre>
 *
 * <p>The ports are reserved when the fixture is made, so {@link #apiUrl()} can be given to the operator before
 * MediaMTX first starts; they stay the same over every start, restart and reload. {@link #start} of a new
 * configuration replaces the running process (well under a second: a test class can share one fixture and start it
 * per test). The configuration sits in a directory laid out as the kubelet mounts a Secret
 * ({@code ..data} symlink), so {@link #rewriteConfig} makes MediaMTX's file watcher reload exactly as in a pod.
 * The process is killed on {@link #close()}, after the test class when registered as an extension, and on JVM exit
 * in any case ({@link ChildProcesses}).
 */
public final class RealMediaMtx implements AutoCloseable, AfterEachCallback, AfterAllCallback {
  /** How long a start may take before the test fails; MediaMTX answers its API within ~100 ms. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final String RELOAD_LINE = "reloading configuration (file changed)";
  /** MediaMTX ignores a file change within a second of its previous reload (confwatcher's minInterval). */
  private static final Duration RELOAD_GUARD = Duration.ofMillis(1100);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private final Path directory;
  private final LoopbackListeners listeners;
  private final MountedSecretVolume config;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private volatile Process process;
  private volatile ApiCredentials apiCredentials;
  private volatile Instant lastReload = Instant.EPOCH;
  private volatile String operatorYaml;

  private RealMediaMtx(Path directory) {
    this.directory = directory;
    this.listeners = new LoopbackListeners(directory.resolve("recordings"));
    this.config = new MountedSecretVolume(directory.resolve("config"), ResourceNames.CONFIG_FILE);
    this.log = directory.resolve("mediamtx.log");
    // reserved now: URLs are known before the first start
    for (int port : new int[] {MediaMtxPorts.API, MediaMtxPorts.RTSP, MediaMtxPorts.HLS, MediaMtxPorts.WEBRTC,
        MediaMtxPorts.PLAYBACK, MediaMtxPorts.METRICS}) {
      listeners.port(port);
    }
  }

  /** A fixture on reserved free loopback ports, not started yet. */
  public static RealMediaMtx onFreePorts() {
    try {
      return new RealMediaMtx(Files.createTempDirectory("camstream-mediamtx-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Started with what the operator's pure functions built: {@link DesiredState#mediaMtxYaml()} and its API user. */
  public static RealMediaMtx startedWith(DesiredState desired) {
    RealMediaMtx mediaMtx = onFreePorts();
    try {
      return mediaMtx.start(desired);
    } catch (RuntimeException e) {
      mediaMtx.close();
      throw e;
    }
  }

  // --- lifecycle --------------------------------------------------------------------------------------------

  public RealMediaMtx start(DesiredState desired) {
    MediaMtxCredentials.User api = desired.credentials().api();
    return start(desired.mediaMtxYaml(), new ApiCredentials(api.username(), api.password()));
  }

  /**
   * Starts MediaMTX with the operator's {@code mediamtx.yml} as the pod would mount it, replacing the process that
   * runs (a new pod), and waits until its API answers the operator's API user.
   *
   * @throws IllegalStateException with MediaMTX's log when it refuses the configuration or does not answer
   */
  public RealMediaMtx start(String mediaMtxYaml, ApiCredentials api) {
    stop();
    this.apiCredentials = Objects.requireNonNull(api, "api");
    config.write(runnable(mediaMtxYaml));
    launch();
    return this;
  }

  /**
   * Starts MediaMTX as the pod of CameraStream {@code name} would: with the {@code mediamtx.yml} of the Secret
   * {@code <name>-mediamtx-config} and the API user of {@code <name>-mediamtx-credentials}, as the operator wrote
   * them into the (test) API server.
   */
  public RealMediaMtx start(KubernetesClient client, String namespace, String name) {
    Secret configSecret = secret(client, namespace, ResourceNames.configSecret(name));
    Secret credentials = secret(client, namespace, ResourceNames.credentialsSecret(name));
    return start(MediaMtxConfigSecretBuilder.yaml(configSecret), ApiCredentialsSecret.read(credentials)
        .orElseThrow(() -> new IllegalStateException(ResourceNames.credentialsSecret(name) + " has no API user")));
  }

  /** The pod restarts: a new process reads the mounted file as it is now (run-time API changes are lost). */
  public RealMediaMtx restart() {
    stop();
    launch();
    return this;
  }

  /**
   * Writes a new {@code mediamtx.yml} into the mounted directory the way the kubelet refreshes a Secret volume and
   * waits until MediaMTX has reloaded it. Waits first, if needed, until a second has passed since the previous
   * reload: MediaMTX would ignore the change otherwise (see behaviour.md), which is a separate thing to test with
   * {@link #writeConfigWithoutWaiting}.
   *
   * @throws IllegalStateException with the log when MediaMTX exits on the new file (a reload that fails)
   */
  public void rewriteConfig(String mediaMtxYaml) {
    requireRunning();
    sleepUntil(lastReload.plus(RELOAD_GUARD));
    long before = reloads();
    writeConfigWithoutWaiting(mediaMtxYaml);
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (reloads() == before) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        throw failure("MediaMTX did not reload the rewritten configuration");
      }
      sleep(10);
    }
    lastReload = Instant.now();
    // The reload runs in MediaMTX's main loop right after the log line; give it a moment, then check it lived.
    sleep(150);
    if (!process.isAlive()) {
      throw failure("MediaMTX exited on reloading the configuration");
    }
    awaitApi();
  }

  /** Swaps the mounted file as the kubelet does, and returns at once (nothing waits for MediaMTX). */
  public void writeConfigWithoutWaiting(String mediaMtxYaml) {
    config.write(runnable(mediaMtxYaml));
  }

  /** Stops MediaMTX (SIGTERM, then SIGKILL); the ports stay reserved for the next start. */
  public void stop() {
    Process running = process;
    if (running != null) {
      ChildProcesses.stop(running, 5_000);
      process = null;
    }
  }

  /** The running process's id, if one runs. */
  public java.util.OptionalLong pid() {
    Process running = process;
    return running == null || !running.isAlive() ? java.util.OptionalLong.empty()
        : java.util.OptionalLong.of(running.pid());
  }

  public boolean running() {
    return process != null && process.isAlive();
  }

  /** Freezes MediaMTX (SIGSTOP): its sockets stay open and nothing answers, as a hung server. */
  public void freeze() {
    requireRunning();
    ChildProcesses.signal(process, "STOP");
  }

  public void thaw() {
    requireRunning();
    ChildProcesses.signal(process, "CONT");
  }

  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    context.getExecutionException().ifPresent(failure -> System.err.println("--- MediaMTX log ("
        + context.getDisplayName() + ") ---\n" + tail(200)));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  // --- what tests and the operator use ----------------------------------------------------------------------

  /** The control API's base URL, e.g. for {@code CAMSTREAM_MEDIAMTX_API_URL} or {@code MediaMtxConfigSync}. */
  public URI apiUrl() {
    return http(MediaMtxPorts.API);
  }

  /** The operator's API user of the running configuration. */
  public ApiCredentials apiCredentials() {
    return apiCredentials;
  }

  public URI metricsUrl() {
    return http(MediaMtxPorts.METRICS);
  }

  /** The playback server ({@code /list}, {@code /get}); it listens only while the spec configures recording. */
  public URI playbackUrl() {
    return http(MediaMtxPorts.PLAYBACK);
  }

  /** The HLS server's base URL (the camera wall's origin). */
  public URI hlsOrigin() {
    return http(MediaMtxPorts.HLS);
  }

  /** A camera's HLS playlist, {@code /<camera>/index.m3u8} (MediaMTX answers it with its cookie-check 302 first). */
  public URI hlsUrl(String camera) {
    return hlsOrigin().resolve("/" + camera + "/index.m3u8");
  }

  /** The WebRTC (WHEP) server's base URL. */
  public URI webrtcOrigin() {
    return http(MediaMtxPorts.WEBRTC);
  }

  public URI whepUrl(String camera) {
    return webrtcOrigin().resolve("/" + camera + "/whep");
  }

  public String rtspUrl(String camera) {
    return "rtsp://127.0.0.1:" + port(MediaMtxPorts.RTSP) + "/" + camera;
  }

  /**
   * A viewer of a camera with {@code readers: public}: ffmpeg reading its path over RTSP/TCP until stopped with
   * {@link ChildProcesses#stop}; MediaMTX counts it in the path's {@code readers}.
   */
  public Process startReader(String camera) throws IOException {
    return ChildProcesses.start(new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
        "-rtsp_transport", "tcp", "-i", rtspUrl(camera), "-c", "copy", "-f", "null", "-")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD));
  }

  /** The RTSP URL with a user (publisher or reader) in it, as ffmpeg takes it. */
  public String rtspUrl(String camera, MediaMtxCredentials.User user) {
    return "rtsp://" + encode(user.username()) + ":" + encode(user.password()) + "@127.0.0.1:"
        + port(MediaMtxPorts.RTSP) + "/" + camera;
  }

  /** The loopback port standing for a port of the operator's configuration ({@link MediaMtxPorts}). */
  public int port(int configuredPort) {
    return listeners.port(configuredPort);
  }

  /** Where the configured {@value io.camstream.operator.desired.Recording#MOUNT_PATH} is. */
  public Path recordingsDirectory() {
    return listeners.recordings();
  }

  /** The mounted {@code mediamtx.yml} MediaMTX reads (a symlink into {@code ..data}, as in a pod). */
  public Path configFile() {
    return config.file();
  }

  /** What MediaMTX runs with: the operator's file with only addresses and the recordings directory moved. */
  public String runningConfig() {
    return config.read();
  }

  /** The {@code mediamtx.yml} as the operator built it, last given to {@link #start} or {@link #rewriteConfig}. */
  public String operatorConfig() {
    return operatorYaml;
  }

  /** Everything MediaMTX logged since this fixture was made (every start appends). */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One control-API request with the operator's API user; {@code body} is JSON or null. */
  public ApiResponse api(String method, String path, String body) {
    return request(method, path, body, apiCredentials);
  }

  /** One control-API request with any user (null: none). */
  public ApiResponse request(String method, String path, String body, ApiCredentials credentials) {
    HttpRequest.Builder request = HttpRequest.newBuilder(apiUrl().resolve(path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (credentials != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new ApiResponse(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code GET} with the operator's API user, expecting 200. */
  public JsonNode get(String path) {
    ApiResponse response = api("GET", path, null);
    if (response.status() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + response.status() + ": " + response.body());
    }
    return response.json();
  }

  /** {@code /v3/paths/get/<name>}: the path's live state ({@code online}, {@code onlineTime}, {@code available}...). */
  public JsonNode path(String name) {
    return get("/v3/paths/get/" + name);
  }

  /**
   * Waits until {@code /v3/paths/get/<name>} satisfies the condition (e.g. {@code p -> p.get("available").asBoolean()})
   * and returns it; fails with the log when it does not within the timeout.
   */
  public JsonNode awaitPath(String name, java.util.function.Predicate<JsonNode> condition, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      ApiResponse response = api("GET", "/v3/paths/get/" + name, null);
      if (response.status() == 200) {
        last = response.json();
        if (condition.test(last)) {
          return last;
        }
      }
      sleep(50);
    }
    throw failure("path " + name + " did not reach the expected state within " + timeout + "; last: " + last);
  }

  /** A control-API answer. */
  public record ApiResponse(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  // --- internals --------------------------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  private String runnable(String mediaMtxYaml) {
    this.operatorYaml = mediaMtxYaml;
    try {
      Map<String, Object> parsed = YAML.readValue(mediaMtxYaml, Map.class);
      return MediaMtxConfigBuilder.toYaml(listeners.adapt(parsed));
    } catch (IOException e) {
      throw new UncheckedIOException("the operator's mediamtx.yml is not YAML", e);
    }
  }

  private void launch() {
    try {
      Files.createDirectories(listeners.recordings());
      Files.writeString(log, "--- start " + Instant.now() + " ---\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder = new ProcessBuilder(MediaMtxBinary.path().toString(), config.file().toString())
          .directory(directory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      // MediaMTX reads MTX_* and the legacy RTSP_* variables as configuration: the test's environment must not
      // change what it runs with (the operator keeps them out of the pod with enableServiceLinks: false).
      builder.environment().keySet().removeIf(name -> name.startsWith("MTX_") || name.startsWith("RTSP_"));
      process = ChildProcesses.start(builder);
      lastReload = Instant.EPOCH;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start MediaMTX", e);
    }
    awaitApi();
  }

  private void awaitApi() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (true) {
      if (!process.isAlive()) {
        Process dead = process;
        process = null;
        ChildProcesses.stop(dead, 0);
        throw failure("MediaMTX exited (status " + dead.exitValue() + ")");
      }
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(apiUrl().resolve("/v3/paths/list"))
            .timeout(Duration.ofSeconds(2))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (apiCredentials.username() + ":" + apiCredentials.password()).getBytes(StandardCharsets.UTF_8)))
            .GET().build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
        throw failure("MediaMTX's API answered the operator's API user with " + response.statusCode());
      } catch (IOException notYet) {
        if (Instant.now().isAfter(deadline)) {
          throw failure("MediaMTX's API did not answer within " + START_TIMEOUT);
        }
        sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private long reloads() {
    return log().lines().filter(line -> line.contains(RELOAD_LINE)).count();
  }

  private IllegalStateException failure(String what) {
    return new IllegalStateException(what + "; its log:\n" + tail(60));
  }

  private String tail(int lines) {
    List<String> all = log().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private void requireRunning() {
    if (!running()) {
      throw new IllegalStateException("MediaMTX is not running");
    }
  }

  private URI http(int configuredPort) {
    return URI.create("http://127.0.0.1:" + port(configuredPort));
  }

  private static Secret secret(KubernetesClient client, String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      throw new IllegalStateException("Secret " + namespace + "/" + name + " not written yet");
    }
    return secret;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void sleepUntil(Instant instant) {
    long millis = Duration.between(Instant.now(), instant).toMillis();
    if (millis > 0) {
      sleep(millis);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
