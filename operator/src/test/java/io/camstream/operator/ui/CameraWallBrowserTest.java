package io.camstream.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.IceServerSpec;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.desired.CredentialKeys;
import io.camstream.operator.desired.MediaMtxPorts;
import io.camstream.operator.health.source.MediaMtxHealthSource;
import io.camstream.operator.mediamtx.api.MediaMtxApiClient;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.OperatorTestHarness;
import io.camstream.operator.testing.mediamtx.MediaMtxPod;
import io.camstream.operator.testing.mediamtx.RealMediaMtx;
import io.camstream.operator.testing.mediamtx.TestPublisher;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The camera wall as a user sees it, end to end: the real operator on the test API server, the real MediaMTX v1.20.1
 * of each CameraStream started with the configuration the operator wrote ({@link MediaMtxPod}), push health from
 * MediaMTX's own API, ffmpeg publishing a test source with a keyframe a second, and the page in headless Chromium.
 * A {@link ServiceRouter} stands in for cluster DNS. The page is open before the CameraStreams are created, so every
 * camera it plays was added after it loaded. One browser and one fleet for the class, tests in order:
 * {@code cameras/site} (lobby, garage publishing; gate offline; a TURN server in its {@code iceServers}) and
 * {@code cameras/yard} (dock publishing, readers need credentials).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CameraWallBrowserTest {
  /** Where the screenshot goes; docs/images/camera-wall.png is one of these. */
  static final Path SCREENSHOT = Path.of("target", "camera-wall", "camera-wall.png");
  private static final Duration POLL = Duration.ofSeconds(1);
  /** Generous: CI has two cores shared with a Chromium, three ffmpegs, two MediaMTX and the operator. */
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String NS = "cameras";
  private static final String TURN = "turn:127.0.0.1:3478?transport=tcp";

  @RegisterExtension
  static final RealMediaMtx siteMediaMtx = RealMediaMtx.onFreePorts();
  @RegisterExtension
  static final RealMediaMtx yardMediaMtx = RealMediaMtx.onFreePorts();

  private static ServiceRouter services;
  private static OperatorTestHarness harness;
  private static CameraWallServer wall;
  private static HeadlessChromium chromium;
  private static ChromeDriver browser;
  private static final List<TestPublisher> publishers = new ArrayList<>();
  private static TestPublisher garage;
  private static final HttpClient http = HttpClient.newHttpClient();
  /** Whatever the page's Content-Security-Policy blocks, as the page itself is told. */
  private static final String CSP_VIOLATIONS = "window.cspViolations = [];"
      + "document.addEventListener('securitypolicyviolation', e => window.cspViolations.push("
      + "e.violatedDirective + ' ' + e.blockedURI));";
  private static Object pageLoaded;

  @BeforeAll
  static void startFleet() throws Exception {
    services = ServiceRouter.start();
    services.register(NS, "site", siteMediaMtx);
    services.register(NS, "yard", yardMediaMtx);
    String api = services.template(MediaMtxPorts.API);
    harness = OperatorTestHarness.builder()
        .env("CAMSTREAM_MEDIAMTX_API_URL", api)
        .env(CameraWallSettings.MEDIAMTX_HLS_URL, services.template(MediaMtxPorts.HLS))
        .env(CameraWallSettings.MEDIAMTX_WEBRTC_URL, services.template(MediaMtxPorts.WEBRTC))
        .pushHealth(new MediaMtxHealthSource(api, POLL, new MediaMtxApiClient(), Clock.systemUTC()))
        .start();
    wall = CameraWallServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        harness.settings().cameraWall(), harness.watchedCameraStreams(), CameraAccess.EVERYONE,
        new CredentialsSecretCdnSecrets(harness.client(), Clock.systemUTC()), WallEventStream.KEEP_ALIVE);
    // the page is open before any CameraStream exists: every camera it plays was added after it loaded
    chromium = HeadlessChromium.start(1440, 960, "--ignore-certificate-errors");
    browser = chromium.driver();
    browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_VIOLATIONS));
    browser.get(wallUrl());
    pageLoaded = script("return window.performance.timeOrigin");

    harness.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("turn")
        .withNamespace(NS).addToLabels("camstream.io/camera-credentials", "true").endMetadata()
        .withStringData(Map.of("username", "wall-user", "password", "p\"ss\\word")).build()).create();
    CameraStream site = CameraStreams.of(NS, "site", CameraStreams.testPattern("lobby"),
        CameraStreams.testPattern("gate"), CameraStreams.testPattern("garage"));
    IceServerSpec turn = new IceServerSpec();
    turn.setUrl(TURN);
    turn.setClientOnly(true);
    SecretCredentialsRef turnSecret = new SecretCredentialsRef();
    turnSecret.setName("turn");
    turn.setCredentialsSecretRef(turnSecret);
    MediaMtxSpec siteServer = new MediaMtxSpec();
    siteServer.setIceServers(List.of(turn));
    site.getSpec().setMediamtx(siteServer);
    harness.create(site);
    MediaMtxPod sitePod = MediaMtxPod.of(harness, siteMediaMtx, NS, "site").start();

    CameraStream yard = CameraStreams.of(NS, "yard", CameraStreams.testPattern("dock"));
    MediaMtxSpec yardServer = new MediaMtxSpec();
    yardServer.setReaders(ReaderAccess.AUTHENTICATED);
    yard.getSpec().setMediamtx(yardServer);
    harness.create(yard);
    MediaMtxPod yardPod = MediaMtxPod.of(harness, yardMediaMtx, NS, "yard").start();

    publishers.add(sitePod.ffmpeg("lobby").start());
    garage = sitePod.ffmpeg("garage").start();
    publishers.add(garage);
    publishers.add(yardPod.ffmpeg("dock").start());
  }

  @AfterAll
  static void stopFleet() throws Exception {
    try (var c = chromium; var w = wall; var h = harness; var s = services) {
      publishers.forEach(TestPublisher::close);
    }
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
    assertThat(text(lobby, ".since")).startsWith("Publishing for ").contains(" · since ");
    assertThat(text(lobby, ".facts")).contains("Bitrate").contains("H264 320×240").contains("Readers");
    assertThat(text(tile("site", "gate"), ".message")).isEqualTo("path \"gate\" is offline");
    assertThat(text(tile("yard", "dock"), ".credentials")).contains("Needs reader credentials");
    assertThat(text(browser.findElement(By.id("summary")), null))
        .isEqualTo("2 CameraStreams · 3 of 4 cameras publishing");
  }

  @Test
  @Order(2)
  void tilesPlayWebRtcSignalledThroughTheWallWithMediaMtxsIceServers() throws Exception {
    awaitMode("cameras/site/lobby", "webrtc");
    double first = awaitPlaying("cameras/site/lobby", 0);
    awaitPlaying("cameras/site/lobby", first + 1.0);
    awaitMode("cameras/site/garage", "webrtc");
    awaitPlaying("cameras/site/garage", 0.5);
    assertThat(text(tile("site", "lobby"), ".mode")).isEqualTo("WebRTC");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> iceServers = (List<Map<String, Object>>) script(
        "return window.camstreamWall.iceServers(arguments[0]);", "cameras/site/lobby");
    assertThat(iceServers).as("from the Link headers of MediaMTX's WHEP answer, credentials unquoted")
        .containsExactly(Map.of("urls", List.of(TURN), "username", "wall-user", "credential", "p\"ss\\word"));
    assertThat(currentTime("cameras/yard/dock")).as("the wall adds no credentials; the tile does not play")
        .isLessThanOrEqualTo(0);
    Files.createDirectories(SCREENSHOT.getParent());
    Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  @Order(3)
  void aTileSwitchedToHlsPlaysLowLatencyHlsAtItsPartHoldBack() {
    tile("site", "lobby").findElement(By.cssSelector(".tile-switch")).click();
    awaitMode("cameras/site/lobby", "hls");
    double start = awaitPlaying("cameras/site/lobby", 0);
    awaitPlaying("cameras/site/lobby", start + 3.0);
    assertThat(script("return window.camstreamWall.lowLatency(arguments[0]);", "cameras/site/lobby")).isEqualTo(true);
    assertThat(text(tile("site", "lobby"), ".mode")).isEqualTo("LL-HLS");
    List<Double> behind = new ArrayList<>();
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
      Object seconds = script("return window.camstreamWall.behindLive(arguments[0]);", "cameras/site/lobby");
      if (seconds instanceof Number number) {
        behind.add(number.doubleValue());
      }
      return behind.size() >= 10;
    });
    double median = behind.stream().sorted().toList().get(behind.size() / 2);
    System.out.printf("camera wall: LL-HLS tile behind live at a 1 s GOP: median %.2f s of %s%n", median, behind);
    assertThat(median).as("seconds behind live at a 1 s GOP, median of %s", behind).isLessThanOrEqualTo(2.0);
    @SuppressWarnings("unchecked")
    List<String> requests = (List<String>) script("return performance.getEntriesByType('resource')"
        + ".map(e => e.name).filter(n => n.includes('/hls/cameras/site/lobby/'))");
    assertThat(requests).as("blocking playlist requests went through the wall")
        .anyMatch(url -> url.contains("_HLS_msn=") && url.contains("_HLS_part="));
    assertThat(script("return window.performance.timeOrigin")).as("the page loaded before the CameraStreams")
        .isEqualTo(pageLoaded);
    assertThat(script("return window.cspViolations")).as("cameras added after the page loaded: WebRTC signalling"
        + " and HLS under the page's Content-Security-Policy").asList().isEmpty();
  }

  @Test
  @Order(4)
  void clickingATileOpensItLargeWithItsUrlsToCopy() {
    tile("site", "garage").findElement(By.cssSelector(".media")).click();
    WebElement dialog = browser.findElement(By.id("viewer"));
    await().atMost(TIMEOUT).until(() -> dialog.getAttribute("open") != null);
    assertThat(text(dialog, "#viewer-title")).isEqualTo("cameras/site · garage");
    List<String> urls = dialog.findElements(By.cssSelector("#viewer-urls input")).stream()
        .map(e -> e.getAttribute("value")).toList();
    assertThat(urls).hasSize(3);
    assertThat(urls.get(0)).isEqualTo("http://site-mediamtx.cameras.svc:8889/garage");
    assertThat(urls.get(1)).startsWith("http://site-mediamtx.cameras.svc:8888/garage");
    assertThat(urls.get(2)).isEqualTo("rtsp://site-mediamtx.cameras.svc:8554/garage");
    assertThat(dialog.findElements(By.cssSelector("#viewer-urls button"))).extracting(WebElement::getText)
        .containsOnly("Copy").hasSize(3);
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> viewerTime() > 0.5);
    assertThat(script("return window.camstreamWall.viewerMode();")).isEqualTo("webrtc");
    assertThat(playing("cameras/site/garage")).as("tiles rest while the large view plays").isFalse();

    dialog.findElement(By.id("viewer-close")).click();
    await().atMost(TIMEOUT).until(() -> dialog.getAttribute("open") == null);
    await().atMost(TIMEOUT).until(() -> playing("cameras/site/garage"));
  }

  @Test
  @Order(5)
  void oneTileGoesFullScreen() {
    WebElement lobby = tile("site", "lobby");
    lobby.findElement(By.cssSelector(".tile-fullscreen")).click();
    await().atMost(TIMEOUT).until(() -> Boolean.TRUE.equals(script(
        "return document.fullscreenElement === arguments[0];", lobby.findElement(By.cssSelector(".media")))));
    script("return document.exitFullscreen();");
    await().atMost(TIMEOUT).until(() -> script("return document.fullscreenElement;") == null);
  }

  @Test
  @Order(6)
  void aTileOffScreenIsNotPlaying() {
    var window = browser.manage().window();
    var size = window.getSize();
    try {
      window.setSize(new org.openqa.selenium.Dimension(size.width, 420));
      script("window.scrollTo(0, document.body.scrollHeight)");
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(playing("cameras/site/lobby")).as("scrolled out of view").isFalse();
        assertThat(text(tile("site", "lobby"), ".overlay")).isEqualTo("Off screen");
      });
      script("window.scrollTo(0, 0)");
      await().atMost(TIMEOUT).until(() -> playing("cameras/site/lobby"));
    } finally {
      window.setSize(size);
    }
  }

  @Test
  @Order(7)
  void aCameraGoingOfflineShowsItsLastFrameAndWhenItWasTaken() {
    awaitPlaying("cameras/site/garage", 0.5);
    Object page = script("return window.performance.timeOrigin");
    long before = System.currentTimeMillis();
    garage.stop();
    await().atMost(TIMEOUT).untilAsserted(() -> {
      assertThat(tileState("site", "garage")).isEqualTo("Offline");
      assertThat(text(stream("site"), ".stream-count")).isEqualTo("READY 1/3");
    });
    WebElement lastFrame = tile("site", "garage").findElement(By.cssSelector(".last-frame"));
    assertThat(lastFrame.isDisplayed()).isTrue();
    assertThat(text(lastFrame, "figcaption")).startsWith("Last frame · ");
    long taken = Long.parseLong(lastFrame.getAttribute("data-time"));
    assertThat(taken).as("taken shortly before the camera went offline")
        .isBetween(before - 10_000, System.currentTimeMillis());
    Number lit = (Number) script("const c = arguments[0].querySelector('canvas');"
        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let lit = 0;"
        + "for (let i = 0; i < d.length; i += 4) { if (d[i] + d[i + 1] + d[i + 2] > 120) lit++; } return lit;",
        lastFrame);
    assertThat(lit.intValue()).as("the test source's colours, not a black frame").isGreaterThan(1000);
    assertThat(text(tile("site", "garage"), ".overlay")).contains("Offline: no video");
    assertThat(script("return window.performance.timeOrigin")).as("the same page, never reloaded").isEqualTo(page);
  }

  @Test
  @Order(8)
  void theOrderAndSizeOfTilesStayInThisBrowser() {
    try {
      tile("site", "garage").findElement(By.cssSelector(".tile-earlier")).click();
      tile("site", "garage").findElement(By.cssSelector(".tile-earlier")).click();
      tile("site", "lobby").findElement(By.cssSelector(".tile-size")).click();
      assertThat(tileOrder("site")).containsExactly("garage", "lobby", "gate");
      browser.navigate().refresh();
      await().atMost(TIMEOUT).until(() -> tileOrder("site").size() == 3);
      assertThat(tileOrder("site")).as("after a reload").containsExactly("garage", "lobby", "gate");
      assertThat(tile("site", "lobby").getAttribute("data-size")).isEqualTo("l");
      assertThat(tile("site", "lobby").getSize().getWidth())
          .as("a large tile spans two columns").isGreaterThan(tile("site", "gate").getSize().getWidth() * 3 / 2);
    } finally {
      script("window.localStorage.clear()");
      browser.navigate().refresh();
    }
    await().atMost(TIMEOUT).until(() -> tileOrder("site").equals(List.of("lobby", "gate", "garage")));
  }

  @Test
  @Order(9)
  void theHlsProxyServesOnlyWatchedCamerasFilesAndPassesBlockingRequests() throws Exception {
    HttpResponse<String> index = get("/hls/cameras/site/lobby/index.m3u8");
    assertThat(index.statusCode()).as("MediaMTX serves the wall as a CDN: no session redirect").isEqualTo(200);
    String media = get("/hls/cameras/site/lobby/video1_stream.m3u8").body();
    assertThat(media).contains("#EXTM3U").contains("PART-HOLD-BACK=").doesNotContain("session=");
    Matcher sequence = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)").matcher(media);
    assertThat(sequence.find()).isTrue();
    long segments = media.lines().filter(line -> line.startsWith("#EXTINF")).count();
    long next = Long.parseLong(sequence.group(1)) + segments;
    long asked = System.nanoTime();
    HttpResponse<String> blocked = get("/hls/cameras/site/lobby/video1_stream.m3u8?_HLS_msn=" + next
        + "&_HLS_part=0");
    assertThat(blocked.statusCode()).isEqualTo(200);
    assertThat(blocked.body()).as("held until the next segment's first part existed")
        .contains("_video1_part").contains("#EXT-X-MEDIA-SEQUENCE");
    assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(5));

    assertThat(get("/hls/cameras/site/nowhere/index.m3u8").statusCode()).as("no such camera").isEqualTo(404);
    assertThat(get("/hls/cameras/elsewhere/lobby/index.m3u8").statusCode()).as("no such CameraStream")
        .isEqualTo(404);
    assertThat(get("/hls/other/site/lobby/index.m3u8").statusCode()).as("not a watched namespace").isEqualTo(404);
    assertThat(get("/hls/cameras/site/lobby/../../yard/dock/index.m3u8").statusCode()).isIn(400, 403, 404);
    assertThat(get("/hls/cameras/site/lobby/%2e%2e/index.m3u8").statusCode()).isIn(400, 404);
    assertThat(get("/hls/cameras/site/lobby/mediamtx.yml").statusCode()).as("not an HLS file name").isEqualTo(404);
    assertThat(get("/hls/cameras/yard/dock/index.m3u8").statusCode()).as("readers need credentials")
        .isEqualTo(403);
  }

  @Test
  @Order(10)
  void whepSignallingIsSameOriginOnly() throws Exception {
    HttpResponse<String> options = send("OPTIONS", "/whep/cameras/site/lobby", Map.of());
    assertThat(options.statusCode()).isEqualTo(204);
    assertThat(options.headers().allValues("Link")).singleElement().asString().startsWith("<" + TURN + ">")
        .contains("rel=\"ice-server\"");
    assertThat(options.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    assertThat(send("OPTIONS", "/whep/cameras/site/lobby", Map.of("Access-Control-Request-Method", "POST",
        "Origin", "http://attacker.example")).statusCode()).as("no CORS preflight is answered").isEqualTo(403);
    assertThat(send("POST", "/whep/cameras/site/lobby", Map.of("Content-Type", "application/sdp",
        "Sec-Fetch-Site", "cross-site"), "v=0\r\n").statusCode()).isEqualTo(403);
    assertThat(send("POST", "/whep/cameras/site/lobby", Map.of("Content-Type", "application/sdp",
        "Origin", "http://attacker.example"), "v=0\r\n").statusCode()).as("an older browser, by Origin")
        .isEqualTo(403);
    assertThat(send("POST", "/whep/cameras/site/lobby", Map.of("Content-Type", "text/plain"), "v=0\r\n")
        .statusCode()).isEqualTo(415);
    assertThat(send("GET", "/whep/cameras/site/lobby", Map.of()).statusCode()).isEqualTo(405);
    assertThat(send("DELETE", "/whep/cameras/site/lobby/0f7e0f7e-0f7e-0f7e-0f7e-0f7e0f7e0f7e", Map.of())
        .statusCode()).as("no such session at MediaMTX").isEqualTo(404);
    assertThat(send("OPTIONS", "/whep/cameras/yard/dock", Map.of()).statusCode()).isEqualTo(403);
  }

  @Test
  @Order(11)
  void answersCarrySecurityHeadersAndNeitherPageNorDataCarriesASecret() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("script-src 'self'").contains("style-src 'self'").contains("frame-ancestors 'none'")
        .contains("connect-src 'self';").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    assertThat(page.body()).doesNotContain("<script>").doesNotContain(" style=").doesNotContain("onclick");
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/api/wall"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");

    script("fetch('http://127.0.0.1:9/elsewhere').catch(() => {});");
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(script("return window.cspViolations")).asList()
        .as("the page connects to its own origin only, and says so when blocked")
        .containsExactly("connect-src http://127.0.0.1:9/elsewhere"));
    script("window.cspViolations.length = 0;");

    String data = get("/api/wall").body();
    assertThat(data).contains("\"name\":\"lobby\"");
    @SuppressWarnings("unchecked")
    List<String> loaded = (List<String>) script("return performance.getEntriesByType('resource').map(e => e.name)");
    for (String name : List.of("site", "yard")) {
      Map<String, String> values = decode(credentials(name));
      assertThat(values).containsKey(CredentialKeys.HLS_CDN_SECRET);
      for (String secret : values.values()) {
        if (secret.length() < 8) {
          continue;
        }
        assertThat(data).doesNotContain(secret);
        assertThat(browser.getPageSource()).doesNotContain(secret);
        assertThat(loaded).noneMatch(url -> url.contains(secret));
      }
    }
  }

  @Test
  @Order(12)
  void behindAnIngressWithAPathPrefixThePageItsEventsAndItsVideoWork() throws Exception {
    try (PrefixStrippingProxy ingress = PrefixStrippingProxy.start("/cameras/", wall.port())) {
      String base = "http://127.0.0.1:" + ingress.port() + "/cameras/";
      browser.get(base);
      await().atMost(TIMEOUT).untilAsserted(() -> assertThat(tileState("site", "lobby")).isEqualTo("Publishing"));
      List<String> loaded = lobbyPlaysWebRtcThenHls();
      // the states above came by the event stream, which the browser does not list among loaded resources
      assertThat(loaded).as("scripts, styles, signalling and video, all under the prefix")
          .anyMatch(url -> url.startsWith(base + "hls/cameras/site/lobby/"))
          .anyMatch(url -> url.startsWith(base + "whep/cameras/site/lobby"))
          .anyMatch(url -> url.startsWith(base + "wall.js"))
          .allMatch(url -> url.startsWith(base), "under " + base);
      String whep = "/cameras/whep/cameras/site/lobby";
      assertThat(ingress.forwarded()).as("through the Ingress: the event stream, and WHEP's offer, trickled"
          + " candidates and the session's end")
          .contains("GET /cameras/api/wall/events", "POST " + whep)
          .anyMatch(request -> request.matches("PATCH " + whep + "/[0-9a-f-]{36}"))
          .anyMatch(request -> request.matches("DELETE " + whep + "/[0-9a-f-]{36}"));
    } finally {
      browser.get(wallUrl());
    }
  }

  @Test
  @Order(13)
  void whereNoMediaPathReachesMediaMtxATilePlaysHlsAndSaysWhy() throws Exception {
    // A browser allowed WebRTC media through TURN relays only (Firefox's media.peerconnection.ice.relay_only, a
    // locked-down network), and the TURN server is not there: signalling works, ICE never finds a path.
    try (HeadlessChromium blocked = HeadlessChromium.start(1024, 768)) {
      blocked.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
          const Native = window.RTCPeerConnection;
          window.RTCPeerConnection = function (config) {
            return new Native(Object.assign({}, config, { iceTransportPolicy: 'relay' }));
          };
          window.RTCPeerConnection.prototype = Native.prototype;
          """));
      ChromeDriver other = blocked.driver();
      other.get(wallUrl());
      await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(
          other.executeScript("return window.camstreamWall.mode(arguments[0]);", "cameras/site/lobby"))
          .isEqualTo("hls"));
      WebElement mode = other.findElement(By.cssSelector("article[data-camera='cameras/site/lobby'] .mode"));
      assertThat(mode.getAttribute("textContent")).isEqualTo("LL-HLS");
      assertThat(mode.getAttribute("title")).startsWith("WebRTC not reachable from this browser (");
      await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> ((Number) other.executeScript(
          "return window.camstreamWall.currentTime(arguments[0]);", "cameras/site/lobby")).doubleValue() > 0.5);
    }
  }

  @Test
  @Order(14)
  void behindHttpsSignallingAndVideoStayOnTheWallsHttpsOrigin(@TempDir Path directory) throws Exception {
    CameraWallSettings tls = harness.settings().cameraWall()
        .withTls(SelfSignedCertificate.create(directory).pkcs8());
    try (CameraWallServer secure = CameraWallServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        tls, harness.watchedCameraStreams(), CameraAccess.EVERYONE,
        new CredentialsSecretCdnSecrets(harness.client(), Clock.systemUTC()), WallEventStream.KEEP_ALIVE)) {
      String base = "https://localhost:" + secure.port() + "/";
      browser.get(base);
      assertThat(script("return window.isSecureContext")).isEqualTo(true);
      assertThat(lobbyPlaysWebRtcThenHls()).as("no http: request from the https: page (mixed content is blocked)")
          .anyMatch(url -> url.startsWith(base + "whep/cameras/site/lobby"))
          .anyMatch(url -> url.startsWith(base + "hls/cameras/site/lobby/"))
          .allMatch(url -> url.startsWith(base), "under " + base);
      assertThat(script("return window.cspViolations")).asList().isEmpty();
    } finally {
      browser.get(wallUrl());
    }
  }

  // ---------------------------------------------------------------- helpers

  private static String wallUrl() {
    return "http://127.0.0.1:" + wall.port() + "/";
  }

  private static Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(script, arguments);
  }

  /** The lobby tile of the page now open plays WebRTC, is switched to HLS and plays that; what the page loaded. */
  @SuppressWarnings("unchecked")
  private static List<String> lobbyPlaysWebRtcThenHls() {
    awaitMode("cameras/site/lobby", "webrtc");
    awaitPlaying("cameras/site/lobby", 0.5);
    tile("site", "lobby").findElement(By.cssSelector(".tile-switch")).click();
    awaitMode("cameras/site/lobby", "hls");
    double hls = awaitPlaying("cameras/site/lobby", 0);
    awaitPlaying("cameras/site/lobby", hls + 1.0);
    return (List<String>) script("return performance.getEntriesByType('resource').map(e => e.name)");
  }

  private static void awaitMode(String camera, String mode) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(
        script("return window.camstreamWall.mode(arguments[0]);", camera)).as(camera).isEqualTo(mode));
  }

  private static double awaitPlaying(String camera, double beyond) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> currentTime(camera) > beyond);
    return currentTime(camera);
  }

  private static double currentTime(String camera) {
    Object time = script("return window.camstreamWall.currentTime(arguments[0]);", camera);
    return time == null ? -1 : ((Number) time).doubleValue();
  }

  private static boolean playing(String camera) {
    return Boolean.TRUE.equals(script("return window.camstreamWall.playing(arguments[0]);", camera));
  }

  private static double viewerTime() {
    return ((Number) script("return window.camstreamWall.viewerTime();")).doubleValue();
  }

  private static Secret credentials(String name) {
    return harness.client().secrets().inNamespace(NS).withName(name + "-mediamtx-credentials").get();
  }

  private static Map<String, String> decode(Secret secret) {
    Map<String, String> values = new java.util.HashMap<>();
    secret.getData().forEach((key, value) -> values.put(key,
        new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    return values;
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> send(String method, String path, Map<String, String> headers)
      throws Exception {
    return send(method, path, headers, null);
  }

  private static HttpResponse<String> send(String method, String path, Map<String, String> headers, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + wall.port() + path);
  }

  private static List<String> tileOrder(String stream) {
    return browser.findElements(By.cssSelector("section[data-stream='" + NS + "/" + stream + "'] article.tile"))
        .stream().map(e -> e.getAttribute("data-camera").substring((NS + "/" + stream + "/").length())).toList();
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
