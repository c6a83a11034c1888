package io.camstream.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WhepPathTest {
  private static final String SESSION = "0f7e0f7e-1a2b-4c3d-8e9f-0123456789ab";

  @Test
  void anEndpointAndItsSessions() {
    WhepPath endpoint = WhepPath.parse("/whep/cameras/site/lobby").orElseThrow();
    assertThat(endpoint).isEqualTo(new WhepPath("cameras", "site", "lobby", null));
    assertThat(endpoint.upstreamPath()).isEqualTo("/lobby/whep");
    WhepPath session = WhepPath.parse("/whep/cameras/site/lobby/" + SESSION).orElseThrow();
    assertThat(session.session()).isEqualTo(SESSION);
    assertThat(session.upstreamPath()).isEqualTo("/lobby/whep/" + SESSION);
    assertThat(WhepProxy.allowed(endpoint)).isEqualTo("OPTIONS, POST");
    assertThat(WhepProxy.allowed(session)).isEqualTo("PATCH, DELETE");
  }

  @Test
  void nothingElseIsAWhepPath() {
    for (String path : List.of("/whep/cameras/site", "/whep/cameras/site/lobby/", "/whep/cameras/site/lobby/x",
        "/whep/cameras/site/lobby/" + SESSION + "/more", "/whep/Cameras/site/lobby", "/whep/cameras/site/../lobby",
        "/whep/cameras/site/%6cobby", "/hls/cameras/site/lobby", "/whep/cameras/1site/lobby",
        "/whep/cameras/site/lobby/" + SESSION.toUpperCase())) {
      assertThat(WhepPath.parse(path)).as(path).isEmpty();
    }
    assertThat(WhepPath.parse(null)).isEmpty();
  }

  @Test
  void mediaMtxsSessionLocationBecomesOneUnderTheWallsEndpoint() {
    WhepPath endpoint = WhepPath.parse("/whep/cameras/site/lobby").orElseThrow();
    assertThat(endpoint.sessionLocation("/lobby/whep/" + SESSION)).contains("lobby/" + SESSION);
    assertThat(endpoint.sessionLocation("/lobby/whep/" + SESSION + "?token=x")).contains("lobby/" + SESSION);
    assertThat(endpoint.sessionLocation("/garage/whep/" + SESSION)).isEmpty();
    assertThat(endpoint.sessionLocation("http://elsewhere/lobby/whep/" + SESSION)).isEmpty();
    assertThat(endpoint.sessionLocation("/lobby/whep/../../x")).isEmpty();
    assertThat(endpoint.sessionLocation(null)).isEmpty();
  }

  @Test
  void onlyIceServerLinksPass() {
    assertThat(WhepProxy.iceServer("<turn:t.example.com:3478?transport=tcp>; rel=\"ice-server\"; username=\"u\"; "
        + "credential=\"p\"; credential-type=\"password\"")).isTrue();
    assertThat(WhepProxy.iceServer("<stun:s.example.com>;rel=\"ice-server\"")).isTrue();
    assertThat(WhepProxy.iceServer("<https://elsewhere.example>; rel=\"preconnect\"")).isFalse();
    assertThat(WhepProxy.iceServer(null)).isFalse();
  }

  @Test
  void mediaMtxAnswersPassWhereTheyMeanTheSameToTheViewer() {
    assertThat(List.of(200, 201, 204, 400, 404, 415)).allMatch(status -> WhepProxy.status(status) == status);
    assertThat(List.of(301, 302, 401, 403, 500, 503)).allMatch(status -> WhepProxy.status(status) == 502);
    assertThat(List.of(200, 400, 404)).allMatch(status -> HlsProxy.status(status) == status);
    assertThat(List.of(302, 401, 403, 500)).allMatch(status -> HlsProxy.status(status) == 502);
  }
}
