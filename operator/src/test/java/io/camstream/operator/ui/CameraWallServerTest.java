package io.camstream.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The wall's server without a browser: its JSON, its event stream and its read-only, headered answers. */
class CameraWallServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private InMemoryPrimaryCache cache;
  private CameraWallServer server;

  @BeforeEach
  void start() throws Exception {
    cache = new InMemoryPrimaryCache();
    WatchedCameraStreams watched = new WatchedCameraStreams();
    watched.attach(cache);
    server = CameraWallServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        CameraWallSettings.local(0, "http://127.0.0.1:9/{namespace}/{name}", "http://127.0.0.1:9/{namespace}/{name}")
            .withAccess(new WallAccessSettings(AccessMode.LOCAL, List.of("cameras.example.com"), List.of(),
                WallAccessSettings.DEFAULT_USER_HEADER, WallAccessSettings.DEFAULT_GROUPS_HEADER)),
        watched, CameraAccess.EVERYONE, UpstreamSecrets.NONE, Duration.ofMillis(200));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * A connection kept open after its answer and then silent is closed at the idle timeout: a client cannot hold one
   * of the wall's connections for nothing (the event streams' keep-alive comments keep theirs busy).
   */
  @Test
  void aConnectionThatFallsSilentIsClosedAtTheIdleTimeout() throws Exception {
    try (java.net.Socket socket = RawHttp.connect("127.0.0.1", server.port())) {
      socket.setSoTimeout((int) CameraWallServer.IDLE_TIMEOUT.plusSeconds(20).toMillis());
      socket.getOutputStream().write("HEAD /api/wall HTTP/1.1\r\nHost: localhost\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      assertThat(RawHttp.parseStatus(RawHttp.readHead(socket.getInputStream()))).isEqualTo(200);
      long answered = System.nanoTime();

      int next;
      try {
        next = socket.getInputStream().read();
      } catch (java.net.SocketException reset) {
        next = -1;
      }
      Duration open = Duration.ofNanos(System.nanoTime() - answered);
      assertThat(next).as("the server closed the connection").isEqualTo(-1);
      assertThat(open).as("how long the silent connection stayed open")
          .isBetween(CameraWallServer.IDLE_TIMEOUT.minusSeconds(1), CameraWallServer.IDLE_TIMEOUT.plusSeconds(10));
    }
  }

  @Test
  void eventStreamSendsTheWallAtOnceAndAgainOnEveryChange() throws Exception {
    CameraStream site = WallModelTest.site();
    cache.put(site);
    HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(uri("/api/wall/events")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
    BlockingQueue<String> data = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("data: ")) {
            data.add(line.substring(6));
          }
        }
      } catch (java.io.IOException e) {
        // closed by the test
      }
    });
    reader.setDaemon(true);
    reader.start();
    try {
      JsonNode first = JSON.readTree(data.poll(10, TimeUnit.SECONDS));
      assertThat(first.at("/streams/0/cameras/0/state").asText()).isEqualTo("publishing");
      assertThat(first).isEqualTo(JSON.readTree(get("/api/wall").body()));
      await().until(() -> server.viewers() == 1);

      CameraStatus lobby = site.getStatus().getCameras().get(0);
      lobby.setPublishing(false);
      lobby.setMessage("not publishing since 2026-11-25T06:00:00Z: MediaMTX has no publisher on path \"lobby\"");
      cache.put(site);
      JsonNode second = JSON.readTree(data.poll(10, TimeUnit.SECONDS));
      assertThat(second.at("/streams/0/cameras/0/state").asText()).isEqualTo("offline");
      assertThat(second.at("/streams/0/cameras/0/since").asText()).isEqualTo("2026-11-25T06:00:00Z");
      assertThat(data.poll(1500, TimeUnit.MILLISECONDS)).as("nothing changed, nothing sent (keep-alives are comments)")
          .isNull();

      cache.remove(site);
      assertThat(JSON.readTree(data.poll(10, TimeUnit.SECONDS)).path("streams")).isEmpty();
    } finally {
      response.body().close();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> server.viewers() == 0);
  }

  @Test
  void onlyGetAndHeadWithSecurityHeadersEverywhere() throws Exception {
    for (String path : new String[] {"/", "/wall.js", "/wall.css", "/vendor/hls.min.js", "/api/wall", "/nothing",
        "/hls/cameras/site/lobby/index.m3u8"}) {
      HttpResponse<String> response = get(path);
      assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
      assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow()).as(path)
          .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(response.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
      for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(uri(path))
            .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(method + " " + path).isEqualTo(405);
      }
    }
    assertThat(get("/").headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(get("/vendor/hls.min.js").body()).contains("Hls");
    HttpResponse<String> head = http.send(HttpRequest.newBuilder(uri("/wall.js"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(get("/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void proxyRefusesUnwatchedCamerasAndReportsAnUnreachableMediaMtx() throws Exception {
    assertThat(get("/hls/cameras/site/lobby/index.m3u8").statusCode()).as("nothing watched yet").isEqualTo(404);
    cache.put(WallModelTest.site());
    assertThat(get("/hls/cameras/site/lobby/index.m3u8").statusCode()).as("port 9 refuses").isEqualTo(502);
    assertThat(get("/hls/cameras/site/nowhere/index.m3u8").statusCode()).isEqualTo(404);
    assertThat(get("/hls/cameras/site/lobby/../../../etc/passwd").statusCode()).isIn(400, 404);
  }

  @Test
  void localModeAnswersOnlyTheNamesOfAPortForwardAndThoseConfigured() throws Exception {
    int port = server.port();
    for (String host : List.of("localhost:" + port, "localhost", "127.0.0.1:" + port, "[::1]:" + port,
        "LocalHost:8081", "cameras.example.com", "cameras.example.com:443")) {
      assertThat(RawHttp.get(port, host, "/api/wall")).as(host).isEqualTo(200);
    }
    for (String host : List.of("attacker.example", "attacker.example:" + port, "127.0.0.1.nip.io",
        "localhost.attacker.example", "cameras.example.com.attacker.example", "[::2]")) {
      assertThat(RawHttp.get(port, host, "/api/wall")).as("a page that rebound %s to 127.0.0.1", host)
          .isEqualTo(421);
      assertThat(RawHttp.get(port, host, "/hls/cameras/site/lobby/index.m3u8")).as(host).isEqualTo(421);
      assertThat(RawHttp.get(port, host, "/api/wall/events")).as(host).isEqualTo(421);
    }
    assertThat(RawHttp.status("127.0.0.1", port, "GET http://attacker.example/api/wall HTTP/1.1\n"
        + "Host: localhost\nConnection: close\n")).as("an absolute URI naming another host").isIn(400, 421);
  }

  @Test
  void openModeAnswersAnyNameFromAnyAddressAndSaysSoAtStart() throws Exception {
    cache.put(WallModelTest.site());
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger log = (Logger) LoggerFactory.getLogger(CameraWallServer.class);
    logs.start();
    log.addAppender(logs);
    WatchedCameraStreams watched = new WatchedCameraStreams();
    watched.attach(cache);
    try (CameraWallServer open = CameraWallServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        CameraWallSettings.local(0, "http://127.0.0.1:9/{name}", "http://127.0.0.1:9/{name}")
            .withAccess(new WallAccessSettings(AccessMode.OPEN, List.of(), List.of(),
                WallAccessSettings.DEFAULT_USER_HEADER, WallAccessSettings.DEFAULT_GROUPS_HEADER)),
        watched, CameraAccess.EVERYONE, UpstreamSecrets.NONE, Duration.ofSeconds(1))) {
      assertThat(logs.list).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
          .extracting(ILoggingEvent::getFormattedMessage).asString()
          .contains("port " + open.port()).contains("is OPEN (CAMSTREAM_UI_ACCESS=open)")
          .contains("anyone who reaches this port sees every watched camera");
      assertThat(RawHttp.status("127.0.0.2", open.port(), "GET /api/wall HTTP/1.1\nHost: cameras.example.org\n"
          + "Connection: close\n")).as("another address, another name").isEqualTo(200);
      assertThat(RawHttp.status("127.0.0.2", open.port(), "GET /hls/cameras/site/lobby/index.m3u8 HTTP/1.1\n"
          + "Host: cameras.example.org\nConnection: close\n")).as("video too (nothing listens on port 9)")
          .isEqualTo(502);
    } finally {
      log.detachAppender(logs);
    }
    assertThat(RawHttp.get(server.port(), "cameras.example.org", "/api/wall")).as("the same in local mode")
        .isEqualTo(421);
  }

  @Test
  void behindATrustedIngressEachViewerHasLimitsOfTheirOwn() throws Exception {
    WatchedCameraStreams watched = new WatchedCameraStreams();
    watched.attach(cache);
    List<java.net.Socket> held = new java.util.ArrayList<>();
    try (CameraWallServer behindIngress = CameraWallServer.start(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        CameraWallSettings.local(0, "http://127.0.0.1:9/{name}", "http://127.0.0.1:9/{name}")
            .withAccess(new WallAccessSettings(AccessMode.LOCAL, List.of(), List.of("127.0.0.1"),
                WallAccessSettings.DEFAULT_USER_HEADER, WallAccessSettings.DEFAULT_GROUPS_HEADER)),
        watched, CameraAccess.EVERYONE, UpstreamSecrets.NONE, Duration.ofSeconds(1))) {
      java.util.function.BiFunction<String, String, Integer> events = (source, forwardedFor) -> {
        try {
          java.net.Socket socket = RawHttp.connect(source, behindIngress.port());
          held.add(socket);
          socket.setSoTimeout(10_000);
          socket.getOutputStream().write(("GET /api/wall/events HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: "
              + forwardedFor + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          return RawHttp.parseStatus(RawHttp.readHead(socket.getInputStream()));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      };
      for (int i = 0; i < CameraWallServer.EVENT_STREAMS_PER_CLIENT; i++) {
        assertThat(events.apply("127.0.0.1", "203.0.113.9")).isEqualTo(200);
      }
      assertThat(events.apply("127.0.0.1", "203.0.113.9")).as("one viewer behind the Ingress").isEqualTo(429);
      assertThat(events.apply("127.0.0.1", "198.51.100.1, 203.0.113.10")).as("another, the Ingress says")
          .isEqualTo(200);
      for (int i = 0; i < CameraWallServer.EVENT_STREAMS_PER_CLIENT; i++) {
        assertThat(events.apply("127.0.0.2", "192.0.2." + i)).isEqualTo(200);
      }
      assertThat(events.apply("127.0.0.2", "192.0.2.99")).as("not the Ingress: its header changes nothing")
          .isEqualTo(429);
    } finally {
      for (java.net.Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void speaksHttp2InTheClearToAnIngressAndHttp11ToBrowsers() throws Exception {
    HttpClient h2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpResponse<String> upgraded = h2c.send(HttpRequest.newBuilder(uri("/api/wall")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(upgraded.statusCode()).isEqualTo(200);
    assertThat(upgraded.version()).as("h2c through Upgrade").isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(h2c.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString()).version())
        .as("the same connection, multiplexed").isEqualTo(HttpClient.Version.HTTP_2);
    HttpResponse<String> plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(HttpRequest.newBuilder(uri("/api/wall")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(plain.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(plain.body()).isEqualTo(upgraded.body());
  }

  @Test
  void withACertificateSpeaksH2AndHttp11OverTls(@TempDir Path directory) throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
    for (WallTls tls : List.of(certificate.pkcs8(), certificate.pkcs1())) {
      WatchedCameraStreams watched = new WatchedCameraStreams();
      watched.attach(cache);
      try (CameraWallServer secure = CameraWallServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          CameraWallSettings.local(0, "http://127.0.0.1:9/{name}", "http://127.0.0.1:9/{name}").withTls(tls),
          watched, CameraAccess.EVERYONE, UpstreamSecrets.NONE, Duration.ofSeconds(1))) {
        URI page = URI.create("https://localhost:" + secure.port() + "/");
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
          HttpResponse<String> answer = HttpClient.newBuilder().sslContext(certificate.trusting()).version(version)
              .build().send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(answer.statusCode()).as(tls.privateKey().getFileName().toString()).isEqualTo(200);
          assertThat(answer.version()).as("ALPN").isEqualTo(version);
        }
        assertThat(RawHttp.get(secure.port(), "localhost", "/")).as("no plain HTTP on the TLS port").isNotEqualTo(200);
      }
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
