package io.camstream.operator.mediamtx.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.mediamtx.fake.FakeMediaMtxApi;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MediaMtxApiClientTest {
  private static final ApiCredentials OPERATOR = new ApiCredentials("camstream-operator", "s3cr3t-Pa55");

  private FakeMediaMtxApi api;
  private final MediaMtxApiClient client = new MediaMtxApiClient(Duration.ofMillis(500), Duration.ofMillis(3000));

  @BeforeEach
  void start() throws Exception {
    api = FakeMediaMtxApi.start(OPERATOR.username(), OPERATOR.password());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void readsTheCurrentFieldsOfEveryPath() {
    Instant before = Instant.now();
    api.publish("lobby");
    api.readers("lobby", 2);
    api.addBytes("lobby", 5_000);
    api.alwaysAvailable("dock");

    PathsListResult result = client.listPaths(api.baseUri(), OPERATOR);

    assertThat(result).isInstanceOf(PathsListResult.Listed.class);
    List<Path> paths = ((PathsListResult.Listed) result).paths();
    assertThat(paths).extracting(Path::name).containsExactly("dock", "lobby");
    Path lobby = paths.get(1);
    assertThat(lobby.isOnline()).isTrue();
    assertThat(lobby.isAvailable()).isTrue();
    assertThat(Instant.parse(lobby.onlineTime())).isBetween(before.minusSeconds(1), Instant.now());
    assertThat(lobby.inboundBytes()).isGreaterThanOrEqualTo(5_000);
    assertThat(lobby.readers()).hasSize(2);
    assertThat(lobby.tracks2()).singleElement().satisfies(track -> {
      assertThat(track.codec()).isEqualTo("H264");
      assertThat(track.isVideo()).isTrue();
      assertThat(track.codecProps().width()).isEqualTo(1280);
      assertThat(track.codecProps().height()).isEqualTo(720);
    });
    Path dock = paths.get(0);
    assertThat(dock.isOnline()).as("always-available offline path").isFalse();
    assertThat(dock.isAvailable()).isTrue();
    assertThat(dock.onlineTime()).isNull();
  }

  @Test
  void followsEveryPageOnceEach() {
    for (int i = 0; i < 250; i++) {
      api.publish(String.format("cam-%03d", i));
    }

    PathsListResult result = client.listPaths(api.baseUri(), OPERATOR);

    assertThat(((PathsListResult.Listed) result).paths()).extracting(Path::name).hasSize(250).doesNotHaveDuplicates()
        .contains("cam-000", "cam-099", "cam-100", "cam-249");
    assertThat(api.listRequests()).isEqualTo(3);
  }

  @Test
  void anEmptyServerIsOneRequest() {
    assertThat(client.listPaths(api.baseUri(), OPERATOR)).isEqualTo(new PathsListResult.Listed(List.of()));
    assertThat(api.listRequests()).isEqualTo(1);
  }

  @Test
  void wrongPasswordIsUnauthorizedAndNeverEchoed() {
    ApiCredentials wrong = new ApiCredentials(OPERATOR.username(), "not-the-Pa55word");

    PathsListResult result = client.listPaths(api.baseUri(), wrong);

    assertThat(result).isInstanceOf(PathsListResult.Unauthorized.class);
    assertThat(result.toString()).contains("401").doesNotContain("not-the-Pa55word").doesNotContain(
        OPERATOR.password());
    assertThat(wrong.toString()).doesNotContain("not-the-Pa55word");
  }

  @Test
  void unauthorizedSurvivesMediaMtxsTwoSecondPauseOnWrongCredentials() {
    api.wrongCredentialsDelay(Duration.ofMillis(2000));
    MediaMtxApiClient production = new MediaMtxApiClient();

    assertThat(production.listPaths(api.baseUri(), new ApiCredentials("camstream-operator", "wrong")))
        .isInstanceOf(PathsListResult.Unauthorized.class);
  }

  @Test
  void refusedConnectionIsUnreachable() {
    URI base = api.baseUri();
    api.down();

    PathsListResult result = client.listPaths(base, OPERATOR);

    assertThat(result).isInstanceOf(PathsListResult.Unreachable.class);
    assertThat(((PathsListResult.Unreachable) result).detail()).contains("refused").contains("127.0.0.1");
  }

  @Test
  void aServerThatDoesNotAnswerInTimeIsUnreachable() {
    api.answerDelay(Duration.ofMillis(1500));
    MediaMtxApiClient impatient = new MediaMtxApiClient(Duration.ofMillis(500), Duration.ofMillis(300));

    PathsListResult result = impatient.listPaths(api.baseUri(), OPERATOR);

    assertThat(result).isInstanceOf(PathsListResult.Unreachable.class);
    assertThat(((PathsListResult.Unreachable) result).detail()).contains("did not answer within 300 ms");
  }

  @Test
  void anUnknownHostIsUnreachable() {
    PathsListResult result = client.listPaths(URI.create("http://no-such-host.invalid:9997"), OPERATOR);

    assertThat(result).isInstanceOf(PathsListResult.Unreachable.class);
  }

  @Test
  void aUrlThatIsNotTheV3ApiIsNotFound() {
    PathsListResult result = client.listPaths(URI.create(api.baseUri() + "/mediamtx"), OPERATOR);

    assertThat(result).isInstanceOf(PathsListResult.NotFound.class);
    assertThat(((PathsListResult.NotFound) result).detail()).contains("404");
  }

  @Test
  void serverErrorsAreTypedWithMediaMtxsOwnMessage() {
    api.failWith(500);

    PathsListResult result = client.listPaths(api.baseUri(), OPERATOR);

    assertThat(result).isEqualTo(new PathsListResult.ServerError(500,
        "GET /v3/paths/list answered 500: forced failure"));
  }

  @Test
  void otherStatusesAreUnexpected() {
    api.failWith(400);

    assertThat(client.listPaths(api.baseUri(), OPERATOR)).isInstanceOf(PathsListResult.UnexpectedResponse.class);
  }

  @Test
  void pageUriKeepsTheBasePathAndIgnoresTrailingSlashes() {
    assertThat(MediaMtxApiClient.pageUri(URI.create("http://site-mediamtx.ns.svc:9997/"), 2))
        .hasToString("http://site-mediamtx.ns.svc:9997/v3/paths/list?page=2&itemsPerPage=100");
  }
}
