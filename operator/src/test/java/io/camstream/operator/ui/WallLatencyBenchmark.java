package io.camstream.operator.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.status.CameraStatus;
import io.camstream.operator.api.status.CameraStreamStatus;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.MediaMtxPorts;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.mediamtx.RealMediaMtx;
import io.camstream.operator.testing.mediamtx.TestPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Glass-to-glass latency of the camera wall in Chromium (issue 21 item 6): camstream's streamer paints each frame's
 * capture time into the picture ({@code LumaTimestampCodec}) and publishes its test pattern to the real MediaMTX
 * v1.20.1, started with the operator's own configuration; the camera wall (the operator's server) serves the page;
 * headless Chromium plays the tile by WebRTC and then by LL-HLS, both through the wall, and for every frame it
 * presents reads the capture time back from the picture ({@code camera-wall-bench/luma-latency.js}) and subtracts
 * it from the time the frame is shown. Not a test: {@code bench/run.sh wall} runs it and writes
 * {@code wall-latency.json} and {@code summary.md} to {@code -Dcamstream.bench.out}.
 *
 * <p>Settings (system properties): {@code camstream.bench.seconds} measured per transport (30),
 * {@code camstream.bench.warmup} seconds of playing before measuring (5), {@code camstream.bench.source}
 * ({@code testpattern:640x360@30}), {@code camstream.bench.bitrateKbps} (1000), {@code camstream.bench.gopSeconds}
 * (1).
 */
public final class WallLatencyBenchmark {
  private static final String CAMERA = "pattern";
  private static final String KEY = "bench/site/" + CAMERA;
  private static final Duration START = Duration.ofSeconds(90);

  private WallLatencyBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("camstream.bench.seconds", 30);
    int warmup = Integer.getInteger("camstream.bench.warmup", 5);
    String source = System.getProperty("camstream.bench.source", "testpattern:640x360@30");
    int bitrate = Integer.getInteger("camstream.bench.bitrateKbps", 1000);
    int gop = Integer.getInteger("camstream.bench.gopSeconds", 1);
    Path out = Path.of(System.getProperty("camstream.bench.out", "bench/results/wall-" + Instant.now()
        .toString().replace(":", "")));
    Files.createDirectories(out);

    Map<String, Object> results = new LinkedHashMap<>();
    results.put("date", Instant.now().toString());
    results.put("source", source);
    results.put("bitrateKbps", bitrate);
    results.put("gopSeconds", gop);
    results.put("secondsPerTransport", seconds);
    results.put("loadBefore", loadAverage());
    CameraStream site = CameraStreams.of("bench", "site", CameraStreams.testPattern(CAMERA));
    DesiredState desired = DesiredState.of(site, OperatorDefaults.standard(), Map.of(),
        PasswordGenerator.secureRandom());
    try (RealMediaMtx mediaMtx = RealMediaMtx.startedWith(desired);
        ServiceRouter services = ServiceRouter.start();
        TestPublisher streamer = TestPublisher.streamer(mediaMtx.rtspUrl(CAMERA), desired.credentials().publisher(),
            source, bitrate, gop).start()) {
      services.register("bench", "site", mediaMtx);
      InMemoryPrimaryCache cache = new InMemoryPrimaryCache();
      cache.put(publishing(site));
      WatchedCameraStreams watched = new WatchedCameraStreams();
      watched.attach(cache);
      String cdnSecret = desired.credentials().hlsCdnSecret().orElseThrow();
      try (CameraWallServer wall = CameraWallServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          CameraWallSettings.local(0, services.template(MediaMtxPorts.HLS), services.template(MediaMtxPorts.WEBRTC)),
          watched, CameraAccess.EVERYONE, (namespace, name) -> Optional.of(cdnSecret), WallEventStream.KEEP_ALIVE);
          HeadlessChromium chromium = HeadlessChromium.start(1280, 800)) {
        ChromeDriver browser = chromium.driver();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(seconds + 60));
        browser.get("http://127.0.0.1:" + wall.port() + "/");
        results.put("webrtc", measure(browser, "webrtc", warmup, seconds));
        browser.findElement(By.cssSelector("article[data-camera='" + KEY + "'] .tile-switch")).click();
        results.put("llhls", measure(browser, "hls", warmup, seconds));
      }
    }
    results.put("loadAfter", loadAverage());
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(out.resolve("wall-latency.json"), json.writeValueAsString(results));
    String summary = summary(results);
    Files.writeString(out.resolve("summary.md"), summary);
    System.out.println(summary);
    System.out.println("results: " + out.toAbsolutePath());
  }

  /** Plays the tile by {@code mode}, lets it settle, then collects one latency per presented frame. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> measure(ChromeDriver browser, String mode, int warmup, int seconds)
      throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    while (!mode.equals(browser.executeScript("return window.camstreamWall.mode(arguments[0]);", KEY))
        || ((Number) browser.executeScript("return window.camstreamWall.currentTime(arguments[0]) || 0;", KEY))
            .doubleValue() < 0.5) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the tile does not play by " + mode + " within " + START.toSeconds() + " s");
      }
      Thread.sleep(250);
    }
    Thread.sleep(warmup * 1000L);
    browser.executeScript(script());
    Map<String, Object> measured = (Map<String, Object>) browser.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
        + "window.camstreamLatency.measure(window.camstreamWall.video(arguments[0]), arguments[1]).then(done);",
        KEY, seconds);
    List<Double> samples = new ArrayList<>();
    for (Object sample : (List<Object>) measured.get("samples")) {
      samples.add(((Number) sample).doubleValue());
    }
    Map<String, Object> result = new LinkedHashMap<>(LatencyStatistics.of(samples));
    result.put("framesPresented", measured.get("frames"));
    result.put("framesUndecodable", measured.get("undecodable"));
    if ("hls".equals(mode)) {
      result.put("lowLatency", browser.executeScript("return window.camstreamWall.lowLatency(arguments[0]);", KEY));
    }
    return result;
  }

  private static String script() throws IOException {
    try (InputStream in = WallLatencyBenchmark.class.getResourceAsStream("/camera-wall-bench/luma-latency.js")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static CameraStream publishing(CameraStream site) {
    CameraStatus camera = new CameraStatus();
    camera.setName(CAMERA);
    camera.setPublishing(true);
    CameraStreamStatus status = new CameraStreamStatus();
    status.setCameras(List.of(camera));
    site.setStatus(status);
    return site;
  }

  @SuppressWarnings("unchecked")
  private static String summary(Map<String, Object> results) {
    StringBuilder text = new StringBuilder("| transport | frames measured | p50 ms | p90 ms | p99 ms | min | max |\n"
        + "|---|---|---|---|---|---|---|\n");
    for (String transport : List.of("webrtc", "llhls")) {
      Map<String, Object> row = (Map<String, Object>) results.get(transport);
      text.append("| ").append("webrtc".equals(transport) ? "WebRTC" : "LL-HLS").append(" | ")
          .append(row.get("count")).append(" of ").append(row.get("framesPresented")).append(" | ")
          .append(row.get("p50")).append(" | ").append(row.get("p90")).append(" | ").append(row.get("p99"))
          .append(" | ").append(row.get("min")).append(" | ").append(row.get("max")).append(" |\n");
    }
    return text.append("\n").append(results.get("source")).append(", ").append(results.get("bitrateKbps"))
        .append(" kbit/s, GOP ").append(results.get("gopSeconds")).append(" s, ").append(results.get("secondsPerTransport")).append(" s per transport; load ")
        .append(results.get("loadBefore")).append(" → ").append(results.get("loadAfter")).append("\n").toString();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0] + " (1 min)";
    } catch (IOException e) {
      return "unknown";
    }
  }
}
