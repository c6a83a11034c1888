package io.camstream.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.mediamtx.RealMediaMtx;
import io.camstream.operator.testing.mediamtx.TestPublisher;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A camera with a long keyframe interval (10 s, as some NVRs and power-saving cameras send) on the real MediaMTX
 * v1.20.1, watched in Chromium. MediaMTX starts an HLS muxer on its first request and answers that first playlist
 * once the muxer has cut a whole segment, which starts and ends at a keyframe: more than one keyframe interval, up
 * to two, whenever the request comes. The wall's proxy and the page's hls.js wait that long (hls.js gives up after
 * 10 s by default, the wall's first server after 15 s; either then showed an error and asked again), so the tile
 * plays from its first request.
 */
class CameraWallLongGopTest {
  private static final int GOP_SECONDS = 10;
  /** hls.js's default {@code manifestLoadingTimeOut}. */
  private static final double HLS_JS_DEFAULT_MS = 10_000;
  private static final String CAMERA = "cameras/site/yard";

  @RegisterExtension
  static final RealMediaMtx mediaMtx = RealMediaMtx.onFreePorts();

  private static WallInFrontOfMediaMtx wall;
  private static HeadlessChromium chromium;
  private static TestPublisher camera;

  @BeforeAll
  static void start() throws Exception {
    CameraStream site = CameraStreams.of("cameras", "site", CameraStreams.testPattern("yard"));
    DesiredState desired = DesiredState.of(site, OperatorDefaults.standard(), Map.of(),
        PasswordGenerator.secureRandom());
    CameraStatus yard = new CameraStatus();
    yard.setName("yard");
    yard.setPublishing(true);
    CameraStreamStatus status = new CameraStreamStatus();
    status.getCameras().add(yard);
    site.setStatus(status);
    mediaMtx.start(desired);
    wall = WallInFrontOfMediaMtx.start(mediaMtx, site, desired);
    chromium = HeadlessChromium.start(1024, 768);
    camera = TestPublisher.ffmpeg(mediaMtx.rtspUrl("yard"), desired.credentials().publisher(), GOP_SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    try (var c = chromium; var w = wall; var p = camera) {
      // closed in reverse order
    }
  }

  @Test
  void aTileOfALongGopCameraPlaysHlsFromItsFirstPlaylistRequestHoweverLongThatTakes() {
    // the first request comes just after the publisher's first keyframe: the muxer's first segment starts at the
    // second keyframe and ends at the third
    camera.start();
    mediaMtx.awaitPath("yard", path -> path.path("available").asBoolean(), Duration.ofSeconds(30));
    ChromeDriver browser = chromium.driver();
    browser.get("http://127.0.0.1:" + wall.port() + "/");
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> browser.findElements(
        By.cssSelector("article[data-camera='" + CAMERA + "'] .tile-switch")).stream().anyMatch(b -> b.isDisplayed()));
    browser.findElement(By.cssSelector("article[data-camera='" + CAMERA + "'] .tile-switch")).click();
    await().atMost(Duration.ofSeconds(5)).until(() -> "hls".equals(
        browser.executeScript("return window.camstreamWall.mode(arguments[0]);", CAMERA)));

    await().atMost(Duration.ofSeconds(3L * GOP_SECONDS + 20)).pollInterval(Duration.ofMillis(250)).until(() ->
        ((Number) browser.executeScript("return window.camstreamWall.currentTime(arguments[0]) || 0;", CAMERA))
            .doubleValue() > 0.5);
    @SuppressWarnings("unchecked")
    java.util.List<Map<String, Object>> firsts = (java.util.List<Map<String, Object>>) browser.executeScript(
        "return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/hls/cameras/site/yard/"
        + "index.m3u8')).map(e => ({status: e.responseStatus, ms: e.responseStart - e.requestStart}));");
    System.out.printf("camera wall: first playlist of a %d s GOP camera: %s%n", GOP_SECONDS, firsts);
    assertThat(firsts).as("one request for the first playlist, answered once MediaMTX had its first segment")
        .singleElement().satisfies(first -> {
          assertThat(((Number) first.get("status")).intValue()).isEqualTo(200);
          assertThat(((Number) first.get("ms")).doubleValue()).isGreaterThan(HLS_JS_DEFAULT_MS);
        });
    assertThat(browser.findElement(By.cssSelector("article[data-camera='" + CAMERA + "'] .mode"))
        .getAttribute("textContent")).isEqualTo("LL-HLS");
  }
}
