package io.camstream.operator.webrtc;

import static io.camstream.operator.testing.CameraStreams.testPattern;
import static org.assertj.core.api.Assertions.assertThat;

import io.camstream.operator.api.CameraStream;
import io.camstream.operator.api.spec.IceServerSpec;
import io.camstream.operator.api.spec.MediaMtxSpec;
import io.camstream.operator.api.spec.SecretCredentialsRef;
import io.camstream.operator.testing.CameraStreams;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class IceServersTest {
  private static final String PASSWORD = "turn-Pass-7qK";

  @Test
  void stunAndTurnBecomeMediaMtxsIceServerEntries() {
    CameraStream site = site(ice("stun:stun.example.com:3478", null, null, null),
        ice("turn:turn.example.com:3478?transport=udp", "turn", null, true),
        ice("turns:turn.example.com:5349", "shared", "user", null));
    Secret turn = secret("turn", Map.of("username", "viewer", "password", PASSWORD));
    Secret shared = secret("shared", Map.of("user", "AUTH_SECRET", "password", "static-auth-secret"));
    IceServers.Resolution resolution = IceServers.resolve(site, labelled(turn, shared), name -> Optional.empty());

    assertThat(resolution.problems()).isEmpty();
    assertThat(resolution.servers()).extracting(IceServer::configEntry).containsExactly(
        Map.of("url", "stun:stun.example.com:3478", "clientOnly", false),
        Map.of("url", "turn:turn.example.com:3478?transport=udp", "username", "viewer", "password", PASSWORD,
            "clientOnly", true),
        Map.of("url", "turns:turn.example.com:5349", "username", "AUTH_SECRET", "password", "static-auth-secret",
            "clientOnly", false));
    assertThat(resolution.servers().toString()).doesNotContain(PASSWORD, "static-auth-secret");
    assertThat(WebRtcSettings.of(site, ObservedNetwork.NONE, resolution.servers()).toString())
        .doesNotContain(PASSWORD);
  }

  @Test
  void aMissingUnlabelledOrIncompleteSecretIsAProblemNamingTheFieldNeverAValue() {
    CameraStream site = site(ice("stun:stun.example.com", null, null, null), ice("turn:turn.example.com", "turn",
        null, null));
    Secret unlabelled = secret("turn", Map.of("username", "viewer", "password", PASSWORD));

    assertThat(IceServers.resolve(site, name -> Optional.empty(), name -> Optional.empty()).problems()).singleElement()
        .satisfies(p -> {
          assertThat(p.reason()).isEqualTo("SecretNotFound");
          assertThat(p.message()).contains("spec.mediamtx.iceServers[1].credentialsSecretRef.name", "\"turn\"");
        });
    assertThat(IceServers.resolve(site, name -> Optional.empty(), name -> Optional.of(unlabelled)).problems()).singleElement()
        .satisfies(p -> {
          assertThat(p.reason()).isEqualTo("SecretNotLabelled");
          assertThat(p.message()).contains("kubectl label secret turn -n ns camstream.io/camera-credentials=true")
              .doesNotContain(PASSWORD);
        });
    assertThat(IceServers.resolve(site, labelled(secret("turn", Map.of("username", "viewer"))),
        name -> Optional.empty()).problems()).singleElement().satisfies(p -> {
          assertThat(p.reason()).isEqualTo("SecretKeyNotFound");
          assertThat(p.message()).contains("iceServers[1].credentialsSecretRef.passwordKey", "\"password\"");
        });
    assertThat(IceServers.resolve(site, labelled(secret("turn", Map.of("username", "viewer", "password", ""))),
        name -> Optional.empty()).problems()).singleElement().satisfies(p -> {
          assertThat(p.reason()).isEqualTo("InvalidCredentials");
          assertThat(p.message()).contains("iceServers[1].credentialsSecretRef.passwordKey");
        });
    assertThat(IceServers.resolve(site, name -> Optional.empty(), name -> Optional.empty()).servers()).isEmpty();
  }

  @Test
  void secretNamesAreListedOnce() {
    CameraStream site = site(ice("turn:a", "turn", null, null), ice("turns:a", "turn", null, null),
        ice("stun:b", null, null, null), ice("turn:c", "other", null, null));
    assertThat(IceServers.secretNames(site)).containsExactly("turn", "other");
  }

  static CameraStream site(IceServerSpec... servers) {
    CameraStream site = CameraStreams.of("ns", "site", testPattern("lobby"));
    MediaMtxSpec mediamtx = new MediaMtxSpec();
    mediamtx.setIceServers(List.of(servers));
    site.getSpec().setMediamtx(mediamtx);
    return site;
  }

  static IceServerSpec ice(String url, String secret, String usernameKey, Boolean clientOnly) {
    IceServerSpec server = new IceServerSpec();
    server.setUrl(url);
    server.setClientOnly(clientOnly);
    if (secret != null) {
      SecretCredentialsRef ref = new SecretCredentialsRef();
      ref.setName(secret);
      if (usernameKey != null) {
        ref.setUsernameKey(usernameKey);
      }
      server.setCredentialsSecretRef(ref);
    }
    return server;
  }

  private static Secret secret(String name, Map<String, String> data) {
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata()
        .withStringData(data).build();
  }

  private static Function<String, Optional<Secret>> labelled(Secret... secrets) {
    return name -> List.of(secrets).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst();
  }
}
