package io.camstream.operator.ui;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.mediamtx.ChildProcesses;
import io.camstream.operator.testing.mediamtx.RealMediaMtx;
import io.camstream.operator.testing.mediamtx.TestPublisher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A camera's sound on its way to viewers, all of it real: camstream's streamer (its jar, its defaults: mode and
 * audio {@code auto}) publishes an H.264 + AAC camera to MediaMTX v1.20.1 started with the operator's own
 * configuration; the streamer copies the picture and makes Opus of the AAC. Headless Chromium then listens over
 * WebRTC (WHEP) and LL-HLS (the wall's pinned hls.js), each from a minimal page of this test's own, and an RTSP
 * reader measures how far sound and picture are apart.
 *
 * <p>The camera is a clip made by Debian's ffmpeg: {@code testsrc2} flashing white for the first 100 ms of every
 * second and a 1 kHz beep during the same 100 ms, so the relation of sound to picture is known.
 */
class CameraAudioThroughMediaMtxTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String CAMERA = "lobby";
  /** The bound on the A/V offset at the reader. */
  private static final double MAX_OFFSET_MILLIS = 40;

  @RegisterExtension
  static final RealMediaMtx mediaMtx = RealMediaMtx.onFreePorts();

  private static Path media;
  private static TestPublisher streamer;
  private static HttpServer pages;

  @BeforeAll
  static void publishACameraWithAacSound() throws Exception {
    media = Files.createTempDirectory("camstream-audio");
    Path clip = media.resolve("aac-camera.mkv");
    run("ffmpeg", "-hide_banner", "-v", "error", "-nostdin", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25,"
            + "drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(mod(t,1),0.1)'",
        "-f", "lavfi", "-i", "aevalsrc='if(lt(mod(t,1),0.1),0.5*sin(2*PI*1000*t),0)':s=48000:c=mono",
        "-map", "0:v", "-map", "1:a", "-t", "3", "-c:v", "libx264", "-preset", "veryfast", "-bf", "0", "-g", "25",
        "-pix_fmt", "yuv420p", "-x264-params", "repeat-headers=1", "-c:a", "aac", "-b:a", "64k", clip.toString());
    DesiredState desired = DesiredState.of(CameraStreams.of("ns", "site", testPattern(CAMERA)),
        OperatorDefaults.standard(), Map.of(), PasswordGenerator.secureRandom());
    mediaMtx.start(desired);
    streamer = TestPublisher.streamer(mediaMtx.rtspUrl(CAMERA), desired.credentials().publisher(), clip.toString())
        .start().awaitFirstFrame(TIMEOUT);
    pages = servePages();
  }

  @AfterAll
  static void stop() throws IOException {
    if (pages != null) {
      pages.stop(0);
    }
    if (streamer != null) {
      streamer.close();
    }
    try (var files = Files.walk(media)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Test
  void theStreamerSaysItMadeOpusOfTheAacAndMediaMtxHasBothTracks() {
    JsonNode path = mediaMtx.awaitPath(CAMERA, p -> p.get("tracks2").size() == 2, TIMEOUT);
    assertThat(StreamSupport.stream(path.get("tracks2").spliterator(), false).map(t -> t.get("codec").asText()))
        .containsExactlyInAnyOrder("H264", "Opus");
    assertThat(streamer.log()).contains("in passthrough mode")
        .contains("audio: aac 48000 Hz mono -> opus 48000 Hz mono (WebRTC cannot play AAC)");
  }

  @Test
  void chromiumHearsTheCameraOverWebRtc() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(640, 480)) {
      JavascriptExecutor page = chromium.driver();
      chromium.driver().get(pageUrl("/webrtc.html"));
      Object listening = page.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "listen(arguments[0]).then(() => done('listening'), e => done('failed: ' + e));",
          mediaMtx.whepUrl(CAMERA).toString());
      assertThat(listening).as("WHEP session").isEqualTo("listening");

      Map<?, ?> first = awaitAudio(page, "webrtcAudio", stats -> number(stats, "bytes") > 0);
      Thread.sleep(2000);
      Map<?, ?> later = awaitAudio(page, "webrtcAudio", stats -> true);
      assertThat(first.get("codec")).isEqualTo("audio/opus");
      assertThat(number(later, "bytes")).as("inbound-rtp audio bytes keep growing: %s then %s", first, later)
          .isGreaterThan(number(first, "bytes") + 1000);
      assertThat(number(later, "packets") - number(first, "packets")).as("a packet every 20 ms for 2 s")
          .isBetween(60.0, 140.0);
    }
  }

  @Test
  void chromiumHearsTheCameraOverLowLatencyHls() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(640, 480)) {
      JavascriptExecutor page = chromium.driver();
      chromium.driver().get(pageUrl("/hls.html"));
      page.executeScript("play(arguments[0])", mediaMtx.hlsUrl(CAMERA).toString());

      Map<?, ?> first = awaitAudio(page, "hlsAudio", stats -> number(stats, "decodedBytes") > 0);
      Thread.sleep(2000);
      Map<?, ?> later = awaitAudio(page, "hlsAudio", stats -> true);
      assertThat(String.valueOf(first.get("audioCodecs"))).as("the playlist's audio").isEqualTo("[opus]");
      assertThat(number(later, "decodedBytes")).as("audio decoded keeps growing: %s then %s", first, later)
          .isGreaterThan(number(first, "decodedBytes"));
      assertThat(number(later, "time")).as("playing").isGreaterThan(number(first, "time"));
    }
  }

  @Test
  void soundAndPictureAreInSyncAtTheRtspReader() throws Exception {
    Process meter = ChildProcesses.start(new ProcessBuilder(TestPublisher.streamerJava("-cp",
        TestPublisher.streamerJar().toString(), "io.camstream.streamer.testpattern.AvSyncMeter",
        mediaMtx.rtspUrl(CAMERA), "6")).redirectErrorStream(true));
    String output = new String(meter.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(meter.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(meter.exitValue()).as(output).isZero();

    Matcher result = Pattern.compile("paired=(\\d+) offset median=(-?[\\d.]+) ms worst=([\\d.]+) ms").matcher(output);
    assertThat(result.find()).as(output).isTrue();
    assertThat(Integer.parseInt(result.group(1))).as("flashes with their beep: %s", output).isGreaterThanOrEqualTo(4);
    assertThat(Double.parseDouble(result.group(3))).as("sound against picture through MediaMTX: %s", output)
        .isLessThanOrEqualTo(MAX_OFFSET_MILLIS);
  }

  private static Map<?, ?> awaitAudio(JavascriptExecutor page, String function,
                                      java.util.function.Predicate<Map<?, ?>> ready) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    Map<?, ?> stats = null;
    while (System.nanoTime() < deadline) {
      Object answer = page.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + function + "().then(done, e => done({error: String(e)}));");
      stats = answer instanceof Map<?, ?> map ? map : null;
      if (stats != null && stats.get("error") == null && ready.test(stats)) {
        return stats;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(function + " never received audio: " + stats + "\nMediaMTX:\n" + mediaMtx.log());
  }

  private static double number(Map<?, ?> stats, String key) {
    Object value = stats.get(key);
    return value instanceof Number n ? n.doubleValue() : 0;
  }

  private static String pageUrl(String path) {
    return "http://127.0.0.1:" + pages.getAddress().getPort() + path;
  }

  /** This test's own pages (not the camera wall's): the least a browser needs to listen. */
  private static HttpServer servePages() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] hlsJs = StaticAssets.load().get(StaticAssets.HLS_JS).orElseThrow().body();
    Map<String, byte[]> files = Map.of(
        "/webrtc.html", WEBRTC_PAGE.getBytes(StandardCharsets.UTF_8),
        "/hls.html", HLS_PAGE.getBytes(StandardCharsets.UTF_8),
        "/hls.min.js", hlsJs);
    server.createContext("/", exchange -> {
      byte[] body = files.get(exchange.getRequestURI().getPath());
      exchange.getResponseHeaders().set("Content-Type",
          exchange.getRequestURI().getPath().endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8");
      exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
      if (body != null) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.start();
    return server;
  }

  private static final String WEBRTC_PAGE = """
      <!doctype html><meta charset="utf-8"><title>WebRTC audio</title>
      <script>
      let peer;
      async function listen(whep) {
        peer = new RTCPeerConnection();
        peer.addTransceiver('video', {direction: 'recvonly'});
        peer.addTransceiver('audio', {direction: 'recvonly'});
        await peer.setLocalDescription(await peer.createOffer());
        await new Promise(gathered => {
          if (peer.iceGatheringState === 'complete') { gathered(); return; }
          peer.onicegatheringstatechange = () => peer.iceGatheringState === 'complete' && gathered();
          setTimeout(gathered, 3000);
        });
        const response = await fetch(whep, {method: 'POST', headers: {'Content-Type': 'application/sdp'},
          body: peer.localDescription.sdp});
        const answer = await response.text();
        if (response.status !== 201) throw new Error('WHEP ' + response.status + ': ' + answer);
        await peer.setRemoteDescription({type: 'answer', sdp: answer});
      }
      async function webrtcAudio() {
        const stats = await peer.getStats();
        const codecs = {};
        let audio = null;
        stats.forEach(s => { if (s.type === 'codec') codecs[s.id] = s.mimeType; });
        stats.forEach(s => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio') {
            audio = {bytes: s.bytesReceived, packets: s.packetsReceived, codec: codecs[s.codecId] || null};
          }
        });
        return audio || {bytes: 0, connection: peer.connectionState};
      }
      </script>
      """;

  private static final String HLS_PAGE = """
      <!doctype html><meta charset="utf-8"><title>LL-HLS audio</title>
      <script src="/hls.min.js"></script>
      <video muted playsinline></video>
      <script>
      let hls;
      let fatal = null;
      function play(url) {
        const video = document.querySelector('video');
        hls = new Hls({lowLatencyMode: true});
        hls.on(Hls.Events.ERROR, (event, data) => { if (data.fatal) fatal = data.type + ' ' + data.details; });
        hls.on(Hls.Events.MANIFEST_PARSED, () => video.play());
        hls.loadSource(url);
        hls.attachMedia(video);
      }
      async function hlsAudio() {
        const video = document.querySelector('video');
        return {decodedBytes: video.webkitAudioDecodedByteCount, time: video.currentTime, fatal: fatal,
          audioCodecs: hls.levels.map(level => level.audioCodec)};
      }
      </script>
      """;

  private static void run(String... command) throws Exception {
    Process process = ChildProcesses.start(new ProcessBuilder(command).redirectErrorStream(true));
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
