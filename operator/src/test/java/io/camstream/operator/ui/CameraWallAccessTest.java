package io.camstream.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.apiserver.CameraViewerRbac;
import io.camstream.operator.testing.apiserver.FakeApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code proxy} mode against the test API server's RBAC: behind an authenticating proxy (the test, from 127.0.0.1)
 * each user sees the CameraStreams Kubernetes lets them {@code get} — in the data, the event stream, the video and
 * its WebRTC signalling — and user headers from any other address are not believed.
 */
class CameraWallAccessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static FakeApiServer api;
  private static KubernetesClient client;
  private static CameraWallServer wall;

  @BeforeAll
  static void start() throws Exception {
    api = FakeApiServer.started();
    client = api.createClient(new JdkHttpClientFactory());
    CameraViewerRbac.install(client)
        .viewNamespace("lobby", "User", "alice")
        .viewOnly("yard", "Group", "guards", "gate");

    InMemoryPrimaryCache cache = new InMemoryPrimaryCache();
    cache.put(CameraStreams.of("lobby", "site", CameraStreams.testPattern("hall")));
    cache.put(CameraStreams.of("yard", "gate", CameraStreams.testPattern("entry")));
    cache.put(CameraStreams.of("yard", "dock", CameraStreams.testPattern("bay")));
    WatchedCameraStreams watched = new WatchedCameraStreams();
    watched.attach(cache);
    CameraWallSettings settings = CameraWallSettings.local(0, "http://127.0.0.1:9/{namespace}/{name}",
        "http://127.0.0.1:9/{namespace}/{name}").withAccess(new WallAccessSettings(AccessMode.PROXY, List.of(),
            List.of("127.0.0.1/32"), "X-Auth-Request-User", "X-Auth-Request-Groups"));
    wall = CameraWallServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), settings, watched,
        new ReviewedCameraAccess(new KubernetesAccessReviewer(client), Clock.systemUTC()), UpstreamSecrets.NONE,
        Duration.ofSeconds(1));
  }

  @AfterAll
  static void stop() {
    wall.close();
    client.close();
    api.destroy();
  }

  @Test
  void aUserSeesTheNamespaceTheyMayGetAndNotAnother() throws Exception {
    assertThat(streams(get("/api/wall", "alice", null).body())).containsExactly("lobby/site");
    assertThat(get("/hls/lobby/site/hall/index.m3u8", "alice", null).statusCode())
        .as("authorized: forwarded to MediaMTX (nothing listens on port 9)").isEqualTo(502);
    assertThat(get("/hls/yard/gate/entry/index.m3u8", "alice", null).statusCode())
        .as("not hers: as if it did not exist").isEqualTo(404);
    assertThat(firstEvent("alice", null)).containsExactly("lobby/site");
    assertThat(send("OPTIONS", "/whep/lobby/site/hall", "alice").statusCode()).as("WebRTC signalling, hers")
        .isEqualTo(502);
    assertThat(send("OPTIONS", "/whep/yard/gate/entry", "alice").statusCode()).isEqualTo(404);

    assertThat(streams(get("/api/wall", "mallory", null).body())).as("no RoleBinding").isEmpty();
    assertThat(get("/hls/lobby/site/hall/index.m3u8", "mallory", null).statusCode()).isEqualTo(404);
  }

  @Test
  void groupsFromTheProxyCountAndResourceNamesLimitToThoseCameraStreams() throws Exception {
    assertThat(streams(get("/api/wall", "bob", "viewers, guards").body())).containsExactly("yard/gate");
    assertThat(get("/hls/yard/gate/entry/index.m3u8", "bob", "guards").statusCode()).isEqualTo(502);
    assertThat(get("/hls/yard/dock/bay/index.m3u8", "bob", "guards").statusCode()).isEqualTo(404);
    assertThat(firstEvent("bob", "guards")).containsExactly("yard/gate");
  }

  @Test
  void answersAreKeptBrieflyNotAskedPerRequest() throws Exception {
    long first = api.requests().mark();
    get("/api/wall", "carol", null);
    assertThat(api.requests().since(first).to("localsubjectaccessreviews").count())
        .as("each namespace (2), then each of its CameraStreams where the namespace was denied (3)").isEqualTo(5);
    long mark = api.requests().mark();
    for (int i = 0; i < 5; i++) {
      get("/api/wall", "carol", null);
      get("/hls/lobby/site/hall/index.m3u8", "carol", null);
    }
    assertThat(api.requests().since(mark).to("localsubjectaccessreviews").count()).isZero();
  }

  @Test
  void userHeadersAreBelievedOnlyFromTheTrustedProxy() throws Exception {
    int port = wall.port();
    String forged = "GET /api/wall HTTP/1.1\nHost: localhost\nX-Auth-Request-User: alice\nConnection: close\n";
    assertThat(RawHttp.status("127.0.0.2", port, forged)).as("straight to the wall, around the proxy")
        .isEqualTo(403);
    assertThat(RawHttp.status("127.0.0.2", port, forged.replace("/api/wall", "/hls/lobby/site/hall/index.m3u8")))
        .isEqualTo(403);
    assertThat(RawHttp.status("127.0.0.1", port, forged)).as("through the proxy").isEqualTo(200);
    assertThat(RawHttp.status("127.0.0.1", port, "GET /api/wall HTTP/1.1\nHost: localhost\nConnection: close\n"))
        .as("the proxy named nobody").isEqualTo(403);
    assertThat(RawHttp.status("127.0.0.1", port, "GET /api/wall HTTP/1.1\nHost: localhost\n"
        + "X-Auth-Request-User: alice\nX-Auth-Request-User: admin\nConnection: close\n")).as("two users")
        .isEqualTo(403);
  }

  private static HttpResponse<String> send(String method, String path, String user) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wall.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).header("X-Auth-Request-User", user).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path, String user, String groups) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wall.port() + path))
        .header("X-Auth-Request-User", user);
    if (groups != null) {
      request.header("X-Auth-Request-Groups", groups);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> firstEvent(String user, String groups) throws Exception {
    try (Socket socket = RawHttp.connect("127.0.0.1", wall.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /api/wall/events HTTP/1.1\r\nHost: localhost\r\nX-Auth-Request-User: " + user + "\r\n"
          + (groups == null ? "" : "X-Auth-Request-Groups: " + groups + "\r\n") + "\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.UTF_8));
      String line;
      while ((line = lines.readLine()) != null) {
        int data = line.indexOf("data: ");
        if (data >= 0) {
          return streams(line.substring(data + 6));
        }
      }
      throw new AssertionError("the event stream closed before its first event");
    }
  }

  private static List<String> streams(String json) throws Exception {
    List<String> names = new ArrayList<>();
    for (JsonNode stream : JSON.readTree(json).path("streams")) {
      names.add(stream.path("namespace").asText() + "/" + stream.path("name").asText());
    }
    return names;
  }

}
