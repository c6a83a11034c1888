package io.camstream.operator.mediamtx.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * An in-process MediaMTX v1.20.1 control API for tests: a real HTTP server on 127.0.0.1 that answers
 * {@code GET /v3/paths/list} and {@code GET /v3/paths/get/{name}} the way MediaMTX does (openapi.yaml field names,
 * paths sorted by name, {@code page}/{@code itemsPerPage} pagination with 400 on bad values, 401 with MediaMTX's
 * Error body when credentials are missing or wrong, 404 for unknown paths and routes), and the run-time configuration
 * endpoints {@code /v3/config/paths/list|get|add|patch|replace|delete} and {@code /v3/config/global/patch} on a model
 * of MediaMTX's configuration ({@link FakeMediaMtxConfig}): the API and publishers are authenticated against its
 * {@code authInternalUsers}, a publisher needs a configured path, and configured paths are listed even while
 * offline (a pulled camera's online with its source, as MediaMTX lists it; one named by a regular expression not at
 * all). Tests flip it: paths go online and offline, their {@code inboundBytes} grow or freeze, the server goes
 * down or fails, reloads a {@code mediamtx.yml} (what the kubelet refresh makes MediaMTX do) or restarts from one.
 */
public final class FakeMediaMtxApi implements AutoCloseable {
  public static final long DEFAULT_BYTES_PER_SECOND = 250_000;

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, FakePath> paths = new ConcurrentHashMap<>();
  private final FakeMediaMtxConfig config;
  private final List<String> configCalls = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicInteger listRequests = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int port;
  private volatile HttpServer server;
  private volatile ExecutorService executor;
  private volatile Duration answerDelay = Duration.ZERO;
  private volatile Duration wrongCredentialsDelay = Duration.ZERO;
  private volatile Integer forcedStatus;
  private volatile Integer forcedConfigChangeStatus;
  /** Drives byte growth; tests may replace it with a time that only moves when they say so. */
  private volatile LongSupplier nanoTime = System::nanoTime;

  private FakeMediaMtxApi(FakeMediaMtxConfig config) {
    this.config = config;
  }

  /** Starts on a free port of 127.0.0.1, accepting the given API user. */
  public static FakeMediaMtxApi start(String username, String password) throws IOException {
    FakeMediaMtxApi api = new FakeMediaMtxApi(FakeMediaMtxConfig.withApiUser(username, password));
    api.listen(0);
    return api;
  }

  /**
   * One that listens nowhere: its owner hands it each request through {@link #serve} (a router in front of many, as
   * the operator scale bench has for 1,000 MediaMTX APIs, without a server and threads per fake).
   */
  public static FakeMediaMtxApi unstarted(String username, String password) {
    return new FakeMediaMtxApi(FakeMediaMtxConfig.withApiUser(username, password));
  }

  /** Answers one request as its own server does: {@code exchange}'s URI is the path MediaMTX sees. */
  public void serve(HttpExchange exchange) throws IOException {
    handle(exchange);
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  // --- auth

  /** Adds an API user that may call the API (several CameraStreams' operators users may share one fake). */
  public void acceptCredentials(String username, String password) {
    config.addApiUser(username, password);
  }

  /** Replaces every user with just this API user. */
  public void onlyAcceptCredentials(String username, String password) {
    config.replaceUsersWithApiUser(username, password);
  }

  /** Whether MediaMTX would let this user call the control API now. */
  public boolean acceptsApiUser(String username, String password) {
    return config.may(username, password, "api", "");
  }

  // --- configuration

  /**
   * MediaMTX reloads its configuration file (at start, or after the kubelet refreshed the mounted Secret): paths that
   * are gone or whose configuration changed lose their publisher.
   *
   * @throws IllegalArgumentException when MediaMTX would refuse the file (it would exit)
   */
  public void loadConfigFile(String mediaMtxYaml) {
    try {
      config.load(mediaMtxYaml).forEach(this::dropPublisher);
    } catch (FakeMediaMtxConfig.Refused e) {
      throw new IllegalArgumentException("MediaMTX would refuse this configuration: " + e.getMessage(), e);
    }
  }

  /** The pod restarts and reads this file: every publisher is gone, the run-time changes too. */
  public void restartWith(String mediaMtxYaml) {
    paths.clear();
    loadConfigFile(mediaMtxYaml);
  }

  /** Every configuration change ({@code /v3/config/...} other than reads) is answered with this status; null restores. */
  public void failConfigChangesWith(Integer status) {
    this.forcedConfigChangeStatus = status;
  }

  /** Whether MediaMTX would let this user publish on this path now (a configured one), without connecting. */
  public boolean mayPublish(String path, String username, String password) {
    return config.hasPath(path) && config.may(username, password, "publish", path);
  }

  /** Whether a publisher is online on this path now. */
  public boolean online(String name) {
    FakePath path = paths.get(name);
    if (path == null) {
      return false;
    }
    synchronized (path) {
      return path.online;
    }
  }

  /** The paths MediaMTX is configured with right now (file and run-time changes). */
  public Set<String> configuredPaths() {
    return config.pathNames();
  }

  /** The configuration changes received, as "METHOD /v3/config/...", in order. */
  public List<String> configCalls() {
    return List.copyOf(configCalls);
  }

  /**
   * A publisher announces on a path, as a streamer does over RTSP: 400 when the path is not configured, 401 when the
   * user may not publish there, else 200 and the path is online.
   */
  public int publisherConnects(String path, String username, String password) {
    if (!config.hasPath(path)) {
      return 400;
    }
    if (!config.may(username, password, "publish", path)) {
      return 401;
    }
    publish(path);
    return 200;
  }

  /** MediaMTX waits 2 s before answering wrong credentials; tests may mimic that. */
  public void wrongCredentialsDelay(Duration delay) {
    this.wrongCredentialsDelay = delay;
  }

  // --- server behaviour

  /** Stops listening: connections are refused until {@link #up()}. */
  public synchronized void down() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  /** Listens again on the same port. */
  public synchronized void up() throws IOException {
    if (server == null) {
      listen(port);
    }
  }

  /** Every answer is delayed, e.g. beyond a client's request timeout. */
  public void answerDelay(Duration delay) {
    this.answerDelay = delay;
  }

  /** Every authenticated request is answered with this status and MediaMTX's Error body; null restores. */
  public void failWith(Integer status) {
    this.forcedStatus = status;
  }

  /**
   * Replaces the clock that makes {@code inboundBytes} grow (nanoseconds, monotonic), e.g. with one derived from
   * {@link #listRequests()} so that a test's byte deltas are exact whatever the machine's load.
   */
  public void timeSource(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  public int listRequests() {
    return listRequests.get();
  }

  public int requests() {
    return requests.get();
  }

  // --- paths

  /** A publisher connects: the path is online from now, with an H264 1280x720 track, bytes flowing. */
  public void publish(String name) {
    publish(name, DEFAULT_BYTES_PER_SECOND);
  }

  public void publish(String name, long bytesPerSecond) {
    FakePath path = paths.computeIfAbsent(name, FakePath::new);
    synchronized (path) {
      path.online = true;
      path.onlineTime = Instant.now();
      path.availableTime = path.onlineTime;
      path.bytesAtMark = 0;
      path.markNanos = nanoTime.getAsLong();
      path.bytesPerSecond = bytesPerSecond;
      path.flowing = true;
    }
  }

  /** A variable-bitrate camera: from now on the same session's bytes grow at another rate. */
  public void bitrate(String name, long bytesPerSecond) {
    FakePath path = existing(name);
    synchronized (path) {
      path.bytesAtMark = path.inboundBytes(nanoTime.getAsLong());
      path.markNanos = nanoTime.getAsLong();
      path.bytesPerSecond = bytesPerSecond;
    }
  }

  /** The source dies while the publisher session stays up: online, {@code inboundBytes} frozen. */
  public void stall(String name) {
    FakePath path = existing(name);
    synchronized (path) {
      path.bytesAtMark = path.inboundBytes(nanoTime.getAsLong());
      path.markNanos = nanoTime.getAsLong();
      path.flowing = false;
    }
  }

  /** Adds bytes at once, for tests that want exact deltas. */
  public void addBytes(String name, long bytes) {
    FakePath path = existing(name);
    synchronized (path) {
      path.bytesAtMark += bytes;
    }
  }

  /**
   * The publisher disconnects. MediaMTX drops the path from the list, unless it is always-available, where it stays
   * listed as available but offline.
   */
  public void unpublish(String name) {
    FakePath path = existing(name);
    synchronized (path) {
      path.online = false;
      path.onlineTime = null;
      path.flowing = false;
      path.bytesAtMark = path.inboundBytes(nanoTime.getAsLong());
      path.markNanos = nanoTime.getAsLong();
      if (!path.alwaysAvailable) {
        paths.remove(name);
      }
    }
  }

  /** Declares a path with {@code alwaysAvailable}: listed and available even while offline. */
  public void alwaysAvailable(String name) {
    FakePath path = paths.computeIfAbsent(name, FakePath::new);
    synchronized (path) {
      path.alwaysAvailable = true;
      if (path.availableTime == null) {
        path.availableTime = Instant.now();
      }
    }
  }

  public void readers(String name, int count) {
    FakePath path = existing(name);
    synchronized (path) {
      path.readers = count;
    }
  }

  public void track(String name, String codec, Integer width, Integer height) {
    FakePath path = existing(name);
    synchronized (path) {
      path.codec = codec;
      path.width = width;
      path.height = height;
    }
  }

  public long inboundBytes(String name) {
    FakePath path = existing(name);
    synchronized (path) {
      return path.inboundBytes(nanoTime.getAsLong());
    }
  }

  private FakePath existing(String name) {
    FakePath path = paths.get(name);
    if (path == null) {
      throw new IllegalStateException("no path " + name + " in the fake MediaMTX");
    }
    return path;
  }

  @Override
  public void close() {
    down();
  }

  // --- HTTP

  private void listen(int wantedPort) throws IOException {
    HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort), 64);
    ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
      Thread thread = new Thread(r, "fake-mediamtx-api");
      thread.setDaemon(true);
      return thread;
    });
    created.setExecutor(pool);
    created.createContext("/", this::handle);
    created.start();
    this.executor = pool;
    this.server = created;
    this.port = created.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      requests.incrementAndGet();
      sleep(answerDelay);
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String[] credentials = basicCredentials(authorization);
      if (!config.may(credentials[0], credentials[1], "api", "")) {
        if (authorization == null) {
          exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"mediamtx\"");
        } else {
          sleep(wrongCredentialsDelay);
        }
        sendError(exchange, 401, "authentication error");
        return;
      }
      String route = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      boolean get = "GET".equals(method);
      if (route.startsWith("/v3/config/")) {
        if (forcedStatus != null) {
          sendError(exchange, forcedStatus, "forced failure");
          return;
        }
        configRoute(exchange, method, route);
      } else if (get && route.equals("/v3/paths/list")) {
        listRequests.incrementAndGet();
        if (forcedStatus != null) {
          sendError(exchange, forcedStatus, "forced failure");
          return;
        }
        pathsList(exchange);
      } else if (get && route.startsWith("/v3/paths/get/") && route.length() > "/v3/paths/get/".length()) {
        if (forcedStatus != null) {
          sendError(exchange, forcedStatus, "forced failure");
          return;
        }
        FakePath path = listed().get(route.substring("/v3/paths/get/".length()));
        if (path == null) {
          sendError(exchange, 404, "path not found");
        } else {
          send(exchange, 200, json.writeValueAsBytes(pathJson(path)));
        }
      } else {
        noRoute(exchange);
      }
    } finally {
      exchange.close();
    }
  }

  /** {@code /v3/config/...}: MediaMTX's handlers ({@code internal/api/api_config_*.go}) on the configuration model. */
  private void configRoute(HttpExchange exchange, String method, String route) throws IOException {
    String name = null;
    String action = route;
    for (String prefix : List.of("/v3/config/paths/get/", "/v3/config/paths/add/", "/v3/config/paths/patch/",
        "/v3/config/paths/replace/", "/v3/config/paths/delete/")) {
      if (route.startsWith(prefix)) {
        action = prefix;
        name = route.substring(prefix.length());
      }
    }
    String expectedMethod = switch (action) {
      case "/v3/config/paths/list", "/v3/config/paths/get/" -> "GET";
      case "/v3/config/paths/add/", "/v3/config/paths/replace/" -> "POST";
      case "/v3/config/paths/patch/", "/v3/config/global/patch" -> "PATCH";
      case "/v3/config/paths/delete/" -> "DELETE";
      default -> null;
    };
    if (expectedMethod == null || !expectedMethod.equals(method)) {
      noRoute(exchange);
      return;
    }
    if (name != null && name.isEmpty()) {
      sendError(exchange, 400, "invalid name");
      return;
    }
    if (!"GET".equals(method)) {
      configCalls.add(method + " " + route);
      if (forcedConfigChangeStatus != null) {
        sendError(exchange, forcedConfigChangeStatus, "forced failure");
        return;
      }
    }
    try {
      switch (action) {
        case "/v3/config/paths/list" -> configPathsList(exchange);
        case "/v3/config/paths/get/" -> {
          if (!config.hasPath(name)) {
            sendError(exchange, 404, "path configuration not found");
            return;
          }
          send(exchange, 200, json.writeValueAsBytes(config.pathConf(name)));
          return;
        }
        case "/v3/config/paths/add/" -> config.addPath(name, body(exchange));
        case "/v3/config/paths/patch/" -> {
          if (config.patchPath(name, body(exchange))) {
            dropPublisher(name);
          }
        }
        case "/v3/config/paths/replace/" -> {
          if (config.replacePath(name, body(exchange))) {
            dropPublisher(name);
          }
        }
        case "/v3/config/paths/delete/" -> {
          config.deletePath(name);
          dropPublisher(name);
        }
        case "/v3/config/global/patch" -> config.patchGlobal(body(exchange));
        default -> throw new IllegalStateException(action);
      }
      if (!"/v3/config/paths/list".equals(action)) {
        send(exchange, 200, "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
      }
    } catch (FakeMediaMtxConfig.Refused e) {
      sendError(exchange, e.status, e.getMessage());
    }
  }

  private com.fasterxml.jackson.databind.JsonNode body(HttpExchange exchange) throws FakeMediaMtxConfig.Refused {
    try (var in = exchange.getRequestBody()) {
      return json.readTree(in.readAllBytes());
    } catch (IOException e) {
      throw new FakeMediaMtxConfig.Refused(400, "invalid JSON body");
    }
  }

  private void configPathsList(HttpExchange exchange) throws IOException {
    List<ObjectNode> items = new ArrayList<>();
    for (String name : config.pathNames()) {
      items.add(config.pathConf(name));
    }
    paginated(exchange, items);
  }

  /** A path whose configuration is gone or changed loses its publisher, as MediaMTX reloads it. */
  private void dropPublisher(String name) {
    paths.remove(name);
  }

  /**
   * The paths MediaMTX lists: those with a publisher (or always available), and every configured one but those
   * named by a regular expression; a configured one with a source MediaMTX pulls has its source handler.
   */
  private Map<String, FakePath> listed() {
    Map<String, FakePath> listed = new TreeMap<>();
    for (String name : config.pathNames()) {
      if (!FakeMediaMtxConfig.isRegularExpression(name)) {
        FakePath path = new FakePath(name);
        path.pulledSource = pulledSourceType(config.pathConf(name).path("source").asText());
        listed.put(name, path);
      }
    }
    listed.putAll(paths);
    return listed;
  }

  /**
   * The {@code PathSource} type of a source MediaMTX reads itself ({@code rtsp://...} is an {@code rtspSource}); null
   * for {@code publisher} and {@code redirect}.
   */
  private static String pulledSourceType(String source) {
    int scheme = source.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    String protocol = source.substring(0, scheme);
    return switch (protocol) {
      case "rtsp", "rtsps" -> "rtspSource";
      case "rtmp", "rtmps" -> "rtmpSource";
      case "http", "https" -> "hlsSource";
      case "whep", "wheps" -> "webRTCSource";
      default -> protocol + "Source";
    };
  }

  /** gin's answer to a route it does not have (a wrong method included). */
  private static void noRoute(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/plain");
    byte[] body = "404 page not found".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(404, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** {@code {user, password}} from a Basic {@code Authorization} header; empty strings for anonymous. */
  private static String[] basicCredentials(String authorization) {
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return new String[] {"", ""};
    }
    try {
      String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
          StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0 ? new String[] {pair, ""} : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return new String[] {"", ""};
    }
  }

  private void pathsList(HttpExchange exchange) throws IOException {
    List<ObjectNode> items = new ArrayList<>();
    for (FakePath path : listed().values()) {
      items.add(pathJson(path));
    }
    paginated(exchange, items);
  }

  /** MediaMTX's {@code paginate}: {@code page} 0-based, {@code itemsPerPage} 1.., 400 on bad values. */
  private void paginated(HttpExchange exchange, List<ObjectNode> sorted) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    int itemsPerPage = 100;
    int page = 0;
    try {
      if (query.containsKey("itemsPerPage")) {
        itemsPerPage = parseUint31(query.get("itemsPerPage"));
        if (itemsPerPage == 0) {
          sendError(exchange, 400, "invalid items per page");
          return;
        }
      }
      if (query.containsKey("page")) {
        page = parseUint31(query.get("page"));
      }
    } catch (NumberFormatException e) {
      sendError(exchange, 400, "strconv.ParseUint: parsing \"" + e.getMessage() + "\": invalid syntax");
      return;
    }
    int count = sorted.size();
    int pageCount = count == 0 ? 0 : (count + itemsPerPage - 1) / itemsPerPage;
    int from = (int) Math.min((long) page * itemsPerPage, count);
    int to = (int) Math.min((long) (page + 1) * itemsPerPage, count);
    ObjectNode body = json.createObjectNode();
    body.put("itemCount", count);
    body.put("pageCount", pageCount);
    ArrayNode items = body.putArray("items");
    sorted.subList(from, to).forEach(items::add);
    send(exchange, 200, json.writeValueAsBytes(body));
  }

  /** Every property of the spec's {@code Path} schema, deprecated ones included, as MediaMTX v1.20.1 sends them. */
  private ObjectNode pathJson(FakePath path) {
    synchronized (path) {
      long inbound = path.inboundBytes(nanoTime.getAsLong());
      ObjectNode node = json.createObjectNode();
      node.put("name", path.name);
      node.put("confName", path.name);
      boolean pulled = !path.online && path.pulledSource != null;
      if (path.online) {
        ObjectNode source = node.putObject("source");
        source.put("type", "rtspSession");
        source.put("id", "7d9b8c1e-0000-4000-8000-" + String.format("%012d", Math.abs(path.name.hashCode())));
      } else if (pulled) {
        // its source handler exists from the start, reachable camera or not; no id until it connects
        ObjectNode source = node.putObject("source");
        source.put("type", path.pulledSource);
        source.put("id", "");
      } else {
        node.putNull("source");
      }
      boolean available = path.online || path.alwaysAvailable;
      node.put("available", available);
      putTime(node, "availableTime", available ? path.availableTime : null);
      // online without ever having connected: Go's zero time
      node.put("online", path.online || pulled);
      if (pulled) {
        node.put("onlineTime", "0001-01-01T00:00:00Z");
      } else {
        putTime(node, "onlineTime", path.online ? path.onlineTime : null);
      }
      node.put("ready", path.online);
      putTime(node, "readyTime", path.online ? path.onlineTime : null);
      ArrayNode tracks = node.putArray("tracks");
      ArrayNode tracks2 = node.putArray("tracks2");
      if (path.online && path.codec != null) {
        tracks.add(path.codec);
        ObjectNode track = tracks2.addObject();
        track.put("codec", path.codec);
        if (path.width != null) {
          ObjectNode props = track.putObject("codecProps");
          props.put("width", path.width);
          props.put("height", path.height);
          props.put("profile", "High");
          props.put("level", "4.1");
        } else {
          track.putNull("codecProps");
        }
      }
      node.put("inboundBytes", inbound);
      node.put("inboundFramesInError", 0);
      node.put("bytesReceived", inbound);
      node.put("outboundBytes", (long) path.readers * inbound);
      node.put("bytesSent", (long) path.readers * inbound);
      ArrayNode readers = node.putArray("readers");
      for (int i = 0; i < path.readers; i++) {
        ObjectNode reader = readers.addObject();
        reader.put("type", "webRTCSession");
        reader.put("id", "reader-" + i);
      }
      return node;
    }
  }

  private static void putTime(ObjectNode node, String field, Instant time) {
    if (time == null) {
      node.putNull(field);
    } else {
      node.put(field, time.toString());
    }
  }

  private void sendError(HttpExchange exchange, int status, String error) throws IOException {
    ObjectNode body = json.createObjectNode();
    body.put("status", "error");
    body.put("error", error);
    send(exchange, status, json.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return values;
  }

  /** Go's {@code strconv.ParseUint(s, 10, 31)}. */
  private static int parseUint31(String text) {
    if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
      throw new NumberFormatException(text);
    }
    long value = Long.parseLong(text);
    if (value > Integer.MAX_VALUE) {
      throw new NumberFormatException(text);
    }
    return (int) value;
  }

  private static void sleep(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      TimeUnit.MILLISECONDS.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class FakePath {
    final String name;
    /** The type of the source MediaMTX pulls for this configured path, or null (a publisher's path). */
    String pulledSource;
    boolean online;
    boolean alwaysAvailable;
    Instant onlineTime;
    Instant availableTime;
    long bytesAtMark;
    long markNanos;
    long bytesPerSecond = DEFAULT_BYTES_PER_SECOND;
    boolean flowing;
    int readers;
    String codec = "H264";
    Integer width = 1280;
    Integer height = 720;

    FakePath(String name) {
      this.name = name;
    }

    long inboundBytes(long nowNanos) {
      if (!flowing) {
        return bytesAtMark;
      }
      long elapsedNanos = nowNanos - markNanos;
      return bytesAtMark + bytesPerSecond * elapsedNanos / 1_000_000_000L;
    }
  }
}
