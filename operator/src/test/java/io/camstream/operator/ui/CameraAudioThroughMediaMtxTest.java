package io.camstream.operator.ui;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.MediaMtxCredentials;
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
import java.util.ArrayList;
import java.util.List;
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
 * reader measures how far sound and picture are apart. Beside it, a G.711 camera the streamer copies (WebRTC plays
 * it as it is), and a camera MediaMTX pulls itself, whose AAC it passes through untouched.
 *
 * <p>The cameras are clips made by Debian's ffmpeg: {@code testsrc2} flashing white for the first 100 ms of every
 * second and a 1 kHz beep during the same 100 ms, so the relation of sound to picture is known.
 */
class CameraAudioThroughMediaMtxTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String CAMERA = "lobby";
  /** The bound on the A/V offset at the reader. */
  private static final double MAX_OFFSET_MILLIS = 40;

  @RegisterExtension
  static final RealMediaMtx mediaMtx = RealMediaMtx.onFreePorts();

  /** A camera sending G.711 (PCMU), published by the streamer with its defaults. */
  private static final String G711_CAMERA = "door";
  /** An IP camera's own RTSP server sending AAC: Debian's ffmpeg pushing an H.264 + AAC clip as it is. */
  private static final String AAC_SOURCE = "aac-camera";
  /** A camera MediaMTX pulls itself ({@code mode: pull}) from {@link #AAC_SOURCE}. */
  private static final String PULLED = "gate";

  private static Path media;
  private static TestPublisher streamer;
  private static TestPublisher g711Streamer;
  private static TestPublisher aacCamera;
  private static HttpServer pages;

  @BeforeAll
  static void publishCamerasWithSound() throws Exception {
    media = Files.createTempDirectory("camstream-audio");
    Path aacClip = clip("aac-camera", "-c:a", "aac", "-b:a", "64k");
    Path g711Clip = clip("g711-camera", "-c:a", "pcm_mulaw", "-ar", "8000");
    DesiredState desired = DesiredState.of(CameraStreams.of("ns", "site", testPattern(CAMERA), testPattern(G711_CAMERA),
            testPattern(AAC_SOURCE), CameraStreams.pulled(PULLED, mediaMtx.rtspUrl(AAC_SOURCE))),
        OperatorDefaults.standard(), Map.of(), PasswordGenerator.secureRandom());
    mediaMtx.start(desired);
    MediaMtxCredentials.User publisher = desired.credentials().publisher();
    streamer = TestPublisher.streamer(mediaMtx.rtspUrl(CAMERA), publisher, aacClip.toString()).start();
    g711Streamer = TestPublisher.streamer(mediaMtx.rtspUrl(G711_CAMERA), publisher, g711Clip.toString()).start();
    aacCamera = TestPublisher.ffmpegCopying(aacClip, mediaMtx.rtspUrl(AAC_SOURCE), publisher).start();
    streamer.awaitFirstFrame(TIMEOUT);
    g711Streamer.awaitFirstFrame(TIMEOUT);
    pages = servePages();
  }

  @AfterAll
  static void stop() throws IOException {
    if (pages != null) {
      pages.stop(0);
    }
    for (TestPublisher publisher : new TestPublisher[] {streamer, g711Streamer, aacCamera}) {
      if (publisher != null) {
        publisher.close();
      }
    }
    try (var files = Files.walk(media)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Test
  void theStreamerSaysItMadeOpusOfTheAacAndMediaMtxHasBothTracks() {
    JsonNode path = mediaMtx.awaitPath(CAMERA, p -> p.get("tracks2").size() == 2, TIMEOUT);
    assertThat(codecs(path)).containsExactlyInAnyOrder("H264", "Opus");
    assertThat(streamer.log()).contains("in passthrough mode")
        .contains("audio: aac 48000 Hz mono -> opus 48000 Hz mono (WebRTC cannot play AAC)");
  }

  @Test
  void chromiumHearsTheCameraOverWebRtc() throws Exception {
    assertHeardOverWebRtc(CAMERA, "audio/opus");
  }

  /** {@code auto} copies a camera's G.711, which WebRTC plays as it is. */
  @Test
  void chromiumHearsACameraWhoseG711IsCopiedOverWebRtc() throws Exception {
    JsonNode path = mediaMtx.awaitPath(G711_CAMERA, p -> p.get("tracks2").size() == 2, TIMEOUT);
    assertThat(codecs(path)).containsExactlyInAnyOrder("H264", "G711");
    assertThat(g711Streamer.log()).contains("audio: pcm_mulaw 8000 Hz mono copied (G.711 plays in WebRTC");
    assertHeardOverWebRtc(G711_CAMERA, "audio/PCMU");
  }

  /** A pulled camera has no streamer: MediaMTX passes its AAC through as it is, to every RTSP reader. */
  @Test
  void aPulledCamerasSoundIsPassedThroughAsItIs() throws Exception {
    JsonNode path = mediaMtx.awaitPath(PULLED, p -> p.get("tracks2").size() == 2, TIMEOUT);
    assertThat(codecs(path)).containsExactlyInAnyOrder("H264", "MPEG-4 Audio");
    String probe = output("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-show_entries",
        "stream=codec_type,codec_name,sample_rate,channels", "-of", "csv=p=0", mediaMtx.rtspUrl(PULLED));
    assertThat(probe.lines()).containsExactlyInAnyOrder("h264,video", "aac,audio,48000,1");
  }

  /**
   * What the user guide says of a pulled camera's AAC: LL-HLS viewers hear it, WebRTC viewers get its picture only
   * (MediaMTX skips the track WebRTC cannot carry, it never transcodes).
   */
  @Test
  void aPulledCamerasAacIsHeardOverLowLatencyHlsAndWebRtcPlaysItsPictureOnly() throws Exception {
    mediaMtx.awaitPath(PULLED, p -> p.get("tracks2").size() == 2, TIMEOUT);
    try (HeadlessChromium chromium = HeadlessChromium.start(640, 480)) {
      JavascriptExecutor page = chromium.driver();
      Map<?, ?> heard = assertHeardOverHls(chromium, PULLED);
      assertThat(String.valueOf(heard.get("audioCodecs"))).as("the playlist's audio").startsWith("[mp4a.40.");

      listen(chromium, PULLED);
      Map<?, ?> first = awaitStats(page, "webrtcStats", stats -> number(stats, "videoBytes") > 0);
      Thread.sleep(1000);
      Map<?, ?> later = awaitStats(page, "webrtcStats", stats -> true);
      assertThat(number(later, "videoBytes")).as("the picture plays: %s then %s", first, later)
          .isGreaterThan(number(first, "videoBytes"));
      assertThat(number(later, "bytes")).as("no sound over WebRTC: %s", later).isZero();
    }
    assertThat(mediaMtx.log()).containsPattern("\\[WebRTC\\] \\[session \\w+\\] skipping track 2 \\(MPEG-4 Audio\\)");
  }

  private static void assertHeardOverWebRtc(String camera, String codec) throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(640, 480)) {
      JavascriptExecutor page = chromium.driver();
      listen(chromium, camera);
      Map<?, ?> first = awaitStats(page, "webrtcStats", stats -> number(stats, "bytes") > 0);
      Thread.sleep(2000);
      Map<?, ?> later = awaitStats(page, "webrtcStats", stats -> true);
      assertThat(first.get("codec")).isEqualTo(codec);
      assertThat(number(later, "bytes")).as("inbound-rtp audio bytes keep growing: %s then %s", first, later)
          .isGreaterThan(number(first, "bytes") + 1000);
      assertThat(number(later, "packets") - number(first, "packets")).as("a packet every 20 ms for 2 s")
          .isBetween(60.0, 140.0);
    }
  }

  private static void listen(HeadlessChromium chromium, String camera) {
    chromium.driver().get(pageUrl("/webrtc.html"));
    Object listening = chromium.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "listen(arguments[0]).then(() => done('listening'), e => done('failed: ' + e));",
        mediaMtx.whepUrl(camera).toString());
    assertThat(listening).as("WHEP session").isEqualTo("listening");
  }

  @Test
  void chromiumHearsTheCameraOverLowLatencyHls() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(640, 480)) {
      Map<?, ?> heard = assertHeardOverHls(chromium, CAMERA);
      assertThat(String.valueOf(heard.get("audioCodecs"))).as("the playlist's audio").isEqualTo("[opus]");
    }
  }

  /** Plays {@code camera}'s LL-HLS stream; returns what was heard once its decoded sound has grown for 2 s. */
  private static Map<?, ?> assertHeardOverHls(HeadlessChromium chromium, String camera) throws Exception {
    JavascriptExecutor page = chromium.driver();
    chromium.driver().get(pageUrl("/hls.html"));
    page.executeScript("play(arguments[0])", mediaMtx.hlsUrl(camera).toString());

    Map<?, ?> first = awaitStats(page, "hlsAudio", stats -> number(stats, "decodedBytes") > 0);
    Thread.sleep(2000);
    Map<?, ?> later = awaitStats(page, "hlsAudio", stats -> true);
    assertThat(number(later, "decodedBytes")).as("audio decoded keeps growing: %s then %s", first, later)
        .isGreaterThan(number(first, "decodedBytes"));
    assertThat(number(later, "time")).as("playing").isGreaterThan(number(first, "time"));
    return later;
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

  private static List<String> codecs(JsonNode path) {
    return StreamSupport.stream(path.get("tracks2").spliterator(), false).map(t -> t.get("codec").asText()).toList();
  }

  private static Map<?, ?> awaitStats(JavascriptExecutor page, String function,
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
    throw new AssertionError(function + " never got what it waited for: " + stats + "\nMediaMTX:\n" + mediaMtx.log());
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
      async function webrtcStats() {
        const stats = await peer.getStats();
        const codecs = {};
        const result = {bytes: 0, packets: 0, codec: null, videoBytes: 0, connection: peer.connectionState};
        stats.forEach(s => { if (s.type === 'codec') codecs[s.id] = s.mimeType; });
        stats.forEach(s => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio') {
            Object.assign(result,
              {bytes: s.bytesReceived, packets: s.packetsReceived, codec: codecs[s.codecId] || null});
          } else if (s.type === 'inbound-rtp' && s.kind === 'video') {
            result.videoBytes = s.bytesReceived;
          }
        });
        return result;
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

  /**
   * A 3-second camera clip, Matroska: {@code testsrc2} flashing white for the first 100 ms of every second and a
   * 1 kHz beep during the same 100 ms, H.264 as IP cameras send it, and the sound encoded with {@code audio}.
   */
  private static Path clip(String name, String... audio) throws Exception {
    Path clip = media.resolve(name + ".mkv");
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-v",
        "error", "-nostdin", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25,"
            + "drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(mod(t,1),0.1)'",
        "-f", "lavfi", "-i", "aevalsrc='if(lt(mod(t,1),0.1),0.5*sin(2*PI*1000*t),0)':s=48000:c=mono",
        "-map", "0:v", "-map", "1:a", "-t", "3", "-c:v", "libx264", "-preset", "veryfast", "-bf", "0", "-g", "25",
        "-pix_fmt", "yuv420p", "-x264-params", "repeat-headers=1"));
    command.addAll(List.of(audio));
    command.add(clip.toString());
    output(command.toArray(String[]::new));
    return clip;
  }

  /** Runs {@code command} to its end and returns what it printed; it must succeed. */
  private static String output(String... command) throws Exception {
    Process process = ChildProcesses.start(new ProcessBuilder(command).redirectErrorStream(true));
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
