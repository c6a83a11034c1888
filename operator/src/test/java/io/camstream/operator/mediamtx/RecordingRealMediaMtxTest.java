package io.camstream.operator.mediamtx;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.ReaderAccess;
import io.camstream.operator.api.spec.ReclaimPolicy;
import io.camstream.operator.api.spec.RecordingSpec;
import io.camstream.operator.desired.DesiredState;
import io.camstream.operator.desired.MediaMtxCredentials;
import io.camstream.operator.desired.OperatorDefaults;
import io.camstream.operator.desired.PasswordGenerator;
import io.camstream.operator.status.PlaybackUrl;
import io.camstream.operator.testing.CameraStreams;
import io.camstream.operator.testing.mediamtx.RealMediaMtx;
import io.camstream.operator.testing.mediamtx.TestPublisher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recording and playback on the real MediaMTX with the operator's configuration: where segments go, the playback
 * server at the URL the status shows, retention, and a camera removed from the spec, whose recordings stay listed
 * and served until retention deletes them.
 */
class RecordingRealMediaMtxTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** MediaMTX's cleaner runs every retention/2: 5 s here. */
  private static final String RETENTION = "10s";
  private static final String SEGMENT = "1s";
  private static final String SEGMENT_FILE = "\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}-\\d{6}\\.mp4";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final RealMediaMtx mediaMtx = RealMediaMtx.onFreePorts();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void segmentsPlaybackRetentionAndTheRecordingsOfARemovedCamera() throws Exception {
    CameraStream site = site();
    DesiredState desired = DesiredState.of(site, OperatorDefaults.standard(), java.util.Map.of(),
        PasswordGenerator.secureRandom());
    MediaMtxCredentials.User reader = desired.credentials().reader().orElseThrow();
    mediaMtx.start(desired);

    try (TestPublisher gate = TestPublisher.ffmpeg(mediaMtx.rtspUrl("gate"), desired.credentials().publisher())
        .start()) {
      await().atMost(TIMEOUT).until(() -> segments("gate").size() >= 3);
    }
    assertThat(segments("gate")).allSatisfy(file -> assertThat(file.getFileName().toString()).matches(SEGMENT_FILE))
        .allSatisfy(file -> assertThat(file.getParent()).isEqualTo(mediaMtx.recordingsDirectory().resolve("gate")));

    // the playback server at the URL the status shows, with the reader user
    String listUrl = PlaybackUrl.of(site, site.getSpec().getCameras().get(0)).orElseThrow();
    assertThat(listUrl).isEqualTo("http://site-mediamtx.ns.svc:9996/list?path=gate");
    HttpResponse<String> list = playback(URI.create(listUrl), reader);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode spans = JSON.readTree(list.body());
    assertThat(spans.size()).isPositive();
    assertThat(spans.get(0).has("start")).isTrue();
    HttpResponse<byte[]> mp4 = http.send(authorized(URI.create(spans.get(0).get("url").asText()), reader),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(mp4.statusCode()).isEqualTo(200);
    assertThat(new String(mp4.body(), 4, 4, StandardCharsets.US_ASCII)).as("an MP4").isEqualTo("ftyp");
    assertThat(http.send(HttpRequest.newBuilder(onPlaybackServer(URI.create(listUrl))).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).as("without the reader user").isEqualTo(401);

    // retention, for a camera of the spec: a segment older than it is deleted by MediaMTX's cleaner
    Path old = mediaMtx.recordingsDirectory().resolve("lobby").resolve("2020-01-01_00-00-00-000000.mp4");
    Files.createDirectories(old.getParent());
    Files.copy(segments("gate").get(0), old);

    // gate is removed from the spec: the file the kubelet refreshes no longer has its path
    site.getSpec().getCameras().removeIf(camera -> camera.getName().equals("gate"));
    mediaMtx.rewriteConfig(DesiredState.of(site, OperatorDefaults.standard(), desired.credentials()).mediaMtxYaml());
    assertThat(configuredPaths()).doesNotContain("gate");
    assertThat(playback(URI.create(listUrl), reader).statusCode()).as("still listed").isEqualTo(200);
    HttpResponse<byte[]> served = http.send(authorized(URI.create(spans.get(0).get("url").asText()), reader),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(served.statusCode()).as("still served").isEqualTo(200);
    assertThat(served.body()).as("the same recording").isEqualTo(mp4.body());
    assertThat(recordedPaths()).as("/v3/recordings/list").contains("gate");

    await().atMost(TIMEOUT).until(() -> !Files.exists(old));
    await().atMost(TIMEOUT).until(() -> segments("gate").isEmpty());
    assertThat(playback(URI.create(listUrl), reader).statusCode()).as("deleted after retention").isEqualTo(404);
    assertThat(recordedPaths()).doesNotContain("gate");
  }

  /** With {@code readers: public} recordings are as open as the live video: anyone lists and fetches them. */
  @Test
  void withPublicReadersAnyoneMayPlayBackAndNobodyMayPublishOnARemovedCamerasPath() throws Exception {
    CameraStream site = site();
    site.getSpec().getMediamtx().setReaders(ReaderAccess.PUBLIC);
    DesiredState desired = DesiredState.of(site, OperatorDefaults.standard(), java.util.Map.of(),
        PasswordGenerator.secureRandom());
    assertThat(desired.credentials().reader()).isEmpty();
    mediaMtx.start(desired);
    try (TestPublisher gate = TestPublisher.ffmpeg(mediaMtx.rtspUrl("gate"), desired.credentials().publisher())
        .start()) {
      await().atMost(TIMEOUT).until(() -> segments("gate").size() >= 2);
    }
    URI listUrl = onPlaybackServer(URI.create(PlaybackUrl.of(site, site.getSpec().getCameras().get(0))
        .orElseThrow()));
    HttpResponse<String> list = http.send(HttpRequest.newBuilder(listUrl).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).as("anonymous /list").isEqualTo(200);
    HttpResponse<byte[]> mp4 = http.send(HttpRequest.newBuilder(URI.create(JSON.readTree(list.body()).get(0).get("url")
        .asText())).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(mp4.statusCode()).as("anonymous /get").isEqualTo(200);

    // the path that keeps removed cameras' recordings takes no publisher, not even the operator's own
    try (TestPublisher ghost = TestPublisher.ffmpeg(mediaMtx.rtspUrl("ghost"), desired.credentials().publisher())
        .start()) {
      await().atMost(TIMEOUT).until(() -> !ghost.running());
    }
    assertThat(segments("ghost")).isEmpty();
  }

  private static CameraStream site() {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("gate"), testPattern("lobby"));
    RecordingSpec recording = CameraStreams.recording("1Gi", ReclaimPolicy.RETAIN);
    recording.setRetention(RETENTION);
    recording.setSegmentDuration(SEGMENT);
    site.getSpec().setRecording(recording);
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setReaders(ReaderAccess.AUTHENTICATED);
    site.getSpec().setMediamtx(mediamtx);
    return site;
  }

  private static List<Path> segments(String camera) throws IOException {
    Path directory = mediaMtx.recordingsDirectory().resolve(camera);
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".mp4")).sorted().toList();
    }
  }

  private HttpResponse<String> playback(URI statusUrl, MediaMtxCredentials.User reader) throws Exception {
    return http.send(authorized(onPlaybackServer(statusUrl), reader), HttpResponse.BodyHandlers.ofString());
  }

  /** The status URL's path and query on the test's playback server (the in-cluster host does not resolve here). */
  private static URI onPlaybackServer(URI statusUrl) {
    return URI.create(mediaMtx.playbackUrl() + statusUrl.getRawPath() + "?" + statusUrl.getRawQuery());
  }

  private static HttpRequest authorized(URI uri, MediaMtxCredentials.User user) {
    return HttpRequest.newBuilder(uri).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
        (user.username() + ":" + user.password()).getBytes(StandardCharsets.UTF_8))).build();
  }

  private static List<String> configuredPaths() {
    return names(mediaMtx.get("/v3/config/paths/list"));
  }

  private static List<String> recordedPaths() {
    return names(mediaMtx.get("/v3/recordings/list"));
  }

  private static List<String> names(JsonNode list) {
    return StreamSupport.stream(list.get("items").spliterator(), false).map(p -> p.get("name").asText()).toList();
  }
}
