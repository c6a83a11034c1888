package io.camstream.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.CameraSpec;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.api.spec.ServiceType;
import io.camstream.operator.health.source.ApiCredentialsSecret;
import io.camstream.operator.health.source.MediaMtxHealthSource;
import io.camstream.operator.mediamtx.api.ApiCredentials;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.mediamtx.fake.FakeMediaMtxApi;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The camera wall as a user sees it: the real operator on the test API server, push health from a fake MediaMTX
 * control API, video from a stand-in HLS origin (Debian's ffmpeg), and the page in headless Chromium. One browser
 * and one operator for the class; the tests run in order on the same fleet:
 * {@code cameras/site} (lobby, garage publishing; gate offline) and {@code cameras/yard} (dock, readers need
 * credentials).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CameraWallBrowserTest {
  /** Where the screenshot goes; docs/images/camera-wall.png is one of these. */
  static final Path SCREENSHOT = Path.of("target", "camera-wall", "camera-wall.png");
  private static final Duration POLL = Duration.ofSeconds(1);
  /** Generous: CI has two cores shared with a Chromium, an ffmpeg and the operator. */
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String NS = "cameras";

  private static FakeMediaMtxApi api;
  private static StandInHlsOrigin origin;
  private static OperatorTestHarness harness;
  private static CameraWallServer wall;
  private static HeadlessChromium chromium;
  private static ChromeDriver browser;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startFleet() throws Exception {
    api = FakeMediaMtxApi.start("nobody", "nothing-yet");
    origin = StandInHlsOrigin.start();
    harness = OperatorTestHarness.builder()
        .env(CameraWallSettings.MEDIAMTX_HLS_URL, origin.urlTemplate())
        .pushHealth(new MediaMtxHealthSource(api.baseUri().toString(), POLL, new MediaMtxApiClient(),
            Clock.systemUTC()))
        .start();
    wall = CameraWallServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        harness.settings().cameraWall(), harness.watchedCameraStreams(), CameraAccess.EVERYONE,
        UpstreamSecrets.NONE, WallEventStream.KEEP_ALIVE);

    api.publish("lobby");
    api.publish("garage");
    api.publish("dock");
    api.readers("lobby", 2);
    api.track("garage", "H264", 1920, 1080);
    serve(CameraStreams.of(NS, "site", CameraStreams.testPattern("lobby"), CameraStreams.testPattern("gate"),
        CameraStreams.testPattern("garage")));
    CameraStream yard = CameraStreams.of(NS, "yard", CameraStreams.testPattern("dock"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setReaders(ReaderAccess.AUTHENTICATED);
    yard.getSpec().setMediamtx(mediamtx);
    serve(yard);
    for (String camera : List.of("lobby", "gate", "garage")) {
      origin.serve(NS, "site", camera);
    }
    origin.serve(NS, "yard", "dock");
    await().atMost(TIMEOUT).until(origin::ready);

    chromium = HeadlessChromium.start(1440, 960);
    browser = chromium.driver();
    browser.get("http://127.0.0.1:" + wall.port() + "/");
  }

  @AfterAll
  static void stopFleet() throws Exception {
    try (var c = chromium; var w = wall; var h = harness; var o = origin; var a = api) {
      // closed in reverse order
    }
  }

  /** Creates a CameraStream and plays its cluster: MediaMTX Deployment ready, API user accepted by the fake. */
  private static void serve(CameraStream cameraStream) {
    String name = cameraStream.getMetadata().getName();
    harness.create(cameraStream);
    await().atMost(TIMEOUT).until(() -> credentials(name) != null);
    ApiCredentials user = ApiCredentialsSecret.read(credentials(name)).orElseThrow();
    api.acceptCredentials(user.username(), user.password());
    harness.awaitDeployment(NS, name + "-mediamtx");
    harness.markDeploymentReady(NS, name + "-mediamtx");
  }

  private static Secret credentials(String name) {
    return harness.client().secrets().inNamespace(NS).withName(name + "-mediamtx-credentials").get();
  }

  @Test
  @Order(1)
  void showsBothCameraStreamsAndEveryCameraWithItsState() {
    await().atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(tileState("site", "lobby")).isEqualTo("Publishing");
      assertThat(tileState("site", "garage")).isEqualTo("Publishing");
      assertThat(tileState("site", "gate")).isEqualTo("Offline");
      assertThat(tileState("yard", "dock")).isEqualTo("Publishing");
      assertThat(text(stream("site"), ".stream-ready")).isEqualTo("CamerasNotPublishing");
      assertThat(text(stream("site"), ".stream-count")).isEqualTo("READY 2/3");
      assertThat(text(stream("yard"), ".stream-ready")).isEqualTo("Ready");
      assertThat(text(stream("yard"), ".stream-count")).isEqualTo("READY 1/1");
    });
    assertThat(browser.findElements(By.cssSelector("section.stream"))).extracting(e -> e.getAttribute("data-stream"))
        .containsExactly("cameras/site", "cameras/yard");
    assertThat(browser.findElements(By.cssSelector("article.tile"))).extracting(e -> e.getAttribute("data-camera"))
        .containsExactly("cameras/site/lobby", "cameras/site/gate", "cameras/site/garage", "cameras/yard/dock");
    WebElement lobby = tile("site", "lobby");
    assertThat(lobby.getAttribute("data-state")).isEqualTo("publishing");
    assertThat(text(lobby, ".since")).startsWith("Publishing for ").contains(" · since ");
    assertThat(text(lobby, ".facts")).contains("Bitrate").contains("Mb/s").contains("H264 1280×720")
        .contains("Readers").contains("2");
    assertThat(text(tile("site", "garage"), ".facts")).contains("H264 1920×1080");
    assertThat(text(tile("site", "gate"), ".message")).isEqualTo("MediaMTX has no publisher on path \"gate\"");
    assertThat(text(tile("yard", "dock"), ".credentials")).contains("Needs reader credentials");
    assertThat(text(browser.findElement(By.id("summary")), null))
        .isEqualTo("2 CameraStreams · 3 of 4 cameras publishing");
  }

  @Test
  @Order(2)
  void tilesPlayTheCamerasThroughTheOperatorsHlsProxy() throws Exception {
    double first = awaitPlaying("cameras/site/lobby", 0);
    awaitPlaying("cameras/site/lobby", first + 1.0);
    awaitPlaying("cameras/site/garage", 0.5);
    assertThat(origin.served()).as("segments came through the proxy").isPositive();
    assertThat(currentTime("cameras/yard/dock")).as("the proxy adds no credentials; the tile does not play")
        .isZero();
    Files.createDirectories(SCREENSHOT.getParent());
    Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  @Order(3)
  void clickingATileOpensItLargeWithItsUrlsToCopy() {
    tile("site", "lobby").findElement(By.cssSelector(".media")).click();
    WebElement dialog = browser.findElement(By.id("viewer"));
    await().atMost(TIMEOUT).until(() -> dialog.getAttribute("open") != null);
    assertThat(text(dialog, "#viewer-title")).isEqualTo("cameras/site · lobby");
    assertThat(dialog.findElements(By.cssSelector("#viewer-urls input"))).extracting(e -> e.getAttribute("value"))
        .containsExactly("http://site-mediamtx.cameras.svc:8889/lobby", "http://site-mediamtx.cameras.svc:8888/lobby",
            "rtsp://site-mediamtx.cameras.svc:8554/lobby");
    assertThat(dialog.findElements(By.cssSelector("#viewer-urls button"))).extracting(WebElement::getText)
        .containsOnly("Copy").hasSize(3);
    assertThat(dialog.findElement(By.id("viewer-webrtc")).isEnabled()).as("in-cluster WebRTC URL").isFalse();
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> viewerTime() > 0.5);
    assertThat(playing("cameras/site/lobby")).as("tiles rest while the large view plays").isFalse();

    dialog.findElement(By.id("viewer-close")).click();
    await().atMost(TIMEOUT).until(() -> dialog.getAttribute("open") == null);
    await().atMost(TIMEOUT).until(() -> playing("cameras/site/lobby"));
  }

  @Test
  @Order(4)
  void aTileOffScreenIsNotPlaying() {
    var window = browser.manage().window();
    var size = window.getSize();
    try {
      window.setSize(new org.openqa.selenium.Dimension(size.width, 420));
      ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, document.body.scrollHeight)");
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(playing("cameras/site/lobby")).as("scrolled out of view").isFalse();
        assertThat(text(tile("site", "lobby"), ".overlay")).isEqualTo("Off screen");
      });
      ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
      await().atMost(TIMEOUT).until(() -> playing("cameras/site/lobby"));
    } finally {
      window.setSize(size);
    }
  }

  @Test
  @Order(5)
  void aCameraGoingOfflineShowsOfflineWithoutAReload() {
    Object page = ((JavascriptExecutor) browser).executeScript("return window.performance.timeOrigin");
    api.unpublish("garage");
    await().atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(tileState("site", "garage")).isEqualTo("Offline");
      assertThat(text(stream("site"), ".stream-count")).isEqualTo("READY 1/3");
    });
    assertThat(tile("site", "garage").getAttribute("data-state")).isEqualTo("offline");
    assertThat(text(tile("site", "garage"), ".overlay")).contains("Offline: no video");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.performance.timeOrigin"))
        .as("the same page, never reloaded").isEqualTo(page);
  }

  @Test
  @Order(6)
  void theProxyServesOnlyWatchedCamerasHlsFiles() throws Exception {
    assertThat(get("/hls/cameras/site/lobby/index.m3u8").statusCode()).isEqualTo(200);
    assertThat(get("/hls/cameras/site/lobby/video1_stream.m3u8").body()).contains("#EXTM3U");
    assertThat(get("/hls/cameras/site/nowhere/index.m3u8").statusCode()).as("no such camera").isEqualTo(404);
    assertThat(get("/hls/cameras/elsewhere/lobby/index.m3u8").statusCode()).as("no such CameraStream")
        .isEqualTo(404);
    assertThat(get("/hls/other/site/lobby/index.m3u8").statusCode()).as("not a watched namespace").isEqualTo(404);
    assertThat(get("/hls/cameras/site/lobby/../../yard/dock/index.m3u8").statusCode()).isIn(400, 404);
    assertThat(get("/hls/cameras/site/lobby/%2e%2e/index.m3u8").statusCode()).as("ambiguous: Jetty refuses it")
        .isIn(400, 404);
    assertThat(get("/hls/cameras/site/lobby/ffmpeg.log").statusCode()).as("not an HLS file name").isEqualTo(404);
    assertThat(get("/hls/cameras/yard/dock/index.m3u8").statusCode()).as("readers need credentials")
        .isEqualTo(403);
  }

  @Test
  @Order(7)
  void answersCarrySecurityHeadersAndTheDataNoSecret() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("script-src 'self'").contains("style-src 'self'").contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(page.body()).doesNotContain("<script>").doesNotContain(" style=").doesNotContain("onclick");
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/api/wall"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");

    String data = get("/api/wall").body();
    assertThat(data).contains("\"name\":\"lobby\"");
    for (String name : List.of("site", "yard")) {
      for (String value : credentials(name).getData().values()) {
        String secret = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        assertThat(data).doesNotContain(secret);
        assertThat(browser.getPageSource()).doesNotContain(secret);
      }
    }
  }

  private static double awaitPlaying(String camera, double beyond) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250))
        .until(() -> currentTime(camera) > beyond);
    return currentTime(camera);
  }

  private static double currentTime(String camera) {
    Object time = ((JavascriptExecutor) browser).executeScript(
        "return window.camstreamWall.currentTime(arguments[0]);", camera);
    return time == null ? -1 : ((Number) time).doubleValue();
  }

  @Test
  @Order(8)
  void aCameraWithABrowserReachableWebRtcUrlOffersWebRtcAndFallsBackToHlsWhenItCannotConnect() throws Exception {
    CameraStream gateway = CameraStreams.of(NS, "gateway", CameraStreams.testPattern("entry"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setServiceType(ServiceType.LOAD_BALANCER);
    gateway.getSpec().setMediamtx(mediamtx);
    api.publish("entry");
    origin.serve(NS, "gateway", "entry");
    serve(gateway);
    // The cloud's load balancer: its address makes the status URLs external. Nothing answers WebRTC there.
    harness.client().services().inNamespace(NS).withName("gateway-mediamtx").editStatus(service -> {
      service.setStatus(new ServiceStatusBuilder().withNewLoadBalancer().addNewIngress().withIp("127.0.0.1")
          .endIngress().endLoadBalancer().build());
      return service;
    });
    harness.awaitCameraStream(NS, "gateway", cs -> cs.getStatus() != null && !cs.getStatus().getCameras().isEmpty()
        && "http://127.0.0.1:8889/entry".equals(cs.getStatus().getCameras().get(0).getUrls().getWebrtc()));
    await().atMost(TIMEOUT).until(() -> playing("cameras/gateway/entry"));

    WebElement webrtc = tile("gateway", "entry").findElement(By.cssSelector(".tile-webrtc"));
    assertThat(webrtc.isDisplayed()).isTrue();
    assertThat(tile("site", "lobby").findElement(By.cssSelector(".tile-webrtc")).isDisplayed())
        .as("in-cluster WebRTC URL: not offered").isFalse();
    webrtc.click();
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(text(tile("gateway", "entry"), ".overlay"))
        .contains("WebRTC not reachable from this browser"));
    await().atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(text(tile("gateway", "entry"), ".mode")).isEqualTo("HLS");
      assertThat(playing("cameras/gateway/entry")).isTrue();
    });
    double back = currentTime("cameras/gateway/entry");
    awaitPlaying("cameras/gateway/entry", back + 0.5);
  }

  @Test
  @Order(9)
  void behindAnIngressWithAPathPrefixThePageItsEventsAndItsVideoWork() throws Exception {
    try (PrefixStrippingProxy ingress = PrefixStrippingProxy.start("/cameras/", wall.port())) {
      String base = "http://127.0.0.1:" + ingress.port() + "/cameras/";
      browser.get(base);
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(tileState("site", "lobby")).isEqualTo("Publishing"));
      awaitPlaying("cameras/site/lobby", 0.5);
      @SuppressWarnings("unchecked")
      List<String> loaded = (List<String>) ((JavascriptExecutor) browser).executeScript(
          "return performance.getEntriesByType('resource').map(e => e.name)");
      // the states above came by the event stream, which the browser does not list among loaded resources
      assertThat(loaded).as("scripts, styles and video, all under the prefix")
          .anyMatch(url -> url.startsWith(base + "hls/cameras/site/lobby/"))
          .anyMatch(url -> url.startsWith(base + "wall.js"))
          .allMatch(url -> url.startsWith(base), "under " + base);
    } finally {
      browser.get("http://127.0.0.1:" + wall.port() + "/");
    }
  }

  private static boolean playing(String camera) {
    return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(
        "return window.camstreamWall.playing(arguments[0]);", camera));
  }

  private static double viewerTime() {
    return ((Number) ((JavascriptExecutor) browser).executeScript(
        "return window.camstreamWall.viewerTime();")).doubleValue();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + wall.port() + path);
  }

  private static WebElement stream(String name) {
    return browser.findElement(By.cssSelector("section[data-stream='" + NS + "/" + name + "']"));
  }

  private static WebElement tile(String stream, String camera) {
    return browser.findElement(By.cssSelector("article[data-camera='" + NS + "/" + stream + "/" + camera + "']"));
  }

  private static String tileState(String stream, String camera) {
    List<WebElement> tiles = browser.findElements(
        By.cssSelector("article[data-camera='" + NS + "/" + stream + "/" + camera + "'] .tile-state"));
    return tiles.isEmpty() ? null : tiles.get(0).getText();
  }

  private static String text(WebElement element, String selector) {
    WebElement target = selector == null ? element : element.findElement(By.cssSelector(selector));
    return target.getAttribute("textContent").trim();
  }
}
